"""Fetch a user-given URL safely: public addresses only, bounded in time, hops and size.

The address check runs where the connection is made, after name resolution and on every
redirect hop, and the connection goes to the address that was checked (no DNS rebinding).

    FetchError                 (monitor.errors.CaptureError)
     +-- blocked address / scheme, too many redirects, too large, timeout, DNS, TLS, HTTP status
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import httpcore
import httpx

from monitor import __version__
from monitor.core import limits
from monitor.errors import CaptureError

USER_AGENT = f"DemandsMonitor/{__version__} (source capture for human-rights documentation)"
MAX_BYTES = 25 * 2**20
MAX_REDIRECTS = 5
TOTAL_SECONDS = 30.0
TIMEOUT = httpx.Timeout(connect=5.0, read=10.0, write=10.0, pool=10.0)
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class Fetched:
    requested_url: str
    final_url: str
    status_code: int
    content_type: str
    body: bytes
    title: str | None


# IPv6 forms that carry an IPv4 address a translator or relay may deliver to, with the
# RFC 6052 prefix lengths each may use: the well-known NAT64 prefix is always /96; inside the
# local-use prefix the operator picks the length, so every length that fits is read.
_NAT64 = (
    (ipaddress.IPv6Network("64:ff9b::/96"), (96,)),
    (ipaddress.IPv6Network("64:ff9b:1::/48"), (48, 56, 64, 96)),
    # the deprecated IPv4-compatible form (::a.b.c.d) and SIIT's IPv4-translated form
    # (::ffff:0:a.b.c.d), which Python's ipaddress calls global whatever they carry
    (ipaddress.IPv6Network("::/96"), (96,)),
    (ipaddress.IPv6Network("::ffff:0:0:0/96"), (96,)),
)
_U_OCTET = 8  # RFC 6052: bits 64-71 are reserved and skipped by the embedded address


def is_public(address: str) -> bool:
    """Only globally routable unicast addresses (no loopback, private, link-local, ...).

    An IPv6 address that embeds an IPv4 one (IPv4-mapped, IPv4-compatible, IPv4-translated,
    NAT64, 6to4, Teredo) is refused when
    the embedded address is not public itself: a translator would deliver to it.
    """
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        elif not all(_is_public_v4(v4) for v4 in embedded_ipv4(ip)):
            return False
    return ip.is_global and not ip.is_multicast


def _is_public_v4(ip: ipaddress.IPv4Address) -> bool:
    return ip.is_global and not ip.is_multicast


def embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses a NAT64 prefix, 6to4 (2002::/16) or Teredo (2001::/32, server and
    de-obfuscated client) address carries; none for other addresses."""
    found: list[ipaddress.IPv4Address] = []
    for network, lengths in _NAT64:
        if ip in network:
            found += [_rfc6052_ipv4(ip, length) for length in lengths]
    if ip.sixtofour is not None:
        found.append(ip.sixtofour)
    if ip.teredo is not None:
        found += list(ip.teredo)
    return found


def _rfc6052_ipv4(ip: ipaddress.IPv6Address, prefix_length: int) -> ipaddress.IPv4Address:
    """The IPv4 address after an RFC 6052 prefix of `prefix_length` bits (section 2.2)."""
    packed = ip.packed
    if prefix_length == 96:
        return ipaddress.IPv4Address(packed[12:16])
    without_u = packed[:_U_OCTET] + packed[_U_OCTET + 1 :]
    start = prefix_length // 8
    return ipaddress.IPv4Address(without_u[start : start + 4])


class _Guard:
    """Decides which resolved addresses a connection may use."""

    def __init__(self, allowed: Iterable[str]) -> None:
        self.allowed = {a.strip().lower() for a in allowed if a.strip()}

    def check(self, host: str, addresses: list[str]) -> str:
        if not addresses:
            raise CaptureError(key="capture.dns", host=host)
        for address in addresses:
            if host.lower() in self.allowed or address in self.allowed or is_public(address):
                return address
        raise CaptureError(key="capture.blocked", host=host, address=addresses[0])


