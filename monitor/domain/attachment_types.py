"""What a stored file really is, and the copies of it that may be shown or handed out.

Pure: bytes in, values and bytes out. The type is read from the content (the `filetype`
signatures, then Pillow or pdfium must open it), never from the name; the name is only
compared with it. Following the Berkeley Protocol, the stored original is never changed:
a preview is a new image drawn on the server (Pillow re-encodes an image, pdfium renders a
PDF's first pages to PNG), and a copy that leaves the system is a working copy with the
metadata that could reveal a witness removed (EXIF with its GPS position and device, XMP,
PNG text, a PDF's document information and scripts, an office file's author).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import PurePath
from typing import Any

import filetype
import pypdf
import pypdfium2
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf.generic import DictionaryObject, NameObject

PREVIEW_PAGES = 3  # a PDF's first pages drawn on the server
PREVIEW_WIDTH = 1000  # pixels across a rendered page or a previewed image
PREVIEW_PIXELS = 4_000_000  # the most a rendered page may hold, whatever its paper size
TEXT_PREVIEW_CHARS = 20_000
# Pillow's own bound (about 89 million pixels) is where it warns; it refuses at twice that.
# Here the warning bound is a refusal already, before a single pixel is decoded.
MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS or 89_478_485


class Kind(StrEnum):
    """How a file may be opened in the entry panel."""

    IMAGE = "image"  # previewed as a re-encoded image
    PDF = "pdf"  # first pages rendered to PNG
    TEXT = "text"  # shown as inert text
    DOCUMENT = "document"  # an office file: download only
    EXECUTABLE = "executable"  # a program: never offered as what its name says
    OTHER = "other"  # anything else: download only


# the media types we know, with the names a file of that type may have
SUFFIXES: dict[str, tuple[str, ...]] = {
    "application/pdf": (".pdf",),
    "image/png": (".png",),
    "image/jpeg": (".jpg", ".jpeg"),
    "image/webp": (".webp",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (".docx",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (".xlsx",),
    "application/vnd.oasis.opendocument.text": (".odt",),
    "text/plain": (".txt", ".csv", ".md"),
}
IMAGES = ("image/png", "image/jpeg", "image/webp")
DOCUMENTS = tuple(m for m in SUFFIXES if m.startswith("application/vnd."))
TEXTS = ("text/plain",)
# signatures of programs, beside those `filetype` knows (PE "MZ", ELF): Mach-O, fat binaries,
# Java classes (the same magic), scripts with a #! line are text and shown inert
_PROGRAM_MAGIC = (
    b"MZ",
    b"\x7fELF",
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
)
_PROGRAM_TYPES = {"application/x-msdownload", "application/x-executable", "application/wasm"}


class Refused(Exception):
    """A file that cannot be opened safely; `key` names the reason in the catalogue."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass(frozen=True)
class Detected:
    """The type the bytes are, and whether the name agrees."""

    media_type: str | None  # None: nothing we recognise
    kind: Kind
    name_matches: bool

    @property
    def named_as(self) -> str:
        """What a file of this type is usually named (`.jpg`), for the mismatch message."""
        if self.media_type in SUFFIXES:
            return SUFFIXES[self.media_type][0]
        return "?"


def _content_type(data: bytes) -> str | None:
    """The media type from the bytes alone."""
    head = data[:8192]
    if head.startswith(_PROGRAM_MAGIC):
        return "application/x-executable"
    guessed = filetype.guess(head)
    if guessed is not None:
        mime = str(guessed.mime)
        return "application/x-executable" if mime in _PROGRAM_TYPES else mime
    if b"\x00" in data:
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "text/plain"


def detect(filename: str, data: bytes) -> Detected:
    """The file's type from its content; the name is only checked against it."""
    media_type = _content_type(data)
    suffix = PurePath(filename).suffix.lower()
    matches = media_type in SUFFIXES and suffix in SUFFIXES[media_type]
    if media_type == "application/x-executable":
        kind = Kind.EXECUTABLE
    elif media_type in IMAGES:
        kind = Kind.IMAGE
    elif media_type == "application/pdf":
        kind = Kind.PDF
    elif media_type in TEXTS:
        kind = Kind.TEXT
    elif media_type in DOCUMENTS:
        kind = Kind.DOCUMENT
    else:
        kind = Kind.OTHER
    return Detected(media_type, kind, matches)


