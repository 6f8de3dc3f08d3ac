"""A real HTTP server on 127.0.0.1 for the capture tests: pages, redirects, slow and huge bodies."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
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

    def _huge(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.end_headers()
        try:
            for _ in range(64):
                self.wfile.write(b"\0" * 2**20)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _slow(self, seconds: float, body: bytes) -> None:
        time.sleep(seconds)
        self._send(200, body)

    def _changing(self) -> None:
        Handler.counter += 1
        self._send(200, f"<title>version {Handler.counter}</title>".encode())

    def _chain(self, left: int) -> None:
        self._redirect(f"/chain/{left - 1}" if left > 0 else "/page")

    def _extra(self, path: str) -> None:
        """A route the test passed to `serve`, else 404."""
        extra = getattr(self.server, "routes", {}).get(path)
        if extra is not None:
            self._send(200, extra[1], extra[0])
        else:
            self._send(404, b"no route")

    def _routes(self) -> dict[str, Callable[[], None]]:
        mislabelled = b"<html><title>caf\xe9 \xff</title></html>"
        return {
            "/page": lambda: self._send(200, PAGE),
            "/cp1251": lambda: self._send(200, CP1251, "text/html; charset=windows-1251"),
            "/mislabelled": lambda: self._send(200, mislabelled, "text/html; charset=utf-8"),
            "/pdf": lambda: self._send(200, PDF, "application/pdf"),
            "/redirect": lambda: self._redirect("/page"),
            "/loop": lambda: self._redirect("/loop"),
            "/slow": lambda: self._slow(3, b"late"),
            "/huge": self._huge,
            "/to-private": lambda: self._redirect("http://10.255.255.1/"),
            "/to-file": lambda: self._redirect("file:///etc/passwd"),
            "/changing": self._changing,
            "/404": lambda: self._send(404, b"<title>Not found</title>"),
            "/500": lambda: self._send(500, b"oops", "text/plain"),
        }

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        last = path.rsplit("/", 1)[1]
        if path.startswith("/chain/"):
            self._chain(int(last))
        elif path.startswith("/sleep/"):
            self._slow(float(last), b"<title>slept</title>")
        else:
            self._routes().get(path, lambda: self._extra(path))()


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
    # a short poll: shutdown waits for one
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
