"""Fetching against a real server on 127.0.0.1: every case ends in a record or a clear refusal."""

from __future__ import annotations

import asyncio
import hashlib
import ipaddress

import pytest

from monitor.core import fetching
from monitor.errors import CaptureError
from tests.local_server import CP1251, PAGE, PDF, serve

LOCAL = ("127.0.0.1",)


def get(url: str, allowed: tuple[str, ...] = LOCAL, **kwargs: object) -> fetching.Fetched:
    async def run() -> fetching.Fetched:
        async with fetching.make_client(allowed) as client:
            return await fetching.fetch(client, url, **kwargs)  # type: ignore[arg-type]

    return asyncio.run(run())


@pytest.fixture(scope="module")
def base() -> object:
    with serve() as url:
        yield url


def test_page_title_final_url_and_hash(base: str) -> None:
    fetched = get(f"{base}/redirect")
    assert fetched.final_url == f"{base}/page"
    assert fetched.status_code == 200
    assert fetched.title == "Звіт про затримання"
    assert hashlib.sha256(fetched.body).hexdigest() == hashlib.sha256(PAGE).hexdigest()


def test_encodings_and_non_html(base: str) -> None:
    assert (
        get(f"{base}/cp1251").title
        == CP1251.decode("cp1251").split("<title>")[1].split("</title>")[0]
    )
    assert get(f"{base}/mislabelled").title == "caf\ufffd \ufffd"
    pdf = get(f"{base}/pdf")
    assert pdf.title is None and pdf.body == PDF and pdf.content_type == "application/pdf"


def test_error_statuses_are_answers_not_exceptions(base: str) -> None:
    assert get(f"{base}/404").status_code == 404
    assert get(f"{base}/500").status_code == 500


@pytest.mark.parametrize(
    ("path", "key", "kwargs"),
    [
        ("/loop", "capture.redirects", {}),
        ("/chain/6", "capture.redirects", {}),
        ("/huge", "capture.too_large", {"max_bytes": 2**20}),
        ("/slow", "capture.timeout", {"total": 1.0}),
        ("/to-private", "capture.blocked", {}),
        ("/to-file", "capture.bad_url", {}),
    ],
)
def test_bounded_and_refused(base: str, path: str, key: str, kwargs: dict[str, object]) -> None:
    with pytest.raises(CaptureError) as info:
        get(f"{base}{path}", **kwargs)  # type: ignore[arg-type]
    assert info.value.key == key
    assert "\n" not in str(info.value)


def test_five_redirects_are_still_followed(base: str) -> None:
    assert get(f"{base}/chain/4").title == "Звіт про затримання"


def test_the_default_refuses_the_local_server(base: str) -> None:
    with pytest.raises(CaptureError, match="non-public") as info:
        get(f"{base}/page", allowed=())
    assert info.value.key == "capture.blocked"


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost/",
        "http://0.0.0.0/",
        "http://2130706433/",
        "http://[::ffff:127.0.0.1]/",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://192.168.1.1/",
        "http://[::1]/",
    ],
)
def test_internal_addresses_are_refused_before_connecting(url: str) -> None:
    with pytest.raises(CaptureError) as info:
        get(url, allowed=())
    assert info.value.key == "capture.blocked"


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://x", "not a url", ""]
)
def test_other_schemes_are_refused(url: str) -> None:
    with pytest.raises(CaptureError) as info:
        get(url, allowed=())
    assert info.value.key == "capture.bad_url"


def test_unknown_names_fail_clearly() -> None:
    with pytest.raises(CaptureError) as info:
        get("http://no-such-host.invalid/", allowed=())
    assert info.value.key == "capture.dns"


def test_public_address_check() -> None:
    assert fetching.is_public("93.184.216.34")
    assert not fetching.is_public("::ffff:10.1.2.3")
    assert not fetching.is_public("100.64.0.1")  # carrier-grade NAT


