"""A real OpenID Connect provider on 127.0.0.1 for the tests: oidc-provider-mock's server from
the package index (Authlib and joserfc underneath), started as its own process.

It is standards-compliant where sign-in depends on it: a discovery document, a JWKS, the
authorization code flow with a login form (the test types the subject), RS256 id tokens with
the nonce the client sent (`--require-nonce`: a request without one is refused), the userinfo
endpoint and RP-initiated sign-out (`end_session_endpoint`, a page with an End session
button). Each subject's claims (e-mail, whether it is verified) are set by `PUT /users/<sub>`.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import httpx

DISCOVERY = "/.well-known/openid-configuration"
CLIENT_ID = "demands-monitor"
CLIENT_SECRET = "a-client-secret-the-provider-accepts-3f9a"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def provider(log_dir: Path, users: Mapping[str, Mapping[str, object]]) -> Iterator[str]:
    """The provider's issuer address, with `users` (subject -> claims) set; stopped after."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log_dir.mkdir(parents=True, exist_ok=True)
    log = (log_dir / "oidc-provider.log").open("w")
    cmd = [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1"]
    cmd += ["--port", str(port), "--require-nonce"]
    env = {**os.environ, "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"}
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(base + DISCOVERY, timeout=2, trust_env=False).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((log_dir / "oidc-provider.log").read_text())
            time.sleep(0.2)
        for sub, claims in users.items():
            answer = httpx.put(f"{base}/users/{sub}", json=dict(claims), trust_env=False)
            answer.raise_for_status()
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


def settings_env(issuer: str, app_port: int | str = "{port}") -> dict[str, str]:
    """The MONITOR_OIDC_* variables that point the app at the provider."""
    return {
        "MONITOR_OIDC_ISSUER": issuer,
        "MONITOR_OIDC_CLIENT_ID": CLIENT_ID,
        "MONITOR_OIDC_CLIENT_SECRET": CLIENT_SECRET,
        "MONITOR_OIDC_REDIRECT_URI": f"http://127.0.0.1:{app_port}/oauth2callback",
        "MONITOR_OIDC_LABEL": "Coalition ID",
    }
