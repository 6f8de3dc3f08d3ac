"""The "Recorded by" line under the Overview's charts and in the PDF brief."""

from __future__ import annotations

import pytest

from monitor.domain.organisations import recorded_by
from monitor.i18n import t


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_entries_of_no_organisation_read_as_such_not_as_a_name(lang: str) -> None:
    """It read "no organisation named 1977", as if an organisation were named 1977."""
    line = recorded_by([("Alpha", 12), ("", 1977)], lang)
    nobody = t("brief.recorded_by_none", lang)
    written = {"en": "1,977", "uk": "1\u00a0977"}[lang]  # as the reader writes numbers
    assert line == t("brief.recorded_by", lang, credits=f"{nobody} {written}, Alpha 12")
    assert nobody.startswith("(") and nobody.endswith(")")
    assert recorded_by([], lang) == ""
