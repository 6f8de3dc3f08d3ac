"""100 captures from a local server whose every answer takes --delay seconds.

Prints one JSON line: {"captures": 100, "total_s": ..., "slowest_single_s": ..., "ratio": ...,
"concurrency": ...}: all of them finish in a small multiple of the slowest single capture.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from monitor.services import captures
from tests.local_server import serve


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--captures", type=int, default=100)
    parser.add_argument("--delay", type=float, default=0.5)
    parser.add_argument("--concurrency", type=int, default=20)
    args = parser.parse_args()
    with serve() as base:
        url = f"{base}/sleep/{args.delay}"
        singles = []
        for _ in range(3):
            start = time.perf_counter()
            asyncio.run(captures.fetch_all([captures.Target(url)], allowed_hosts=["127.0.0.1"]))
            singles.append(time.perf_counter() - start)
        targets = [captures.Target(f"{url}?n={i}") for i in range(args.captures)]
        start = time.perf_counter()
        outcomes = asyncio.run(
            captures.fetch_all(targets, allowed_hosts=["127.0.0.1"], concurrency=args.concurrency)
        )
        total = time.perf_counter() - start
    assert all(o.fetched is not None for o in outcomes), [o.error for o in outcomes if o.error][:3]
    slowest = max(singles)
    print(
        json.dumps(
            {
                "captures": args.captures,
                "total_s": round(total, 2),
                "slowest_single_s": round(slowest, 2),
                "ratio": round(total / slowest, 1),
                "concurrency": args.concurrency,
            }
        )
    )


if __name__ == "__main__":
    main()
