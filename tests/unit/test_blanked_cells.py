"""A table drawn with empty cells for nothing must still travel to the browser as Arrow: a
column of numbers beside empty cells failed, and Streamlit logged a traceback at each draw."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pyarrow as pa

from monitor.ui import inert


def test_numbers_and_dates_beside_empty_cells_become_one_column_of_text() -> None:
    frame = pd.DataFrame(
        {
            "incident_id": pd.array([3, None, 12], dtype="Int64"),
            "count": [1.0, float("nan"), 12.0],
            "event_end": [date(2026, 11, 2), None, date(2026, 11, 30)],
            "title": ["**a**", None, "<b>c</b>"],
            "id": [1, 2, 3],
        }
    )
    shown = inert.blanked(frame)
    assert shown["incident_id"].tolist() == ["3", "", "12"]
    assert shown["count"].tolist() == ["1", "", "12"]
    assert shown["event_end"].tolist() == ["2026-11-02", "", "2026-11-30"]
    assert shown["title"].tolist() == ["**a**", "", "<b>c</b>"]
    assert shown["id"].tolist() == [1, 2, 3]  # a whole column of numbers stays numbers
    pa.Table.from_pandas(shown)  # what Streamlit does first: it must not raise
