"""Fetching against a real server on 127.0.0.1: every case ends in a record or a clear refusal."""

from __future__ import annotations

import asyncio
import hashlib

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
