"""Opening attachments: the preview of a 20-page PDF and of a 12-megapixel JPEG, and the cost
of checking a 50 MB file's SHA-256 on every read. Prints JSON (medians, seconds).

Each figure comes with a floor measured in the same run, so the ratio survives a busy machine:
the JPEG's preview against Pillow decoding it in full; the PDF's against the same pages drawn
by pdfium and PNG-encoded by Pillow by hand (at its default level); the hash-on-read against
reading the bytes without hashing them. The whole open (`attachments.open_attachment`: read,
hash, type, preview, custody event on SQLite) and a working copy's download are timed too.

    python bench/attachments.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
from datetime import date
from pathlib import Path

import fpdf
import pypdfium2
from PIL import Image
from sqlalchemy.engine import Engine

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import loaded_database, timed
from monitor.core import files
from monitor.core.db import session_scope
from monitor.core.models import Direction, Evidence, Reliability, Role, SourceType
from monitor.core.permissions import Actor
from monitor.domain import attachment_types
from monitor.services import attachments
from monitor.services.accounts import get_or_create_user


def _picture(width: int, height: int) -> Image.Image:
    """Something that packs like a photo: smooth gradients with a camera's grain on them."""
    across = Image.linear_gradient("L").resize((width, height))
    down = Image.linear_gradient("L").transpose(Image.Transpose.ROTATE_90).resize((width, height))
    grain = Image.effect_noise((width, height), 30)
    smooth = Image.merge("RGB", (across, down, Image.blend(across, down, 0.5)))
    return Image.blend(smooth, Image.merge("RGB", (grain, grain, grain)), 0.15)


def photo(width: int = 4000, height: int = 3000) -> bytes:
    """A 12-megapixel JPEG photo."""
    out = io.BytesIO()
    _picture(width, height).save(out, "JPEG", quality=90)
    return out.getvalue()


def report(pages: int = 20) -> bytes:
    """A 20-page PDF of text with a photo on each page, as a report with pictures has."""
    picture = io.BytesIO()
    _picture(1200, 800).save(picture, "JPEG", quality=85)
    document = fpdf.FPDF()
    for number in range(1, pages + 1):
        document.add_page()
        document.set_font("helvetica", size=11)
        document.multi_cell(0, 6, text=f"Page {number}. " + "Testimony of a witness. " * 60)
        document.image(io.BytesIO(picture.getvalue()), x=20, y=150, w=170)
    return bytes(document.output())


def _entry(engine: Engine, folder: Path, name: str, data: bytes) -> tuple[Actor, int]:
    with session_scope(engine) as session:
        actor = Actor.of(get_or_create_user(session=session, username="bench", role=Role.EDITOR))
        entry = Evidence(
            uid=f"bench-{name}",
            title="bench",
            description="",
            event_start=date(2025, 1, 1),
            region_code="crimea",
            source_type=SourceType.NGO_REPORT,
            reliability=Reliability.B,
            credibility=2,
            direction=Direction.NEUTRAL,
            created_by=actor.id,
            updated_by=actor.id,
        )
        session.add(entry)
        session.flush()
        assert entry.id is not None
        row = attachments.attach(
            session=session,
            actor=actor,
            evidence_id=entry.id,
            filename=name,
            data=data,
            folder=folder,
            max_bytes=len(data) + 1,
        )
        assert row.id is not None
        return actor, row.id


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    repeat = parser.parse_args().repeat
    work = Path(tempfile.mkdtemp(prefix="monitor-bench-attachments-"))
    _url, engine = loaded_database(0, work)  # the reference data (regions), no entries
    folder = work / "attachments"
    jpeg, pdf = photo(), report()

    def decode_jpeg() -> None:
        Image.open(io.BytesIO(jpeg)).load()

    def pages_by_hand(encode: bool) -> None:
        """The same first pages drawn by pdfium directly (and PNG-encoded at Pillow's default)."""
        document = pypdfium2.PdfDocument(pdf)
        for index in range(attachment_types.PREVIEW_PAGES):
            page = document[index]
            image = page.render(scale=attachment_types.PREVIEW_WIDTH / page.get_size()[0])
            if encode:
                image.to_pil().save(io.BytesIO(), "PNG")
        document.close()

    jpeg_floor = timed(decode_jpeg, repeat)
    jpeg_preview = timed(lambda: attachment_types.preview_image(jpeg), repeat)
    pdf_floor = timed(lambda: pages_by_hand(encode=True), repeat)
    pdf_render_only = timed(lambda: pages_by_hand(encode=False), repeat)
    pdf_preview = timed(lambda: attachment_types.preview_pdf(pdf), repeat)
    actor, photo_id = _entry(engine, folder, "photo.jpg", jpeg)
    _actor, report_id = _entry(engine, folder, "report.pdf", pdf)
    jpeg_open = timed(
        lambda: attachments.open_attachment(
            engine=engine, actor=actor, attachment_id=photo_id, folder=folder
        ),
        repeat,
    )
    pdf_open = timed(
        lambda: attachments.open_attachment(
            engine=engine, actor=actor, attachment_id=report_id, folder=folder
        ),
        repeat,
    )
    jpeg_copy = timed(
        lambda: attachments.download_attachment(
            engine=engine, actor=actor, attachment_id=photo_id, folder=folder
        ),
        repeat,
    )

    big = work / "big.bin"
    big.write_bytes(bytes(range(256)) * (50 * 2**20 // 256))
    digest = files.sha256(big.read_bytes())
    read_only = timed(big.read_bytes, repeat)
    read_hashed = timed(lambda: attachments.read_checked(big), repeat)
    assert attachments.read_checked(big)[1] == digest
    engine.dispose()
    print(
        json.dumps(
            {
                "machine": "2 cores, shared with other work while measured",
                "repeat": repeat,
                "jpeg_12_megapixel": {
                    "bytes": len(jpeg),
                    "preview_s": round(jpeg_preview, 4),
                    "floor_full_decode_s": round(jpeg_floor, 4),
                    "ratio": round(jpeg_preview / jpeg_floor, 2),
                    "open_attachment_s": round(jpeg_open, 4),
                    "working_copy_download_s": round(jpeg_copy, 4),
                },
                "pdf_20_pages": {
                    "bytes": len(pdf),
                    "preview_first_pages": attachment_types.PREVIEW_PAGES,
                    "preview_s": round(pdf_preview, 4),
                    "floor_same_pages_by_hand_s": round(pdf_floor, 4),
                    "ratio": round(pdf_preview / pdf_floor, 2),
                    "of_which_drawing_s": round(pdf_render_only, 4),
                    "open_attachment_s": round(pdf_open, 4),
                },
                "hash_on_read_50_mb": {
                    "read_and_hash_s": round(read_hashed, 4),
                    "floor_read_only_s": round(read_only, 4),
                    "hash_cost_s": round(read_hashed - read_only, 4),
                    "ratio": round(read_hashed / read_only, 2),
                },
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
