"""The sign-in (and first-run) screen loads, in the background, what the first page after
the sign-in needs: the first sign-in after a start waited 3.0 s, 0.96 s of it importing the
PDF stack."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# in a fresh interpreter: the suite's own process has imported everything long ago
PROBE = textwrap.dedent(
    """
    import sys, time
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file("app.py", default_timeout=60).run()
    assert not at.exception, at.exception
    assert at.text_input(key="first_run.code")  # no account yet: the first-run screen
    drawn = "monitor.services.brief_pdf" in sys.modules
    from monitor.domain import region_map

    def ready():
        return "matplotlib" in sys.modules and region_map.topology.cache_info().currsize
    deadline = time.monotonic() + 30
    while not ready() and time.monotonic() < deadline:
        time.sleep(0.1)
    print(drawn, "matplotlib" in sys.modules, region_map.topology.cache_info().currsize)
    """
)


def test_the_sign_in_screen_loads_the_first_pages_modules_in_the_background(
    app_env: str, tmp_path: Path
) -> None:
    env = {**os.environ, "MONITOR_AUTH": "on"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    drawn, loaded, parsed = done.stdout.split()[-3:]
    assert drawn == "False"  # the screen itself does not wait for the PDF stack
    assert loaded == "True"  # it is loaded while the person types
    assert parsed == "1"  # and the map's outlines parsed
