"""PDF briefs on real databases: the text read back with pypdf, page 1 drawn with pypdfium2,
confidential entries only when an admin asks, bad input refused with nothing written."""

from __future__ import annotations

import hashlib
import io
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from monitor.core.db import session_scope
from monitor.core.models import Role, Sensitivity
from monitor.domain.brief_contents import BriefSubject
from monitor.domain.briefings import BriefingOptions
from monitor.domain.filters import EvidenceFilters
from monitor.errors import Forbidden, InvalidInput
from monitor.i18n import describe
from monitor.services import brief_pdf
from tests.factories import make_actor, make_assessment, make_evidence

SECRET = "Testimony of a detainee held in Olenivka"  # a confidential entry's title
TODAY = date.today()
D02_TITLE = {"en": "End of persecution", "uk": "Припинення переслідувань"}


def _text(data: bytes) -> str:
    """Every page's text, lines joined by spaces (a table cell may wrap anywhere)."""
    pages = PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def _seed(engine: sa.Engine) -> None:
    with session_scope(engine) as session:
        editor = make_actor(session, "olena", Role.EDITOR)
        make_assessment(session, editor, "D02", 0, date(2025, 3, 1))
        make_assessment(session, editor, "D02", 1, date(2026, 2, 1))
        for days in (3, 10, 40):
            make_evidence(
                session,
                editor,
                demands=("D02",),
                event_start=TODAY - timedelta(days=days),
                title=f"Search of a home, {days} days ago",
                region_code="kherson",
            )
        make_evidence(
            session,
            editor,
            demands=("D02",),
            event_start=TODAY - timedelta(days=1),
            title=SECRET,
            sensitivity=Sensitivity.CONFIDENTIAL,
            region_code="kherson",
        )


def _actor(engine: sa.Engine, role: Role, name: str) -> object:
    with session_scope(engine) as session:
        return make_actor(session, name, role)


def _build(engine: sa.Engine, subject: BriefSubject, role: Role = Role.EDITOR, **options: object):
    actor = _actor(engine, role, f"user-{role.value}")
    return brief_pdf.build(
        engine=engine,
        actor=actor,  # type: ignore[arg-type]
        subject=subject,
        options=BriefingOptions(**options),  # type: ignore[arg-type]
        now=datetime.now(UTC),
    )


def test_demand_brief_in_ukrainian_reads_back(engine: sa.Engine, tmp_path: Path) -> None:
    _seed(engine)
    actor = _actor(engine, Role.EDITOR, "olena")
    out = tmp_path / "d02.pdf"
    options = BriefingOptions(
        lang="uk",
        filters=EvidenceFilters(regions=("kherson",), date_from=TODAY - timedelta(days=30)),
    )
    brief = brief_pdf.export_to(
        engine=engine,
        actor=actor,  # type: ignore[arg-type]
        subject=BriefSubject("demand", "d02"),
        options=options,
        path=out,
    )
    data = out.read_bytes()
    assert hashlib.sha256(data).hexdigest() == brief.sha256  # computed after writing
    text = _text(data)
    assert "D02 · Припинення переслідувань" in text
    assert "Припинення незаконної практики РФ" in text  # the demand's text in Ukrainian
    assert "Статус та його історія" in text and "1 мінімально" in text
    assert "Покриття в усіх проєктах" in text and "US28-2025-11" in text and "висока" in text
    # the filters in words, the method note, the citation line, release and data version
    assert "регіони: Херсонська область" in text
    assert f"події від {(TODAY - timedelta(days=30)).isoformat()}" in text
    assert "з чутливістю Публічний" in text
    assert "Цим фільтрам відповідають 2 записи." in text  # 3 and 10 days ago; not 40
    assert "Методика" in text and "«Невідомо» означає" in text and "«Непевно» означає" in text
    assert "Посилання: Монітор вимог, «D02 · Припинення переслідувань»" in text
    assert "випуск довідкових даних 2026.12" in text
    assert brief.data_sha256 in text.replace(" ", "")
    assert "https://" in text  # the sources of every draft
    metadata = PdfReader(io.BytesIO(data)).metadata
    assert metadata is not None and brief.data_sha256 in str(metadata.get("/Keywords"))
    with engine.connect() as conn:
        events = conn.exec_driver_sql(
            "SELECT entity_id, after FROM audit_event WHERE entity = 'brief'"
        ).all()
    assert [e[0] for e in events] == ["demand:D02"]
    assert brief.sha256 in str(events[0][1]) and str(out) in str(events[0][1])


def test_all_ten_in_english_and_a_draft_by_its_short_code(engine: sa.Engine) -> None:
    _seed(engine)
    first = _build(engine, BriefSubject("all"), lang="en")
    every = _text(first.data)
    # the same data says the same thing: the data's digest does not depend on when or who
    again = _build(engine, BriefSubject("all"), Role.ADMIN, lang="en")
    assert again.data_sha256 == first.data_sha256
    with session_scope(engine) as session:
        make_evidence(session, make_actor(session, "olena", Role.EDITOR), demands=("D05",))
    assert _build(engine, BriefSubject("all"), lang="en").data_sha256 != first.data_sha256
    for title in ("Release of detained civilians", "Demining", "Return of the displaced"):
        assert title in every
    assert "The ten demands: where they stand" in every
    assert "Coverage across drafts" in every and "GENEVA19-2025-11" in every
    assert "Not reported means nobody knows" in every and "Uncertain means" in every
    assert "demands: all demands; regions: all regions; events of any date" in every
    draft = _build(engine, BriefSubject("draft", "us28"), lang="en")
    assert draft.subject == BriefSubject("draft", "US28-2025-11")
    text = _text(draft.data)
    assert "US28-2025-11 leaves 9 of the 10 demands without explicit coverage" in text
    assert "Contradicts" in text and "needs legal review" in text


