"""The point splitter on texts shaped like the real drafts."""

from monitor.domain.points import duplicate_labels, split_points

US_PLAN = """Draft peace plan (leaked)
Preamble: the parties agree as follows.

1. Ukraine's sovereignty will be confirmed.
2. A comprehensive non-aggression agreement will be concluded
   between Russia, Ukraine and Europe.
24. A humanitarian committee will be established:
a) all prisoners and bodies will be exchanged on an all-for-all basis;
b) all civilian detainees and hostages will be returned, including children;
c) a family reunification programme will be implemented.
28) Once all parties agree, a ceasefire takes effect.
"""

UK_PLAN = """Пункт 1. Суверенітет України буде підтверджено.
Пункт 2: Угода про ненапад між Росією, Україною та Європою,
яка закриває суперечки останніх 30 років.
п. 3 Очікується, що Росія не нападатиме на сусідів.
Стаття 4 — Діалог між Росією та НАТО.
"""

MIXED = """Point 7: Elections within 100 days.
Point 8 - Full amnesty.
Item 9) Nuclear power plant under IAEA supervision.
"""


def test_english_numbering_wrapped_lines_and_sub_points() -> None:
    points = split_points(US_PLAN)
    assert [p.label for p in points] == ["1", "2", "24", "28"]
    assert points[1].text == (
        "A comprehensive non-aggression agreement will be concluded "
        "between Russia, Ukraine and Europe."
    )
    assert points[2].text.splitlines() == [
        "A humanitarian committee will be established:",
        "a) all prisoners and bodies will be exchanged on an all-for-all basis;",
        "b) all civilian detainees and hostages will be returned, including children;",
        "c) a family reunification programme will be implemented.",
    ]
    assert points[3].text == "Once all parties agree, a ceasefire takes effect."


def test_ukrainian_numbering() -> None:
    points = split_points(UK_PLAN)
    assert [p.label for p in points] == ["1", "2", "3", "4"]
    assert points[1].text.endswith("яка закриває суперечки останніх 30 років.")
    assert points[3].text == "Діалог між Росією та НАТО."


def test_point_words_and_windows_line_ends() -> None:
    points = split_points(MIXED.replace("\n", "\r\n"))
    assert [(p.label, p.text) for p in points] == [
        ("7", "Elections within 100 days."),
        ("8", "Full amnesty."),
        ("9", "Nuclear power plant under IAEA supervision."),
    ]


def test_no_numbering_gives_no_points_and_restarts_are_reported() -> None:
    assert split_points("Just prose with no numbered points.") == []
    points = split_points("1. a\n2. b\n1. c")
    assert duplicate_labels(points) == ["1"]


def test_years_and_amounts_in_text_do_not_start_points() -> None:
    points = split_points("1. Funds of USD 100 bn.\n2025 was the year talks began.\n2. Next point.")
    assert [p.label for p in points] == ["1", "2"]
    assert points[0].text == "Funds of USD 100 bn. 2025 was the year talks began."


def test_a_word_document_is_read_and_split() -> None:
    import io

    import docx

    from monitor.domain.documents import read_text

    document = docx.Document()
    for line in (
        "Проєкт угоди",
        "Пункт 1. Звільнення всіх цивільних.",
        "Пункт 2. Розмінування сіл.",
    ):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    points = split_points(read_text("draft.docx", buffer.getvalue()))
    assert [(p.label, p.text) for p in points] == [
        ("1", "Звільнення всіх цивільних."),
        ("2", "Розмінування сіл."),
    ]


def test_unreadable_uploads_are_refused() -> None:
    import pytest

    from monitor.domain.documents import read_text
    from monitor.errors import InvalidInput

    with pytest.raises(InvalidInput):
        read_text("draft.docx", b"not a zip")
    with pytest.raises(InvalidInput):
        read_text("draft.pdf", b"%PDF-1.4")
    assert read_text("draft.txt", "Пункт 1. Тест".encode("cp1251")) == "Пункт 1. Тест"


def test_a_cited_sub_point_names_its_point_when_only_that_was_split() -> None:
    from monitor.domain.points import cited_point

    known = {"7", "12", "12a"}
    assert cited_point("12a", known) == "12a"  # split out on its own: itself
    assert cited_point("7b", known) == "7"  # not split out: the point it belongs to
    assert cited_point("9", known) is None
    assert cited_point("b", known) is None  # a bare letter names no point
