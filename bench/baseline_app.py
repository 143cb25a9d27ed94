"""The baseline: the least a Streamlit app can do for the same views.

It parses the same YAML file with the C loader (no validation, no quotes checked), draws
one Plotly scatter of the same points (one per event and actor, Scattergl above the same
threshold as the app), filters them with the same year slider and shows the id of a
clicked point. Nothing else: the app's times are measured against this one's.
Run as `streamlit run bench/baseline_app.py` with TIMELINE_DATA set.
"""

from __future__ import annotations

import datetime as dt
import os

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st
import yaml

from timeline.charts.figures import WEBGL_THRESHOLD

SELECTED_PREFIX = "Selected event: "


@st.cache_data(max_entries=2)
def load_points(path: str, version: tuple[int, int]) -> pd.DataFrame:
    """One row per (event, actor): the anchor date, the year and the lane."""
    with open(path, encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=yaml.CSafeLoader)
    rows = [(e["id"], _first_day(e["date"]), actor) for e in data["events"] for actor in e["actors"]]
    points = pd.DataFrame(rows, columns=["id", "x", "lane"])
    points["year"] = points["x"].str[:4].astype(int)
    points["y"] = points["lane"].map({lane: i for i, lane in enumerate(points["lane"].unique())})
    return points


def _first_day(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return text + "-01-01" if len(text) == 4 else text + "-01" if len(text) == 7 else text


def main() -> None:
    st.set_page_config(page_title="baseline", layout="wide")
    path = os.environ["TIMELINE_DATA"]
    stat = os.stat(path)
    points = load_points(path, (stat.st_mtime_ns, stat.st_size))
    first, last = int(points["year"].min()), int(points["year"].max())
    year_from, year_to = st.sidebar.slider("Years", first, last, (first, last))
    shown = points[(points["year"] >= year_from) & (points["year"] <= year_to)]
    scatter = go.Scattergl if len(shown) > WEBGL_THRESHOLD else go.Scatter
    fig = go.Figure(scatter(x=shown["x"], y=shown["y"], mode="markers", customdata=np.asarray(shown[["id"]])))
    event = st.plotly_chart(fig, key="chart", on_select="rerun", selection_mode="points")
    points_clicked = event["selection"]["points"] if event else []
    if points_clicked:
        st.markdown(SELECTED_PREFIX + str(points_clicked[0]["customdata"][0]))


if __name__ == "__main__":  # streamlit runs the script as __main__; the bench only imports it
    main()
