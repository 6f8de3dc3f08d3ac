"""The Overview's strip download follows the demands chosen in its filters (the only filter
that applies to coverage), and its help says so, in both languages."""

from __future__ import annotations

import csv
import io

import pytest
from streamlit.testing.v1 import AppTest

from monitor.core.db import make_engine, session_scope
from monitor.queries.lookups import drafts_table
from monitor.services import briefings
from monitor.ui.components import across_drafts
from tests.factories import make_actor

APP = "../../app.py"
HELP = {
    "en": "The strip of the demands chosen above. Coverage is a property of the drafts",
    "uk": "Смуга вимог, обраних вище. Покриття є властивістю проєктів",
}
LABEL = {"en": "Download the strip (CSV)", "uk": "Завантажити смугу (CSV)"}


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_the_button_says_which_filters_apply(app_env: str, lang: str) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    at.query_params["demand"] = "D02,D05"
    at.run()
    assert not at.exception
    buttons = [b for b in at.get("download_button") if b.proto.label == LABEL[lang]]
    assert len(buttons) == 1
    assert buttons[0].proto.help.startswith(HELP[lang])


def _strip_demands(url: str, demands: tuple[str, ...]) -> tuple[list[str], int]:
    engine = make_engine(url)
    try:
        with session_scope(engine) as session:
            actor = make_actor(session)
        data = briefings.download_bytes(
            engine=engine,
            actor=actor,
            kind="strip",
            options=across_drafts.strip_options("en", demands),
            excel=False,
        )
        drafts = len(drafts_table(engine, "en"))
    finally:
        engine.dispose()
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    return [r[0] for r in rows[1:]], drafts


def test_the_file_holds_the_chosen_demands_only(app_env: str) -> None:
    chosen, drafts = _strip_demands(app_env, ("D02", "D05"))
    assert drafts >= 2
    assert sorted(set(chosen)) == ["D02", "D05"]
    assert len(chosen) == 2 * drafts  # each chosen demand in every draft
    every, _ = _strip_demands(app_env, ())
    assert len(set(every)) == 10 and len(every) == 10 * drafts


DEMAND_HELP = {
    "en": "This demand in every draft, as drawn above.",
    "uk": "Ця вимога в кожному проєкті, як на смузі вище.",
}


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_the_demand_pages_button_offers_that_demand(app_env: str, lang: str) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("monitor/ui/pages/demand_page.py").run()
    assert not at.exception
    buttons = [b for b in at.get("download_button") if b.proto.label == LABEL[lang]]
    assert len(buttons) == 1
    assert buttons[0].proto.help == DEMAND_HELP[lang]
    one, drafts = _strip_demands(app_env, ("D01",))
    assert one == ["D01"] * drafts
