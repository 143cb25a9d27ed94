"""Download buttons for the current view: data, an offline page, chart images, citations, slides.

Every file is made only when its button is clicked (a deferred `data` callable), so the
page stays fast however many events are shown. See docs/exports.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.keys import (
    K_EXPORT_CITATIONS_MD,
    K_EXPORT_CITATIONS_TEXT,
    K_EXPORT_CSV,
    K_EXPORT_HTML,
    K_EXPORT_JSON,
    K_EXPORT_PNG,
    K_EXPORT_PPTX,
    K_EXPORT_SVG,
)
from timeline.briefing import build_deck
from timeline.export import (
    citations_markdown,
    citations_text,
    events_to_csv,
    events_to_json,
    figure_image,
    timeline_html,
)
from timeline.frames import Frames
from timeline.slides_pptx import deck_pptx

TITLE = "Global AI governance: an evidence-linked timeline"


@dataclass(frozen=True)
class ExportFile:
    """One download: its button's label and help, the file's name and type."""

    label: str
    file_name: str
    mime: str
    help: str
    needs_chart: bool = False


EXPORT_FILES: dict[str, ExportFile] = {
    K_EXPORT_CSV: ExportFile(
        "CSV", "ai-governance-events.csv", "text/csv", "One row per event, with its quotes and references"
    ),
    K_EXPORT_JSON: ExportFile(
        "JSON", "ai-governance-events.json", "application/json", "The events with their evidence, and the sources"
    ),
    K_EXPORT_HTML: ExportFile(
        "HTML page",
        "ai-governance-timeline.html",
        "text/html",
        "The interactive chart and every event's detail in one file: opens by double-click, works offline",
    ),
    K_EXPORT_PNG: ExportFile(
        "PNG", "ai-governance-timeline.png", "image/png", "The chart as a picture", needs_chart=True
    ),
    K_EXPORT_SVG: ExportFile(
        "SVG",
        "ai-governance-timeline.svg",
        "image/svg+xml",
        "The chart as a scalable drawing",
        needs_chart=True,
    ),
    K_EXPORT_CITATIONS_TEXT: ExportFile(
        "Text", "ai-governance-citations.txt", "text/plain", "Numbered references and the quotes"
    ),
    K_EXPORT_CITATIONS_MD: ExportFile(
        "Markdown",
        "ai-governance-citations.md",
        "text/markdown",
        "The same block in Markdown, ready to paste into a memo",
    ),
    K_EXPORT_PPTX: ExportFile(
        "PowerPoint",
        "ai-governance-briefing.pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "One slide per event with its key quote and source footnote",
    ),
}


def export_makers(frames: Frames, shown: pd.DataFrame, fig: go.Figure | None) -> dict[str, Callable[[], bytes | str]]:
    """For each export key, the function that makes its file (run only on click)."""
    subtitle = f"{len(shown)} of {len(frames.events)} events in the dataset"
    return {
        K_EXPORT_CSV: lambda: events_to_csv(frames, shown),
        K_EXPORT_JSON: lambda: events_to_json(frames, shown),
        K_EXPORT_HTML: lambda: timeline_html(frames, shown, fig, title=TITLE, subtitle=subtitle),
        K_EXPORT_PNG: lambda: figure_image(fig, "png", scale=1.5),
        K_EXPORT_SVG: lambda: figure_image(fig, "svg"),
        K_EXPORT_CITATIONS_TEXT: lambda: citations_text(frames, shown),
        K_EXPORT_CITATIONS_MD: lambda: citations_markdown(frames, shown),
        K_EXPORT_PPTX: lambda: deck_pptx(build_deck(frames, shown), title=TITLE),
    }


def render_exports(frames: Frames, shown: pd.DataFrame, fig_or_none: go.Figure | None) -> None:
    """The download buttons for the shown events (and the chart, when there is one)."""
    if shown.empty:
        st.caption("No event is shown, so there is nothing to export.")
        return
    st.caption(
        f"{len(shown)} event(s) as the filters show them, each with its quotes and sources. "
        "Files are made when you click."
    )
    makers = export_makers(frames, shown, fig_or_none)
    groups = (
        ("Data", (K_EXPORT_CSV, K_EXPORT_JSON)),
        ("To share, offline", (K_EXPORT_HTML, K_EXPORT_PPTX)),
        ("The chart", (K_EXPORT_PNG, K_EXPORT_SVG)),
        ("Citations for a memo", (K_EXPORT_CITATIONS_TEXT, K_EXPORT_CITATIONS_MD)),
    )
    for column, (heading, keys) in zip(st.columns(len(groups)), groups, strict=True):
        with column:
            st.markdown(f"**{heading}**")
            for key in keys:
                spec = EXPORT_FILES[key]
                st.download_button(
                    spec.label,
                    data=makers[key],
                    file_name=spec.file_name,
                    mime=spec.mime,
                    key=key,
                    help=spec.help,
                    on_click="ignore",
                    icon=":material/download:",
                    disabled=spec.needs_chart and fig_or_none is None,
                    width="stretch",
                )
