"""The dataset and the chart, cached across reruns and sessions.

In a module of their own, not in app.py: Streamlit executes app.py afresh on every rerun,
and a cache decorator executed again re-reads and hashes its function's source (about
2 ms a function, every rerun). Imported once, they are decorated once.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import streamlit as st

from timeline.figures import timeline_figure
from timeline.frames import Frames, build_frames
from timeline.knownids import KnownIds, known_ids
from timeline.load import load_dataset

DATA_ENV = "TIMELINE_DATA"
DEFAULT_DATA = Path(__file__).resolve().parents[1] / "data" / "events.yaml"


def data_path() -> Path:
    """The dataset to show: $TIMELINE_DATA if set, else the bundled data/events.yaml."""
    return Path(os.environ.get(DATA_ENV) or DEFAULT_DATA)


# cache_resource, not cache_data: one shared read-only copy instead of an unpickled copy per
# rerun (nothing mutates frames or figures; exports copy the figure first). See docs/performance.md.
@st.cache_resource(show_spinner="Loading the dataset…", max_entries=4)
def load_frames(path: str, version: tuple[str, int, int]) -> tuple[Frames, KnownIds]:
    """Load and validate once per file version (path, mtime, size), shared by all sessions."""
    frames = build_frames(load_dataset(path))
    return frames, known_ids(frames)


# No spinner: on every miss (every filter change) Streamlit sent a message clearing the
# spinner's slot just ahead of the chart, which cost the browser about 0.1x of the
# baseline's filter change (docs/performance.md). The spinner itself showed only after
# 0.5 s, and then as "Running cached_figure(...)".
@st.cache_resource(max_entries=64, show_spinner=False)
def cached_figure(
    _frames: Frames,
    version: tuple,
    ids: str,
    lane_by: str,
    colour_by: str,
    position_ids: str = "",
    range_slider: bool = False,
):
    """The chart for one set of shown events (and positions): not rebuilt when only the selection changes.

    `ids` and `position_ids` are comma-joined ids (ids are slugs, so the join is reversible):
    Streamlit hashes a tuple's items one by one, about 20 ms for 900 ids on every rerun.
    """
    events = rows_by_id(_frames.events, ids)
    positions = rows_by_id(_frames.positions, position_ids) if position_ids else None
    actor_names = dict(zip(_frames.actors["id"], _frames.actors["name"], strict=False))
    theme_labels = dict(zip(_frames.themes["id"], _frames.themes["label"], strict=False))
    return timeline_figure(
        events,
        lane_by=lane_by,
        colour_by=colour_by,
        lane_labels=actor_names if lane_by == "actor" else theme_labels,
        colour_labels=theme_labels if colour_by == "theme" else {},
        actor_names=actor_names,
        positions=positions,
        theme_labels=theme_labels,
        range_slider=range_slider,
    )


def rows_by_id(frame: pd.DataFrame, ids: str) -> pd.DataFrame:
    """The rows of `frame` with the comma-joined `ids`, in that order."""
    return frame.set_index("id").loc[ids.split(",")].reset_index()


def file_version(path: Path) -> tuple[str, int, int]:
    """What the caches are keyed on: the file and its version (a changed file is reloaded)."""
    stat = path.stat()
    return (str(path), stat.st_mtime_ns, stat.st_size)
