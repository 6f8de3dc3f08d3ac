"""Every briefing opened by the real LibreOffice: no formula anywhere, the texts still there.

LibreOffice once split a guarded cell ('\\r=1+1) at its CR and ran the second line as a formula.
Each briefing (both variants, and the files of the zip pack) is converted to xlsx headless,
once as a person opening the file without choosing anything would get it, and once with the
import options the README names (separator, text delimiter ", UTF-8); every cell is then read
back with openpyxl. LibreOffice starts slowly: all files go through one soffice call per set of
options, in a module-scoped fixture.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import openpyxl
import pytest
import sqlalchemy as sa
from sqlmodel import select

from monitor.core.db import make_engine, session_scope
from monitor.core.models import Demand, Draft, Role
from monitor.core.permissions import Actor
from monitor.domain.csv_files import EXCEL
from monitor.services import briefings
from tests.conftest import skip_or_fail
from tests.factories import make_actor, make_assessment, make_evidence
from tests.views import csv_bytes

SOFFICE = shutil.which("soffice")
OPTIONS = {",": "CSV:44,34,76,1", ";": "CSV:59,34,76,1"}  # separator, ", UTF-8, from line 1
CYRILLIC = "Звільнення цивільних"
SEPARATOR_THEN_FORMULA = "a,=1+1"
# a formula at the start of a cell and at the start of a line inside one, after each break
HOSTILE = [
    "=1+1",
    "+1+1",
    "-1+1",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    "\r\n=1+1",
    "'\r=1+1",
    "line\r=1+1",
    "line\n+1+1",
    "line\r\n-1+1",
    "line\n@SUM(1+1)",
    "line\n\t=1+1",
    f'{CYRILLIC}\r\n=HYPERLINK("http://example.invalid","x")\n{CYRILLIC}',
]


def _seed(engine: sa.Engine) -> tuple[Actor, dict[str, list[str]]]:
    """Each hostile text as an entry's title, description, source title and settlement, as an
    assessment's rationale, and as demand titles and draft titles, proponents and confidence;
    the texts each briefing must show."""
    with session_scope(engine) as session:
        actor = make_actor(session, "ed", Role.EDITOR)
        for n, text in enumerate(HOSTILE):
            make_evidence(
                session,
                actor,
                title=text,
                description=text,
                source_title=text,
                settlement_name=text,
            )
            make_assessment(session, actor, "D01", n % 4, date(2025, 1, 1 + n), rationale=text)
        demands = session.exec(select(Demand).order_by(Demand.code)).all()
        for demand, text in zip(demands, HOSTILE, strict=False):
            demand.title_en = demand.title_uk = text
        drafts = session.exec(select(Draft).order_by(Draft.code)).all()
        for draft, text in zip(drafts, reversed(HOSTILE), strict=False):
            draft.title = draft.proponent = draft.confidence = text
        titles = HOSTILE[: len(demands)]
        shown = {
            "evidence": HOSTILE,
            "status": titles,
            "history": [*HOSTILE, titles[0]],
            "gaps": list(reversed(HOSTILE))[: len(drafts)],
            "strip": list(reversed(HOSTILE))[: len(drafts)],  # each draft's confidence
        }
    return actor, shown


@dataclass(frozen=True)
class Converted:
    plain: dict[Path, Path]  # CSV -> xlsx, opened without import options
    options: dict[Path, Path]  # opened with the README's import options
    shown: dict[str, list[str]]  # briefing kind -> the hostile texts it holds
    separators: Path  # a comma inside a cell of the Excel variant, opened without options


def _write_briefings(engine: sa.Engine, actor: Actor, folder: Path) -> dict[str, list[Path]]:
    """Every briefing in both variants, and the files of both packs, by separator."""
    options = briefings.BriefingOptions(lang="uk")
    files: dict[str, list[Path]] = {",": [], ";": []}
    for excel, separator in ((False, ","), (True, ";")):
        for kind in briefings.KINDS:
            path = folder / f"{kind}{'-excel' if excel else ''}.csv"
            briefings.export_to(
                engine=engine, actor=actor, kind=kind, options=options, path=path, excel=excel
            )
            files[separator].append(path)
        pack = folder / f"pack{'-excel' if excel else ''}.zip"
        briefings.export_to(
            engine=engine, actor=actor, kind="pack", options=options, path=pack, excel=excel
        )
        with zipfile.ZipFile(io.BytesIO(pack.read_bytes())) as archive:
            for name in archive.namelist():
                if name.endswith(".csv"):
                    member = folder / f"pack-{name}"
                    member.write_bytes(archive.read(name))
                    files[separator].append(member)
    return files


def _convert(profile: Path, files: list[Path], out: Path, infilter: str | None) -> list[Path]:
    """One soffice call for all the files; the xlsx it made, in the order of `files`."""
    command = [
        str(SOFFICE),
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        *([f"--infilter={infilter}"] if infilter else []),
        "--convert-to",
        "xlsx",
        "--outdir",
        str(out),
        *map(str, files),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=600)
    made = [out / f"{f.stem}.xlsx" for f in files]
    assert [p for p in made if not p.exists()] == []
    return made


@pytest.fixture(scope="module")
def converted(
    sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Converted]:
    """Every briefing written, and converted without and with the import options."""
    if SOFFICE is None:
        skip_or_fail("soffice is missing (apt-get install libreoffice-calc-nogui)")
    folder = tmp_path_factory.mktemp("libreoffice")
    shutil.copy(sqlite_template, folder / "monitor.db")
    engine = make_engine(f"sqlite:///{folder / 'monitor.db'}")
    actor, shown = _seed(engine)
    files = _write_briefings(engine, actor, folder)
    engine.dispose()
    profile = folder / "profile"
    everything = files[","] + files[";"]
    separators = folder / "separators-excel.csv"
    separators.write_bytes(csv_bytes(["id", "text"], [[1, SEPARATOR_THEN_FORMULA]], EXCEL))
    *plain, separators_xlsx = _convert(profile, [*everything, separators], folder / "plain", None)
    with_options = {
        source: xlsx
        for n, (separator, infilter) in enumerate(OPTIONS.items())
        for source, xlsx in zip(
            files[separator],
            _convert(profile, files[separator], folder / f"options-{n}", infilter),
            strict=True,
        )
    }
    yield Converted(dict(zip(everything, plain, strict=True)), with_options, shown, separators_xlsx)


def _cells(xlsx: Path) -> list[openpyxl.cell.cell.Cell]:
    book = openpyxl.load_workbook(xlsx)  # formulas stay formulas (not data_only)
    return [cell for sheet in book for row in sheet.iter_rows() for cell in row]


def _visible(text: str) -> str:
    """A text as a reader sees it, whatever the guard added: line breaks as LF (LibreOffice
    reads CRLF and CR so), apostrophes left out."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("'", "")


