"""Every text a service takes, on both engines: stored as the one text rule says, or refused
with InvalidInput naming that field, never another exception (PostgreSQL's refusal of NUL
included: it must be an InvalidInput before the database is asked).

What the rule accepts is computed here independently of `monitor.core.validation` (from
Unicode categories, not its regular expressions): a one-line text holds no character of
category Cc, Cs, Zl or Zp; a multi-line text has CRLF and CR turned into LF and then holds no
Cc but tab and LF, and no Cs; both fit their limit, and a required one is not blank. A path
whose field has further rules (a code's alphabet, a known point, a web address) may refuse
more, never less.
"""

from __future__ import annotations

import itertools
import json
import shutil
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlmodel import Session, col, select

from monitor.core import limits
from monitor.core.db import make_engine, session_scope
from monitor.core.models import (
    Assessment,
    AssessmentState,
    AuditEvent,
    CoverageProposal,
    Draft,
    DraftPoint,
    Evidence,
    InboxItem,
    Role,
    User,
    Verification,
)
from monitor.core.permissions import Actor
from monitor.domain import import_files
from monitor.domain.points import SplitPoint, normalise_labels
from monitor.errors import Forbidden, InvalidInput
from monitor.i18n import describe
from monitor.queries.settings import FOUR_EYES, setting
from monitor.services import (
    accounts,
    app_settings,
    assessments,
    coverage,
    drafts,
    evidence,
    importer,
    inbox,
)
from tests.conftest import _reset_postgres
from tests.db.test_evidence import valid
from tests.db.test_messages_in_both_languages import assert_reads_in_both_languages
from tests.factories import make_actor, make_assessment, make_evidence
from tests.local_server import serve

TODAY = date(2026, 11, 23)
_serial = itertools.count(1)

# -- what the rule accepts, computed independently ---------------------------------------------


@dataclass(frozen=True)
class Rule:
    """A text field's rule: one line or several, its limit, whether blank is refused."""

    limit: int
    multi_line: bool = False
    required: bool = False

    def stored(self, value: str) -> str | None:
        """The text as the rule stores it, or None when the rule refuses it."""
        text = value.replace("\r\n", "\n").replace("\r", "\n") if self.multi_line else value
        for ch in text:
            kind = unicodedata.category(ch)
            if kind == "Cs" or (not self.multi_line and kind in ("Zl", "Zp")):
                return None
            if kind == "Cc" and not (self.multi_line and ch in "\t\n"):
                return None
        if len(text) > self.limit or (self.required and not text.strip()):
            return None
        return text


def line(limit: int, required: bool = False) -> Rule:
    return Rule(limit, multi_line=False, required=required)


def lines(limit: int, required: bool = False) -> Rule:
    return Rule(limit, multi_line=True, required=required)


# -- the world the texts are written into: one database per engine for the module ---------------


@dataclass
class World:
    engine: sa.Engine
    editor: Actor
    admin: Actor
    draft: str = "TXT-1"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("texts") / "monitor.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        engine = make_engine(f"sqlite:///{path}")
    else:
        engine = make_engine(request.getfixturevalue("postgres_url"))
        _reset_postgres(engine)
    with session_scope(engine) as session:
        editor = make_actor(session, "editor", Role.EDITOR)
        admin = make_actor(session, "admin", Role.ADMIN)
    world = World(engine, editor, admin)
    with session_scope(engine) as session:
        drafts.create_draft(
            session=session,
            actor=editor,
            data=_draft_data(code=world.draft),
            points=[SplitPoint("1", "First."), SplitPoint("2", "Second.")],
            today=TODAY,
        )
    yield world
    engine.dispose()


def _draft_data(**overrides: Any) -> dict[str, Any]:
    return {
        "code": f"T-{next(_serial)}",
        "title": "A draft",
        "proponent": "Mediators",
        "published_on": "2026-11-01",
        "status": "proposed",
        **overrides,
    }


