"""`monitor export brief` through the entry point: the PDF, its SHA-256 on stdout as sha256sum
prints it, and every refusal one line in the language asked for, with no file left behind."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.cli.test_cli import run


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("brief-cli")
    database = f"sqlite:///{folder / 'm.db'}"
    assert run(database, "demo-data", "--evidence", "300", "--seed", "4").returncode == 0
    return database


def test_brief_of_one_demand_all_ten_and_a_draft(url: str, tmp_path: Path) -> None:
    for args, expected in [
        (("--demand", "D02", "--lang", "uk"), "Припинення переслідувань"),
        (("--lang", "en", "--region", "kherson", "--from", "2026-01-01"), "regions: Kherson"),
        (("--draft", "US28", "--lang", "en"), "US28-2025-11 leaves"),
    ]:
        out = tmp_path / "brief.pdf"
        done = run(url, "export", "brief", *args, "--output", str(out))
        assert done.returncode == 0, done.stderr
        data = out.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        assert f"{digest}  {out}" in done.stdout.splitlines()  # sha256sum -c reads this line
        pages = PdfReader(io.BytesIO(data)).pages
        text = " ".join(" ".join(p.extract_text().split()) for p in pages)
        assert expected in text
        assert f"({len(pages)} pages)" in done.stdout


@pytest.mark.parametrize(
    ("args", "english", "ukrainian"),
    [
        (("--demand", "D42"), "unknown code: D42", "невідомий код: D42"),
        (("--draft", "XX9"), "no draft has the code XX9", "немає проєкту з кодом XX9"),
        (("--demand", "D01", "--draft", "US28"), "not both", "вкажіть щось одне"),
        (("--demand", "D01", "--demand", "D02"), "one demand only", "лише одна вимога"),
        (("--from", "2026-02-30"), "a real date is needed", "потрібна справжня дата"),
        (
            ("--from", "2026-03-01", "--to", "2026-01-01"),
            "the end must not be before the start",
            "кінець не може бути раніше початку",
        ),
        (("--include-confidential",), "", ""),  # the system user is an admin: allowed
    ],
)
def test_bad_input_is_one_line_in_both_languages_and_no_file(
    url: str, tmp_path: Path, args: tuple[str, ...], english: str, ukrainian: str
) -> None:
    for lang, message in (("en", english), ("uk", ukrainian)):
        out = tmp_path / f"refused-{lang}.pdf"
        result = run(url, "export", "brief", *args, "--lang", lang, "--output", str(out))
        if not message:
            assert result.returncode == 0 and out.exists()
            continue
        assert result.returncode == 1, result.stdout
        assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
        assert "Traceback" not in result.stderr
        assert not out.exists()
    assert list(tmp_path.glob("*.part")) == []


def test_draft_only_with_brief(url: str, tmp_path: Path) -> None:
    result = run(url, "export", "status", "--draft", "US28", "--out", str(tmp_path / "s.csv"))
    assert result.returncode == 2 and "--draft is for brief only" in result.stderr
