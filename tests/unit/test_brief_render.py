"""The brief's renderer keeps its process-wide parts (the parsed font, the drawn charts) free of
any one document's state: a brief rendered again after another (other glyphs, other charts)
is the same file, byte for byte, and reads back whole."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from pypdf import PdfReader

from monitor.domain.brief_contents import BriefContents, Paragraph, Section, StepChart, Table
from monitor.services import brief_pdf

NOW = datetime(2026, 1, 1, 9, 30, tzinfo=UTC)
CHART = StepChart(
    title="D02",
    days=("2025-03-01", "2026-01-01"),
    scores=(1, 1),
    ticks=(("2025-03-01", "Mar 2025"),),
    levels=("none", "partial", "substantial", "full"),
)


def _brief(lang: str, words: str, chart: StepChart) -> BriefContents:
    return BriefContents(
        kind="demand",
        lang=lang,
        title=words,
        subtitle=f"{words}, {lang}",
        banner=None,
        sections=(
            Section(words, (Paragraph(words * 12), chart)),
            Section(
                words,
                (Table(("a", words), tuple((str(n), words * 3) for n in range(30)), (1, 4)),),
                together=True,
            ),
        ),
        citation=words,
        made="made",
        data_sha256="0" * 64,
        file_name="brief.pdf",
    )


def test_a_brief_rendered_after_another_is_the_same_file() -> None:
    english = _brief("en", "Release of civilians held ", CHART)
    ukrainian = _brief(
        "uk", "Звільнення утримуваних цивільних ", StepChart(**{**CHART.__dict__, "scores": (0, 2)})
    )
    first, pages = brief_pdf.render(english, now=NOW)
    other, _ = brief_pdf.render(ukrainian, now=NOW)
    again, _ = brief_pdf.render(english, now=NOW)
    assert again == first and other != first
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(other)).pages)
    assert "Звільнення утримуваних цивільних" in " ".join(text.split())
    assert pages == len(PdfReader(io.BytesIO(first)).pages)
