"""One palette and one set of words for the charts (the Vega-Lite specs in `vega_charts`, the
PDF brief): colours, the gap matrix's letters and marks, month names and the legends printed
under the charts. No chart library here: every chart in the browser is Vega-Lite.

Colours come from the Okabe-Ito set and a light-to-dark ramp, so charts stay readable for
colour-blind readers and in greyscale; heat maps also print their values in the cells.
"""

from __future__ import annotations

from datetime import date

from monitor.domain import gaps
from monitor.i18n import confidence_label, enum_label, number_symbols, t

# status 0..3: one hue, light to dark (distinct in greyscale too)
STATUS_COLOURS = ["#f7e1a0", "#e69f00", "#b05a00", "#4a2a00"]
NOT_ASSESSED = "#e8e8e8"
# the ranked levels worst first, then "not reported" in a colour of its own (unknown ground)
COVERAGE_ORDER = [level.value for level in gaps.WORST_FIRST] + ["not_reported"]
COVERAGE_COLOURS = {
    "contradicts": "#7a0019",
    "absent": "#eeeeee",
    "partial": "#56b4e9",
    "explicit": "#0b4f8a",
    "not_reported": "#fff4cc",
}
NOT_REPORTED_MARK = "–"  # not a letter: the draft's text on it is not known
UNCERTAIN_MARK, LEGAL_MARK = "?", "§"
ACCENT = "#0072b2"  # Okabe-Ito blue: the implementation index and the bars by region
EVIDENCE_RAMP = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"]  # few to many
DIRECTIONS = ("regression", "neutral", "progress")
# source reliability A (darkest) to F (lightest)
RELIABILITY_COLOURS = dict(
    zip("ABCDEF", ["#08306b", "#08519c", "#4292c6", "#9ecae1", "#c6dbef", "#eeeeee"], strict=True)
)


def month_key(month: object) -> str:
    """'2025-11' for a month given as that text or as any day of it."""
    return (month.isoformat() if isinstance(month, date) else str(month))[:7]


def month_label(month: object, lang: str) -> str:
    """A month ('2025-11', a date) as the UI names it: 'Nov 2025', «лист. 2025».

    The Overview's month axes are these labels in order (`vega_charts`), the PDF brief's too.
    """
    year, number = month_key(month).split("-")
    return f"{t(f'month.{int(number)}', lang)} {year}"


def draft_row(title: str, confidence: object, lang: str) -> str:
    """A draft's row in a gap matrix, as text: its title and how well its text is known (a
    leak, a readout, a summary). Both matrices (Drafts page, Overview) name their rows so."""
    if not isinstance(confidence, str) or not confidence:
        return title
    return f"{title} ({t('chart.gaps.confidence', lang)}: {confidence_label(confidence, lang)})"


def coverage_letter(level: str | None, lang: str) -> str:
    """A coverage level's mark in a gap matrix cell: the initial of its name in the reader's
    language (E, P, A, C; Я, Ч, В, С), a dash for not reported, nothing when not coded."""
    if level is None or level not in COVERAGE_COLOURS:
        return ""
    if level == "not_reported":
        return NOT_REPORTED_MARK
    return enum_label("coverage", level, lang)[:1].upper()


def gap_legend(lang: str) -> str:
    """What every mark of the gap matrix means, in one line (drafts page and Overview)."""
    marks = [
        f"{coverage_letter(k, lang)} {enum_label('coverage', k, lang)}" for k in COVERAGE_ORDER
    ]
    marks += [
        f"{UNCERTAIN_MARK} {t('chart.gaps.uncertain', lang)}",
        f"{LEGAL_MARK} {t('chart.gaps.legal_review', lang)}",
    ]
    return " · ".join(marks) + ". " + t("chart.gaps.legend_tail", lang)


CHANGE_MARKS = {"improved": "↑", "worsened": "↓", "unchanged": "=", "unknown": "?"}


def strip_mark(letter: str, change: str | None) -> str:
    """A strip cell's mark: the level's letter (with ? when the code is uncertain), then the
    change from the draft before. An unknown change shows no mark: beside an uncertain code
    its "?" read as a second doubt ("E? ?"); the cell's tooltip still says "unknown"."""
    if change is None or change == "unknown":
        return letter
    return f"{letter} {CHANGE_MARKS[change]}"


def strip_legend(lang: str) -> str:
    """What the change marks of the strip mean, after the gap matrix's marks."""
    changes = [
        f"{m} {t(f'drafts.change.{k}', lang)}" for k, m in CHANGE_MARKS.items() if k != "unknown"
    ]
    changes.append(t("chart.strip.no_mark", lang))
    return gap_legend(lang) + " " + " · ".join(changes)


def vega_locale(lang: str) -> dict[str, object]:
    """Vega's number locale for `lang` (a chart's `config.locale`): what Vega formats itself
    (axis labels, a legend's numbers, counts in a tooltip) is then written as `i18n.number`
    writes it, 1 200 and 12,5 on a Ukrainian page."""
    decimal, thousands = number_symbols(lang)
    return {
        "number": {
            "decimal": decimal,
            "thousands": thousands,
            "grouping": [3],
            "currency": ["", ""],
        }
    }
