"""A real HTTP server on 127.0.0.1 for the capture tests: pages, redirects, slow and huge bodies."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PAGE = (
    '<!doctype html><html><head><meta charset="utf-8">'
    "<title>Звіт про затримання</title></head><body>ok</body></html>"
).encode()
CP1251 = "<html><head><title>Звіт українською</title></head></html>".encode("cp1251")
PDF = b"%PDF-1.7\n" + bytes(range(256)) * 40


class Handler(BaseHTTPRequestHandler):
    counter = 0

    def log_message(self, *args: object) -> None:  # keep test output clean
        pass

    def _send(
        self,
        status: int,
        body: bytes,
        content_type: str = "text/html; charset=utf-8",
        **headers: str,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path == "/page":
            self._send(200, PAGE)
        elif path == "/cp1251":
            self._send(200, CP1251, "text/html; charset=windows-1251")
        elif path == "/mislabelled":
            self._send(200, b"<html><title>caf\xe9 \xff</title></html>", "text/html; charset=utf-8")
        elif path == "/pdf":
            self._send(200, PDF, "application/pdf")
        elif path == "/redirect":
            self._redirect("/page")
        elif path == "/loop":
            self._redirect("/loop")
        elif path.startswith("/chain/"):
            left = int(path.rsplit("/", 1)[1])
            self._redirect(f"/chain/{left - 1}" if left > 0 else "/page")
        elif path == "/slow":
            time.sleep(3)
            self._send(200, b"late")
        elif path.startswith("/sleep/"):
            time.sleep(float(path.rsplit("/", 1)[1]))
            self._send(200, b"<title>slept</title>")
        elif path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.end_headers()
            try:
                for _ in range(64):
                    self.wfile.write(b"\0" * 2**20)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/to-private":
            self._redirect("http://10.255.255.1/")
        elif path == "/to-file":
            self._redirect("file:///etc/passwd")
        elif path == "/changing":
            Handler.counter += 1
            self._send(200, f"<title>version {Handler.counter}</title>".encode())
        elif path == "/404":
            self._send(404, b"<title>Not found</title>")
        elif path == "/500":
            self._send(500, b"oops", "text/plain")
        else:
            extra = getattr(self.server, "routes", {}).get(path)
            if extra is not None:
                self._send(200, extra[1], extra[0])
            else:
                self._send(404, b"no route")


class QuietServer(ThreadingHTTPServer):
    """Clients that stop reading (the size limit) are expected here, not errors to print."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass


@contextmanager
def serve(routes: dict[str, tuple[str, bytes]] | None = None) -> Iterator[str]:
    """Start the server on a free port; yields its base URL; stops it afterwards."""
    server = QuietServer(("127.0.0.1", 0), Handler)
    server.routes = routes or {}  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
