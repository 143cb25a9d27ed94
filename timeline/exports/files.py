"""Every file a view can be exported as, in one list: the app's buttons and the command line read it.

An `ExportFile` names its file and type and says how to make it from an `ExportView` (the shown
events of a view, its chart, how its lanes are grouped). `python -m timeline export` and the app's
download buttons call the same `make`, so a link and a script give the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from timeline.exports.html import timeline_html
from timeline.exports.pptx import deck_pptx
from timeline.exports.tables import citations_markdown, citations_text, events_to_csv, events_to_json, figure_image
from timeline.loading.frames import Frames
from timeline.present.briefing import build_deck
from timeline.timelinejs.export import timelinejs_json

TITLE = "Global AI governance: an evidence-linked timeline"
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


@dataclass(frozen=True)
class ExportView:
    """What an export is made from: the shown events (in order), the chart, lanes, briefing picks."""

    frames: Frames
    shown: pd.DataFrame
    fig: go.Figure | None = None
    lane_by: str = "actor"  # TimelineJS groups events as the chart's lanes do
    picks: tuple[str, ...] = ()  # a briefing's hand-picked events, if any

    @property
    def subtitle(self) -> str:
        return f"{len(self.shown)} of {len(self.frames.events)} events in the dataset"


@dataclass(frozen=True)
class ExportFile:
    """One export: its key (the command's --format), button label and help, file name, type and maker."""

    key: str
    label: str
    file_name: str
    mime: str
    help: str
    group: str
    make: Callable[[ExportView], bytes | str]
    needs_chart: bool = False


EXPORT_FILES: tuple[ExportFile, ...] = (
    ExportFile(
        "csv", "CSV", "ai-governance-events.csv", "text/csv",
        "One row per event, with its quotes, references and disputes", "Data",
        lambda v: events_to_csv(v.frames, v.shown),
    ),
    ExportFile(
        "json", "JSON", "ai-governance-events.json", "application/json",
        "The events with their evidence and disputes, and the sources", "Data",
        lambda v: events_to_json(v.frames, v.shown),
    ),
    ExportFile(
        "html", "HTML page", "ai-governance-timeline.html", "text/html",
        "The interactive chart and every event's detail in one file: opens by double-click, works offline",
        "To share, offline",
        lambda v: timeline_html(v.frames, v.shown, v.fig, title=TITLE, subtitle=v.subtitle),
    ),
    ExportFile(
        "pptx", "PowerPoint", "ai-governance-briefing.pptx", PPTX_MIME,
        "One slide per event with its key quote and source footnote", "To share, offline",
        lambda v: deck_pptx(build_deck(v.frames, v.shown, v.picks), title=TITLE),
    ),
    ExportFile(
        "png", "PNG", "ai-governance-timeline.png", "image/png", "The chart as a picture", "The chart",
        lambda v: figure_image(v.fig, "png", scale=1.5), needs_chart=True,
    ),
    ExportFile(
        "svg", "SVG", "ai-governance-timeline.svg", "image/svg+xml", "The chart as a scalable drawing", "The chart",
        lambda v: figure_image(v.fig, "svg"), needs_chart=True,
    ),
    ExportFile(
        "citations-txt", "Text", "ai-governance-citations.txt", "text/plain",
        "Numbered references and the quotes", "Citations for a memo",
        lambda v: citations_text(v.frames, v.shown),
    ),
    ExportFile(
        "citations-md", "Markdown", "ai-governance-citations.md", "text/markdown",
        "The same block in Markdown, ready to paste into a memo", "Citations for a memo",
        lambda v: citations_markdown(v.frames, v.shown),
    ),
    ExportFile(
        "timelinejs", "Download for TimelineJS", "ai-governance-timeline.timelinejs.json", "application/json",
        "The events shown, with their quotes and sources, as a Knight Lab TimelineJS JSON file", "Other tools",
        lambda v: timelinejs_json(v.frames, v.shown, group_by=v.lane_by),
    ),
)  # fmt: skip
EXPORTS: dict[str, ExportFile] = {spec.key: spec for spec in EXPORT_FILES}


def export_groups() -> dict[str, list[ExportFile]]:
    """The exports by group, groups and files in the list's order."""
    groups: dict[str, list[ExportFile]] = {}
    for spec in EXPORT_FILES:
        groups.setdefault(spec.group, []).append(spec)
    return groups


def as_bytes(data: bytes | str) -> bytes:
    """A made file as bytes (text as UTF-8, as a download sends it)."""
    return data.encode("utf-8") if isinstance(data, str) else data
