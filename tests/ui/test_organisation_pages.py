"""Organisations in the app: a member of one organisation never receives another's
organisation-only text on any page, even right after a member of that organisation filled the
caches; the Admin page adds, renames and assigns, refusing bad input in both languages; the
Overview's organisation filter lives in the URL."""

from __future__ import annotations

import pytest
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from monitor.core.db import make_engine, session_scope
from monitor.core.models import Organisation, Role, User
from monitor.core.passwords import hash_password
from monitor.core.permissions import Actor
from monitor.services import organisations
from tests.factories import make_evidence

APP = "../../app.py"
B_SECRET = "Witness sheltered by Beta in Skadovsk"
A_OWN = "Alpha's own organisation-only note"
PAGES = (
    "overview_page.py",
    "register_page.py",
    "demand_page.py",
    "briefings_page.py",
    "drafts_page.py",
)


@pytest.fixture
def two_organisations(app_env: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    monkeypatch.setenv("MONITOR_AUTH", "on")
    engine = make_engine(app_env)
    ids = {}
    with session_scope(engine) as session:
        owner = User(username="ada", role=Role.ADMIN, password_hash=hash_password("ada-password-1"))
        session.add(owner)
        session.flush()
        root = Actor.of(owner)
        for code, name in (("alpha", "Alpha"), ("beta", "Beta")):
            ids[code] = organisations.add(session=session, actor=root, code=code, name_en=name).id
        for name, role, code in (
            ("anna", Role.EDITOR, "alpha"),
            ("vika", Role.VIEWER, "alpha"),
            ("bohdan", Role.EDITOR, "beta"),
        ):
            session.add(
                User(
                    username=name,
                    role=role,
                    password_hash=hash_password(f"{name}-password-1"),
                    organisation_id=ids[code],
                )
            )
        session.flush()
        for title, code in ((B_SECRET, "beta"), (A_OWN, "alpha")):
            make_evidence(
                session,
                root,
                title=title,
                description=title,
                sensitivity="organisation",
                organisation_id=ids[code],
                demands=("D01",),
            )
        make_evidence(
            session, root, title="Public entry", demands=("D01",), organisation_id=ids["beta"]
        )
    engine.dispose()
    return ids


def _sign_in(name: str, lang: str = "en", **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["lang"] = lang
    at.query_params.update(params)
    at.run()
    at.text_input(key="signin.user").input(name)
    at.text_input(key="signin.password").input(f"{name}-password-1")
    at.get("form_submit_button")[0].click().run()  # type: ignore[attr-defined]
    assert not at.exception
    return at


def _everything(at: AppTest) -> str:
    parts = [str(v) for v in at.session_state.to_dict().values()]
    parts += [e.value.to_string() for e in at.dataframe] + [e.value.to_string() for e in at.table]
    parts += [
        str(getattr(e, "value", "")) for e in (*at.markdown, *at.caption, *at.text, *at.metric)
    ]
    return "\n".join(parts)


def test_a_member_never_receives_another_organisations_text_even_after_its_member(
    two_organisations: dict[str, int],
) -> None:
    beta = _sign_in("bohdan")  # fills the caches with Beta's view first
    beta.switch_page("monitor/ui/pages/register_page.py").run()
    assert B_SECRET in _everything(beta)
    assert "2 entries match" in beta.caption[0].value
    for name in ("anna", "vika"):
        at = _sign_in(name)
        for page in PAGES:
            at.switch_page(f"monitor/ui/pages/{page}").run()
            assert not at.exception, page
            assert B_SECRET not in _everything(at), (name, page)
            assert "Skadovsk" not in _everything(at), (name, page)
        at.switch_page("monitor/ui/pages/register_page.py").run()
        assert "2 entries match" in at.caption[0].value  # their own and the public one
        assert A_OWN in _everything(at)
    admin = _sign_in("ada")
    admin.switch_page("monitor/ui/pages/register_page.py").run()
    assert "3 entries match" in admin.caption[0].value


def test_the_overview_filter_by_organisation_is_in_the_url(
    two_organisations: dict[str, int],
) -> None:
    at = _sign_in("anna")
    at.switch_page("monitor/ui/pages/overview_page.py").run()
    at.multiselect(key="ov.orgs").set_value([two_organisations["beta"]]).run()
    assert not at.exception
    assert at.query_params["org"] == str(two_organisations["beta"])
    assert B_SECRET not in _everything(at)
    shared = _sign_in("anna", org=str(two_organisations["alpha"]))  # a shared link
    shared.switch_page("monitor/ui/pages/overview_page.py").run()
    assert shared.multiselect(key="ov.orgs").value == [two_organisations["alpha"]]


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_the_admin_page_adds_renames_assigns_and_refuses(
    two_organisations: dict[str, int], app_env: str, lang: str
) -> None:
    at = _sign_in("ada", lang)
    at.switch_page("monitor/ui/pages/admin_page.py").run()
    assert not at.exception
    at.text_input(key="org.new.code").input("bad code")
    at.text_input(key="org.new.name_en").input("Gamma")
    at.button(key="org.create").click().run()
    refusal = " ".join(e.value for e in at.error)
    assert ("letters, digits" if lang == "en" else "лише літери") in refusal
    at.text_input(key="org.new.code").input("gamma")
    at.button(key="org.create").click().run()
    assert not at.error
    at.selectbox(key="org.assign_who").set_value("vika")
    at.selectbox(key="org.assign_to").set_value("gamma")
    at.button(key="org.assign_save").click().run()
    assert not at.error
    at.selectbox(key="org.rename.code").set_value("gamma")
    at.text_input(key="org.rename.name_en").input("Gamma Group")
    at.text_input(key="org.rename.name_uk").input("Гамма")
    at.button(key="org.rename_save").click().run()
    assert not at.error
    at.text_input(key="admin.new_user").input("newbie")
    at.selectbox(key="admin.new_organisation").set_value("beta")
    at.text_input(key="admin.new_password").input("newbie-password-1")
    at.button(key="admin.create").click().run()
    assert not at.error
    engine = make_engine(app_env)
    with session_scope(engine) as session:
        gamma = session.exec(select(Organisation).where(Organisation.code == "gamma")).one()
        users = {u.username: u.organisation_id for u in session.exec(select(User)).all()}
    engine.dispose()
    assert gamma.name_en == "Gamma Group" and gamma.name_uk == "Гамма"
    assert users["vika"] == gamma.id
    assert users["newbie"] == two_organisations["beta"]
    assert any("gamma" in d.value.to_string() for d in at.dataframe)
    at.selectbox(key="org.remove.code").set_value("gamma")  # vika belongs to it: refused
    at.button(key="org.remove_save").click().run()
    refused = " ".join(e.value for e in at.error)
    assert ("cannot be removed" if lang == "en" else "не можна вилучити") in refused
    at.selectbox(key="org.assign_who").set_value("vika")
    at.selectbox(key="org.assign_to").set_value("alpha")
    at.button(key="org.assign_save").click().run()
    at.selectbox(key="org.remove.code").set_value("gamma")
    at.button(key="org.remove_save").click().run()
    assert not at.error and not at.exception
    engine = make_engine(app_env)
    with session_scope(engine) as session:
        assert [o.code for o in session.exec(select(Organisation)).all()] == ["alpha", "beta"]
    engine.dispose()


def test_the_overview_credits_only_what_the_reader_may_see(
    two_organisations: dict[str, int],
) -> None:
    anna = _sign_in("anna")
    anna.switch_page("monitor/ui/pages/overview_page.py").run()
    credits = [_plain(c.value) for c in anna.caption if "Recorded by" in c.value]
    assert credits == ["Recorded by: Alpha 1, Beta 1."]  # Beta's own entry is not counted
    admin = _sign_in("ada", "uk")
    admin.switch_page("monitor/ui/pages/overview_page.py").run()
    assert "Записали: Beta 2, Alpha 1." in [_plain(c.value) for c in admin.caption]


def _plain(shown: str) -> str:
    """A caption as read: without the escapes that keep someone's text from being Markdown."""
    return shown.replace("\\", "").replace("\u2060", "")


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_an_entry_shows_the_organisation_that_recorded_it(
    two_organisations: dict[str, int], lang: str
) -> None:
    at = _sign_in("anna", lang)
    at.switch_page("monitor/ui/pages/register_page.py").run()
    at.number_input(key="reg.open").set_value(2).run()  # Alpha's own entry (the second made)
    assert not at.exception
    shown = at.table[0].value.to_string()
    assert "Alpha" in shown
    assert ("Внесла організація" if lang == "uk" else "Recorded by (organisation)") in shown
