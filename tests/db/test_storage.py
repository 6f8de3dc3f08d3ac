"""Stored files through one interface, on both backends: the same test bodies run against the
local folder and against a real S3-compatible server (moto's, on 127.0.0.1), on SQLite and
PostgreSQL. Stored once by SHA-256, checked on every read (tampering found on S3 too), backed
up and restored across backends, and a store that cannot be reached refused in both languages
with nothing lost."""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import select

from monitor.config import Settings
from monitor.core import fetching, storage
from monitor.core.db import make_engine, session_scope
from monitor.core.models import Attachment, AuditEvent, Capture, CustodyAction, CustodyEvent, Role
from monitor.errors import ConfigError, InvalidInput, MonitorError
from monitor.i18n import describe
from monitor.services import attachments, backup, captures, evidence
from tests import attachment_samples as samples
from tests import s3_server
from tests.factories import make_actor, make_evidence

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
PAGE = b"<html><head><title>Captured</title></head><body>ok</body></html>"


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    with pytest.MonkeyPatch.context() as patch:
        for name, value in s3_server.CREDENTIALS.items():
            patch.setenv(name, value)
        with s3_server.s3_server() as endpoint:
            yield endpoint


def s3_stores(endpoint: str, bucket: str, prefix: str = "team/") -> storage.Stores:
    return storage.Stores(
        *(storage.S3Store(bucket, prefix, area, endpoint) for area in storage.AREAS)
    )


def make_stores(kind: str, request: pytest.FixtureRequest, folder: Path) -> storage.Stores:
    if kind == "local":
        return storage.Stores.local(folder)
    endpoint = request.getfixturevalue("s3_endpoint")
    return s3_stores(endpoint, s3_server.new_bucket(endpoint))


@pytest.fixture(params=["local", "s3"])
def stores(request: pytest.FixtureRequest, tmp_path: Path) -> storage.Stores:
    return make_stores(request.param, request, tmp_path / "data")


def overwrite(store: storage.Store, digest: str, data: bytes) -> None:
    """Change a stored file behind the app's back, as an intruder with access to the store."""
    if isinstance(store, storage.LocalStore):
        store.path(digest).write_bytes(data)
    else:
        assert isinstance(store, storage.S3Store)
        s3_server.client(store.endpoint_url).put_object(
            Bucket=store.bucket, Key=store.key(digest), Body=data
        )


def _entry(engine: sa.Engine) -> tuple[int, object]:
    with session_scope(engine) as session:
        actor = make_actor(session, "ed", Role.EDITOR)
        entry_id = make_evidence(session, actor).id
    assert entry_id is not None
    return entry_id, actor


# -- the interface itself ----------------------------------------------------------------------


def test_a_store_keeps_each_file_once_under_its_sha256(stores: storage.Stores) -> None:
    store = stores.attachments
    digest = store.put(b"first")
    assert digest == hashlib.sha256(b"first").hexdigest()
    assert store.put(b"first") == digest and store.has(digest)
    other = store.put(b"second")
    assert store.digests() == sorted([digest, other])
    assert stores.captures.digests() == []  # the two areas are apart
    assert store.get(digest) == b"first"
    store.delete(digest)
    assert store.get(digest) is None and not store.has(digest)
    store.delete(digest)  # absent is fine
    assert store.digests() == [other]


def test_one_s3_client_per_process(s3_endpoint: str) -> None:
    assert storage._client(s3_endpoint, "") is storage._client(s3_endpoint, "")


def test_the_s3_layout_is_prefix_area_and_hash(s3_endpoint: str) -> None:
    bucket = s3_server.new_bucket(s3_endpoint)
    stored = s3_stores(s3_endpoint, bucket, prefix="coalition/")
    digest = stored.attachments.put(b"evidence")
    listed = s3_server.client(s3_endpoint).list_objects_v2(Bucket=bucket)["Contents"]
    assert [item["Key"] for item in listed] == [f"coalition/attachments/{digest[:2]}/{digest}"]


# -- attachments and captures through the services ---------------------------------------------


