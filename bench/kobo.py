"""A KoboToolbox pull of --submissions new submissions (every --photos-every-th with a photo)
from the local server in the API's shape, on a fresh SQLite file, then the same pull again.

The floor, measured in the same run: the same entries and photos written the way a pull writes
them (one transaction each, through the evidence and attachment services) with no network and
no server. Prints one JSON line with medians over --repeat fresh databases:
{"submissions", "pull_s", "per_submission_ms", "floor_s", "ratio", "again_s"}.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy.engine import Engine

from monitor.config import Settings
from monitor.core import migrate
from monitor.core.db import make_engine, session_scope
from monitor.core.models import Role
from monitor.core.permissions import Actor
from monitor.domain import settlements
from monitor.services import attachments, evidence, kobo
from monitor.services.startup import seed
from tests.db.test_kobo import PNG, answers
from tests.factories import make_actor
from tests.kobo_server import ASSET, TOKEN, serve_kobo

TODAY = date(2026, 12, 1)


def _fresh() -> tuple[Settings, Engine, Actor, Actor]:
    folder = Path(tempfile.mkdtemp(prefix="monitor-bench-kobo-"))
    url = f"sqlite:///{folder / 'bench.db'}"
    migrate.upgrade(url)
    engine = make_engine(url)
    settings = Settings(
        database_url=url,
        data_dir=folder / "data",
        kobo_token=TOKEN,
        capture_allowed_hosts=("127.0.0.1",),
    )
    seed(engine=engine, settings=settings)
    with session_scope(engine) as session:
        editor = make_actor(session, "editor", Role.EDITOR)
        admin = make_actor(session, "admin", Role.ADMIN)
    return settings, engine, editor, admin


def _answers(n: int) -> dict[str, str]:
    return {k: v for k, v in answers(n).items() if isinstance(v, str)}


def _pull_once(count: int, every: int) -> tuple[float, float]:
    settings, engine, editor, admin = _fresh()
    with serve_kobo() as server:
        with session_scope(engine) as session:
            kobo.configure(session=session, actor=admin, server_url=server.base, asset_uid=ASSET)
        for n in range(count):
            when = f"2026-11-{1 + n % 28:02d}T{n // 3600 % 24:02d}:{n // 60 % 60:02d}:{n % 60:02d}"
            server.add(
                answers(n), submitted=when, files={"photo.png": PNG} if n % every == 0 else None
            )
        start = time.perf_counter()
        report = kobo.pull(engine=engine, actor=editor, settings=settings, today=TODAY)
        first = time.perf_counter() - start
        assert report.created == count and not report.items, report
        start = time.perf_counter()
        again = kobo.pull(engine=engine, actor=editor, settings=settings, today=TODAY)
        second = time.perf_counter() - start
        assert again.created == again.updated == 0
    return first, second


def _floor_once(count: int, every: int) -> float:
    settings, engine, editor, _ = _fresh()
    start = time.perf_counter()
    for n in range(count):
        with session_scope(engine) as session:
            entry = evidence.create(
                session=session,
                actor=editor,
                data=_answers(n) | {"demands": "D01; D02"},
                today=TODAY,
                uid=f"kobo:{n}",
            )
            if n % every == 0:
                assert entry.id is not None
                attachments.attach(
                    session=session,
                    actor=editor,
                    evidence_id=entry.id,
                    filename="photo.png",
                    data=PNG,
                    folder=settings.attachments_dir,
                )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--submissions", type=int, default=1000)
    parser.add_argument("--photos-every", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    settlements.lookup("UA14160010010073615")  # the codifier loads once, before any timing
    pulls, agains, floors = [], [], []
    for _ in range(args.repeat):
        first, second = _pull_once(args.submissions, args.photos_every)
        pulls.append(first)
        agains.append(second)
        floors.append(_floor_once(args.submissions, args.photos_every))
    pull, floor = statistics.median(pulls), statistics.median(floors)
    print(
        json.dumps(
            {
                "submissions": args.submissions,
                "photos": len(range(0, args.submissions, args.photos_every)),
                "pull_s": round(pull, 2),
                "per_submission_ms": round(pull / args.submissions * 1000, 1),
                "floor_s": round(floor, 2),
                "ratio": round(pull / floor, 2),
                "again_s": round(statistics.median(agains), 2),
            }
        )
    )


if __name__ == "__main__":
    main()
