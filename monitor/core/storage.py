"""Where stored files live: one interface, a local folder or an S3-compatible bucket.

Attachments and source captures are stored once under their SHA-256 and read back whole; the
services hash what they read and compare it with the row (a difference is tampering), so a
store only keeps bytes and never judges them. Two backends keep that promise:

- `LocalStore`, a folder on this machine (the default): `<folder>/<hh>/<sha256>`, each file
  written atomically and readable by its owner only, exactly as before the interface existed;
- `S3Store`, a bucket of S3-compatible object storage (AWS S3, MinIO, Ceph, Garage...):
  `<prefix><area>/<hh>/<sha256>`, so that two or more app processes on different machines,
  over one PostgreSQL, see the same files at once.

Which one a process uses is `MONITOR_STORAGE` (read by `monitor.config`); the credentials are
boto3's own standard AWS variables or files, never read, kept, logged or shown here. Every
failure of the store (unreachable, refused, misconfigured) is a `ConfigError` with a message in
the reader's language, never a traceback and never "file missing": a file is missing only when
the store answers that it does not have it, which is what tampering checks rely on.
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from monitor.core import files
from monitor.errors import ConfigError

if TYPE_CHECKING:
    from monitor.config import Settings

AREAS = ("attachments", "captures")
_DIGEST = re.compile(r"[0-9a-f]{64}")


class Store(Protocol):
    """Files stored once under their SHA-256 (hex), in one area (attachments or captures)."""

    @property
    def where(self) -> str:
        """Where the files are, for a message: a folder or s3://bucket/prefix (no secrets)."""
        ...

    def put(self, data: bytes) -> str:
        """Store `data` under its SHA-256 unless it is there already; returns the SHA-256."""
        ...

    def get(self, digest: str) -> bytes | None:
        """The stored bytes, or None when the store says it has no such file."""
        ...

    def has(self, digest: str) -> bool: ...

    def digests(self) -> list[str]:
        """The SHA-256 of every stored file, sorted."""
        ...

    def delete(self, digest: str) -> None:
        """Remove a stored file (a restore undone, a crash's leftover); absent is fine."""
        ...

    def tidy(self, known: Collection[str]) -> int:
        """Remove what a crash between writing a file and committing its row left behind;
        `known` are the SHA-256 the database names. Returns how many went."""
        ...


# A service's `folder=` takes a store, or a local folder (a Path) as before: the local store.
Place = Store | Path


def resolve(place: Place) -> Store:
    """The store a `folder=` argument means: itself, or the local store of that folder."""
    return LocalStore(place) if isinstance(place, Path) else place


# -- the local folder --------------------------------------------------------------------------


@dataclass(frozen=True)
class LocalStore:
    """A folder on this machine: `<folder>/<hh>/<sha256>`, written atomically, mode 0600."""

    folder: Path

    @property
    def where(self) -> str:
        return str(self.folder)

    def path(self, digest: str) -> Path:
        return files.path_for(self.folder, digest)

    def put(self, data: bytes) -> str:
        try:
            return files.write_once(self.folder, data)
        except OSError as exc:
            raise ConfigError(
                key="storage.cannot_write", where=self.where, reason=_os_reason(exc)
            ) from exc

    def get(self, digest: str) -> bytes | None:
        try:
            return self.path(digest).read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise ConfigError(
                key="storage.cannot_read", where=self.where, reason=_os_reason(exc)
            ) from exc

    def has(self, digest: str) -> bool:
        return self.path(digest).is_file()

    def digests(self) -> list[str]:
        if not self.folder.exists():
            return []
        return sorted(
            p.name
            for p in self.folder.glob("??/*")
            if p.is_file() and _DIGEST.fullmatch(p.name) and p.name.startswith(p.parent.name)
        )

    def delete(self, digest: str) -> None:
        self.path(digest).unlink(missing_ok=True)

    def tidy(self, known: Collection[str]) -> int:
        """Unfinished temporary files and files no row names: on one machine nothing else
        writes here while the app starts, so an unnamed file is a crash's leftover."""
        removed = 0
        if self.folder.exists():
            for path in self.folder.glob(f"??/{files.TEMP_PREFIX}*"):
                path.unlink(missing_ok=True)
                removed += 1
        for digest in set(self.digests()) - set(known):
            self.delete(digest)
            removed += 1
        return removed