# -- images ------------------------------------------------------------------------------------


def _open_image(data: bytes) -> Image.Image:
    """The image, its size checked before any pixel is decoded (a decompression bomb is
    refused, not drawn); anything Pillow cannot read is refused too."""
    try:
        image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as exc:
        raise Refused("attachment.bomb", max_mp=MAX_IMAGE_PIXELS // 1_000_000) from exc
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise Refused("attachment.unreadable", reason=type(exc).__name__) from exc
    width, height = image.size
    if width * height > MAX_IMAGE_PIXELS:
        raise Refused("attachment.bomb", max_mp=MAX_IMAGE_PIXELS // 1_000_000)
    return image


def _decoded(image: Image.Image) -> Image.Image:
    try:
        image.load()
    except Image.DecompressionBombError as exc:
        raise Refused("attachment.bomb", max_mp=MAX_IMAGE_PIXELS // 1_000_000) from exc
    except (OSError, ValueError, SyntaxError) as exc:
        raise Refused("attachment.unreadable", reason=type(exc).__name__) from exc
    return image


def preview_image(data: bytes, *, width: int = PREVIEW_WIDTH) -> tuple[bytes, str]:
    """A clean image for the browser: turned upright, made smaller, re-encoded with no
    metadata (JPEG for photos, PNG where there is transparency); its bytes and media type."""
    image = _open_image(data)
    # a JPEG is decoded at the smallest fraction (1/2, 1/4, 1/8) still `width` across once
    # turned upright: a quarter of the pixels of a 12-megapixel photo, decoded 3 to 4 times faster
    turned = image.getexif().get(0x0112, 1) in (5, 6, 7, 8)
    image.draft("RGB", (1, width) if turned else (width, 1))
    shown = ImageOps.exif_transpose(_decoded(image))
    shown.thumbnail((width, width * 4))
    out = io.BytesIO()
    if shown.mode in ("RGBA", "LA", "P", "PA"):
        shown.convert("RGBA").save(out, "PNG")
        return out.getvalue(), "image/png"
    shown.convert("RGB").save(out, "JPEG", quality=85)
    return out.getvalue(), "image/jpeg"


_GPS, _EXIF_IFD = 0x8825, 0x8769
_DEVICE_TAGS = {0x010F: "make", 0x0110: "model", 0x0131: "software", 0x013B: "artist"}
_EXIF_TAGS = {0xA431: "serial", 0xA434: "lens", 0xA430: "owner", 0x9003: "taken"}


def _degrees(value: Any, ref: Any) -> float | None:
    try:
        d, m, s = (float(v) for v in value)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    sign = -1 if str(ref).strip().upper() in ("S", "W") else 1
    return sign * (d + m / 60 + s / 3600)


def image_metadata(data: bytes) -> dict[str, str]:
    """What in an image could reveal a witness: the GPS position, the device, its owner."""
    image = _open_image(data)
    found: dict[str, str] = {}
    exif = image.getexif()
    gps = exif.get_ifd(_GPS)
    if gps:
        lat, lon = _degrees(gps.get(2), gps.get(1)), _degrees(gps.get(4), gps.get(3))
        found["gps"] = f"{lat:.6f}, {lon:.6f}" if lat is not None and lon is not None else "?"
    for tag, name in _DEVICE_TAGS.items():
        if exif.get(tag):
            found[name] = str(exif[tag]).strip("\x00 ")[:80]
    details = exif.get_ifd(_EXIF_IFD)
    for tag, name in _EXIF_TAGS.items():
        if details.get(tag):
            found[name] = str(details[tag]).strip("\x00 ")[:80]
    if "xmp" in image.info or "XML:com.adobe.xmp" in image.info:
        found["xmp"] = "XMP"
    return found


def _image_copy(data: bytes, media_type: str) -> bytes:
    """The same picture with no metadata: a JPEG keeps its quantisation (quality "keep") and
    only its orientation, a PNG its pixels exactly, a WebP is re-encoded at quality 95."""
    image = _decoded(_open_image(data))
    out = io.BytesIO()
    icc = image.info.get("icc_profile")
    extra: dict[str, Any] = {"icc_profile": icc} if icc else {}
    if media_type == "image/jpeg":
        kept = Image.Exif()
        orientation = image.getexif().get(0x0112)
        if orientation:
            kept[0x0112] = orientation
        image.save(out, "JPEG", quality="keep", subsampling="keep", exif=kept.tobytes(), **extra)
    elif media_type == "image/png":
        image.save(out, "PNG", **extra)
    else:
        image.save(out, "WEBP", quality=95, **extra)
    return out.getvalue()


# -- PDF ---------------------------------------------------------------------------------------

# in the raw bytes (an object stream hides them from this, the walk below finds them there)
_ACTION_PATTERN = re.compile(rb"/(JavaScript|JS|AA|Launch|XFA|RichMedia)(?![A-Za-z])")
_SAFE_ACTIONS = ("/GoTo", "/Thread")  # moving to a place in the same file runs nothing


def _reader(data: bytes) -> pypdf.PdfReader:
    try:
        return pypdf.PdfReader(io.BytesIO(data))
    except (pypdf.errors.PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise Refused("attachment.unreadable", reason=type(exc).__name__) from exc


def _actions_in(value: Any, depth: int = 0) -> bool:
    """Whether a PDF object holds a script or an automatic action, looked for through the
    objects it points to (bounded: a PDF can point in circles)."""
    if depth > 12:
        return False
    try:
        value = value.get_object()
    except (AttributeError, pypdf.errors.PyPdfError, ValueError, KeyError, RecursionError):
        return False
    if isinstance(value, DictionaryObject):
        if any(k in value for k in ("/JS", "/JavaScript", "/AA", "/XFA")):
            return True
        if _runs_something(value.get("/OpenAction")):
            return True
        if value.get("/S") in ("/JavaScript", "/Launch", "/ImportData", "/SubmitForm"):
            return True
        return any(_actions_in(v, depth + 1) for k, v in value.items() if k != "/Parent")
    if isinstance(value, list):
        return any(_actions_in(v, depth + 1) for v in value)
    return False


def _runs_something(action: Any) -> bool:
    """An OpenAction that is an action other than going to a page (a destination array, as
    most writers put there to open at the first page, runs nothing)."""
    if action is None:
        return False
    try:
        action = action.get_object()
    except (AttributeError, pypdf.errors.PyPdfError, ValueError, KeyError):
        return True
    return isinstance(action, DictionaryObject) and action.get("/S") not in _SAFE_ACTIONS


def pdf_scripts(data: bytes) -> bool:
    """Whether a PDF carries JavaScript or actions that run on opening (OpenAction, AA,
    Launch, XFA forms): read with pypdf through its objects, and in the raw bytes as well."""
    if _ACTION_PATTERN.search(data):
        return True
    reader = _reader(data)
    try:
        root = reader.trailer["/Root"]
        if _actions_in(root):
            return True
        return any(_actions_in(page) for page in reader.pages)
    except (pypdf.errors.PyPdfError, ValueError, KeyError, TypeError, RecursionError):
        return True  # a PDF we cannot walk is treated as one that may carry scripts


def pdf_scripts_or_unknown(data: bytes) -> bool:
    """`pdf_scripts`, and True for a PDF pypdf cannot read (what it may run is unknown)."""
    try:
        return pdf_scripts(data)
    except Refused:
        return True


def pdf_metadata(data: bytes) -> dict[str, str]:
    """A PDF's document information that names people or tools (author, creator, producer)."""
    try:
        info: Any = _reader(data).metadata or {}
    except (pypdf.errors.PyPdfError, ValueError, KeyError, TypeError):
        return {}
    found = {}
    for key, name in (("/Author", "author"), ("/Creator", "creator"), ("/Producer", "producer")):
        value = info.get(key)
        if value:
            found[name] = str(value)[:80]
    return found


@dataclass(frozen=True)
class Pages:
    """The first pages of a PDF drawn as PNG, and how many pages it has."""

    images: list[bytes] = field(default_factory=list)
    total: int = 0


def preview_pdf(data: bytes, *, pages: int = PREVIEW_PAGES, width: int = PREVIEW_WIDTH) -> Pages:
    """The first pages rendered on the server by pdfium, as PNG: pictures of the pages, so
    nothing in the PDF (scripts, links, forms) reaches the browser. A huge page is drawn at a
    scale that keeps it under PREVIEW_PIXELS."""
    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        raise Refused("attachment.unreadable", reason=type(exc).__name__) from exc
    try:
        total = len(document)
        images = []
        for index in range(min(total, pages)):
            page = document[index]
            page_width, page_height = page.get_size()
            scale = width / max(page_width, 1.0)
            area = page_width * page_height * scale * scale
            if area > PREVIEW_PIXELS:
                scale *= (PREVIEW_PIXELS / area) ** 0.5
            bitmap = page.render(scale=scale, may_draw_forms=False)
            out = io.BytesIO()
            bitmap.to_pil().save(out, "PNG", compress_level=1)  # 2x faster, about as small
            images.append(out.getvalue())
            bitmap.close()
            page.close()
        return Pages(images, total)
    except pypdfium2.PdfiumError as exc:
        raise Refused("attachment.unreadable", reason=type(exc).__name__) from exc
    finally:
        document.close()


def _pdf_copy(data: bytes) -> bytes:
    """The PDF's pages only, in a new file: the catalogue's scripts, automatic actions,
    forms, document information and XMP stay behind (only what the pages reach is copied),
    and the pages lose their own actions and the annotations that act (links, widgets)."""
    reader = _reader(data)
    writer = pypdf.PdfWriter()
    try:
        for page in reader.pages:
            copied = writer.add_page(page)
            copied.pop(NameObject("/AA"), None)
        writer.remove_annotations(subtypes=("/Link", "/Widget", "/Screen", "/RichMedia"))
        writer.metadata = None
        out = io.BytesIO()
        writer.write(out)
    except (pypdf.errors.PyPdfError, ValueError, KeyError, TypeError, RecursionError) as exc:
        raise Refused("attachment.unreadable", reason=type(exc).__name__) from exc
    return out.getvalue()


# -- office files and the working copy ---------------------------------------------------------

_EMPTY_CORE = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties '
    b'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"/>'
)
_EMPTY_ODF_META = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta '
    b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.2">'
    b"<office:meta/></office:document-meta>"
)
_PACKAGE_METADATA = {"docProps/core.xml": _EMPTY_CORE, "meta.xml": _EMPTY_ODF_META}


def _package_copy(data: bytes) -> bytes:
    """An office file with its author, editors and dates replaced by an empty record."""
    out = io.BytesIO()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as copy:
            for info in source.infolist():
                body = _PACKAGE_METADATA.get(info.filename)
                copy.writestr(info, body if body is not None else source.read(info))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise Refused("attachment.unreadable", reason=type(exc).__name__) from exc
    return out.getvalue()


def revealing_metadata(detected: Detected, data: bytes) -> dict[str, str]:
    """What the file carries that could reveal a witness or its maker ({} when nothing)."""
    if detected.kind is Kind.IMAGE:
        return image_metadata(data)
    if detected.kind is Kind.PDF:
        return pdf_metadata(data)
    return {}


_COPIERS: dict[Kind, Callable[[bytes, str], bytes]] = {
    Kind.IMAGE: _image_copy,
    Kind.PDF: lambda data, _media: _pdf_copy(data),
    Kind.DOCUMENT: lambda data, _media: _package_copy(data),
}


def working_copy(detected: Detected, data: bytes) -> bytes:
    """The copy that may leave the system: metadata (and a PDF's scripts) removed; plain text
    and unknown types as they are (they carry no metadata we can remove)."""
    copier = _COPIERS.get(detected.kind)
    if copier is None or detected.media_type is None:
        return data
    return copier(data, detected.media_type)
