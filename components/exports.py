"""Download buttons for the current view: one per entry of the core's export list (timeline.exports.files).

Every file is made only when its button is clicked (a deferred `data` callable), so the
page stays fast however many events are shown. See docs/exports.md.
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from timeline.exports.files import ExportFile, ExportView, export_groups
from timeline.loading.frames import Frames

OTHER_TOOLS = "Other tools"  # the group drawn under the columns, across the panel


def export_key(spec: ExportFile) -> str:
    """The download button's widget key: 'export_csv', 'export_citations_txt'."""
    return "export_" + spec.key.replace("-", "_")


def render_exports(frames: Frames, shown: pd.DataFrame, fig_or_none: go.Figure | None, lane_by: str) -> None:
    """The download buttons for the shown events (and the chart, when there is one)."""
    if shown.empty:
        st.caption("No event is shown, so there is nothing to export.")
        return
    st.caption(
        f"{len(shown)} event(s) as the filters show them, each with its quotes and sources. "
        "Files are made when you click."
    )
    view = ExportView(frames, shown, fig_or_none, lane_by=lane_by)
    groups = export_groups()
    below = groups.pop(OTHER_TOOLS, [])
    for column, (heading, specs) in zip(st.columns(len(groups)), groups.items(), strict=True):
        with column:
            st.markdown(f"**{heading}**")
            for spec in specs:
                download_button(spec, view, width="stretch")
    for spec in below:
        download_button(spec, view)


def download_button(
    spec: ExportFile, view: ExportView, *, label: str | None = None, key: str | None = None, disabled=False, **kw
) -> None:
    """One export's download button; its file is made on click."""
    st.download_button(
        label or spec.label,
        data=partial(spec.make, view),
        file_name=spec.file_name,
        mime=spec.mime,
        key=key or export_key(spec),
        help=spec.help,
        on_click="ignore",
        icon=":material/download:",
        disabled=disabled or (spec.needs_chart and view.fig is None),
        **kw,
    )