def _in(w: World, work: Callable[[Session], Any]) -> Any:
    with session_scope(w.engine) as session:
        return work(session)


def _last_audit(w: World, action: str) -> dict[str, Any]:
    def read(session: Session) -> dict[str, Any]:
        query = select(AuditEvent).where(AuditEvent.action == action)
        event = session.exec(query.order_by(col(AuditEvent.id).desc())).first()
        assert event is not None and event.after is not None
        return event.after

    return _in(w, read)


def _fresh_entry(w: World, **overrides: Any) -> tuple[int, int]:
    def make(session: Session) -> tuple[int, int]:
        entry = make_evidence(session, w.editor, **overrides)
        return int(entry.id or 0), entry.version

    return _in(w, make)


# -- every text path: write the value through its service, read back what was stored ------------

Write = Callable[[World, str], Any]


def _create_entry(name: str) -> Write:
    def write(w: World, value: str) -> Any:
        entry = _in(
            w,
            lambda s: (
                evidence.create(
                    session=s, actor=w.editor, data=valid(**{name: value}), today=TODAY
                ).id
            ),
        )
        return _in(w, lambda s: getattr(s.get(Evidence, entry), name))

    return write


def _withdraw(w: World, value: str) -> Any:
    entry, version = _fresh_entry(w)
    _in(
        w,
        lambda s: evidence.withdraw(
            session=s, actor=w.editor, evidence_id=entry, expected_version=version, reason=value
        ),
    )
    return _in(w, lambda s: s.get(Evidence, entry).withdrawn_reason)


def _reopen(w: World, value: str) -> Any:
    entry, version = _fresh_entry(w, verification=Verification.VERIFIED)
    _in(
        w,
        lambda s: evidence.reopen(
            session=s, actor=w.editor, evidence_id=entry, expected_version=version, reason=value
        ),
    )
    return _last_audit(w, "reopen-reason")["reason"]


def _restore(w: World, value: str) -> Any:
    entry, version = _fresh_entry(w, withdrawn_at=datetime.now(UTC), withdrawn_reason="twice")
    _in(
        w,
        lambda s: evidence.restore(
            session=s, actor=w.admin, evidence_id=entry, expected_version=version, reason=value
        ),
    )
    return _last_audit(w, "restore-reason")["reason"]


def _propose(w: World, value: str) -> Any:
    row = _in(
        w,
        lambda s: (
            assessments.propose(
                session=s,
                actor=w.editor,
                demand="D01",
                score=1,
                assessed_on="2026-11-01",
                rationale=value,
                today=TODAY,
            ).id
        ),
    )
    return _in(w, lambda s: s.get(Assessment, row).rationale)


def _reject(w: World, value: str) -> Any:
    proposed = _in(
        w,
        lambda s: (
            make_assessment(
                s,
                w.editor,
                "D02",
                1,
                TODAY,
                state=AssessmentState.PROPOSED,
                approver_id=None,
                decided_at=None,
            ).id
        ),
    )
    _in(
        w,
        lambda s: assessments.reject(
            session=s, actor=w.admin, assessment_id=proposed, reason=value
        ),
    )
    return _last_audit(w, "reject")["reason"]


def _new_draft(name: str) -> Write:
    def write(w: World, value: str) -> Any:
        data = _draft_data(**{name: value})
        draft = _in(
            w,
            lambda s: (
                drafts.create_draft(
                    session=s,
                    actor=w.editor,
                    data=data,
                    points=[SplitPoint("1", "One.")],
                    today=TODAY,
                ).id
            ),
        )
        return _in(w, lambda s: getattr(s.get(Draft, draft), name))

    return write


def _new_draft_point(name: str) -> Write:
    def write(w: World, value: str) -> Any:
        point = {"label": "1", "text": "One.", name: value}
        draft = _in(
            w,
            lambda s: (
                drafts.create_draft(
                    session=s,
                    actor=w.editor,
                    data=_draft_data(),
                    points=[SplitPoint(point["label"], point["text"])],
                    today=TODAY,
                ).id
            ),
        )
        stored = _in(
            w, lambda s: s.exec(select(DraftPoint).where(DraftPoint.draft_id == draft)).one()
        )
        return getattr(stored, name)

    return write


