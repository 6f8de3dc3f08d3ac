"""Resident memory of the app process serving the Overview to a browser, at N entries.

Prints one JSON line: {"evidence": N, "rss_mb": ..., "rss_before_mb": ..., "page_s": ...}.
Needs Debian's /usr/bin/chromium (the Playwright driver is a dev dependency).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--evidence", type=int, default=100_000)
    args = parser.parse_args()
    code = f"from bench._common import loaded_database; print(loaded_database({args.evidence})[0])"
    made = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True
    )
    url = made.stdout.strip().splitlines()[-1]
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "MONITOR_DATABASE_URL": url, "MONITOR_AUTH": "off"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.headless=true",
            f"--server.port={port}",
            "--server.address=127.0.0.1",
            "--browser.gatherUsageStats=false",
            "--server.fileWatcherType=none",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(200):
            try:
                if httpx.get(f"http://127.0.0.1:{port}/_stcore/health", timeout=1).text == "ok":
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        before = rss_mb(proc.pid)
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page()
            start = time.perf_counter()
            page.goto(f"http://127.0.0.1:{port}/")
            page.get_by_test_id("stPlotlyChart").last.wait_for(timeout=120_000)
            page.wait_for_function(
                "() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState"
                " === 'notRunning'"
            )
            elapsed = time.perf_counter() - start
            page.reload()  # a second visitor: the cached frames are reused
            page.get_by_test_id("stPlotlyChart").last.wait_for(timeout=120_000)
            browser.close()
        print(
            json.dumps(
                {
                    "evidence": args.evidence,
                    "rss_mb": round(rss_mb(proc.pid), 1),
                    "rss_before_mb": round(before, 1),
                    "page_s": round(elapsed, 2),
                }
            )
        )
    finally:
        proc.terminate()
        proc.wait(timeout=30)


if __name__ == "__main__":
    main()
