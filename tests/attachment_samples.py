"""Files for the attachment tests, made here: photos with a witness's GPS position and
device, PDFs (plain, many pages, with scripts), a decompression bomb and a renamed program."""

from __future__ import annotations

import io
import struct
import zlib

import fpdf
import pypdf
from PIL import Image
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

GPS = {1: "N", 2: (50.0, 27.0, 0.36), 3: "E", 4: (30.0, 31.0, 24.0)}  # Kyiv, 50.4501, 30.5233
PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 50 + b"PE\x00\x00" + b"\x00" * 200


def jpeg(width: int = 640, height: int = 480, *, gps: bool = True, orientation: int = 1) -> bytes:
    """A JPEG photo; with `gps`, EXIF with the position, the camera's make, model and serial."""
    image = Image.new("RGB", (width, height))
    image.paste((200, 40, 40), (0, 0, width // 2, height))  # two halves: orientation shows
    image.paste((40, 40, 200), (width // 2, 0, width, height))
    exif = Image.Exif()
    exif[0x0112] = orientation
    if gps:
        exif[0x010F] = "Canon"
        exif[0x0110] = "EOS 5D Mark IV"
        exif[0x8825] = GPS
        exif.get_ifd(0x8769)[0xA431] = "SN-0042"
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, exif=exif.tobytes())
    return out.getvalue()


def png(width: int = 64, height: int = 48) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (width, height), (10, 120, 30, 200)).save(out, "PNG")
    return out.getvalue()


def pdf(pages: int = 1, *, author: str = "Halyna P.") -> bytes:
    document = fpdf.FPDF()
    document.set_author(author)
    for number in range(1, pages + 1):
        document.add_page()
        document.set_font("helvetica", size=24)
        document.cell(text=f"Page {number} of a report")
    return bytes(document.output())


def pdf_with_script() -> bytes:
    """A PDF whose OpenAction runs JavaScript when a reader opens it."""
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(pdf(2))))
    action = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.launchURL('http://198.51.100.7/x');"),
        }
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def bomb_png(side: int = 30_000) -> bytes:
    """A PNG that says it is side x side pixels (900 megapixels at 30,000) in a few bytes."""
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * (side + 1) * 4)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", rows)
        + _chunk(b"IEND", b"")
    )