def _nat64(prefix: str, v4: str) -> str:
    """`v4` after a /96 translation prefix, written here from the integers (RFC 6052 2.2)."""
    base = int(ipaddress.IPv6Address(prefix))
    return str(ipaddress.IPv6Address(base | int(ipaddress.IPv4Address(v4))))


def _sixtofour(v4: str) -> str:
    return str(ipaddress.IPv6Address((0x2002 << 112) | (int(ipaddress.IPv4Address(v4)) << 80)))


def _teredo(server: str, client: str) -> str:
    """RFC 4380: 2001:0000:<server>:<flags>:<port ^ 0xffff>:<client ^ 0xffffffff>."""
    obfuscated = int(ipaddress.IPv4Address(client)) ^ 0xFFFFFFFF
    value = (0x20010000 << 96) | (int(ipaddress.IPv4Address(server)) << 64)
    return str(
        ipaddress.IPv6Address(value | ((0x8000 << 48) | (0xFFFF ^ 40000) << 32) | obfuscated)
    )


NOT_GLOBAL_V4 = ["127.0.0.1", "10.1.2.3", "192.168.0.1", "172.16.5.4", "169.254.169.254",
                 "100.64.0.1", "0.0.0.0", "224.0.0.1", "192.0.2.45"]  # fmt: skip


@pytest.mark.parametrize("v4", NOT_GLOBAL_V4)
def test_nat64_6to4_and_teredo_forms_of_an_internal_ipv4_are_refused(v4: str) -> None:
    forms = [
        _nat64("64:ff9b::", v4),
        _nat64("64:ff9b:1::", v4),
        _sixtofour(v4),
        _teredo("93.184.216.34", v4),
        _teredo(v4, "93.184.216.34"),
        f"::{v4}",  # IPv4-compatible (deprecated)
        f"::ffff:0:{v4}",  # IPv4-translated (SIIT)
    ]
    assert [a for a in forms if fetching.is_public(a)] == []


def test_the_embedded_ipv4_is_read_at_every_rfc6052_position() -> None:
    embedded = fetching.embedded_ipv4(ipaddress.IPv6Address(_nat64("64:ff9b::", "127.0.0.1")))
    assert embedded == [ipaddress.IPv4Address("127.0.0.1")]
    # local-use prefix with a /64 translator: 127.0.0.1 sits in bits 72-103
    slash64 = ipaddress.IPv6Address((0x0064FF9B0001 << 80) | (0x7F000001 << 24))
    assert ipaddress.IPv4Address("127.0.0.1") in fetching.embedded_ipv4(slash64)
    assert not fetching.is_public(str(slash64))
    teredo = ipaddress.IPv6Address(_teredo("65.54.227.120", "10.0.0.7"))
    assert fetching.embedded_ipv4(teredo) == [
        ipaddress.IPv4Address("65.54.227.120"),
        ipaddress.IPv4Address("10.0.0.7"),
    ]


def test_public_addresses_keep_their_answer() -> None:
    # a well-known NAT64 or 6to4 address of a public IPv4 is judged as before
    assert fetching.is_public(_nat64("64:ff9b::", "93.184.216.34"))
    assert (
        fetching.is_public(_sixtofour("93.184.216.34"))
        == ipaddress.ip_address(_sixtofour("93.184.216.34")).is_global
    )
    assert fetching.is_public("2001:4860:4860::8888")
    assert fetching.embedded_ipv4(ipaddress.IPv6Address("2001:4860:4860::8888")) == []
    assert not fetching.is_public("::1") and not fetching.is_public("fe80::1")


@pytest.mark.parametrize(
    "address", [_nat64("64:ff9b::", "127.0.0.1"), _sixtofour("127.0.0.1"), _sixtofour("10.0.0.1")]
)
def test_the_guard_refuses_an_embedded_internal_address(address: str) -> None:
    with pytest.raises(CaptureError) as info:
        get(f"http://[{address}]/", allowed=())
    assert info.value.key == "capture.blocked"
