"""Files attached to evidence: size-limited, typed by content, stored once under their SHA-256,
checked against it on every read, and handed out as working copies.

The file is written (atomically, by rename) before the row is committed, so a committed row
always has its file; a crash in between can leave a file no row names, which `orphans` finds.

Reading follows the Berkeley Protocol: the stored original never changes; every read hashes
the bytes and compares them with the row (a difference is tampering: shown, audited, nothing
previewed or handed out); a preview is an image drawn on the server and a download is a
working copy without the metadata that could reveal a witness, unless an admin asks for the
original (audited). Each read is a custody event (`monitor.services.custody`). Who may open an
attachment is who may read its entry's text: the one policy, `visible_sensitivities`.

`open_attachment`, `download_attachment`, `download_capture` and `rehash` own their
transactions (they take `engine`): the file is read and rendered outside any transaction, and
a tampering found is recorded and committed even though the read is then refused.

Files are kept in a store (`monitor.core.storage`: the local folder, or an S3-compatible
bucket shared by every app process); each `folder=` takes a store, or a local folder as a
Path. A store that cannot be reached is refused as such (a ConfigError), never taken for a
missing file: only a file the store says it does not have is "missing", a tampering.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from monitor.core import audit, files, limits, storage
from monitor.core.db import session_scope
from monitor.core.models import Attachment, Capture, CustodyAction, CustodyItem
from monitor.core.permissions import Action, Actor, may, require
from monitor.domain import attachment_types as types
from monitor.domain.attachment_types import Detected, Kind, Refused
from monitor.errors import InvalidInput, NotFound, Problem
from monitor.services import custody

MAX_BYTES = limits.ATTACHMENT_MB * 2**20
_TEXT_SUFFIXES = {".txt": "text/plain", ".csv": "text/csv", ".md": "text/markdown"}
_CHUNK = 2**20


def _accepted(filename: str, data: bytes) -> Detected:
    """What the bytes are, refused unless we accept that type under that name; an image whose
    header declares a decompression bomb is refused here, before it is stored. A file that
    is what it says but cannot be drawn (a damaged PDF) is kept as received: evidence is
    preserved as it came, and the panel offers it for download only."""
    detected = types.detect(filename, data)
    if detected.kind is Kind.EXECUTABLE:
        raise InvalidInput({"file": ("attachment.program", {})})
    if detected.media_type not in types.SUFFIXES:
        raise InvalidInput({"file": ("attachment.bad_type", {})})
    if not detected.name_matches:
        problem = ("attachment.name_mismatch", {"suffix": detected.named_as})
        raise InvalidInput({"file": problem})
    try:
        if detected.kind is Kind.IMAGE:
            types.image_metadata(data)  # opens the header: size checked, nothing decoded
    except Refused as refused:
        if refused.key == "attachment.bomb":
            raise InvalidInput({"file": (refused.key, refused.params)}) from None
    return detected


def _media_type(filename: str, detected: Detected) -> str:
    """The type an accepted file is stored as: a text file's by its suffix (CSV, Markdown)."""
    if detected.kind is Kind.TEXT:
        return _TEXT_SUFFIXES[Path(filename).suffix.lower()]
    if detected.media_type is None:  # unrecognised: `_accepted` refuses it before this
        raise InvalidInput({"file": ("attachment.bad_type", {})})
    return detected.media_type


def sniff(filename: str, data: bytes) -> str | None:
    """The media type the bytes really are, if it is one we accept and it fits the name."""
    try:
        return _media_type(filename, _accepted(filename, data))
    except InvalidInput:
        return None


def refusal(filename: str, data: bytes) -> Problem | None:
    """Why `attach` would refuse this file (the message key and its values), or None: a form
    checks a chosen file by the same rule before anything is saved, and can say why."""
    try:
        _media_type(filename, _accepted(filename, data))
    except InvalidInput as refused:
        return refused.problems["file"]
    return None


