"""The Admin page's publication section: publish into the configured folder, see it, and a
clear refusal (in both languages) that changes nothing when the folder is not a publication."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from monitor.domain import publication as pub

APP = "../../app.py"


def _admin(lang: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("monitor/ui/pages/admin_page.py").run()
    assert not at.exception
    return at


def test_publish_from_the_admin_page(
    app_env: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "site" / "public"
    monkeypatch.setenv("MONITOR_PUBLIC_DIR", str(target))
    at = _admin("en")
    assert any("Nothing is published" in c.value for c in at.caption)
    at.button(key="admin.publish").click().run()
    assert not at.exception
    assert any("Published 0 public entries" in s.value for s in at.success)
    assert (target / pub.MANIFEST_FILE).is_file() and target.is_symlink()
    assert any("Published now: v" in c.value for c in at.caption)
    at.button(key="admin.publish").click().run()
    assert any("Nothing changed" in i.value for i in at.info)


@pytest.mark.parametrize(("lang", "words"), [("en", "holds other files"), ("uk", "є інші файли")])
def test_a_folder_of_other_files_is_refused_in_the_readers_language(
    app_env: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, words: str
) -> None:
    target = tmp_path / "mine"
    target.mkdir()
    (target / "notes.txt").write_text("keep me")
    monkeypatch.setenv("MONITOR_PUBLIC_DIR", str(target))
    at = _admin(lang)
    at.button(key="admin.publish").click().run()
    assert not at.exception
    assert any(words in e.value for e in at.error)
    assert sorted(p.name for p in target.iterdir()) == ["notes.txt"]
