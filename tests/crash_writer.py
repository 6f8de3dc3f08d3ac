"""A writer for the crash test: saves entries (with an attachment) and imports, printing
"ACK <uid>" only after each commit, until it is killed."""

from __future__ import annotations

import sys
import uuid
from datetime import date
from pathlib import Path

from monitor.core.db import make_engine, session_scope
from monitor.services import attachments, evidence, importer
from monitor.services.startup import command_actor

FORM = {
    "demands": ["D02", "D08"],
    "title": "Crash test",
    "description": "x" * 500,
    "event_start": "2025-10-02",
    "region_code": "crimea",
    "source_type": "witness",
    "reliability": "B",
    "credibility": "2",
    "direction": "regression",
}


def main(url: str, folder: str) -> None:
    engine = make_engine(url)
    actor = command_actor(engine=engine, username=None)  # the system user
    files = Path(folder)
    sys.stdout.write("READY\n")  # imports done: the test's random kill times start from here
    sys.stdout.flush()
    n = 0
    while True:
        n += 1
        if n % 5 == 0:
            uids = [str(uuid.uuid4()) for _ in range(10)]
            header = "id,demands,title,event start,region,source type,source reliability (A-F),"
            header += "information credibility (1-6),direction\n"
            body = "".join(
                f"{u},D03,Imported {u},2025-01-02,kherson,media,C,3,neutral\n" for u in uids
            )
            table = importer.read_table("batch.csv", (header + body).encode())
            with session_scope(engine) as session:
                importer.import_rows(
                    session=session,
                    actor=actor,
                    table=table,
                    mapping=importer.suggest_mapping(table.columns),
                    today=date.today(),
                )
        else:
            uid = str(uuid.uuid4())
            with session_scope(engine) as session:
                entry = evidence.create(
                    session=session, actor=actor, data=FORM, today=date.today(), uid=uid
                )
                attachments.attach(
                    session=session,
                    actor=actor,
                    evidence_id=entry.id,
                    filename="note.txt",
                    data=f"statement {uid}".encode(),
                    folder=files,
                )
            uids = [uid]
        for uid in uids:
            sys.stdout.write(f"ACK {uid}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