def _os_reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


# -- S3-compatible object storage --------------------------------------------------------------

_clients: dict[tuple[str, str], Any] = {}
_clients_lock = threading.Lock()


def _client(endpoint_url: str, region: str) -> Any:
    """One boto3 S3 client per process (per endpoint and region): clients are thread-safe,
    and making one reads credentials and endpoint data, which is slow.

    Against a named endpoint (MinIO, Ceph, a local test server) paths address the bucket and
    checksums are sent only when required, which every S3-compatible server understands; the
    SHA-256 of every read is checked by the caller anyway."""
    with _clients_lock:
        made = _clients.get((endpoint_url, region))
        if made is None:
            options: dict[str, Any] = {
                "connect_timeout": 5,
                "read_timeout": 60,
                "retries": {"max_attempts": 3, "mode": "standard"},
            }
            if endpoint_url:
                options |= {
                    "s3": {"addressing_style": "path"},
                    "request_checksum_calculation": "when_required",
                    "response_checksum_validation": "when_required",
                }
            # boto3 and botocore take a second to import: only a process that uses S3 does
            import boto3  # noqa: PLC0415
            from botocore.config import Config  # noqa: PLC0415

            try:
                made = boto3.session.Session().client(
                    "s3",
                    endpoint_url=endpoint_url or None,
                    region_name=region or None,
                    config=Config(**options),
                )
            except ValueError as exc:  # an endpoint boto3 cannot parse ("http://")
                raise ConfigError(
                    key="storage.bad_endpoint",
                    setting="MONITOR_S3_ENDPOINT_URL",
                    schemes="http(s)://",
                ) from exc
            _clients[(endpoint_url, region)] = made
        return made


@dataclass(frozen=True)
class S3Store:
    """A bucket of S3-compatible storage: `<prefix><area>/<hh>/<sha256>`.

    Objects are written whole (an S3 PUT is atomic: a reader sees all of it or none), and only
    when absent: the same bytes under the same name are never rewritten."""

    bucket: str
    prefix: str
    area: str
    endpoint_url: str = ""
    region: str = ""

    @property
    def where(self) -> str:
        return f"s3://{self.bucket}/{self.prefix}{self.area}"

    def key(self, digest: str) -> str:
        return f"{self.prefix}{self.area}/{digest[:2]}/{digest}"

    def _s3(self) -> Any:
        return _client(self.endpoint_url, self.region)

    def put(self, data: bytes) -> str:
        digest = files.sha256(data)
        if not self.has(digest):
            with self._failures():
                self._s3().put_object(
                    Bucket=self.bucket,
                    Key=self.key(digest),
                    Body=data,
                    ContentType="application/octet-stream",
                )
        return digest

    def get(self, digest: str) -> bytes | None:
        with self._failures():
            try:
                answer = self._s3().get_object(Bucket=self.bucket, Key=self.key(digest))
            except Exception as exc:
                if _code(exc) in ("NoSuchKey", "404"):
                    return None
                raise
            return bytes(answer["Body"].read())

    def has(self, digest: str) -> bool:
        with self._failures():
            try:
                self._s3().head_object(Bucket=self.bucket, Key=self.key(digest))
            except Exception as exc:
                if _code(exc) in ("NoSuchKey", "404"):
                    return False
                raise
            return True

    def digests(self) -> list[str]:
        return sorted(digest for digest, _ in self._listed())

    def _listed(self) -> Iterator[tuple[str, Any]]:
        """(SHA-256, last modified) of every object under this area's prefix."""
        start = f"{self.prefix}{self.area}/"
        with self._failures():
            pages = self._s3().get_paginator("list_objects_v2")
            for page in pages.paginate(Bucket=self.bucket, Prefix=start):
                for item in page.get("Contents", []):
                    rest = str(item["Key"])[len(start) :]
                    head, _, digest = rest.partition("/")
                    if _DIGEST.fullmatch(digest) and digest.startswith(head) and len(head) == 2:
                        yield digest, item.get("LastModified")

    def delete(self, digest: str) -> None:
        with self._failures():
            self._s3().delete_object(Bucket=self.bucket, Key=self.key(digest))

    def tidy(self, known: Collection[str]) -> int:
        """Nothing: other app processes write to this bucket while this one starts, so a file
        no committed row names yet may be one being attached right now. A leftover costs only
        its space (`attachments.orphans` lists them); no temporary objects exist."""
        del known
        return 0

    def check(self) -> None:
        """Reach the bucket once (for `monitor storage-check`): refused with the reason."""
        with self._failures():
            self._s3().head_bucket(Bucket=self.bucket)

    def _failures(self) -> contextlib.AbstractContextManager[None]:
        return _failures(self.where)