def test_no_cell_of_any_briefing_is_a_formula(converted: Converted) -> None:
    for files in (converted.plain, converted.options):
        # every briefing and the same files in the pack, in 2 variants
        assert len(files) == len(briefings.KINDS) * 2 * 2
        for csv_file, xlsx in files.items():
            for cell in _cells(xlsx):
                where = (csv_file.name, xlsx.parent.name, cell.coordinate, cell.value)
                assert cell.data_type != "f", where
                assert not str(cell.value or "").startswith("="), where


def _header(csv_file: Path) -> list[str]:
    text = csv_file.read_bytes().decode("utf-8-sig")
    separator = ";" if csv_file.stem.endswith("-excel") else ","
    return next(csv.reader(io.StringIO(text, newline=""), delimiter=separator))


def test_with_the_import_options_every_text_reads_back_whole_in_ukrainian(
    converted: Converted,
) -> None:
    for csv_file, xlsx in converted.options.items():
        kind = csv_file.stem.removeprefix("pack-").removesuffix("-excel")
        book = openpyxl.load_workbook(xlsx)
        rows = [[c.value for c in row] for sheet in book for row in sheet.iter_rows()]
        assert rows[0] == _header(csv_file)  # Ukrainian headers, as written
        shown = {_visible(v) for row in rows for v in row if isinstance(v, str)}
        assert [t for t in converted.shown[kind] if _visible(t) not in shown] == [], csv_file.name


def test_without_options_the_standard_file_keeps_each_ascii_text(converted: Converted) -> None:
    """Without import options LibreOffice guesses a comma and another character set: the
    standard file keeps its cells (Cyrillic garbled), the Excel variant is one column."""
    for csv_file, xlsx in converted.plain.items():
        if csv_file.stem.endswith("-excel"):
            continue
        kind = csv_file.stem.removeprefix("pack-")
        shown = {_visible(str(c.value)) for c in _cells(xlsx) if isinstance(c.value, str)}
        ascii_texts = [t for t in converted.shown[kind] if t.isascii()]
        assert [t for t in ascii_texts if _visible(t) not in shown] == [], csv_file.name


def test_a_comma_inside_an_excel_variant_cell_starts_no_formula(converted: Converted) -> None:
    assert [c.value for c in _cells(converted.separators) if c.data_type == "f"] == []