def test_confidential_only_when_an_admin_asks(engine: sa.Engine, tmp_path: Path) -> None:
    _seed(engine)
    subject = BriefSubject("demand", "D02")
    for role in (Role.VIEWER, Role.EDITOR, Role.ADMIN):  # nobody's default brief has it
        text = _text(_build(engine, subject, role, lang="en").data)
        assert SECRET not in text and "Confidential" not in text and "CONFIDENTIAL" not in text
    for lang, word in (("en", "Confidential"), ("uk", "Конфіденційн")):
        text = _text(_build(engine, subject, Role.VIEWER, lang=lang).data)
        assert word not in text
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "refused.pdf"
    editor = _actor(engine, Role.EDITOR, "olena")
    with pytest.raises(Forbidden):
        brief_pdf.export_to(
            engine=engine,
            actor=editor,  # type: ignore[arg-type]
            subject=subject,
            options=BriefingOptions(include_confidential=True),
            path=out,
        )
    assert list(folder.iterdir()) == []  # no file, no temporary part
    asked = _text(_build(engine, subject, Role.ADMIN, lang="en", include_confidential=True).data)
    assert SECRET in asked and "CONFIDENTIAL: this brief counts confidential evidence" in asked
    assert "4 entries match these filters" in asked


@pytest.mark.parametrize(
    ("subject", "options", "english", "ukrainian"),
    [
        (BriefSubject("demand", "D42"), {}, "unknown code: D42", "невідомий код: D42"),
        (BriefSubject("draft", "XX"), {}, "no draft has the code XX", "немає проєкту з кодом XX"),
        (
            BriefSubject("all"),
            {"filters": EvidenceFilters(date_from=date(2026, 3, 1), date_to=date(2026, 1, 1))},
            "the end must not be before the start",
            "кінець не може бути раніше початку",
        ),
        (
            BriefSubject("all"),
            {"filters": EvidenceFilters(regions=("atlantis",))},
            "unknown code: atlantis",
            "невідомий код: atlantis",
        ),
    ],
)
def test_bad_input_is_refused_in_both_languages_and_writes_nothing(
    engine: sa.Engine,
    tmp_path: Path,
    subject: BriefSubject,
    options: dict[str, object],
    english: str,
    ukrainian: str,
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "brief.pdf"
    with pytest.raises(InvalidInput) as refused:
        brief_pdf.export_to(
            engine=engine,
            actor=_actor(engine, Role.EDITOR, "olena"),  # type: ignore[arg-type]
            subject=subject,
            options=BriefingOptions(**options),  # type: ignore[arg-type]
            path=out,
        )
    assert english in describe(refused.value, "en")
    assert ukrainian in describe(refused.value, "uk")
    assert "\n" not in describe(refused.value, "uk")
    assert list(folder.iterdir()) == []
    with engine.connect() as conn:
        assert (
            conn.exec_driver_sql("SELECT count(*) FROM audit_event WHERE entity = 'brief'").scalar()
            == 0
        )


def _first_page_png(data: bytes) -> object:
    document = pdfium.PdfDocument(data)
    assert len(document) >= 2
    return document[0].render(scale=1.5).to_pil()


def _ink(image: object, box: tuple[int, int, int, int]) -> float:
    """The share of dark pixels in a box of the page (0: blank)."""
    part = image.crop(box).convert("L")  # type: ignore[attr-defined]
    histogram = part.histogram()  # 256 counts of grey levels
    return sum(histogram[:128]) / sum(histogram)


@pytest.mark.parametrize(
    ("subject", "lang"),
    [(BriefSubject("demand", "D02"), "uk"), (BriefSubject("all"), "en")],
)
def test_page_one_draws_text_and_chart(engine: sa.Engine, subject: BriefSubject, lang: str) -> None:
    """Page 1 renders: the title in the top band, ink across the page (the pictures in docs/
    are made the same way from demo data by `python bench/brief.py --docs docs`)."""
    _seed(engine)
    image = _first_page_png(_build(engine, subject, lang=lang).data)
    width, height = image.size  # type: ignore[attr-defined]
    assert _ink(image, (0, int(height * 0.06), width, int(height * 0.12))) > 0.01  # the title
    assert _ink(image, (0, int(height * 0.3), width, int(height * 0.8))) > 0.01


@pytest.mark.parametrize(
    "subject", [BriefSubject("all"), BriefSubject("demand", "D07"), BriefSubject("draft", "E3")]
)
def test_reference_data_only(engine: sa.Engine, subject: BriefSubject) -> None:
    """Nothing logged or assessed yet: every brief still says what it can, and says so."""
    text = _text(_build(engine, subject, lang="en").data)
    assert "0 entries match these filters" in text
    assert "No published assessment yet" in text  # in place of the status chart
    assert "status not assessed" in text or subject.kind == "draft"