def _added_point(name: str) -> Write:
    def write(w: World, value: str) -> Any:
        point = {"label": f"p{next(_serial)}", "text": "Added.", name: value}
        row = _in(
            w, lambda s: drafts.add_point(session=s, actor=w.editor, draft_code=w.draft, **point).id
        )
        return _in(w, lambda s: getattr(s.get(DraftPoint, row), name))

    return write


def _coverage(name: str) -> Write:
    def write(w: World, value: str) -> Any:
        given = {"points": "1", "note": "", name: value}
        demand = f"D{next(_serial) % 10 + 1:02d}"
        proposal = _in(
            w,
            lambda s: (
                coverage.propose(
                    session=s,
                    actor=w.editor,
                    draft_code=w.draft,
                    demand_code=demand,
                    level="partial",
                    **given,
                ).id
            ),
        )
        row = _in(w, lambda s: s.get(CoverageProposal, proposal))
        return row.point_labels if name == "points" else getattr(row, name)

    return write


def _dismiss(w: World, value: str) -> Any:
    def make(session: Session) -> int:
        item = InboxItem(
            source="rss:example.org",
            external_id=f"x{next(_serial)}",
            url="https://example.org/x",
            title="A report",
        )
        session.add(item)
        session.flush()
        return int(item.id or 0)

    item = _in(w, make)
    _in(w, lambda s: inbox.dismiss(session=s, actor=w.editor, item_id=item, note=value))
    return _in(w, lambda s: s.get(InboxItem, item).note)


def _add_user(w: World, value: str) -> Any:
    user = _in(
        w,
        lambda s: (
            accounts.add_user(
                session=s, actor=w.admin, username=value, role=Role.VIEWER, password_hash=None
            ).id
        ),
    )
    return _in(w, lambda s: s.get(User, user).username)


def _tool_account(name: str) -> Write:
    def write(w: World, value: str) -> Any:
        names = {"username": f"u{next(_serial)}", "display_name": "", name: value}
        user = _in(
            w, lambda s: accounts.get_or_create_user(session=s, role=Role.VIEWER, **names).id
        )
        stored = _in(w, lambda s: s.get(User, user))
        if name == "display_name" and not value:
            assert stored.display_name == stored.username  # a blank one shows the user name
            return value
        return getattr(stored, name)

    return write


def _change_user(w: World, value: str) -> Any:
    user = _in(
        w,
        lambda s: accounts.change(session=s, actor=w.admin, username=value, role=Role.EDITOR).id,
    )
    return _in(w, lambda s: s.get(User, user).username)


def _setting(name: str) -> Write:
    def write(w: World, value: str) -> Any:
        given = {"key": FOUR_EYES, "value": "on", name: value}
        _in(w, lambda s: app_settings.set_value(session=s, actor=w.admin, **given))
        return _in(w, lambda s: setting(s, FOUR_EYES) if name == "value" else given["key"])

    return write


def _import_id(name: str) -> Write:
    def write(w: World, value: str) -> Any:
        row = {
            "demands": "D01",
            "title": f"Imported {next(_serial)}",
            "event start": "2025-06-01",
            "region": "crimea",
            "source type": "court",
            "source reliability (A-F)": "A",
            "information credibility (1-6)": "1",
            "direction": "regression",
            "id": "",
            "version": "",
            {"uid": "id"}.get(name, name): value,
        }
        # rows given as values: a file is decoded strictly, so only rows built here hold
        # surrogates
        table = import_files.table_of("rows", list(row), [list(row.values())])
        mapping = {**importer.suggest_mapping(table.columns), "id": "uid", "version": "version"}

        def imported(s: Session) -> str:
            try:
                importer.import_rows(
                    session=s, actor=w.editor, table=table, mapping=mapping, today=TODAY
                )
            except importer.ImportRefused as refused:
                raise InvalidInput(refused.rows[1]) from None
            return str(s.exec(select(Evidence.uid).where(Evidence.title == row["title"])).one())

        uid = _in(w, imported)
        return uid if name == "uid" else value.strip()

    return write