class _GuardedBackend(httpcore.AnyIOBackend):
    def __init__(self, guard: _Guard) -> None:
        super().__init__()
        self.guard = guard

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        loop = asyncio.get_running_loop()
        try:
            infos = await asyncio.wait_for(
                loop.getaddrinfo(host, port, type=socket.SOCK_STREAM), timeout=timeout
            )
        except (socket.gaierror, TimeoutError) as exc:
            raise CaptureError(key="capture.dns", host=host) from exc
        address = self.guard.check(host, [str(info[4][0]) for info in infos])
        return await super().connect_tcp(address, port, timeout, local_address, socket_options)


def make_client(
    allowed_hosts: Iterable[str] = (), *, max_connections: int = 10
) -> httpx.AsyncClient:
    """An async client whose every connection passes the address guard."""
    transport = httpx.AsyncHTTPTransport(
        limits=httpx.Limits(max_connections=max_connections), retries=0
    )
    transport._pool._network_backend = _GuardedBackend(
        _Guard(allowed_hosts)
    )  # checked by the tests
    return httpx.AsyncClient(
        transport=transport,
        timeout=TIMEOUT,
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        trust_env=False,  # a proxy from the environment would bypass the guard
        headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"},
    )


def _check_url(url: str) -> None:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise CaptureError(key="capture.bad_url", url=url[:200]) from exc
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise CaptureError(key="capture.bad_url", url=url[:200])


def title_of(body: bytes, content_type: str) -> str | None:
    """The page title, decoded by the declared charset (or UTF-8), never failing on bad bytes."""
    if "html" not in content_type.lower() and not body.lstrip()[:15].lower().startswith(
        (b"<!doctype", b"<html")
    ):
        return None
    found = _TITLE.search(body[:262144])
    if not found:
        return None
    charset = None
    declared = re.search(r"charset=([\w\-]+)", content_type, re.IGNORECASE)
    meta = _META_CHARSET.search(body[:65536])
    for candidate in (
        declared.group(1) if declared else None,
        meta.group(1).decode() if meta else None,
        "utf-8",
    ):
        if candidate:
            try:
                "".encode(candidate)
                charset = candidate
                break
            except LookupError:
                continue
    text = found.group(1).decode(charset or "utf-8", errors="replace")
    return " ".join(text.split())[: limits.PAGE_TITLE] or None


async def fetch(
    client: httpx.AsyncClient, url: str, *, max_bytes: int = MAX_BYTES, total: float = TOTAL_SECONDS
) -> Fetched:
    """GET the URL, streaming at most `max_bytes`, within `total` seconds; or raise CaptureError."""
    _check_url(url)
    started = time.monotonic()
    try:
        async with asyncio.timeout(total):
            async with client.stream("GET", url) as response:
                chunks, size = [], 0
                async for chunk in response.aiter_bytes():
                    size += len(chunk)
                    if size > max_bytes:
                        raise CaptureError(key="capture.too_large", max_mb=max_bytes // 2**20)
                    chunks.append(chunk)
                body = b"".join(chunks)
    except TimeoutError as exc:
        raise CaptureError(key="capture.timeout", seconds=round(total)) from exc
    except httpx.TooManyRedirects as exc:
        raise CaptureError(key="capture.redirects", max=MAX_REDIRECTS) from exc
    except httpx.UnsupportedProtocol as exc:
        raise CaptureError(key="capture.bad_url", url=url[:200]) from exc
    except httpx.TimeoutException as exc:
        raise CaptureError(
            key="capture.timeout", seconds=round(time.monotonic() - started)
        ) from exc
    except httpx.ConnectError as exc:
        tls = "SSL" in str(exc) or "certificate" in str(exc)
        key = "capture.tls" if tls else "capture.connect"
        raise CaptureError(key=key, detail=str(exc)[:200]) from exc
    except httpx.HTTPError as exc:
        raise CaptureError(
            key="capture.http", detail=f"{type(exc).__name__}: {str(exc)[:200]}"
        ) from exc
    content_type = response.headers.get("content-type", "")
    return Fetched(
        url,
        str(response.url),
        response.status_code,
        content_type[: limits.CONTENT_TYPE],
        body,
        title_of(body, content_type),
    )
