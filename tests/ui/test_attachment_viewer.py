"""The entry panel opens attachments: a preview for who may read the entry, nothing of a
confidential one for a viewer, tampering shown once the stored file is altered, the metadata
warning for editors only, and the chain of custody listed."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from monitor.config import get_settings
from monitor.core import files
from monitor.core.db import make_engine, session_scope
from monitor.core.models import Role
from monitor.core.permissions import Actor
from monitor.services import attachments
from tests import attachment_samples as samples
from tests.factories import make_actor, make_evidence

APP = "../../app.py"
PHOTO = samples.jpeg()


@pytest.fixture
def world(app_env: str) -> dict[str, object]:
    """An editor, a viewer, an admin; a public and a confidential entry, each with the photo."""
    folder = get_settings().attachments_dir
    engine = make_engine(app_env)
    made: dict[str, object] = {}
    with session_scope(engine) as session:
        editor = make_actor(session, "ed", Role.EDITOR)
        made["editor"] = editor
        made["viewer"] = make_actor(session, "vi", Role.VIEWER)
        made["admin"] = make_actor(session, "ad", Role.ADMIN)
        for sensitivity in ("public", "confidential"):
            entry = make_evidence(
                session, editor, title=f"{sensitivity} entry", sensitivity=sensitivity
            )
            assert entry.id is not None
            attachments.attach(
                session=session,
                actor=editor,
                evidence_id=entry.id,
                filename="witness.jpg",
                data=PHOTO,
                folder=folder,
            )
            made[sensitivity] = entry.id
    engine.dispose()
    made["stored"] = files.path_for(folder, hashlib.sha256(PHOTO).hexdigest())
    return made


def _entry(actor: object, entry_id: object, lang: str = "en") -> AppTest:
    assert isinstance(actor, Actor)
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["lang"] = lang
    at.session_state["actor"] = actor
    at.run()
    at.switch_page("monitor/ui/pages/register_page.py").run()
    at.number_input(key="reg.open").set_value(int(str(entry_id))).run()
    assert not at.exception
    return at


def _open(at: AppTest) -> AppTest:
    [button] = [b for b in at.button if str(b.key).endswith(".open")]
    button.click().run()
    assert not at.exception
    return at


def _file_downloads(at: AppTest) -> list[object]:
    """The download buttons of attachments (the custody log's CSV is another)."""
    return [d for d in at.get("download_button") if str(d.proto.id).count("attachment.")]


def _texts(at: AppTest) -> str:
    return "\n".join(
        str(e.value) for e in (*at.markdown, *at.warning, *at.error, *at.info, *at.caption)
    )


def test_an_editor_opens_a_photo_and_is_warned_of_its_metadata(world: dict[str, object]) -> None:
    at = _entry(world["editor"], world["public"])
    assert "could reveal a witness" in _texts(at)
    assert "GPS position 50.450100, 30.523333" in _texts(at)
    assert "device model EOS 5D Mark IV" in _texts(at)
    assert not at.get("image")  # nothing is shown until someone asks
    _open(at)
    assert len(at.get("image")) == 1
    downloads = at.get("download_button")
    assert len(_file_downloads(at)) == 1  # the check below looks at the right buttons
    assert any("working copy" in str(d.proto.label) for d in downloads)
    assert not any("original" in str(d.proto.label) for d in downloads)  # admins only
    assert "Chain of custody" in [e.label for e in at.expander]
    custody = [d.value for d in at.dataframe if "action" in d.value.columns]
    assert list(custody[0]["action"]) == ["attached", "viewed"]


def test_a_viewer_gets_no_warning_and_an_admin_may_take_the_original(
    world: dict[str, object],
) -> None:
    viewer = _open(_entry(world["viewer"], world["public"]))
    assert len(viewer.get("image")) == 1
    assert "could reveal a witness" not in _texts(viewer)
    admin = _open(_entry(world["admin"], world["public"]))
    assert any("original" in str(d.proto.label) for d in admin.get("download_button"))


def test_a_viewer_sees_nothing_of_a_confidential_entrys_files(world: dict[str, object]) -> None:
    at = _entry(world["viewer"], world["confidential"])
    assert not [b for b in at.button if str(b.key).endswith(".open")]
    assert not at.get("image") and not _file_downloads(at)
    assert "witness.jpg" not in _texts(at)
    editor = _open(_entry(world["editor"], world["confidential"]))
    assert len(editor.get("image")) == 1


def test_tampering_is_shown_once_the_stored_file_is_altered(world: dict[str, object]) -> None:
    stored = world["stored"]
    assert isinstance(stored, Path)
    stored.write_bytes(PHOTO[:-4] + b"\x00\x00\xff\xd9")
    at = _open(_entry(world["editor"], world["public"]))
    assert not at.get("image") and not _file_downloads(at)
    assert any("Tampering" in e.value and "does not match" in e.value for e in at.error)
    uk = _open(_entry(world["editor"], world["public"], "uk"))
    assert any("Підробка" in e.value for e in uk.error) and not uk.get("image")