@dataclass(frozen=True)
class TextPath:
    """One text a service takes: where a refusal points, the rule, how it is written."""

    name: str
    write: Write
    field: str
    rule: Rule
    more_rules: bool = False  # the field has rules beyond the text rule (it may refuse more)
    before: Callable[[str], str] = lambda value: value  # what the model does first (a trim)
    blank: Callable[[str], Any] | None = None  # what a blank text is stored as, if not itself
    also: frozenset[str] = field(default_factory=frozenset)  # fields a related rule may name


def _trim_spaces(value: str) -> str:
    return value.strip(" ")


def _trim(value: str) -> str:
    return value.strip()


PATHS = [
    TextPath("evidence title", _create_entry("title"), "title", line(limits.EVIDENCE_TITLE, True)),
    TextPath(
        "evidence description",
        _create_entry("description"),
        "description",
        lines(limits.EVIDENCE_DESCRIPTION),
    ),
    TextPath(
        "evidence source title",
        _create_entry("source_title"),
        "source_title",
        line(limits.SOURCE_TITLE),
        blank=lambda _: None,
    ),
    TextPath("withdraw reason", _withdraw, "reason", lines(limits.REASON, True)),
    TextPath("reopen reason", _reopen, "reason", lines(limits.REASON, True)),
    TextPath("restore reason", _restore, "reason", lines(limits.REASON, True)),
    TextPath("rationale", _propose, "rationale", lines(limits.RATIONALE, True)),
    TextPath("reject reason", _reject, "reason", lines(limits.REASON, True)),
    TextPath("draft code", _new_draft("code"), "code", line(limits.CODE, True), more_rules=True),
    TextPath("draft title", _new_draft("title"), "title", line(limits.DRAFT_TITLE, True)),
    TextPath("draft proponent", _new_draft("proponent"), "proponent", line(limits.PROPONENT, True)),
    TextPath("draft confidence", _new_draft("confidence"), "confidence", line(limits.CONFIDENCE)),
    TextPath("draft notes", _new_draft("notes"), "notes", lines(limits.DRAFT_NOTES)),
    TextPath(
        "draft source URL",
        _new_draft("source_url"),
        "source_url",
        line(limits.URL),
        more_rules=True,
        blank=lambda _: "",
    ),
    TextPath(
        "draft point label",
        _new_draft_point("label"),
        "points",
        line(limits.POINT_LABEL, True),
        before=_trim_spaces,
    ),
    TextPath(
        "draft point text", _new_draft_point("text"), "points", lines(limits.POINT_TEXT, True)
    ),
    TextPath(
        "added point label",
        _added_point("label"),
        "label",
        line(limits.POINT_LABEL, True),
        before=_trim_spaces,
        also=frozenset({"points"}),  # a label the draft has already
    ),
    TextPath("added point text", _added_point("text"), "text", lines(limits.POINT_TEXT, True)),
    TextPath("coverage note", _coverage("note"), "note", lines(limits.COVERAGE_NOTE)),
    TextPath(
        "coverage legal note", _coverage("legal_note"), "legal_note", lines(limits.COVERAGE_NOTE)
    ),
    TextPath(
        "coverage points cited",
        _coverage("points"),
        "points",
        line(limits.COVERAGE_POINTS),
        more_rules=True,
        before=lambda value: "; ".join(normalise_labels(value)),  # as the labels are stored
    ),
    TextPath("dismiss note", _dismiss, "note", lines(limits.INBOX_NOTE)),
    TextPath(
        "new user name",
        _add_user,
        "username",
        line(limits.USERNAME, True),
        more_rules=True,
        before=_trim,
    ),
    TextPath(
        "tool account name",
        _tool_account("username"),
        "username",
        line(limits.USERNAME, True),
        before=_trim,
    ),
    TextPath(
        "display name",
        _tool_account("display_name"),
        "display_name",
        line(limits.DISPLAY_NAME),
        more_rules=True,  # blank: the user name is shown instead
    ),
    TextPath(
        "changed user name",
        _change_user,
        "username",
        line(limits.USERNAME, True),
        more_rules=True,
        before=_trim,
    ),
    TextPath("setting key", _setting("key"), "key", line(limits.SETTING_KEY), more_rules=True),
    TextPath(
        "setting value", _setting("value"), "value", line(limits.SETTING_VALUE), more_rules=True
    ),
    TextPath(
        "import row id", _import_id("uid"), "uid", line(limits.UID), more_rules=True, before=_trim
    ),
    TextPath(
        "import row version",
        _import_id("version"),
        "version",
        line(limits.CODE),
        more_rules=True,
        before=_trim,
    ),
]
BY_NAME = {path.name: path for path in PATHS}


