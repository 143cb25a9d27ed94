"""The dataset and the chart, cached across reruns and sessions.

In a module of their own, not in app.py: Streamlit executes app.py afresh on every rerun,
and a cache decorator executed again re-reads and hashes its function's source (time
spent on every rerun; docs/performance.md). Imported once, they are decorated once.
"""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pandas as pd
import streamlit as st

from timeline.charts.view import view_figure
from timeline.loading.frames import Frames, build_frames
from timeline.loading.load import load_dataset
from timeline.loading.yamlsrc import DEFAULT_LIMITS, Limits
from timeline.state.filtering import filter_positions
from timeline.state.knownids import KnownIds, known_ids
from timeline.state.viewstate import ViewState

DATA_ENV = "TIMELINE_DATA"
DEFAULT_DATA = Path(__file__).resolve().parents[1] / "data" / "events.yaml"


def data_path() -> Path:
    """The dataset to show: $TIMELINE_DATA if set, else the bundled data/events.yaml."""
    return Path(os.environ.get(DATA_ENV) or DEFAULT_DATA)


# cache_resource, not cache_data: one shared read-only copy instead of an unpickled copy per
# rerun (nothing mutates frames or figures; exports copy the figure first). Frames' indexed
# lookups are built on first use and kept with them. See docs/performance.md.
@st.cache_resource(show_spinner="Loading the dataset…", max_entries=4)
def load_frames(path: str, version: tuple[str, int, int], limits: Limits = DEFAULT_LIMITS) -> tuple[Frames, KnownIds]:
    """Load and validate once per file version (path, mtime, size), shared by all sessions."""
    gc.unfreeze()  # a dataset loaded before, once evicted, becomes collectable again
    frames = build_frames(load_dataset(path, limits))
    loaded = frames, known_ids(frames)
    freeze_long_lived()
    return loaded


def freeze_long_lived() -> None:
    """Exempt what lives as long as the server (its modules, the loaded data) from garbage collection.

    After every script run Streamlit calls gc.collect(2) (runner.postScriptGC), which walks
    every tracked object, the imported libraries' included, holding the GIL: the server's
    event loop sends nothing meanwhile, so the deltas written last in a run (the open event's
    detail after a click) waited for it (measured in docs/performance.md, "the collector
    after each run"). Frozen objects are skipped; what a run allocates is still collected.
    """
    gc.collect()
    gc.freeze()


def figure_for(frames: Frames, version: tuple, shown: pd.DataFrame, state: ViewState, build=None):
    """The chart of the shown events (and, if the view draws them, positions), cached per view.

    The cache key is the shown ids joined into one string: it hides here, callers pass frames.
    `build` is cached_figure unless the benchmark swaps in another (app.Parts).
    """
    position_ids = ",".join(filter_positions(frames, state.filters, shown["id"])["id"]) if state.show_positions else ""
    ids = ",".join(shown["id"])
    return (build or cached_figure)(
        frames, version, ids, state.lane_by, state.colour_by, position_ids, state.range_slider, state.labels
    )


# No spinner: on every miss (every filter change) Streamlit sent a message clearing the
# spinner's slot just ahead of the chart, a measurable share of a filter change in the
# browser (docs/performance.md, "The spinner"). It showed only late, as "Running cached_figure(...)".
@st.cache_resource(max_entries=64, show_spinner=False)
def cached_figure(
    _frames: Frames,
    version: tuple,
    ids: str,
    lane_by: str,
    colour_by: str,
    position_ids: str = "",
    range_slider: bool = False,
    labels: str = "auto",
):
    """The chart for one set of shown events (and positions): not rebuilt when only the selection changes.

    Call it through figure_for. `ids` and `position_ids` are comma-joined ids (ids are slugs,
    so the join is reversible): Streamlit hashes a tuple's items one by one, which costs every
    rerun time in proportion to the events shown (docs/performance.md), while one string hashes at once.
    """
    events = rows_by_id(_frames.events, ids)
    positions = rows_by_id(_frames.positions, position_ids) if position_ids else None
    return view_figure(
        _frames,
        events,
        lane_by=lane_by,
        colour_by=colour_by,
        positions=positions,
        range_slider=range_slider,
        labels=labels,
    )


def rows_by_id(frame: pd.DataFrame, ids: str) -> pd.DataFrame:
    """The rows of `frame` with the comma-joined `ids`, in that order."""
    return frame.set_index("id").loc[ids.split(",")].reset_index()


def file_version(path: Path) -> tuple[str, int, int]:
    """What the caches are keyed on: the file and its version (a changed file is reloaded)."""
    stat = path.stat()
    return (str(path), stat.st_mtime_ns, stat.st_size)