def test_an_attachment_is_stored_previewed_and_downloaded(
    engine: sa.Engine, stores: storage.Stores
) -> None:
    entry_id, actor = _entry(engine)
    photo = samples.jpeg(320, 240)
    with session_scope(engine) as session:
        row = attachments.attach(
            session=session,
            actor=actor,  # type: ignore[arg-type]
            evidence_id=entry_id,
            filename="site.jpg",
            data=photo,
            folder=stores.attachments,
        )
        attachment_id = row.id
    assert attachment_id is not None
    assert stores.attachments.get(hashlib.sha256(photo).hexdigest()) == photo
    opened = attachments.open_attachment(
        engine=engine,
        actor=actor,  # type: ignore[arg-type]
        attachment_id=attachment_id,
        folder=stores.attachments,
    )
    assert not opened.tampered and opened.images
    copy = attachments.download_attachment(
        engine=engine,
        actor=actor,  # type: ignore[arg-type]
        attachment_id=attachment_id,
        folder=stores.attachments,
    )
    assert copy != photo and len(copy) > 0  # the working copy, metadata removed
    with session_scope(engine) as session:
        actions = session.exec(select(CustodyEvent.action).order_by(CustodyEvent.id)).all()
    assert actions == [CustodyAction.ATTACH, CustodyAction.VIEW, CustodyAction.DOWNLOAD]


def test_tampering_is_found_on_every_backend(engine: sa.Engine, stores: storage.Stores) -> None:
    entry_id, actor = _entry(engine)
    data = samples.pdf()
    with session_scope(engine) as session:
        row = attachments.attach(
            session=session,
            actor=actor,  # type: ignore[arg-type]
            evidence_id=entry_id,
            filename="report.pdf",
            data=data,
            folder=stores.attachments,
        )
        attachment_id, digest = row.id, row.sha256
    assert attachment_id is not None
    overwrite(stores.attachments, digest, data + b"altered")
    opened = attachments.open_attachment(
        engine=engine,
        actor=actor,  # type: ignore[arg-type]
        attachment_id=attachment_id,
        folder=stores.attachments,
    )
    assert opened.tampered and opened.seen == hashlib.sha256(data + b"altered").hexdigest()
    assert not opened.images
    with pytest.raises(InvalidInput) as refused:
        attachments.download_attachment(
            engine=engine,
            actor=actor,  # type: ignore[arg-type]
            attachment_id=attachment_id,
            folder=stores.attachments,
        )
    assert refused.value.problems["file"][0] == "attachment.tampered"
    results = attachments.rehash(
        engine=engine,
        actor=actor,  # type: ignore[arg-type]
        evidence_id=entry_id,
        attachments_dir=stores.attachments,
        captures_dir=stores.captures,
    )
    assert [r.matched for r in results] == [False]
    stores.attachments.delete(digest)
    gone = attachments.open_attachment(
        engine=engine,
        actor=actor,  # type: ignore[arg-type]
        attachment_id=attachment_id,
        folder=stores.attachments,
    )
    assert gone.seen is None and gone.tampered  # missing is said as missing
    with session_scope(engine) as session:
        found = session.exec(select(AuditEvent).where(AuditEvent.action == "tampering-found")).all()
    assert len(found) == 4  # view, download, rehash, view of the missing file


def test_a_capture_is_stored_and_downloaded_as_received(
    engine: sa.Engine, stores: storage.Stores
) -> None:
    entry_id, actor = _entry(engine)
    fetched = fetching.Fetched(
        requested_url="http://127.0.0.1/page",
        final_url="http://127.0.0.1/page",
        status_code=200,
        content_type="text/html",
        body=PAGE,
        title="Captured",
    )
    outcome = captures.Outcome(captures.Target("http://127.0.0.1/page", entry_id), fetched, None)
    with session_scope(engine) as session:
        row = captures.record(
            session=session,
            actor=actor,  # type: ignore[arg-type]
            outcome=outcome,
            folder=stores.captures,
        )
        capture_id = row.id
    assert capture_id is not None and row.ok
    got = attachments.download_capture(
        engine=engine,
        actor=actor,  # type: ignore[arg-type]
        capture_id=capture_id,
        folder=stores.captures,
    )
    assert got == PAGE
    overwrite(stores.captures, hashlib.sha256(PAGE).hexdigest(), b"<html>changed</html>")
    with pytest.raises(InvalidInput):
        attachments.download_capture(
            engine=engine,
            actor=actor,  # type: ignore[arg-type]
            capture_id=capture_id,
            folder=stores.captures,
        )


def test_a_crash_leftover_is_swept_locally_and_kept_in_a_shared_bucket(
    engine: sa.Engine, stores: storage.Stores
) -> None:
    leftover = stores.attachments.put(b"written, never committed")
    with session_scope(engine) as session:
        assert attachments.orphans(session=session, folder=stores.attachments) == [leftover]
        removed = attachments.sweep(session=session, folder=stores.attachments)
    if isinstance(stores.attachments, storage.LocalStore):
        assert removed == 1 and stores.attachments.digests() == []
    else:  # another host may be attaching those very bytes right now
        assert removed == 0 and stores.attachments.digests() == [leftover]


