"""Every refusal a service gives reads in both languages, and the Ukrainian one in Ukrainian.

Each case drives one refusal through its service (on both engines where a database is
involved) and checks what a person reads, `monitor.i18n.describe(err, lang)`: the Ukrainian
text repeats no English word of the English one (only the values put into it, a URL or a code,
may be Latin), differs from it, and every catalogue key it is made of exists in both languages.
A last test sweeps every key the code raises, so a refusal no case drives is checked too.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re
import shutil
import socket
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from monitor.config import PROJECT_ROOT
from monitor.core import fetching, limits
from monitor.core.db import make_engine, session_scope
from monitor.core.files import sha256
from monitor.core.models import (
    AssessmentState,
    InboxItem,
    InboxState,
    Role,
    Verification,
)
from monitor.core.passwords import hash_password
from monitor.core.permissions import Actor, parse_role
from monitor.core.validation import _PYDANTIC_KEYS
from monitor.domain import documents
from monitor.domain.briefings import BriefingOptions
from monitor.domain.filters import EvidenceFilters
from monitor.domain.points import SplitPoint
from monitor.errors import MonitorError
from monitor.i18n import CATALOGUE, LANGUAGES, describe
from monitor.services import (
    accounts,
    app_settings,
    assessments,
    attachments,
    backup,
    briefings,
    captures,
    coverage,
    drafts,
    evidence,
    importer,
    inbox,
    reference,
    startup,
)
from monitor.services.transactions import in_transaction
from tests.db.test_evidence import valid
from tests.factories import make_actor, make_assessment, make_evidence
from tests.local_server import serve

TODAY = date(2026, 11, 23)
REFERENCE_DIR = PROJECT_ROOT / "data" / "reference"
# Latin words a Ukrainian text may hold: names of things that are not translated
TECHNICAL = {
    "monitor",
    "seed",
    "monitor_database_url",
    "database",
    "url",
    "sqlite",
    "postgresql",
    "http",
    "https",
    "sha",
    "json",
    "xml",
    "api",
    "tls",
    "nul",
    # file types
    *("pdf", "png", "jpeg", "webp", "docx", "xlsx", "odt", "txt", "csv"),
}
WORD = re.compile(r"[A-Za-z_]{3,}")
PLACEHOLDER = re.compile(r"\{\w+\}")


# -- what is checked ---------------------------------------------------------------------------


def _walk(err: MonitorError, keys: set[str], values: list[str]) -> None:
    """The catalogue keys an error's text is made of, and the plain values put into it."""
    if err.problems:
        for name, (key, params) in err.problems.items():
            keys |= {key, f"field.{name}"}
            _walk_params(params, keys, values)
    else:
        keys.add(err.key)
        _walk_params(err.params, keys, values)


def _walk_params(params: Mapping[str, Any], keys: set[str], values: list[str]) -> None:
    for value in params.values():
        if isinstance(value, MonitorError):
            _walk(value, keys, values)
        elif isinstance(value, Enum) or (
            isinstance(value, tuple) and value and all(isinstance(v, Enum) for v in value)
        ):
            continue  # put into words from the catalogue: checked like the template
        elif not isinstance(value, Mapping):  # a mapping (a stale record) is never shown
            values.append(str(value))


def _words(text: str) -> set[str]:
    return {w.casefold() for w in WORD.findall(text)} - TECHNICAL


def assert_reads_in_both_languages(err: MonitorError) -> None:
    keys: set[str] = set()
    values: list[str] = []
    _walk(err, keys, values)
    missing = sorted(k for k in keys if set(CATALOGUE.get(k, {})) != set(LANGUAGES))
    assert not missing, f"keys not in the catalogue in both languages: {missing}"
    english, ukrainian = describe(err, "en"), describe(err, "uk")
    assert ukrainian != english
    assert re.search("[а-яєіїґ]", ukrainian, re.IGNORECASE), ukrainian
    # the values put into the text (a URL, a code, a reason from a library) may be Latin
    plain_uk = ukrainian
    for value in sorted(values, key=len, reverse=True):
        plain_uk = plain_uk.replace(value, " ")
    english_words = _words(english) - _words(" ".join(values))
    leaked = sorted(english_words & _words(plain_uk))
    assert not leaked, f"English in the Ukrainian text: {leaked}\n{ukrainian}\n{english}"
    assert str(err) and "\n" not in str(err)  # the command line's one English line


# -- the world the refusals happen in ----------------------------------------------------------