def _found_metadata(detected: Detected, data: bytes) -> dict[str, str]:
    try:
        return types.revealing_metadata(detected, data)
    except Refused:
        return {}


def attach(
    *,
    session: Session,
    actor: Actor,
    evidence_id: int,
    filename: str,
    data: bytes,
    folder: storage.Place,
    max_bytes: int = MAX_BYTES,
) -> Attachment:
    """Attach a file to an entry; the same file twice on one entry is kept once. The first
    link of its chain of custody is recorded with it."""
    require(actor, Action.EDIT)
    custody.entry_for(session, actor, evidence_id)  # missing, or not the actor's to read
    name = Path(filename).name[: limits.FILENAME]
    if not name.strip() or any(ord(ch) < 32 for ch in name):
        raise InvalidInput({"file": ("attachment.bad_name", {})})
    if len(data) > max_bytes:
        raise InvalidInput({"file": ("attachment.too_large", {"max_mb": max_bytes // 2**20})})
    detected = _accepted(name, data)
    media_type = _media_type(name, detected)
    sha256 = files.sha256(data)
    existing = session.exec(
        select(Attachment).where(Attachment.evidence_id == evidence_id, Attachment.sha256 == sha256)
    ).first()
    if existing is not None:
        return existing
    storage.resolve(folder).put(data)
    row = Attachment(
        evidence_id=evidence_id,
        sha256=sha256,
        filename=name,
        media_type=media_type,
        size=len(data),
        created_by=actor.id,
        revealing_metadata=_found_metadata(detected, data),
    )
    session.add(row)
    session.flush()
    audit.record(session, actor, "attach", "evidence", evidence_id, after=audit.snapshot(row))
    item = _Item(CustodyItem.ATTACHMENT, _id(row.id), evidence_id, sha256)
    _handled(session, actor, CustodyAction.ATTACH, item, sha256, "stored under its SHA-256")
    return row


# -- reading: hashed every time, by who may read the entry --------------------------------------


def read_checked(
    place: Path | storage.Store, digest: str | None = None
) -> tuple[bytes | None, str | None]:
    """The stored bytes and the SHA-256 they hash to now (both None when the file is gone):
    the file `digest` names in a store, or the file at a path. The caller compares the hash
    with the row's: a difference is tampering."""
    if digest is not None:
        found = storage.resolve(place).get(digest)
    else:
        assert isinstance(place, Path)
        try:
            found = place.read_bytes()
        except FileNotFoundError:
            found = None
    return (None, None) if found is None else (found, files.sha256(found))


def _attachment(engine: Engine, actor: Actor, attachment_id: int) -> Attachment:
    with session_scope(engine) as session:
        row = session.get(Attachment, attachment_id)
        if row is None:
            raise NotFound(key="not_found.attachment", id=attachment_id)
        custody.entry_for(session, actor, row.evidence_id)
        session.expunge(row)
    return row


@dataclass(frozen=True)
class _Item:
    """A stored item as its custody events name it: kind, id, entry and recorded SHA-256."""

    kind: CustodyItem
    item_id: int
    evidence_id: int | None
    recorded: str


def _handled(
    session: Session,
    actor: Actor,
    action: CustodyAction,
    item: _Item,
    seen: str | None,
    detail: str,
    out: str | None = None,
) -> None:
    """One custody event for one handling of `item` (the hash read, the copy's if it differs)."""
    custody.record(
        session=session,
        actor=actor,
        action=action,
        item_kind=item.kind,
        item_id=item.item_id,
        evidence_id=item.evidence_id,
        recorded=item.recorded,
        seen=seen,
        out=out,
        detail=detail,
    )


def _tampered(
    session: Session,
    actor: Actor,
    action: CustodyAction,
    item: _Item,
    seen: str | None,
    done: str = "refused",
) -> None:
    """A stored file that no longer hashes to its record (or is gone): a custody event and an
    audit event, committed although the read is refused (`done` says what became of it)."""
    why = "file missing" if seen is None else "SHA-256 differs from the record: tampering"
    _handled(session, actor, action, item, seen, f"{done}: {why}")
    audit.record(
        session,
        actor,
        "tampering-found",
        "evidence" if item.evidence_id is not None else "capture",
        item.evidence_id if item.evidence_id is not None else item.item_id,
        after={
            "item": item.kind.value,
            "id": item.item_id,
            "recorded": item.recorded,
            "seen": seen,
        },
        changes_data=False,
    )


def _read_item(
    engine: Engine, actor: Actor, action: CustodyAction, item: _Item, folder: storage.Place
) -> tuple[bytes | None, str | None]:
    """The item's stored bytes, checked against its record, and the hash they have now. A
    file gone or altered gives no bytes: its tampering is recorded and committed at once (the
    caller then refuses the read), so every read compares, and records, the same way."""
    data, seen = read_checked(folder, item.recorded)
    if data is None or seen != item.recorded:
        with session_scope(engine) as session:
            _tampered(session, actor, action, item, seen)
        return None, seen
    return data, seen


@dataclass(frozen=True)
class Opened:
    """What the entry panel shows of one attachment, read and checked a moment ago."""

    attachment_id: int
    filename: str
    recorded: str
    seen: str | None
    detected: Detected | None = None
    images: list[tuple[bytes, str]] = field(default_factory=list)  # (bytes, media type)
    text: str | None = None
    pages: int = 0
    scripts: bool = False  # a PDF with JavaScript or automatic actions: pictures only
    metadata: dict[str, str] = field(default_factory=dict)  # for editors only
    unreadable: str | None = None  # why a file of a drawable type could not be drawn

    @property
    def tampered(self) -> bool:
        return self.seen != self.recorded


def _preview(detected: Detected, data: bytes) -> tuple[list[tuple[bytes, str]], str | None, int]:
    """Server-drawn images, or inert text, or nothing (download only); raises Refused."""
    if detected.kind is Kind.IMAGE:
        return [types.preview_image(data)], None, 0
    if detected.kind is Kind.PDF:
        pages = types.preview_pdf(data)
        return [(image, "image/png") for image in pages.images], None, pages.total
    if detected.kind is Kind.TEXT:
        text = data[: types.TEXT_PREVIEW_CHARS * 4].decode("utf-8", errors="replace")
        return [], text[: types.TEXT_PREVIEW_CHARS], 0
    return [], None, 0


def open_attachment(
    *, engine: Engine, actor: Actor, attachment_id: int, folder: storage.Place
) -> Opened:
    """Read the stored file, check its SHA-256, and make its preview: a custody event (view).

    A file that does not hash to its record is not previewed: the result says so, and the
    tampering is audited. A file that cannot be opened safely (a decompression bomb, a broken
    PDF) is refused with its reason and changes nothing."""
    row = _attachment(engine, actor, attachment_id)
    assert row.id is not None
    item = _Item(CustodyItem.ATTACHMENT, row.id, row.evidence_id, row.sha256)
    data, seen = _read_item(engine, actor, CustodyAction.VIEW, item, folder)
    if data is None:
        return Opened(row.id, row.filename, row.sha256, seen)
    detected = types.detect(row.filename, data)
    unreadable = None
    try:
        images, text, pages = _preview(detected, data)
    except Refused as refused:
        if refused.key != "attachment.unreadable":  # a bomb: refused, nothing recorded
            raise InvalidInput({"file": (refused.key, refused.params)}) from None
        images, text, pages, unreadable = [], None, 0, str(refused.params.get("reason", ""))
    scripts = detected.kind is Kind.PDF and types.pdf_scripts_or_unknown(data)
    metadata = _found_metadata(detected, data) if may(actor.role, Action.EDIT) else {}
    shown = b"".join(image for image, _ in images) or (text or "").encode("utf-8")
    detail = f"preview: {detected.kind.value}"
    if images:
        detail += f", {len(images)} image(s) drawn on the server"
    with session_scope(engine) as session:
        out = files.sha256(shown) if images else None
        _handled(session, actor, CustodyAction.VIEW, item, seen, detail, out)
    return Opened(
        row.id,
        row.filename,
        row.sha256,
        seen,
        detected=detected,
        images=images,
        text=text,
        pages=pages,
        scripts=scripts,
        metadata=metadata,
        unreadable=unreadable,
    )


def download_name(filename: str, detected: Detected) -> str:
    """The name a download gets: the stored one, unless the content is something else (then
    the content's usual suffix, or .bin for a program or an unknown type)."""
    if detected.name_matches:
        return filename
    suffix = ".bin" if detected.kind in (Kind.EXECUTABLE, Kind.OTHER) else detected.named_as
    return f"{Path(filename).stem or 'file'}{suffix}"


def download_attachment(
    *,
    engine: Engine,
    actor: Actor,
    attachment_id: int,
    folder: storage.Place,
    original: bool = False,
) -> bytes:
    """The bytes a person takes away: a working copy with the metadata that could reveal a
    witness removed (and a PDF's scripts), or the original as stored when an admin chooses it
    (audited). Hashed on the way out, recorded as a custody event (download) with the hash of
    the copy when it differs; refused after recording it when the file was tampered with."""
    row = _attachment(engine, actor, attachment_id)
    assert row.id is not None
    if original:
        require(actor, Action.ADMINISTER)
    item = _Item(CustodyItem.ATTACHMENT, row.id, row.evidence_id, row.sha256)
    data, seen = _read_item(engine, actor, CustodyAction.DOWNLOAD, item, folder)
    if data is None:
        raise InvalidInput({"file": ("attachment.tampered", {"name": row.filename})})
    detected = types.detect(row.filename, data)
    try:
        copy = data if original else types.working_copy(detected, data)
    except Refused as refused:
        raise InvalidInput({"file": (refused.key, refused.params)}) from None
    out = files.sha256(copy)
    if original:
        detail = "original as stored, metadata kept (an admin's choice)"
    else:
        detail = "working copy, metadata removed" if out != seen else "working copy, as stored"
    with session_scope(engine) as session:
        _handled(session, actor, CustodyAction.DOWNLOAD, item, seen, detail, out)
        if original:
            audit.record(
                session,
                actor,
                "download-original",
                "evidence",
                row.evidence_id,
                after={"attachment": row.id, "sha256": row.sha256, "name": row.filename},
                changes_data=False,
            )
    return copy


def download_capture(
    *, engine: Engine, actor: Actor, capture_id: int, folder: storage.Place
) -> bytes:
    """A capture's bytes as they were received (a web page carries no metadata of a witness),
    checked against its SHA-256 and recorded as a custody event (download)."""
    with session_scope(engine) as session:
        row = session.get(Capture, capture_id)
        if row is None or row.sha256 is None:
            raise NotFound(key="not_found.capture", id=capture_id)
        custody.entry_for(session, actor, row.evidence_id)
        recorded, evidence_id = row.sha256, row.evidence_id
    item = _Item(CustodyItem.CAPTURE, capture_id, evidence_id, recorded)
    data, seen = _read_item(engine, actor, CustodyAction.DOWNLOAD, item, folder)
    if data is None:
        raise InvalidInput({"file": ("attachment.tampered", {"name": f"capture {capture_id}"})})
    with session_scope(engine) as session:
        _handled(session, actor, CustodyAction.DOWNLOAD, item, seen, "capture as received")
    return data


@dataclass(frozen=True)
class Rehashed:
    """One stored item checked again: its kind, id, name and whether it still matches."""

    kind: CustodyItem
    item_id: int
    name: str
    matched: bool


def rehash(
    *,
    engine: Engine,
    actor: Actor,
    evidence_id: int,
    attachments_dir: storage.Place,
    captures_dir: storage.Place,
) -> list[Rehashed]:
    """Hash every stored item of an entry again (editors): one custody event (rehash) each, a
    tampering audited; an attachment never examined for revealing metadata is examined."""
    require(actor, Action.EDIT)
    with session_scope(engine) as session:
        custody.entry_for(session, actor, evidence_id)
        stored = session.exec(
            select(Attachment)
            .where(Attachment.evidence_id == evidence_id)
            .order_by(col(Attachment.id))
        ).all()
        captured = session.exec(
            select(Capture)
            .where(Capture.evidence_id == evidence_id, col(Capture.sha256).is_not(None))
            .order_by(col(Capture.id))
        ).all()
        items = [
            (_Item(CustodyItem.ATTACHMENT, _id(a.id), evidence_id, a.sha256), a.filename)
            for a in stored
        ] + [
            (_Item(CustodyItem.CAPTURE, _id(c.id), evidence_id, str(c.sha256)), c.requested_url)
            for c in captured
        ]
    results = []
    for item, name in items:
        folder = attachments_dir if item.kind is CustodyItem.ATTACHMENT else captures_dir
        data, seen = _read_item(engine, actor, CustodyAction.REHASH, item, folder)
        if data is not None:
            with session_scope(engine) as session:
                _handled(session, actor, CustodyAction.REHASH, item, seen, "checked again: matches")
                _examine(session, item.kind, item.item_id, name, data)
        results.append(Rehashed(item.kind, item.item_id, name, data is not None))
    return results


def _id(value: int | None) -> int:
    """A stored row's id (rows read from the database always have one)."""
    assert value is not None
    return value


def left_out_of_backup(
    *, session: Session, actor: Actor, folder: str, recorded: str, seen: str
) -> int:
    """A stored file a backup found no longer hashing to its name (its recorded SHA-256): a
    tampering for every item recorded with that hash, as a read would record it. The backup
    leaves the file out, since a restore refuses an archive whose file differs from its name;
    so the restored item reads as missing, never as the altered bytes. Returns the items."""
    if folder == "attachments":
        rows = session.exec(select(Attachment).where(Attachment.sha256 == recorded)).all()
        items = [_Item(CustodyItem.ATTACHMENT, _id(a.id), a.evidence_id, recorded) for a in rows]
    else:
        captured = session.exec(select(Capture).where(Capture.sha256 == recorded)).all()
        items = [_Item(CustodyItem.CAPTURE, _id(c.id), c.evidence_id, recorded) for c in captured]
    for item in items:
        _tampered(session, actor, CustodyAction.REHASH, item, seen, done="left out of a backup")
    return len(items)


def _examine(session: Session, kind: CustodyItem, item_id: int, name: str, data: bytes) -> None:
    """Fill in an attachment's revealing metadata if it was never examined (attached before
    this check existed)."""
    if kind is not CustodyItem.ATTACHMENT:
        return
    row = session.get(Attachment, item_id)
    if row is not None and row.revealing_metadata is None:
        row.revealing_metadata = _found_metadata(types.detect(name, data), data)
        session.add(row)


# -- crash leftovers ---------------------------------------------------------------------------


def orphans(*, session: Session, folder: storage.Place) -> list[str]:
    """The SHA-256 of stored files that no attachment row names (left by a crash between
    write and commit)."""
    known = set(session.exec(select(Attachment.sha256)).all())
    return [digest for digest in storage.resolve(folder).digests() if digest not in known]


def sweep(*, session: Session, folder: storage.Place) -> int:
    """Remove what a crash between writing a file and committing its row left behind, where
    the store can tell (the local folder: files no attachment names and unfinished temporary
    files; a shared bucket keeps them, see `S3Store.tidy`). Run at start; returns how many
    went."""
    known = set(session.exec(select(Attachment.sha256)).all())
    return storage.resolve(folder).tidy(known)
