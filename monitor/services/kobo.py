"""KoboToolbox: the field form the product ships, and pulling a project's submissions.

The field form is built from the shipped reference data and the product's own rules
(`monitor.domain.field_form`); `data/forms/evidence.xlsx` is that build, and a test keeps it so.

A pull (`pull`) asks the project's API v2 for the submissions made since the last pull
(by `_submission_time`), and for a light listing of every submission (ids only), which shows
what the time cannot: a submission edited on the server (same root, new `_uuid`), one deleted
there, one refused before and since corrected. Each new or edited submission is checked by
the evidence service as a typed entry is, with its attachments downloaded through the guarded
client and stored by the attachment service with their SHA-256:

- new: an unverified entry whose id is `kobo:<root uuid>` (the `kobo` import profile's);
- edited: the entry updated through the normal version check against the version the last
  pull wrote, so an entry someone changed here since is never overwritten (a conflict,
  reported); a verified or withdrawn entry is not changed either (reported);
- deleted on the server: reported with its entry, never removed;
- refused (a field the product refuses): reported with the reasons, asked for again next time.

Repeating a pull changes nothing. It owns its transactions (it takes `engine`): the network is
waited on first, holding no lock, then each submission is written in its own transaction, so
one refused submission never holds back the others. A failure of the server (401, 404, 500,
a timeout) stops the pull before anything is written. Every pull is audited, a failed one too.

The token is `MONITOR_KOBO_TOKEN` (`monitor.config`), sent only to the configured server.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

import httpx
from pydantic import BaseModel, ConfigDict, field_validator
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from monitor.config import PROJECT_ROOT, Settings
from monitor.core import audit, fetching, storage
from monitor.core import limits as core_limits
from monitor.core.db import session_scope
from monitor.core.inputs import EvidenceInput
from monitor.core.models import AppSetting, Evidence, KoboSubmission, utcnow
from monitor.core.permissions import Action, Actor, require
from monitor.core.validation import OneLine, WebAddress, parse, problem
from monitor.domain import field_form
from monitor.domain import kobo as api
from monitor.domain.import_mapping import ImportMapping, load_profile
from monitor.errors import CaptureError, InvalidInput, MonitorError, StaleVersion
from monitor.queries.settings import KOBO_ASSET, KOBO_CURSOR, KOBO_SERVER, setting
from monitor.services import attachments, evidence
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


# -- settings ----------------------------------------------------------------------------------

TOKEN_VARIABLE = "MONITOR_KOBO_TOKEN"
PROFILE = "kobo"
PAGE_SIZE = 500  # submissions per request (KoboToolbox allows up to 30,000)
LISTING_PAGE_SIZE = 5000  # ids only: small rows
UUIDS_PER_REQUEST = 50  # edited or retried submissions asked for by id, this many at a time
MAX_PAGES = 10_000  # a server that keeps answering full pages is not followed for ever


class KoboError(MonitorError):
    """KoboToolbox could not be asked, or refused: the key says why; nothing was changed.

    Names that are not words (the service, a command) are parameters, so that no English
    word stands in the Ukrainian text.
    """

    key = "kobo.failed"

    def __init__(self, *, key: str, **params: Any) -> None:
        super().__init__(key=key, kobo="KoboToolbox", command="monitor kobo configure", **params)


@dataclass(frozen=True)
class Project:
    """Where to pull from. The token is never shown: not in repr, not in any message."""

    server_url: str
    asset_uid: str
    token: str = field(repr=False)


class ProjectInput(BaseModel):
    """The server and the project an admin sets."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=False)

    server_url: Annotated[str, WebAddress(core_limits.URL, required=True)]
    asset_uid: Annotated[str, OneLine(64, required=True)]

    @field_validator("asset_uid")
    @classmethod
    def _asset(cls, value: str) -> str:
        if not api.ASSET_UID.fullmatch(value):
            raise problem("kobo.bad_asset")
        return value


