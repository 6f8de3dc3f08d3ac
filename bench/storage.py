"""Reading a stored file through each backend: the local folder against an S3-compatible
server (moto's, on 127.0.0.1, in this process), for a 200 KB photo and a 20 MB video-sized
file. Prints JSON (medians, seconds).

What is timed is what every read of evidence does: fetch the bytes from the store and hash
them (`attachments.read_checked`). The floor, measured in the same run, is hashing the bytes
already in memory, so the ratios survive a busy machine; the load average is printed beside.
A local S3 server has no network latency: against a real bucket add a round trip per read.

    python bench/storage.py [--repeat 9]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import timed
from monitor.core import files, storage
from monitor.services import attachments
from tests import s3_server

SIZES = {"photo_200kb": 200 * 1024, "file_20mb": 20 * 2**20}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    os.environ.update(s3_server.CREDENTIALS)
    rng = random.Random(20)
    out: dict[str, object] = {"repeat": args.repeat}
    with tempfile.TemporaryDirectory() as folder, s3_server.s3_server() as endpoint:
        local = storage.LocalStore(Path(folder) / "attachments")
        bucket = storage.S3Store(s3_server.new_bucket(endpoint), "", "attachments", endpoint)
        for name, size in SIZES.items():
            data = rng.randbytes(size)
            digest = local.put(data)
            assert bucket.put(data) == digest
            floor = timed(lambda data=data: files.sha256(data), args.repeat)
            on_disk = timed(lambda d=digest: attachments.read_checked(local, d), args.repeat)
            in_bucket = timed(lambda d=digest: attachments.read_checked(bucket, d), args.repeat)
            out[name] = {
                "hash_in_memory_s": round(floor, 5),
                "local_read_and_hash_s": round(on_disk, 5),
                "s3_read_and_hash_s": round(in_bucket, 5),
                "s3_over_local": round(in_bucket / on_disk, 2),
                "local_over_floor": round(on_disk / floor, 2),
                "s3_over_floor": round(in_bucket / floor, 2),
            }
    out["load_average"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
