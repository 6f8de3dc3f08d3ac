"""KoboToolbox: the field form the product ships, and pulling a project's submissions.

The field form is built from the shipped reference data and the product's own rules
(`monitor.domain.field_form`); `data/forms/evidence.xlsx` is that build, and a test keeps it so.
"""

from __future__ import annotations

from pathlib import Path

from monitor.config import PROJECT_ROOT
from monitor.domain import field_form
from monitor.services.reference import read_rows

FORM_FILE = PROJECT_ROOT / "data" / "forms" / "evidence.xlsx"


def field_form_sheets(reference_dir: Path) -> field_form.FieldForm:
    """The field form's sheets, from the demands and regions in `reference_dir`."""
    demands = [
        field_form.DemandChoice(r["code"], r["title_en"], r["title_uk"])
        for r in read_rows(reference_dir / "demands.csv")
    ]
    regions = [
        field_form.RegionChoice(r["code"], r["katottg"], r["name_en"], r["name_uk"])
        for r in read_rows(reference_dir / "regions.csv")
    ]
    places = field_form.settlements_of(regions)
    return field_form.build(demands=demands, regions=regions, places=places)


def field_form_xlsx(reference_dir: Path) -> bytes:
    """The field form's XLSForm workbook (what `monitor form build` writes)."""
    return field_form.to_xlsx(field_form_sheets(reference_dir))