def _store_setting(session: Session, actor: Actor, key: str, value: str) -> None:
    """One app setting, audited with its old and new value (as `app_settings.set_value`,
    whose values are one of a few choices; these are free text, checked by `ProjectInput`)."""
    before = setting(session, key)
    if before == value:
        return
    row = session.get(AppSetting, key) or AppSetting(key=key, value=value)
    row.value, row.updated_at, row.updated_by = value, utcnow(), actor.id
    session.add(row)
    session.flush()
    audit.record(session, actor, "set", "setting", key, before={key: before}, after={key: value})


def configure(*, session: Session, actor: Actor, server_url: str, asset_uid: str) -> Project:
    """Set the server and the project (admins only), audited; a bad address or project id is
    refused by field. A new project starts its pulls from its first submission."""
    require(actor, Action.ADMINISTER)
    checked = parse(ProjectInput, {"server_url": server_url, "asset_uid": asset_uid})
    server = checked.server_url.rstrip("/")
    if (server, checked.asset_uid) != (setting(session, KOBO_SERVER), setting(session, KOBO_ASSET)):
        _store_setting(session, actor, KOBO_CURSOR, "")
    _store_setting(session, actor, KOBO_SERVER, server)
    _store_setting(session, actor, KOBO_ASSET, checked.asset_uid)
    return Project(server, checked.asset_uid, "")


def configured(*, session: Session) -> tuple[str, str, str]:
    """The server, the project and the submission time the last pull reached ("" if none)."""
    return (
        setting(session, KOBO_SERVER),
        setting(session, KOBO_ASSET),
        setting(session, KOBO_CURSOR),
    )


def project(*, session: Session, settings: Settings) -> Project:
    """The project to pull, or a refusal saying what is missing."""
    server, asset, _ = configured(session=session)
    if not server or not asset:
        raise KoboError(key="kobo.not_configured")
    if not settings.kobo_token:
        raise KoboError(key="kobo.no_token", name=TOKEN_VARIABLE)
    return Project(server, asset, settings.kobo_token)


# -- what a pull did ---------------------------------------------------------------------------

CREATED, UPDATED, REFUSED, CONFLICT, DELETED, FAILED, FILE = (
    "created",
    "updated",
    "refused",
    "conflict",
    "deleted",
    "failed",
    "attachment",
)


@dataclass(frozen=True)
class PullItem:
    """One thing worth saying about one submission."""

    root: str
    what: str
    evidence_id: int | None = None
    reason: MonitorError | None = None
    name: str = ""  # an attachment's file name

    def __str__(self) -> str:
        entry = f" (entry {self.evidence_id})" if self.evidence_id else ""
        name = f" {self.name}" if self.name else ""
        why = f": {self.reason}" if self.reason is not None else ""
        return f"{self.what}{name}: kobo:{self.root}{entry}{why}"


@dataclass
class PullReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    attachments: int = 0
    items: list[PullItem] = field(default_factory=list)

    def count(self, what: str) -> int:
        return sum(item.what == what for item in self.items)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.attachments)

    def counts(self) -> dict[str, int]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "attachments": self.attachments,
            **{w: self.count(w) for w in (REFUSED, CONFLICT, DELETED, FAILED)},
        }

    def __str__(self) -> str:
        return ", ".join(f"{n} {w}" for w, n in self.counts().items())


# -- the network -------------------------------------------------------------------------------


@dataclass
class _Work:
    """One submission to write, with its files (or why they could not be had)."""

    record: dict[str, Any]
    files: list[tuple[str, bytes]] = field(default_factory=list)
    file_problems: list[tuple[str, MonitorError]] = field(default_factory=list)
    failure: MonitorError | None = None


@dataclass
class _Fetched:
    work: list[_Work]
    listing: dict[str, api.Listed]
    unchanged: int
    latest: datetime | None


def _server_error(status: int, project: Project) -> KoboError:
    if status in (401, 403):
        return KoboError(key="kobo.unauthorized", status=status, name=TOKEN_VARIABLE)
    if status == 404:
        return KoboError(key="kobo.not_found", asset=project.asset_uid, server=project.server_url)
    if status >= 500:
        return KoboError(key="kobo.server_error", status=status)
    return KoboError(key="kobo.http", status=status)