def check_path(w: World, path: TextPath, value: str) -> InvalidInput | None:
    """Write `value` through `path`: stored as the rule says, or refused naming the field."""
    expected = path.rule.stored(path.before(value))
    try:
        stored = path.write(w, value)
    except InvalidInput as err:
        assert set(err.problems) <= {path.field} | path.also and err.problems, (value, err.fields)
        if not path.more_rules and not path.also:
            assert expected is None, f"{path.name} refused {value!r}: {err.fields}"
        return err
    assert expected is not None, f"{path.name} stored {value!r}"
    if path.blank is not None and not expected.strip():
        assert stored == path.blank(expected)
    elif path.name == "import row id" and not expected:
        assert stored  # a row without an id gets one derived from its content
    else:
        assert stored == expected, (value, stored)
    return None


# -- any string ----------------------------------------------------------------------------------

# characters the rule must get right, mixed into any Unicode text (hypothesis leaves
# surrogates out by default; a JSON feed or a mis-decoded argument can carry them)
TRICKY = ["\x00", "\x07", "\x1b", "\t", "\n", "\r", "\x0b", "\x85", "\u2028", "\ud800", "\udfff"]
TRICKY += ["\u202e", "\u200d", "\ufeff", "\u0301", " "]
any_text = st.text(
    alphabet=st.one_of(st.characters(), st.sampled_from(TRICKY)), max_size=40
) | st.sampled_from(["", " ", "ok", "a\r\nb", "a\rb", "7", "1; 2", "on", "off", "editor"])


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_any_text_is_stored_as_the_rule_says_or_refused_by_field(world: World, name: str) -> None:
    @settings(max_examples=12, deadline=None, database=None)
    @given(value=any_text)
    def run(value: str) -> None:
        check_path(world, BY_NAME[name], value)

    run()


# -- held-back hostile strings, and lengths at the limit ----------------------------------------

HELD_BACK = {
    "NUL": "before\x00after",
    "BEL": "ring\x07",
    "ESC": "\x1b[31mred\x1b[0m",
    "lone surrogate": "half \ud83d of a pair",
    "right-to-left override": "file\u202eexe.txt",
    "zero-width joiner": "👩\u200d👩\u200d👧",
    "a 10,000-character word": "й" * 10_000,
    "Markdown image": "![x](https://evil.example/track.png)",
    "spreadsheet formula": "=cmd|' /C calc'!A0",
    "SQL": "'; DROP TABLE evidence; --",
    "emoji": "Свідчення 🕊️🇺🇦",
    "Cyrillic with combining accents": "Олена́ Ю́рій",
    "Windows line ends": "first line\r\nsecond line\rthird",
}


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_held_back_strings_are_stored_exactly_or_refused_in_both_languages(
    world: World, name: str
) -> None:
    path = BY_NAME[name]
    limit = path.rule.limit
    at_limit = {"at the limit": "я" * limit, "one past the limit": "я" * (limit + 1)}
    for what, value in {**HELD_BACK, **at_limit}.items():
        refusal = check_path(world, path, value)
        if refusal is not None:
            assert_reads_in_both_languages(refusal)
            assert describe(refusal, "uk") and what


