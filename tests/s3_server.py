"""A real S3-compatible server on 127.0.0.1 for the storage tests: moto's server mode, started
in this process on a free port (boto3 talks HTTP to it exactly as to any object store)."""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import boto3
from botocore.config import Config

# what the app reads through boto3's standard variables; the test server checks no signature
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "test-access-key",
    "AWS_SECRET_ACCESS_KEY": "test-secret-never-shown",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_EC2_METADATA_DISABLED": "true",  # never ask a cloud's metadata address for keys
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def s3_server() -> Iterator[str]:
    """moto's S3 server on a free local port; its endpoint URL. Stopped afterwards."""
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


def client(endpoint: str) -> Any:
    """A client of the test's own, to look behind the app's back (tamper, list, make buckets)."""
    return boto3.session.Session(
        aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
        region_name="us-east-1",
    ).client("s3", endpoint_url=endpoint, config=Config(s3={"addressing_style": "path"}))


def new_bucket(endpoint: str) -> str:
    name = f"monitor-{uuid.uuid4().hex[:12]}"
    client(endpoint).create_bucket(Bucket=name)
    return name


def set_credentials() -> None:
    """The standard AWS variables, in this process, for clients the app makes."""
    os.environ.update(CREDENTIALS)