# -- backups across backends -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "target"), [("local", "s3"), ("s3", "local"), ("s3", "s3"), ("local", "local")]
)
def test_a_backup_restores_into_either_backend(
    engine: sa.Engine,
    request: pytest.FixtureRequest,
    tmp_path: Path,
    source: str,
    target: str,
) -> None:
    made = make_stores(source, request, tmp_path / "source")
    photo = samples.jpeg(64, 48)
    entry_id, actor = _entry(engine)
    with session_scope(engine) as session:
        admin = make_actor(session, "admin", Role.ADMIN)
        attachments.attach(
            session=session,
            actor=actor,  # type: ignore[arg-type]
            evidence_id=entry_id,
            filename="p.jpg",
            data=photo,
            folder=made.attachments,
        )
    made.captures.put(PAGE)
    blob = backup.create(
        engine=engine, actor=admin, data_dir=tmp_path / "source", now=NOW, stores=made
    )
    names = set(zipfile.ZipFile(io.BytesIO(blob)).namelist())
    photo_sha, page_sha = hashlib.sha256(photo).hexdigest(), hashlib.sha256(PAGE).hexdigest()
    assert f"files/attachments/{photo_sha[:2]}/{photo_sha}" in names
    assert f"files/captures/{page_sha[:2]}/{page_sha}" in names

    into = make_stores(target, request, tmp_path / "target")
    url = f"sqlite:///{tmp_path / 'restored.db'}"
    restored = make_engine(url)
    try:
        counts = backup.restore(
            engine=restored, blob=blob, data_dir=tmp_path / "target", stores=into
        )
        assert counts["attachment"] == 1
        assert into.attachments.get(photo_sha) == photo
        assert into.captures.get(page_sha) == PAGE
        with session_scope(restored) as session:
            reader = make_actor(session, "admin", Role.ADMIN)
            attachment_id = session.exec(select(sa.func.max(Attachment.id))).one()
        opened = attachments.open_attachment(
            engine=restored, actor=reader, attachment_id=int(attachment_id), folder=into.attachments
        )
        assert not opened.tampered and opened.images
    finally:
        restored.dispose()


def test_a_restore_into_a_missing_bucket_is_refused_and_leaves_nothing(
    engine: sa.Engine, s3_endpoint: str, tmp_path: Path
) -> None:
    local = storage.Stores.local(tmp_path / "source")
    entry_id, actor = _entry(engine)
    with session_scope(engine) as session:
        admin = make_actor(session, "admin", Role.ADMIN)
        attachments.attach(
            session=session,
            actor=actor,  # type: ignore[arg-type]
            evidence_id=entry_id,
            filename="r.pdf",
            data=samples.pdf(),
            folder=local.attachments,
        )
    blob = backup.create(engine=engine, actor=admin, data_dir=tmp_path / "source", now=NOW)
    missing = s3_stores(s3_endpoint, "no-such-bucket-here")
    url = f"sqlite:///{tmp_path / 'restored.db'}"
    restored = make_engine(url)
    try:
        with pytest.raises(ConfigError) as refused:
            backup.restore(engine=restored, blob=blob, data_dir=tmp_path / "t", stores=missing)
        assert refused.value.key == "storage.no_bucket_there"
        with restored.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM evidence")).scalar() == 0
        assert not (tmp_path / "t").exists() or list((tmp_path / "t").rglob("*")) == []
        bucket = s3_server.new_bucket(s3_endpoint)
        counts = backup.restore(
            engine=restored,
            blob=blob,
            data_dir=tmp_path / "t",
            stores=s3_stores(s3_endpoint, bucket),
        )  # the retry works: the database stayed empty
        assert counts["attachment"] == 1
    finally:
        restored.dispose()


# -- a store that cannot be reached: refused in both languages, nothing lost -------------------


def _unreachable() -> storage.Stores:
    closed = s3_server.free_port()  # nothing listens there
    return s3_stores(f"http://127.0.0.1:{closed}", "bucket")


def assert_both_languages(err: MonitorError, *, secret: str = "") -> None:
    english, ukrainian = describe(err, "en"), describe(err, "uk")
    assert english != ukrainian and "сховищ" in ukrainian.lower()
    assert "Traceback" not in english
    if secret:
        assert secret not in english and secret not in ukrainian and secret not in str(err)