async def _get(
    client: httpx.AsyncClient, project: Project, url: str, *, timeout: float, max_bytes: int
) -> bytes:
    """The body of a 200 answer, or KoboError (the token goes only to the project's server)."""
    if not api.same_origin(project.server_url, url):
        raise KoboError(key="kobo.foreign_address")
    try:
        fetched = await fetching.fetch(client, url, max_bytes=max_bytes, total=timeout)
    except CaptureError as err:
        if err.key == "capture.timeout":
            raise KoboError(key="kobo.timeout", seconds=round(timeout)) from err
        if err.key == "capture.too_large":
            raise KoboError(key="kobo.too_large", max_mb=max_bytes // 2**20) from err
        raise KoboError(key="kobo.unreachable", reason=err) from err
    if fetched.status_code != 200:
        raise _server_error(fetched.status_code, project)
    return fetched.body


async def _pages(
    client: httpx.AsyncClient,
    project: Project,
    url_of: Callable[[int], str],
    *,
    timeout: float,
) -> list[dict[str, Any]]:
    """Every submission the paged address gives, page after page (`start` and `limit`)."""
    found: list[dict[str, Any]] = []
    for _ in range(MAX_PAGES):
        body = await _get(
            client, project, url_of(len(found)), timeout=timeout, max_bytes=fetching.MAX_BYTES
        )
        try:
            page = api.parse_page(body)
        except api.Malformed as exc:
            raise KoboError(key="kobo.malformed", expected=str(exc)) from None
        found += page.results
        if not page.results or len(found) >= page.count:
            break
    return found


def _paged(project: Project, **query: Any) -> Callable[[int], str]:
    """The address of the page that starts at a given submission, for `_pages`."""
    return lambda start: api.data_url(project.server_url, project.asset_uid, start=start, **query)


async def _files(
    client: httpx.AsyncClient, project: Project, work: _Work, mapping: ImportMapping, timeout: float
) -> None:
    """Download a submission's attachments; a file too large is reported and left out, any
    other failure puts the whole submission off to the next pull (nothing half-stored)."""
    sub = api.submission(work.record, mapping)
    for item in sub.attachments if sub else ():
        try:
            data = await _get(
                client, project, item.download_url, timeout=timeout, max_bytes=attachments.MAX_BYTES
            )
        except KoboError as err:
            if err.key in ("kobo.too_large", "kobo.foreign_address"):
                work.file_problems.append((item.name, err))
                continue
            work.failure = err
            return
        work.files.append((item.name, data))


async def _fetch(
    project: Project,
    *,
    cursor: str,
    known: dict[str, str],
    mapping: ImportMapping,
    page_size: int,
    listing_page_size: int,
    timeout: float,
    allowed_hosts: Iterable[str],
) -> _Fetched:
    """Everything a pull needs from the server, before any write."""
    async with fetching.make_client(allowed_hosts) as client:
        client.headers["Authorization"] = f"Token {project.token}"
        client.headers["Accept"] = "application/json"
        new = await _pages(
            client, project, _paged(project, limit=page_size, since=cursor), timeout=timeout
        )
        listing_records = await _pages(
            client,
            project,
            _paged(project, limit=listing_page_size, fields=api.LISTING_FIELDS),
            timeout=timeout,
        )
        listing = {seen.root: seen for r in listing_records if (seen := api.listed(r))}
        records = {seen.instance: r for r in new if (seen := api.listed(r))}
        wanted = [
            seen.instance
            for root, seen in listing.items()
            if known.get(root) != seen.instance and seen.instance not in records
        ]
        for start in range(0, len(wanted), UUIDS_PER_REQUEST):
            chunk = wanted[start : start + UUIDS_PER_REQUEST]
            extra = await _pages(
                client, project, _paged(project, limit=page_size, uuids=chunk), timeout=timeout
            )
            records.update({seen.instance: r for r in extra if (seen := api.listed(r))})
        unchanged = 0
        work: list[_Work] = []
        for instance, record in records.items():
            seen = api.listed(record)
            assert seen is not None
            if known.get(seen.root) == instance:
                unchanged += 1
                continue
            item = _Work(record)
            await _files(client, project, item, mapping, timeout)
            work.append(item)
        bad = [_Work(r) for r in new if api.listed(r) is None]  # no id or time: reported
    times = [seen.submitted_at for r in new if (seen := api.listed(r))]
    return _Fetched(work + bad, listing, unchanged, max(times) if times else None)


# -- the writes --------------------------------------------------------------------------------


def _unchanged(current: dict[str, Any], checked: EvidenceInput) -> bool:
    """Whether the entry already says what the submission says (so no edit is made)."""
    for name, value in checked.model_dump().items():
        new = getattr(value, "value", value)
        old = current.get(name)
        if name == "demands":
            new, old = sorted(new), sorted(old or [])
        if isinstance(new, date):
            new = new.isoformat()
        if old != new:
            return False
    return True


def _attach(
    session: Session,
    actor: Actor,
    evidence_id: int,
    work: _Work,
    sub: api.Submission,
    folder: storage.Place,
    report: PullReport,
) -> None:
    for name, problem_ in work.file_problems:
        report.items.append(PullItem(sub.root, FILE, evidence_id, problem_, name))
    for name, data in work.files:
        try:
            attachments.attach(  # checks the file before it writes anything
                session=session,
                actor=actor,
                evidence_id=evidence_id,
                filename=name,
                data=data,
                folder=folder,
            )
            report.attachments += 1
        except InvalidInput as err:
            report.items.append(PullItem(sub.root, FILE, evidence_id, err, name))


def _write(
    session: Session,
    actor: Actor,
    project: Project,
    work: _Work,
    mapping: ImportMapping,
    today: date,
    folder: storage.Place,
    report: PullReport,
) -> None:
    """One submission: create or update its entry, store its files, remember the version."""
    sub = api.submission(work.record, mapping)
    if sub is None:
        problem_ = InvalidInput(
            {"_uuid": ("kobo.no_identity", {"fields": "_uuid, _submission_time"})}
        )
        report.items.append(PullItem(str(work.record.get("_id", "?")), REFUSED, reason=problem_))
        return
    if work.failure is not None:
        report.items.append(PullItem(sub.root, FAILED, reason=work.failure))
        return
    data = {k: v for k, v in sub.data.items() if k not in ("uid", "version")}
    row = session.exec(
        select(KoboSubmission).where(
            KoboSubmission.asset_uid == project.asset_uid, KoboSubmission.root_uuid == sub.root
        )
    ).first()
    entry = session.exec(select(Evidence).where(Evidence.uid == sub.external_id)).first()
    try:
        if entry is None:
            entry = evidence.create(
                session=session, actor=actor, data=data, today=today, uid=sub.external_id
            )
            report.created += 1
        else:
            assert entry.id is not None
            checked = evidence.validate(session=session, data=data, today=today)
            if not _unchanged(evidence.view(session=session, entry=entry), checked):
                expected = row.evidence_version if row is not None else entry.version
                entry = evidence.edit(
                    session=session,
                    actor=actor,
                    evidence_id=entry.id,
                    expected_version=expected,
                    data=data,
                    today=today,
                )
                report.updated += 1
            else:
                report.unchanged += 1
    except StaleVersion as err:
        report.items.append(PullItem(sub.root, CONFLICT, entry.id if entry else None, err))
        return
    except InvalidInput as err:
        what = (
            CONFLICT
            if entry is not None and set(err.problems) <= {"verification", "withdrawn"}
            else REFUSED
        )
        report.items.append(PullItem(sub.root, what, entry.id if entry else None, err))
        return
    assert entry.id is not None
    _attach(session, actor, entry.id, work, sub, folder, report)
    if row is None:
        row = KoboSubmission(
            asset_uid=project.asset_uid,
            root_uuid=sub.root,
            instance_uuid=sub.instance,
            submitted_at=sub.submitted_at,
            evidence_id=entry.id,
            evidence_version=entry.version,
        )
    row.instance_uuid, row.evidence_version, row.pulled_at = sub.instance, entry.version, utcnow()
    row.gone_since = None
    session.add(row)
    session.flush()


def _gone(
    session: Session, project: Project, listing: dict[str, api.Listed], report: PullReport
) -> list[str]:
    """Report every pulled submission the server no longer lists; returns the newly gone."""
    newly: list[str] = []
    rows = session.exec(
        select(KoboSubmission)
        .where(KoboSubmission.asset_uid == project.asset_uid)
        .order_by(col(KoboSubmission.id))
    ).all()
    for row in rows:
        if row.root_uuid in listing:
            if row.gone_since is not None:  # listed again (restored on the server)
                row.gone_since = None
                session.add(row)
            continue
        if row.gone_since is None:
            row.gone_since = utcnow()
            session.add(row)
            newly.append(row.root_uuid)
        report.items.append(PullItem(row.root_uuid, DELETED, row.evidence_id))
    session.flush()
    return newly


def pull(
    *,
    engine: Engine,
    actor: Actor,
    settings: Settings,
    today: date,
    page_size: int = PAGE_SIZE,
    listing_page_size: int = LISTING_PAGE_SIZE,
    timeout: float = fetching.TOTAL_SECONDS,
) -> PullReport:
    """Pull the project's new and changed submissions (see the module docstring)."""
    require(actor, Action.EDIT)
    with session_scope(engine) as session:
        target = project(session=session, settings=settings)
        cursor = setting(session, KOBO_CURSOR)
        known = {
            r.root_uuid: r.instance_uuid
            for r in session.exec(
                select(KoboSubmission).where(KoboSubmission.asset_uid == target.asset_uid)
            ).all()
        }
    mapping = load_profile(PROFILE)
    try:
        fetched = asyncio.run(
            _fetch(
                target,
                cursor=cursor,
                known=known,
                mapping=mapping,
                page_size=page_size,
                listing_page_size=listing_page_size,
                timeout=timeout,
                allowed_hosts=settings.capture_allowed_hosts,
            )
        )
    except KoboError as err:
        with session_scope(engine) as session:
            audit.record(
                session,
                actor,
                "kobo-pull-failed",
                "kobo",
                target.asset_uid,
                after={"server": target.server_url, "error": err.key, "params": _plain(err.params)},
                changes_data=False,
            )
        raise
    report = PullReport(unchanged=fetched.unchanged)
    # a store that fails rolls its submission back and stops the pull before the cursor moves:
    # the next pull fetches that submission again, nothing is half-saved
    store = storage.attachments(settings)
    for work in fetched.work:
        with session_scope(engine) as session:
            _write(session, actor, target, work, mapping, today, store, report)
    with session_scope(engine) as session:
        newly_gone = _gone(session, target, fetched.listing, report)
        if fetched.latest is not None:
            reached = api.cursor_text(fetched.latest)
            if reached > cursor:
                row = session.get(AppSetting, KOBO_CURSOR) or AppSetting(key=KOBO_CURSOR, value="")
                row.value, row.updated_at, row.updated_by = reached, utcnow(), actor.id
                session.add(row)
        audit.record(
            session,
            actor,
            "kobo-pull",
            "kobo",
            target.asset_uid,
            after={
                "server": target.server_url,
                "since": cursor,
                **report.counts(),
                "newly_deleted": newly_gone,
                "items": [str(item) for item in report.items][:200],
            },
            changes_data=report.changed or bool(newly_gone),
        )
    return report


def _plain(params: dict[str, Any]) -> dict[str, str]:
    """An error's parameters as text for the audit log (an error inside is its English text)."""
    return {k: str(v) for k, v in params.items()}


__all__ = [
    "FORM_FILE",
    "KoboError",
    "Project",
    "PullItem",
    "PullReport",
    "configure",
    "configured",
    "field_form_sheets",
    "field_form_xlsx",
    "project",
    "pull",
]
