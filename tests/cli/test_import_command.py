"""`monitor import evidence` as a person types it: a profile, --map and --default, the fields
nothing gives named once, every bad row named, ids that keep their system."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from monitor.core.db import make_engine
from tests.cli.test_cli import run

KOBO_HEADER = (
    "_id,_uuid,demands,title,description,event_start,event_end,region_code,settlement_code,"
    "settlement_name,source_type,source_url,source_title,reliability,credibility,direction,"
    "language,people_count,sensitivity,_submission_time\n"
)


def _kobo_row(n: int, reliability: str = "B") -> str:
    uuid = f"5b7f7c1e-0000-4000-8000-{n:012d}"
    return (
        f'{n},{uuid},"D01; D05",Затримання {n},,2025-06-01,,kherson,,,ngo_report,,,{reliability},'
        f"2,regression,uk,,public,2025-06-02T10:00:00\n"
    )


def _uids(url: str) -> list[str]:
    engine = make_engine(url)
    with engine.connect() as conn:
        found = [
            str(u) for u in conn.execute(sa.text("SELECT uid FROM evidence ORDER BY uid")).scalars()
        ]
    engine.dispose()
    return found


def test_a_profile_a_map_and_defaults_from_the_command_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'm.db'}"
    form = tmp_path / "kobo.csv"
    form.write_text(KOBO_HEADER + _kobo_row(1) + _kobo_row(2))
    done = run(url, "import", "evidence", "--profile", "kobo", str(form))
    assert done.returncode == 0, done.stderr
    assert "created 2" in done.stdout
    assert _uids(url) == [
        "kobo:5b7f7c1e-0000-4000-8000-000000000001",
        "kobo:5b7f7c1e-0000-4000-8000-000000000002",
    ]
    assert "unchanged 2" in run(url, "import", "evidence", "--profile", "kobo", str(form)).stdout

    sheet = tmp_path / "partner.csv"
    sheet.write_text("Назва;Дата;Область;Вимоги\nОбшук;2025-06-03;crimea;D02\n")
    missing = run(url, "import", "evidence", "--map", "Назва=title", str(sheet))
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    for field in ("source_type", "reliability", "direction"):  # "Дата", "Область" recognised
        assert missing.stderr.count(f"{field}:") == 1, missing.stderr  # once for the file
    assert "event_start:" not in missing.stderr and "region_code:" not in missing.stderr
    given = run(
        url,
        "import",
        "evidence",
        "--map",
        "Назва=title",
        "--map",
        "Дата=event_start",
        "--map",
        "Область=region_code",
        "--default",
        "source_type=media",
        "--default",
        "reliability=C",
        "--default",
        "credibility=3",
        "--default",
        "direction=regression",
        str(sheet),
    )
    assert given.returncode == 0, given.stderr
    assert "created 1" in given.stdout
    typo = run(url, "import", "evidence", "--map", "Nazva=title", str(sheet))
    assert typo.returncode == 1 and "«Nazva»" in typo.stderr
    unknown = run(url, "import", "evidence", "--profile", "odk-central", str(sheet))
    assert unknown.returncode == 1 and "«kobo»" in unknown.stderr


def test_every_bad_row_is_named_and_nothing_is_imported(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'm.db'}"
    form = tmp_path / "kobo.csv"
    rows = "".join(_kobo_row(n, reliability="Z" if n % 3 == 0 else "B") for n in range(1, 10))
    form.write_text(KOBO_HEADER + rows)
    refused = run(url, "import", "evidence", "--profile", "kobo", "--quiet", str(form))
    assert refused.returncode == 1
    assert [
        line.split(":")[0] for line in refused.stderr.splitlines() if line.startswith("row ")
    ] == [
        "row 3",
        "row 6",
        "row 9",
    ]
    assert "3 rows are invalid" in refused.stderr
    assert _uids(url) == []