@dataclass
class World:
    engine: sa.Engine
    folder: Path
    viewer: Actor
    editor: Actor
    admin: Actor
    entry: int
    entry_uid: str
    verified: int
    withdrawn: int
    proposed: int
    published: int
    accepted_item: int


@pytest.fixture
def world(engine: sa.Engine, tmp_path: Path) -> World:
    with session_scope(engine) as session:
        viewer = make_actor(session, "viewer", Role.VIEWER)
        editor = make_actor(session, "editor", Role.EDITOR)
        admin = make_actor(session, "admin", Role.ADMIN)
        entry = make_evidence(session, editor, title="An entry")
        verified = make_evidence(session, editor, verification=Verification.VERIFIED)
        withdrawn = make_evidence(
            session, editor, withdrawn_at=datetime.now(UTC), withdrawn_reason="a duplicate"
        )
        proposed = make_assessment(
            session,
            editor,
            "D02",
            1,
            TODAY,
            state=AssessmentState.PROPOSED,
            approver_id=None,
            decided_at=None,
        )
        published = make_assessment(session, editor, "D03", 2, TODAY)
        item = InboxItem(
            source="rss:example.org",
            external_id="1",
            url="https://example.org/1",
            title="A report",
            state=InboxState.ACCEPTED,
        )
        session.add(item)
        session.flush()
    return World(
        engine,
        tmp_path,
        viewer,
        editor,
        admin,
        entry=int(entry.id or 0),
        entry_uid=entry.uid,
        verified=int(verified.id or 0),
        withdrawn=int(withdrawn.id or 0),
        proposed=int(proposed.id or 0),
        published=int(published.id or 0),
        accepted_item=int(item.id or 0),
    )


def write(w: World, service: Callable[..., Any], /, **arguments: Any) -> Any:
    return in_transaction(w.engine, service, **arguments)


