"""A real HTTP server on 127.0.0.1 answering in the shape of KoboToolbox's API v2 (kpi):
`GET /api/v2/assets/<uid>/data/?format=json&start=&limit=&query=&fields=&sort=` gives
`{"count", "next", "previous", "results"}`, filtered by the MongoDB `query` operators a pull
uses (`$gte` on `_submission_time`, `$in` on `_uuid`); each attachment's `download_url` serves
its bytes. Every request needs `Authorization: Token <token>`, as KoboToolbox's does.

A test changes `server.kobo` (a `FakeKobo`) between pulls: add, edit or delete submissions,
make the server fail (`mode = "500"`) or answer late (`delay`).
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

ASSET = "aQwErTy1234567890"
TOKEN = "kobo-test-token-3f9a"


@dataclass
class FakeKobo:
    """The project's submissions and what the server does next."""

    base: str = ""
    submissions: list[dict[str, Any]] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)  # path -> bytes
    redirects: dict[str, str] = field(default_factory=dict)  # path -> where it moved
    mode: str = "ok"  # ok | 500 | storage (serves its files to anyone, as a file store)
    delay: float = 0.0
    requests: list[tuple[str, str | None]] = field(default_factory=list)  # path?query, auth
    _next_id: int = 1

    def add(
        self,
        answers: dict[str, Any],
        *,
        submitted: str,
        files: dict[str, bytes] | None = None,
        root: str | None = None,
    ) -> dict[str, Any]:
        """A new submission (or, with `root`, an edited version of one: a new `_uuid`)."""
        instance = str(uuid.uuid4())
        number = self._next_id
        self._next_id += 1
        record: dict[str, Any] = {
            "_id": number,
            "formhub/uuid": "0406d9a7f30f4c1eb5d7bad7e0d1cc02",
            "__version__": "vFAKEversion",
            "meta/instanceID": f"uuid:{instance}",
            "meta/rootUuid": f"uuid:{root or instance}",
            "_uuid": instance,
            "_submission_time": submitted,
            "_xform_id_string": ASSET,
            "_status": "submitted_via_web",
            "_geolocation": [None, None],
            "_tags": [],
            "_notes": [],
            "_validation_status": {},
            "_submitted_by": None,
            **answers,
            "_attachments": [],
        }
        for name, data in (files or {}).items():
            uid = f"att{uuid.uuid4().hex[:20]}"
            path = f"/api/v2/assets/{ASSET}/data/{number}/attachments/{uid}/"
            self.files[path] = data
            record["_attachments"].append(
                {
                    "uid": uid,
                    "mimetype": "application/octet-stream",
                    "filename": f"tester/attachments/0406d9a7/{instance}/{name}",
                    "media_file_basename": name,
                    "question_xpath": "files/photo",
                    "is_deleted": False,
                    "download_url": f"{self.base}{path}",
                    "download_large_url": f"{self.base}{path}large/",
                }
            )
        self.submissions.append(record)
        return record

    def edit(self, record: dict[str, Any], **changes: Any) -> dict[str, Any]:
        """Edit a submission as KoboToolbox does: same `_id`, root and submission time, a new
        `_uuid` and instance id, `meta/deprecatedID` naming the version it replaces."""
        root = record["meta/rootUuid"].removeprefix("uuid:")
        instance = str(uuid.uuid4())
        edited = {
            **record,
            **changes,
            "_uuid": instance,
            "meta/instanceID": f"uuid:{instance}",
            "meta/deprecatedID": record["meta/instanceID"],
            "meta/rootUuid": f"uuid:{root}",
        }
        self.submissions[self.submissions.index(record)] = edited
        return edited

    def delete(self, record: dict[str, Any]) -> None:
        self.submissions.remove(record)

    # -- answering ----------------------------------------------------------------------------

    def _matches(self, record: dict[str, Any], query: dict[str, Any]) -> bool:
        for key, condition in query.items():
            value = record.get(key)
            if isinstance(condition, dict):
                if "$gte" in condition and not (value is not None and value >= condition["$gte"]):
                    return False
                if "$in" in condition and value not in condition["$in"]:
                    return False
            elif value != condition:
                return False
        return True

    def data(self, params: dict[str, list[str]]) -> dict[str, Any]:
        query = json.loads(params.get("query", ["{}"])[0])
        fields = json.loads(params.get("fields", ["[]"])[0])
        start = int(params.get("start", ["0"])[0])
        limit = int(params.get("limit", ["100"])[0])
        found = sorted(
            (r for r in self.submissions if self._matches(r, query)),
            key=lambda r: (r["_submission_time"], r["_id"]),
        )
        page = found[start : start + limit]
        if fields:
            page = [{k: r[k] for k in fields if k in r} for r in page]
        more = start + limit < len(found)
        return {
            "count": len(found),
            "next": f"{self.base}/api/v2/assets/{ASSET}/data/?start={start + limit}"
            if more
            else None,
            "previous": None,
            "results": page,
        }


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, *args: object) -> None:
        pass

    def _send(self, status: int, body: bytes, content_type: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def do_GET(self) -> None:
        kobo = self.server.kobo
        auth = self.headers.get("Authorization")
        kobo.requests.append((self.path, auth))
        if kobo.delay:
            time.sleep(kobo.delay)
        if urlsplit(self.path).path in kobo.files and kobo.mode == "storage":
            # a file store elsewhere: no token needed (and none should come)
            self._send(200, kobo.files[urlsplit(self.path).path], "application/octet-stream")
            return
        if auth != f"Token {TOKEN}":
            self._send(401, b'{"detail":"Invalid token."}')
            return
        if urlsplit(self.path).path in kobo.redirects:
            self.send_response(302)
            self.send_header("Location", kobo.redirects[urlsplit(self.path).path])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if kobo.mode == "500":
            self._send(500, b"<h1>Server Error (500)</h1>", "text/html")
            return
        parts = urlsplit(self.path)
        if parts.path == f"/api/v2/assets/{ASSET}/data/":
            body = json.dumps(kobo.data(parse_qs(parts.query))).encode()
            self._send(200, body)
        elif parts.path in kobo.files:
            self._send(200, kobo.files[parts.path], "application/octet-stream")
        elif parts.path.startswith("/api/v2/assets/"):
            self._send(404, b'{"detail":"Not found."}')
        else:
            self._send(404, b"no route", "text/plain")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    kobo: FakeKobo

    def handle_error(self, request: object, client_address: object) -> None:
        pass


@contextmanager
def serve_kobo() -> Iterator[FakeKobo]:
    """Start the fake server on a free port; yields its state (with `base`, its address)."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.kobo = FakeKobo(base=f"http://127.0.0.1:{server.server_address[1]}")
    # a short poll: shutdown waits for one
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield server.kobo
    finally:
        server.shutdown()
        server.server_close()