def test_the_rule_refuses_what_postgresql_cannot_store_in_every_text_path(world: World) -> None:
    for path in PATHS:
        refusal = check_path(world, path, "a\x00b")
        assert refusal is not None, path.name


# -- feeds: cleaned by the same rule, never refused for a stray byte -----------------------------


def clean(text: str, limit: int) -> str:
    """What the inbox keeps of a feed's text, computed from Unicode categories."""
    kept = "".join(
        ch
        for ch in text
        if unicodedata.category(ch) not in ("Cc", "Cs") or ch in "\t\n\x0b\x0c\r\x85"
    )
    return " ".join(kept.split())[:limit].strip()


def _reports(records: list[dict[str, Any]]) -> bytes:
    return json.dumps({"data": records}).encode()  # lone surrogates travel as \\ud83d


def _record(ident: str, title: str, summary: str, link: str) -> dict[str, Any]:
    return {"id": ident, "fields": {"title": title, "body": summary, "url": link}}


@settings(max_examples=60, deadline=None, database=None)
@given(title=any_text, summary=any_text, path=any_text, ident=any_text)
def test_a_feed_item_is_cleaned_to_what_can_be_stored(
    title: str, summary: str, path: str, ident: str
) -> None:
    link = f"https://example.org/{path}"
    items = inbox.parse_reports_api(_reports([_record(ident, title, summary, link)]))
    link_is_whole = " " not in link and line(limits.URL, True).stored(link) is not None
    if not clean(title, limits.INBOX_TITLE) or not link_is_whole:
        assert items == []  # no title, or a link that would have to be mended
        return
    (item,) = items
    assert item.title == clean(title, limits.INBOX_TITLE)
    assert item.summary == clean(summary, limits.INBOX_SUMMARY)
    assert item.external_id == (
        clean(ident, limits.INBOX_EXTERNAL_ID) or clean(link, limits.INBOX_EXTERNAL_ID)
    )
    assert item.url == link


def test_hostile_feed_text_is_stored_cleaned(world: World) -> None:
    records = [
        _record(f"hostile-{n}", f"{text} {n}", text, f"https://ngo.example.org/{n}")
        for n, text in enumerate(HELD_BACK.values())
    ]
    with serve({"/api/hostile": ("application/json", _reports(records))}) as base:
        report = inbox.pull_feeds(
            engine=world.engine,
            actor=world.editor,
            feeds=[inbox.Feed("reports-api", f"{base}/api/hostile", "q")],
            allowed_hosts=["127.0.0.1"],
        )
    assert report.failed == [] and report.new == len(HELD_BACK)
    stored = _in(
        world,
        lambda s: {
            i.external_id: (i.title, i.summary)
            for i in s.exec(select(InboxItem).where(col(InboxItem.external_id).like("hostile-%")))
        },
    )
    assert stored == {
        f"hostile-{n}": (
            clean(f"{text} {n}", limits.INBOX_TITLE),
            clean(text, limits.INBOX_SUMMARY),
        )
        for n, text in enumerate(HELD_BACK.values())
    }
    assert stored["hostile-0"] == ("beforeafter 0", "beforeafter")  # NUL dropped, not refused


# -- sign-in: any name is a refusal or an actor, never a crash ----------------------------------


@settings(max_examples=20, deadline=None, database=None)
@given(name=any_text)
def test_any_user_name_at_sign_in_is_refused_plainly(world: World, name: str) -> None:
    with pytest.raises(Forbidden):
        accounts.sign_in(engine=world.engine, username=name, password="x", now=datetime.now(UTC))