def _zip(members: dict[str, bytes], manifest: str | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        if manifest is not None:
            archive.writestr("MANIFEST.sha256", manifest)
    return out.getvalue()


def _manifest(members: dict[str, bytes]) -> str:
    return "".join(f"{sha256(data)}  {name}\n" for name, data in members.items())


def _import(w: World, body: str) -> None:
    table = importer.read_table("rows.csv", body.encode())
    write(
        w,
        importer.import_rows,
        actor=w.editor,
        table=table,
        mapping=importer.suggest_mapping(table.columns),
        today=TODAY,
    )


HEADER = "id,version,demands,title,event start,region,source type,"
HEADER += "source reliability (A-F),information credibility (1-6),direction\n"


def _row(uid: str, version: str, demands: str = "D01", title: str = "Changed") -> str:
    return f"{uid},{version},{demands},{title},2025-06-01,crimea,court,A,1,regression\n"


def _too_many_demands(w: World) -> None:
    folder = w.folder / "reference"
    shutil.copytree(REFERENCE_DIR, folder)
    with (folder / "demands.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    extra = [{**rows[0], "code": f"X{n:02d}", "position": str(n)} for n in range(11, 64)]
    with (folder / "demands.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows + extra)
    write(w, reference.load_reference, folder=folder)


def _draft(w: World, code: str = "NEW-1", points: tuple[SplitPoint, ...] = (), **data: Any) -> None:
    values = {
        "code": code,
        "title": "A draft",
        "proponent": "Mediators",
        "published_on": "2026-11-01",
        "status": "proposed",
        **data,
    }
    write(
        w,
        drafts.create_draft,
        actor=w.editor,
        data=values,
        points=points or (SplitPoint("1", "First point."),),
        today=TODAY,
    )


def _code(w: World, **kwargs: Any) -> None:
    values = {"draft_code": "US28-2025-11", "demand_code": "D01", "level": "partial", "points": "1"}
    write(w, coverage.propose, actor=w.editor, **{**values, **kwargs})


def _propose(w: World, **kwargs: Any) -> None:
    values = {"demand": "D01", "score": 1, "assessed_on": "2026-11-01", "rationale": "Because."}
    write(w, assessments.propose, actor=w.editor, today=TODAY, **{**values, **kwargs})


def _log(w: World, actor: str = "editor", **overrides: Any) -> None:
    write(w, evidence.create, actor=getattr(w, actor), data=valid(**overrides), today=TODAY)


def _entry_version(w: World, evidence_id: int) -> int:
    with session_scope(w.engine) as session:
        return evidence.load(session=session, evidence_id=evidence_id).version


def _change(w: World, service: Callable[..., Any], evidence_id: int, **kwargs: Any) -> None:
    version = kwargs.pop("version", None) or _entry_version(w, evidence_id)
    write(w, service, evidence_id=evidence_id, expected_version=version, **kwargs)


def _attach(w: World, evidence_id: int, name: str, data: bytes) -> None:
    write(
        w,
        attachments.attach,
        actor=w.editor,
        evidence_id=evidence_id,
        filename=name,
        data=data,
        folder=w.folder / "attachments",
        max_bytes=1024,
    )


def _brief(w: World, actor: str = "editor", **options: Any) -> None:
    briefings.check_options(
        engine=w.engine, actor=getattr(w, actor), options=BriefingOptions(**options)
    )


def _sign_in_failing(w: World, times: int) -> None:
    with session_scope(w.engine) as session:
        accounts.add_user(
            session=session,
            actor=w.admin,
            username="olena",
            role=Role.EDITOR,
            password_hash=hash_password("the right password"),
        )
    for attempt in range(times):
        try:
            accounts.sign_in(
                engine=w.engine, username="olena", password="wrong", now=datetime.now(UTC)
            )
        except MonitorError:
            if attempt == times - 1:
                raise


def _add_user(w: World, username: str) -> None:
    write(
        w, accounts.add_user, actor=w.admin, username=username, role=Role.VIEWER, password_hash=None
    )


def _restore(w: World, blob: bytes) -> None:
    backup.restore(engine=w.engine, blob=blob, data_dir=w.folder / "restored")


def _backup_of(w: World) -> bytes:
    return backup.create(engine=w.engine, actor=w.admin, data_dir=w.folder, now=datetime.now(UTC))


def _altered_backup() -> bytes:
    members = {"backup.json": b'{"format": 1}'}
    return _zip(members, _manifest({"backup.json": b"something else"}))


def _unknown_format() -> bytes:
    members = {"backup.json": b'{"format": 99}'}
    return _zip(members, _manifest(members))


Case = Callable[[World], None]
DB_CASES: dict[str, Case] = {
    # the permission policy
    "sign in first": lambda w: write(w, evidence.create, actor=None, data=valid(), today=TODAY),
    "a viewer may not log": lambda w: _log(w, actor="viewer"),
    "an editor may not restore": lambda w: _change(
        w, evidence.restore, w.withdrawn, actor=w.editor, reason="back"
    ),
    "a viewer may not change settings": lambda w: write(
        w, app_settings.set_value, actor=w.viewer, key=app_settings.FOUR_EYES, value="off"
    ),
    "a viewer may not back up": lambda w: backup.create(
        engine=w.engine, actor=w.viewer, data_dir=w.folder, now=datetime.now(UTC)
    ),
    "a viewer may not capture": lambda w: captures.capture_sources(
        engine=w.engine, actor=w.viewer, targets=[], folder=w.folder
    ),
    "an editor may not export confidential": lambda w: _brief(w, include_confidential=True),
    "a viewer may not export restricted": lambda w: _brief(
        w, actor="viewer", include_restricted=True
    ),
    # accounts
    "a user name with a space": lambda w: _add_user(w, "no spaces"),
    "a user name taken": lambda w: _add_user(w, "editor"),
    "changing a user who does not exist": lambda w: write(
        w, accounts.change, actor=w.admin, username="nobody", role=Role.EDITOR
    ),
    "an admin changing their own account": lambda w: write(
        w, accounts.change, actor=w.admin, username="admin", active=False
    ),
    "a wrong password": lambda w: _sign_in_failing(w, 1),
    "too many wrong passwords": lambda w: _sign_in_failing(w, 4),
    "a command-line user who does not exist": lambda w: startup.command_actor(
        engine=w.engine, username="nobody"
    ),
    # evidence
    "an entry that does not exist": lambda w: write(
        w,
        evidence.withdraw,
        actor=w.editor,
        evidence_id=10**6,
        expected_version=1,
        reason="why",
    ),
    "an end before the start": lambda w: _log(w, event_start="2025-10-02", event_end="2025-10-01"),
    "an unknown settlement": lambda w: _log(w, settlement_code="UA00000000000000000"),
    "a settlement in another region": lambda w: _log(w, region_code="crimea"),
    "an unknown demand": lambda w: _log(w, demands=["D77"]),
    "a demand twice": lambda w: _log(w, demands=["D01", "D01"]),
    "too many demands": lambda w: _log(w, demands=["D01"] * (limits.DEMANDS_PER_ENTRY + 1)),
    "no demand": lambda w: _log(w, demands=[]),
    "not a web address": lambda w: _log(w, source_url="ftp://example.org/x"),
    "an unknown language": lambda w: _log(w, language="xx"),
    "an unknown reliability": lambda w: _log(w, reliability="Z"),
    "an unknown source type": lambda w: _log(w, source_type="rumour"),
    "credibility not a number": lambda w: _log(w, credibility="high"),
    "credibility too high": lambda w: _log(w, credibility="9"),
    "negative people": lambda w: _log(w, people_count="-1"),
    "no title": lambda w: _log(w, title="  "),
    "a title too long": lambda w: _log(w, title="x" * (limits.EVIDENCE_TITLE + 1)),
    "not a date": lambda w: _log(w, event_start="2025-02-30"),
    "a date in the future": lambda w: _log(w, event_start="2027-01-01"),
    "a control character": lambda w: _log(w, description="a\x00b"),
    "demands not a list": lambda w: _log(w, demands=5),
    "title not text": lambda w: _log(w, title=5),
    "editing a verified entry": lambda w: _change(
        w, evidence.edit, w.verified, actor=w.editor, data=valid(), today=TODAY
    ),
    "editing a withdrawn entry": lambda w: _change(
        w, evidence.edit, w.withdrawn, actor=w.editor, data=valid(), today=TODAY
    ),
    "someone saved first": lambda w: _change(
        w, evidence.advance_verification, w.entry, actor=w.editor, version=7
    ),
    "verifying a verified entry": lambda w: _change(
        w, evidence.advance_verification, w.verified, actor=w.editor
    ),
    "reopening an unverified entry": lambda w: _change(
        w, evidence.reopen, w.entry, actor=w.editor, reason="to fix"
    ),
    "withdrawing without a reason": lambda w: _change(
        w, evidence.withdraw, w.entry, actor=w.editor, reason=" "
    ),
    "a reason too long": lambda w: _change(
        w, evidence.withdraw, w.entry, actor=w.editor, reason="x" * (limits.REASON + 1)
    ),
    "withdrawing twice": lambda w: _change(
        w, evidence.withdraw, w.withdrawn, actor=w.editor, reason="again"
    ),
    "restoring an entry not withdrawn": lambda w: _change(
        w, evidence.restore, w.entry, actor=w.admin, reason="back"
    ),
    # attachments
    "attaching to no entry": lambda w: _attach(w, 10**6, "a.pdf", b"%PDF-1.4"),
    "a file without a name": lambda w: _attach(w, w.entry, " ", b"%PDF-1.4"),
    "a file too large": lambda w: _attach(w, w.entry, "a.pdf", b"%PDF-" + b"0" * 2048),
    "a file of another type": lambda w: _attach(w, w.entry, "a.pdf", b"MZ executable"),
    # assessments
    "assessing an unknown demand": lambda w: _propose(w, demand="D77"),
    "resting on unknown entries": lambda w: _propose(w, evidence_ids=[10**6]),
    "no rationale": lambda w: _propose(w, rationale=" "),
    "a score too high": lambda w: _propose(w, score=limits.SCORE_MAX + 1),
    "assessing the future": lambda w: _propose(w, assessed_on="2027-01-01"),
    "approving no assessment": lambda w: write(
        w, assessments.approve, actor=w.admin, assessment_id=10**6
    ),
    "approving a published assessment": lambda w: write(
        w, assessments.approve, actor=w.admin, assessment_id=w.published
    ),
    "approving one's own assessment": lambda w: write(
        w, assessments.approve, actor=w.editor, assessment_id=w.proposed
    ),
    "rejecting without a reason": lambda w: write(
        w, assessments.reject, actor=w.admin, assessment_id=w.proposed, reason=""
    ),
    "a reason with a control character": lambda w: write(
        w, assessments.reject, actor=w.admin, assessment_id=w.proposed, reason="a\x01b"
    ),
    # drafts and coverage
    "a draft code taken": lambda w: _draft(w, code="US28-2025-11"),
    "a draft code with spaces": lambda w: _draft(w, code="NEW 1"),
    "a draft without a proponent": lambda w: _draft(w, proponent=""),
    "superseding an unknown draft": lambda w: _draft(w, supersedes="NOPE"),
    "a draft without points": lambda w: write(
        w,
        drafts.create_draft,
        actor=w.editor,
        points=[],
        today=TODAY,
        data={
            "code": "NEW-2",
            "title": "T",
            "proponent": "P",
            "published_on": "2026-11-01",
            "status": "proposed",
        },
    ),
    "a point label twice": lambda w: _draft(
        w, points=(SplitPoint("1", "One."), SplitPoint("1", "Again."))
    ),
    "a point label too long": lambda w: _draft(w, points=(SplitPoint("1" * 17, "One."),)),
    "an empty point": lambda w: _draft(w, points=(SplitPoint("1", " "),)),
    "a point with a control character": lambda w: _draft(w, points=(SplitPoint("1", "a\x00b"),)),
    "a point for no draft": lambda w: write(
        w, drafts.add_point, actor=w.editor, draft_code="NOPE", label="9", text="Nine."
    ),
    "coding an unknown demand": lambda w: _code(w, demand_code="D77"),
    "an unknown coverage level": lambda w: _code(w, level="sometimes"),
    "coverage without points": lambda w: _code(w, points=""),
    "citing an unknown point": lambda w: _code(w, points="999"),
    "a coverage note too long": lambda w: _code(w, note="x" * (limits.COVERAGE_NOTE + 1)),
    "too many points cited": lambda w: _code(w, points=["1"] * (limits.COVERAGE_POINTS // 3 + 2)),
    # briefings
    "a briefing of an unknown demand": lambda w: _brief(
        w, filters=EvidenceFilters(demands=("D77",))
    ),
    "a briefing of an unknown region": lambda w: _brief(
        w, filters=EvidenceFilters(regions=("atlantis",))
    ),
    "a briefing that ends before it starts": lambda w: _brief(
        w, filters=EvidenceFilters(date_from=TODAY, date_to=TODAY - timedelta(days=1))
    ),
    "a briefing in another language": lambda w: _brief(w, lang="de"),
    "an unknown kind of briefing": lambda w: briefings.build(
        engine=w.engine, kind="poems", options=BriefingOptions(), today=TODAY
    ),
    # import
    "an import with a bad row": lambda w: _import(w, HEADER + _row("", "", demands="D77")),
    "an import changing an entry without its version": lambda w: _import(
        w, HEADER + _row(w.entry_uid, "")
    ),
    "an import from an old export": lambda w: _import(w, HEADER + _row(w.entry_uid, "7")),
    # inbox
    "accepting no item": lambda w: write(
        w, inbox.accept, actor=w.editor, item_id=10**6, evidence_id=w.entry
    ),
    "dismissing a decided item": lambda w: write(
        w, inbox.dismiss, actor=w.editor, item_id=w.accepted_item
    ),
    # backups and reference data
    "restoring something else": lambda w: _restore(w, b"not a zip"),
    "restoring without a manifest": lambda w: _restore(w, _zip({"backup.json": b"{}"})),
    "restoring an altered backup": lambda w: _restore(w, _altered_backup()),
    "restoring an unknown format": lambda w: _restore(w, _unknown_format()),
    "restoring into a database in use": lambda w: _restore(w, _backup_of(w)),
    "more demands than the Overview counts": _too_many_demands,
}


@pytest.mark.parametrize("case", sorted(DB_CASES))
def test_a_refusal_reads_in_both_languages(world: World, case: str) -> None:
    with pytest.raises(MonitorError) as info:
        DB_CASES[case](world)
    assert_reads_in_both_languages(info.value)


# -- refusals that need no database ------------------------------------------------------------


def _fetch(url: str, allowed: tuple[str, ...] = ("127.0.0.1",), **kwargs: Any) -> None:
    async def run() -> None:
        async with fetching.make_client(allowed) as client:
            await fetching.fetch(client, url, **kwargs)

    asyncio.run(run())


def _served(path: str, **kwargs: Any) -> Callable[[], None]:
    def fetch() -> None:
        with serve() as base:
            _fetch(f"{base}{path}", **kwargs)

    return fetch


def _closed_port() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    _fetch(f"http://127.0.0.1:{port}/")


def _docx_that_is_not() -> None:
    documents.read_text("draft.docx", b"not a zip")


PLAIN_CASES: dict[str, Callable[[], object]] = {
    "an unknown role": lambda: parse_role("boss"),
    "a short password": lambda: accounts.check_password("short"),
    "a password too long": lambda: accounts.check_password("x" * (limits.PASSWORD + 1)),
    "not a database URL": lambda: make_engine("not a url"),
    "an unsupported database": lambda: make_engine("oracle://x@y/z"),
    "a database driver missing": lambda: make_engine("postgresql+nosuchdriver://x@y/z"),
    "an unreachable database": lambda: make_engine("postgresql://nobody@127.0.0.1:1/x"),
    "a data folder that cannot be made": lambda: make_engine(
        "sqlite:////proc/forbidden/monitor.db"
    ),
    "a name that does not resolve": lambda: _fetch("http://no-such-host.invalid/", ()),
    "a private address": lambda: _fetch("http://10.0.0.1/", ()),
    "not a capturable scheme": lambda: _fetch("ftp://example.org/x", ()),
    "a redirect to a file": _served("/to-file"),
    "too many redirects": _served("/loop"),
    "a source too large": _served("/huge", max_bytes=2**20),
    "a source too slow": _served("/slow", total=1.0),
    "a connection refused": _closed_port,
    "a reports API that is not JSON": lambda: inbox.parse_reports_api(b"<html>"),
    "a feed that is not XML": lambda: inbox.parse_feed(b"{not xml"),
    "an import file of another type": lambda: importer.read_table("rows.pdf", b"%PDF"),
    "an import file that cannot be read": lambda: importer.read_table("rows.xlsx", b"no"),
    "an import too wide": lambda: importer.read_table(
        "rows.csv", (",".join(f"c{i}" for i in range(limits.IMPORT_COLUMNS + 1)) + "\n1\n").encode()
    ),
    "a draft file too large": lambda: documents.read_text(
        "draft.txt", b"x" * (limits.DRAFT_FILE_MB * 2**20 + 1)
    ),
    "a draft file that cannot be read": _docx_that_is_not,
    "a draft file of another type": lambda: documents.read_text("draft.pdf", b"%PDF"),
}


@pytest.mark.parametrize("case", sorted(PLAIN_CASES))
def test_a_refusal_without_a_database_reads_in_both_languages(case: str) -> None:
    with pytest.raises(MonitorError) as info:
        PLAIN_CASES[case]()
    assert_reads_in_both_languages(info.value)


# -- every key the code can raise ---------------------------------------------------------------

# `key="..."` given to an error, or `key = "..."` on an error class outside monitor/errors.py
# (whose class keys are only for a message given by hand, which the tool's own code never does)
RAISED_KEY = re.compile(r"""\bkey( = |=)["']([a-z_]+\.[a-z_.]+)["']""")
PROBLEM_KEY = re.compile(
    r"""\(\s*["']((?:invalid|draft|coverage|account|attachment|import|"""
    r"""backup|evidence|assessment|inbox)\.[a-z_.]+)["']\s*,"""
)
PYDANTIC_KEY = re.compile(r"""problem\(\s*["']([a-z_]+\.[a-z_.]+)["']""")


def _raised_keys() -> set[str]:
    keys: set[str] = set()
    for path in (PROJECT_ROOT / "monitor").rglob("*.py"):
        if "ui" in path.relative_to(PROJECT_ROOT).parts:
            continue
        text = path.read_text()
        if path.name != "errors.py":
            keys |= {key for _, key in RAISED_KEY.findall(text)}
        for pattern in (PROBLEM_KEY, PYDANTIC_KEY):
            keys |= set(pattern.findall(text))
    return keys | set(_PYDANTIC_KEYS.values())


def test_every_key_an_error_carries_is_ukrainian_in_ukrainian() -> None:
    keys = _raised_keys()
    expected = {"forbidden.role", "account.exists", "capture.http", "config.broken_keys"}
    assert expected | {"import.refused", "invalid.required"} <= keys
    for key in sorted(keys):
        texts = CATALOGUE.get(key)
        assert texts is not None and set(texts) == set(LANGUAGES), key
        assert "{message}" not in texts["en"], f"{key}: an English message would fill it"
        english, ukrainian = PLACEHOLDER.sub(" ", texts["en"]), PLACEHOLDER.sub(" ", texts["uk"])
        leaked = sorted(_words(english) & _words(ukrainian))
        assert not leaked, f"{key}: English in the Ukrainian text: {leaked}"
        assert re.search("[а-яєіїґ]", ukrainian, re.IGNORECASE), key


def test_a_value_in_words_is_said_in_the_readers_language(world: World) -> None:
    with pytest.raises(MonitorError) as info:
        DB_CASES["dismissing a decided item"](world)
    assert "прийнято" in describe(info.value, "uk")
    assert "accepted" in describe(info.value, "en") and "accepted" in str(info.value)
    payload = json.dumps(info.value.problems, default=str)  # plain data a page can keep
    assert "inbox.decided" in payload
