"""KoboToolbox's API v2 as values: the addresses a pull asks for, and a submission as an entry.

Pure: JSON in, values out. The shape is KoboToolbox's (kpi) `GET /api/v2/assets/<uid>/data/`:
`{"count", "next", "previous", "results": [...]}`, paged by `start` and `limit`, filtered by a
MongoDB `query` on `_submission_time` ("YYYY-MM-DDTHH:MM:SS", UTC). Each submission carries
its answers under the question names, `_uuid` (this version's instance id), `meta/rootUuid`
(the first version's, "uuid:..."), `_submission_time`, and `_attachments` (each with a
`download_url` on the server and its `media_file_basename`).

An edited submission keeps its root and its submission time and gets a new `_uuid`: the root
is the submission's identity (`kobo:<root>`, the `kobo` import profile's external id; for a
submission never edited it is its `_uuid`), the `_uuid` tells versions apart.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx

from monitor.domain.import_mapping import ImportMapping, map_row

API_PREFIX = "/api/v2/assets"
ASSET_UID = re.compile(r"[A-Za-z0-9]{8,64}")
# what the listing of every submission asks for: enough to see edits, deletions and new ones
LISTING_FIELDS = ("_uuid", "meta/rootUuid", "_submission_time")
_UUID = re.compile(r"[A-Za-z0-9-]{1,64}")
_UUID_PREFIX = "uuid:"


class Malformed(ValueError):
    """The server's answer is not in the API's shape; the text says what was expected."""


@dataclass(frozen=True)
class Page:
    count: int
    results: list[dict[str, Any]]


@dataclass(frozen=True)
class Attachment:
    """A file of a submission, as the server lists it."""

    name: str
    download_url: str


@dataclass(frozen=True)
class Listed:
    """One submission as the light listing shows it."""

    root: str
    instance: str
    submitted_at: datetime


@dataclass(frozen=True)
class Submission:
    """One submission's version, with its answers as evidence fields (`data`, `uid` included)."""

    root: str
    instance: str
    submitted_at: datetime
    data: dict[str, str]
    attachments: tuple[Attachment, ...]

    @property
    def external_id(self) -> str:
        return self.data["uid"]


def data_url(
    server: str,
    asset: str,
    *,
    start: int,
    limit: int,
    since: str = "",
    uuids: Sequence[str] = (),
    fields: Sequence[str] = (),
) -> str:
    """The address of one page of submissions: all, or those submitted at or after `since`, or
    those with these instance ids; only `fields` when given; oldest first."""
    query: dict[str, Any] = {}
    if since:
        query["_submission_time"] = {"$gte": since}
    if uuids:
        query["_uuid"] = {"$in": list(uuids)}
    params = {
        "format": "json",
        "start": str(start),
        "limit": str(limit),
        "sort": json.dumps({"_submission_time": 1}),
    }
    if query:
        params["query"] = json.dumps(query, separators=(",", ":"))
    if fields:
        params["fields"] = json.dumps(list(fields), separators=(",", ":"))
    base = httpx.URL(server.rstrip("/") + f"{API_PREFIX}/{asset}/data/")
    return str(base.copy_merge_params(params))


def same_origin(server: str, url: str) -> bool:
    """Whether `url` is on the configured server (scheme, host and port): only there may the
    token go."""
    try:
        one, other = httpx.URL(server), httpx.URL(url)
    except (httpx.InvalidURL, TypeError):
        return False
    return (one.scheme, one.host, one.port) == (other.scheme, other.host, other.port)


def parse_page(body: bytes) -> Page:
    """One page of the data endpoint, or Malformed."""
    try:
        payload = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise Malformed("JSON") from exc
    if not isinstance(payload, dict):
        raise Malformed('{"count", "results"}')
    count, results = payload.get("count"), payload.get("results")
    if not isinstance(count, int) or not isinstance(results, list):
        raise Malformed('{"count", "results"}')
    if not all(isinstance(r, dict) for r in results):
        raise Malformed('"results": [{...}]')
    return Page(count, results)


def _uuid(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = value.removeprefix(_UUID_PREFIX).strip()
    return value if _UUID.fullmatch(value) else None


def submission_time(value: object) -> datetime | None:
    """`_submission_time` as an aware UTC time (KoboToolbox writes UTC without an offset)."""
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def listed(record: Mapping[str, Any]) -> Listed | None:
    """A submission's identity, version and time; None when the record lacks them."""
    instance = _uuid(record.get("_uuid"))
    root = _uuid(record.get("meta/rootUuid")) or instance
    when = submission_time(record.get("_submission_time"))
    if instance is None or root is None or when is None:
        return None
    return Listed(root, instance, when)


def _cell(value: object) -> str:
    """An answer as a cell of text (numbers as KoboToolbox sends them, lists and maps as JSON)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def submission(record: Mapping[str, Any], mapping: ImportMapping) -> Submission | None:
    """A submission as evidence fields through the import mapping (`kobo` profile); None when
    it lacks an id or a time. Its external id is `kobo:<root>` (see the module docstring)."""
    seen = listed(record)
    if seen is None:
        return None
    row = {column: _cell(value) for column, value in record.items()}
    if mapping.external_id is not None:
        row[mapping.external_id.column] = seen.root
    data = map_row(mapping, row)
    if "demands" in data:  # a select_multiple answer: codes separated by spaces
        data["demands"] = "; ".join(data["demands"].split())
    files = []
    for item in record.get("_attachments") or []:
        if not isinstance(item, dict) or item.get("is_deleted"):
            continue
        url = item.get("download_url")
        name = item.get("media_file_basename") or str(item.get("filename") or "").rsplit("/")[-1]
        if isinstance(url, str) and url and isinstance(name, str) and name:
            files.append(Attachment(name, url))
    return Submission(seen.root, seen.instance, seen.submitted_at, data, tuple(files))


def cursor_text(when: datetime) -> str:
    """A submission time as the `query` compares it (the server's own text form)."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")