def test_an_unreachable_store_refuses_an_attachment_in_both_languages(
    engine: sa.Engine, s3_endpoint: str
) -> None:
    entry_id, actor = _entry(engine)
    down = _unreachable()
    with pytest.raises(ConfigError) as refused, session_scope(engine) as session:
        attachments.attach(
            session=session,
            actor=actor,  # type: ignore[arg-type]
            evidence_id=entry_id,
            filename="r.pdf",
            data=samples.pdf(),
            folder=down.attachments,
        )
    assert refused.value.key == "storage.unreachable"
    assert_both_languages(refused.value, secret=s3_server.CREDENTIALS["AWS_SECRET_ACCESS_KEY"])
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM attachment")).scalar() == 0


def test_an_unreachable_store_on_reading_is_not_taken_for_tampering(
    engine: sa.Engine, s3_endpoint: str
) -> None:
    bucket = s3_server.new_bucket(s3_endpoint)
    good = s3_stores(s3_endpoint, bucket)
    entry_id, actor = _entry(engine)
    with session_scope(engine) as session:
        row = attachments.attach(
            session=session,
            actor=actor,  # type: ignore[arg-type]
            evidence_id=entry_id,
            filename="r.pdf",
            data=samples.pdf(),
            folder=good.attachments,
        )
        attachment_id = row.id
    assert attachment_id is not None
    with pytest.raises(ConfigError) as refused:
        attachments.open_attachment(
            engine=engine,
            actor=actor,  # type: ignore[arg-type]
            attachment_id=attachment_id,
            folder=_unreachable().attachments,
        )
    assert refused.value.key == "storage.unreachable"
    with session_scope(engine) as session:
        assert (
            session.exec(select(AuditEvent).where(AuditEvent.action == "tampering-found")).all()
            == []
        )


def test_an_entry_is_saved_when_its_attachment_cannot_be_stored(
    engine: sa.Engine, s3_endpoint: str, tmp_path: Path
) -> None:
    """As for a refused attachment: the entry is kept and the upload's error reported."""
    with session_scope(engine) as session:
        actor = make_actor(session, "ed", Role.EDITOR)
    settings = Settings(
        database_url=str(engine.url),
        data_dir=tmp_path,
        storage="s3",
        s3_bucket="bucket",
        s3_endpoint_url=f"http://127.0.0.1:{s3_server.free_port()}",
    )
    logged = evidence.log_entry(
        engine=engine,
        actor=actor,
        settings=settings,
        data={
            "demands": ["D02"],
            "title": "Kept though its file was not",
            "description": "The store was down.",
            "event_start": "2025-10-02",
            "region_code": "kherson",
            "source_type": "ngo_report",
            "reliability": "B",
            "credibility": "2",
            "direction": "regression",
            "language": "uk",
            "sensitivity": "public",
        },
        uploads=[evidence.Upload("r.pdf", samples.pdf())],
        today=date(2026, 12, 1),
    )
    assert logged.evidence_id is not None
    ((name, err),) = logged.attachment_errors
    assert name == "r.pdf" and err.key == "storage.unreachable"
    assert_both_languages(err)


def test_a_capture_the_store_refuses_is_recorded_as_failed(engine: sa.Engine) -> None:
    entry_id, actor = _entry(engine)
    fetched = fetching.Fetched(
        requested_url="http://127.0.0.1/p",
        final_url="http://127.0.0.1/p",
        status_code=200,
        content_type="text/html",
        body=PAGE,
        title=None,
    )
    outcome = captures.Outcome(captures.Target("http://127.0.0.1/p", entry_id), fetched, None)
    with session_scope(engine) as session:
        row = captures.record(
            session=session,
            actor=actor,  # type: ignore[arg-type]
            outcome=outcome,
            folder=_unreachable().captures,
        )
    assert not row.ok and row.sha256 is None
    assert row.error is not None and "not stored" in row.error
    with session_scope(engine) as session:
        assert len(session.exec(select(Capture)).all()) == 1


def test_a_missing_bucket_and_missing_credentials_say_so(
    s3_endpoint: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with pytest.raises(ConfigError) as no_bucket:
        s3_stores(s3_endpoint, "not-made").attachments.put(b"x")
    assert no_bucket.value.key == "storage.no_bucket_there"
    assert_both_languages(no_bucket.value)
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    bare = storage.S3Store("bucket", "", "attachments", s3_endpoint, region="eu-north-1")
    with pytest.raises(ConfigError) as no_keys:
        bare.get("0" * 64)
    assert no_keys.value.key == "storage.no_credentials"
    assert_both_languages(no_keys.value)
