"""What a reader's cells of a Vega-Lite heat map hold, read from its spec as Vega reads it.

The heat maps send a cell as numbers (`monitor.domain.vega_charts`) and look its words up from
tables in the spec; these helpers apply those lookups (`lookup` from inline values, `default`
where nothing matches) and name an axis's order (a list, or the order of a number field), so a
test checks the rows and tooltips a reader sees, not the numbers sent.
"""

from __future__ import annotations

from typing import Any

import pandas as pd


def rows(values: Any) -> list[dict[str, Any]]:
    """The cells as dicts: from a list, or a frame (the spec's, or Arrow's), gaps as None."""
    if isinstance(values, pd.DataFrame):
        frame = values.astype(object)
        return [
            {k: (None if v is None or v is pd.NA or v != v else v) for k, v in row.items()}
            for row in frame.to_dict("records")
        ]
    return [dict(v) for v in values]


def looked_up(spec: dict[str, Any], values: Any = None) -> list[dict[str, Any]]:
    """The spec's cells (or `values`, as Streamlit sent them) with its lookups applied."""
    cells = rows(spec["data"]["values"] if values is None else values)
    for step in spec.get("transform", []):
        if "lookup" not in step:
            continue
        key, source = step["lookup"], step["from"]
        table = {r[source["key"]]: r for r in source["data"]["values"]}
        for cell in cells:
            found = table.get(cell[key])
            for field in source["fields"]:
                cell[field] = found[field] if found else step.get("default")
    return cells


def order(spec: dict[str, Any], channel: str, values: Any = None) -> list[Any]:
    """The names along `channel` ("x", "y") in the order drawn: the spec's list, or its
    names by the least of the number field it sorts by."""
    encoding = spec["encoding"][channel]
    sort = encoding["sort"]
    if isinstance(sort, list):
        return sort
    assert sort["op"] == "min"
    least: dict[Any, Any] = {}
    for cell in looked_up(spec, values):
        name, number = cell[encoding["field"]], cell[sort["field"]]
        least[name] = min(least.get(name, number), number)
    return sorted(least, key=least.__getitem__)