def _code(exc: BaseException) -> str:
    """An S3 error's code ("NoSuchKey", "AccessDenied", "404"), or "" for any other error."""
    response = getattr(exc, "response", None)
    if isinstance(response, dict):
        return str(response.get("Error", {}).get("Code", ""))
    return ""


_DENIED = {
    "AccessDenied",
    "403",
    "InvalidAccessKeyId",
    "SignatureDoesNotMatch",
    "ExpiredToken",
    "InvalidToken",
    "AllAccessDisabled",
}


@contextlib.contextmanager
def _failures(where: str) -> Iterator[None]:
    """What boto3 raises as one ConfigError a person can act on, in their language: no
    credentials, refused, no such bucket, or unreachable (with the error's code)."""
    try:
        yield
    except ConfigError:
        raise
    except Exception as exc:
        from botocore import exceptions as boto  # noqa: PLC0415 -- loaded by what raised

        if isinstance(exc, boto.NoCredentialsError | boto.PartialCredentialsError):
            raise ConfigError(key="storage.no_credentials", where=where) from exc
        code = _code(exc)
        if code in _DENIED:
            raise ConfigError(key="storage.denied", where=where, reason=code) from exc
        if code == "NoSuchBucket":
            raise ConfigError(
                key="storage.no_bucket_there", where=where, setting="MONITOR_S3_BUCKET"
            ) from exc
        if isinstance(exc, boto.BotoCoreError | boto.ClientError) or code:
            reason = code or type(exc).__name__
            raise ConfigError(key="storage.unreachable", where=where, reason=reason) from exc
        raise


# -- what this process uses ---------------------------------------------------------------------


@dataclass(frozen=True)
class Stores:
    """The two stores of one instance: attachments and source captures."""

    attachments: Store
    captures: Store

    def area(self, name: str) -> Store:
        return self.attachments if name == "attachments" else self.captures

    @classmethod
    def local(cls, data_dir: Path) -> Stores:
        """The folders under the data folder (the default, and what tests use)."""
        return cls(LocalStore(data_dir / "attachments"), LocalStore(data_dir / "captures"))


def for_settings(settings: Settings) -> Stores:
    """The stores MONITOR_STORAGE names: the data folder's (local) or the bucket's (s3)."""
    if settings.storage == "s3":
        return Stores(
            *(
                S3Store(
                    settings.s3_bucket,
                    settings.s3_prefix,
                    area,
                    settings.s3_endpoint_url,
                    settings.s3_region,
                )
                for area in AREAS
            )
        )
    return Stores(LocalStore(settings.attachments_dir), LocalStore(settings.captures_dir))


@dataclass(frozen=True)
class Copied:
    """What copying one instance's files gave: copied, already there, and refused (the
    `<area>/<sha256>` of files whose bytes no longer hash to their name)."""

    copied: int
    present: int
    refused: list[str]


def copy_all(source: Stores, target: Stores) -> Copied:
    """Every file of `source` into `target` (moving an instance's files from its data folder to
    a bucket): each read and hashed first, so a file that no longer matches its name is named,
    never copied as if it were evidence."""
    copied, present, refused = 0, 0, []
    for area in AREAS:
        into = target.area(area)
        for digest in source.area(area).digests():
            if into.has(digest):
                present += 1
                continue
            data = source.area(area).get(digest)
            if data is None or files.sha256(data) != digest:
                refused.append(f"{area}/{digest}")
                continue
            into.put(data)
            copied += 1
    return Copied(copied, present, refused)


def attachments(settings: Settings) -> Store:
    return for_settings(settings).attachments


def captures(settings: Settings) -> Store:
    return for_settings(settings).captures
