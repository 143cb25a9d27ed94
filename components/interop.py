"""Downloads for other tools: the events of the current view as a TimelineJS file."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from components.keys import K_LANES
from timeline.frames import Frames
from timeline.tjs_export import timelinejs_json

K_TIMELINEJS_DOWNLOAD = "download_timelinejs"
TIMELINEJS_FILE_NAME = "ai-governance-timeline.timelinejs.json"


def render_timelinejs_download(frames: Frames, shown: pd.DataFrame) -> None:
    """A button that downloads the shown events as TimelineJS JSON, grouped like the chart's lanes.

    The file is built only when the button is clicked (deferred data), not on every rerun.
    """
    group_by = st.session_state.get(K_LANES) or "actor"
    st.download_button(
        "Download for TimelineJS",
        data=partial(timelinejs_json, frames, shown, group_by=group_by),
        file_name=TIMELINEJS_FILE_NAME,
        mime="application/json",
        key=K_TIMELINEJS_DOWNLOAD,
        on_click="ignore",
        icon=":material/download:",
        help=f"The {len(shown)} events shown, with their quotes and sources, as a Knight Lab TimelineJS JSON file",
    )
