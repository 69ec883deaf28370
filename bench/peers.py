"""Load a factsheet file and total its figures per day with polars or pandas.

What a user of those tools would do with a nested factsheet file: read it with
the library's JSON reader, flatten events -> figures -> claims, turn each claim's
quantity into a number, take each figure's median claim as its best value, and
sum per day and receiving side. Run by bench/compare.sh; prints the number of
day rows so the work cannot be optimised away.

usage: peers.py polars|pandas FILE
"""

import sys

# The quantity forms that carry one number; a range is read as its midpoint below.
SINGLE = ["exact", "approximately", "at_least", "more_than", "at_most", "fewer_than"]


def with_polars(path):
    import polars as pl

    import io

    # The file is one JSON object; read_json gives one row whose `events`
    # column is a list of structs. A claim's value is either the string
    # "not_disclosed" or an object such as {"exact": 70}, and polars has no
    # type for that union (read_json, from_dicts and json_normalize all refuse
    # it), so the string form is rewritten as an object first.
    with open(path, "rb") as f:
        text = f.read().replace(b'"value":"not_disclosed"', b'"value":{"not_disclosed":true}')
    raw = pl.read_json(io.BytesIO(text), infer_schema_length=None)
    events = raw.select(pl.col("events")).explode("events").unnest("events")
    figures = (
        events.select(pl.col("date").struct.field("on").alias("day"), "id", "figures")
        .rename({"id": "event"})
        .explode("figures")
        .unnest("figures")
        .rename({"id": "figure"})
    )
    claims = figures.select("day", "event", "figure", "received_by", "category", "claims").explode("claims")
    value = pl.col("claims").struct.field("value")
    # Only the quantity forms present in the file are fields of the struct.
    claim_fields = {f.name: f.dtype for f in claims.schema["claims"].fields}
    present = {f.name for f in claim_fields["value"].fields}
    parts = [value.struct.field(k) for k in SINGLE if k in present]
    if "range" in present:
        rng = value.struct.field("range")
        parts.append((rng.struct.field("low") + rng.struct.field("high")) / 2)
    number = pl.coalesce(*parts)
    per_figure = (
        claims.with_columns(number.alias("n"))
        .group_by("day", "event", "figure", "received_by")
        .agg(pl.col("n").median())
    )
    per_day = per_figure.group_by("day", "received_by").agg(pl.col("n").sum()).sort("day")
    return per_day.height


def with_pandas(path):
    import json

    import pandas as pd

    # pd.read_json cannot flatten a nested object; its docs send users to
    # json_normalize for that, which wants the parsed object.
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    # json_normalize takes metadata from the outer levels only along the
    # record path, so the event's date comes from a second, shallow flattening.
    events = pd.json_normalize(data["events"], max_level=1)[["id", "date.on"]]
    claims = pd.json_normalize(
        data["events"],
        record_path=["figures", "claims"],
        meta=["id", ["figures", "id"], ["figures", "received_by"]],
        meta_prefix="m.",
        errors="ignore",
    )
    claims = claims.merge(events.rename(columns={"id": "m.id", "date.on": "m.date.on"}), on="m.id")
    n = None
    for k in SINGLE:
        col = "value." + k
        if col in claims:
            n = claims[col] if n is None else n.fillna(claims[col])
    if "value.range.low" in claims:
        n = n.fillna((claims["value.range.low"] + claims["value.range.high"]) / 2)
    claims["n"] = n
    per_figure = claims.groupby(["m.date.on", "m.id", "m.figures.id", "m.figures.received_by"], dropna=False)["n"].median()
    per_day = per_figure.groupby(level=["m.date.on", "m.figures.received_by"], dropna=False).sum()
    return len(per_day)


if __name__ == "__main__":
    tool, path = sys.argv[1], sys.argv[2]
    rows = {"polars": with_polars, "pandas": with_pandas}[tool](path)
    print(f"{tool}: {rows} day rows")
