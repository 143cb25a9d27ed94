"""Exports of a view: CSV, JSON, citation blocks for a memo, chart images, standalone HTML.

Every function takes the Frames and the shown events (the filtered frame, in its order) and
returns text or bytes; nothing here knows about Streamlit. See docs/exports.md.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from timeline.exports.html import timeline_html as timeline_html  # re-exported: one place to import from
from timeline.exports.references import event_record, source_numbers, source_record, used_sources
from timeline.loading.frames import Frames
from timeline.present.views import MARKDOWN, DisputeView, Views, one_line

EXPORT_TEMPLATE = "plotly_white"
IMAGE_FORMATS = ("png", "svg")
# A spreadsheet treats a cell starting with one of these as a formula (or, for tab and CR,
# may shift it into one): such cells get a leading single quote. OWASP "CSV injection".
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
EVENT_COLUMNS = (
    "id",
    "title",
    "date",
    "end",
    "date_label",
    "precision",
    "date_basis",
    "date_note",
    "type",
    "location",
    "actors",
    "actor_ids",
    "themes",
    "summary",
    "evidence_count",
    "disputes",
)


class ExportError(Exception):
    """An export that could not be made (e.g. no browser for chart images); the message says why."""


# ---- CSV and JSON ------------------------------------------------------------------------


def neutralise_cell(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula, prefixed with a single quote."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def events_to_csv(frames: Frames, shown: pd.DataFrame) -> bytes:
    """One row per shown event; quote_N / source_N / citation_N per piece of evidence.

    UTF-8 with a byte-order mark (so spreadsheets read curly quotes right); every text cell
    that starts with = + - @ tab or CR is prefixed with a single quote (formula injection).
    """
    events = Views(frames).events(shown)
    records = [event_record(event) for event in events]
    most = max((len(r["evidence"]) for r in records), default=0)
    header = list(EVENT_COLUMNS)
    for n in range(1, most + 1):
        header += [f"quote_{n}", f"source_{n}", f"citation_{n}"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for event, record in zip(events, records, strict=True):
        row = [
            record["id"],
            record["title"],
            record["date"],
            record["end"] or "",
            record["date_label"],
            record["precision"],
            record["date_basis"],
            record["date_note"] or "",
            record["type"],
            record["location"] or "",
            "; ".join(a["name"] for a in record["actors"]),
            "; ".join(a["id"] for a in record["actors"]),
            "; ".join(t["label"] for t in record["themes"]),
            record["summary"],
            len(record["evidence"]),
            disputes_cell(event.disputes),
        ]
        for item in record["evidence"]:
            row += [item["quote"], item["source"], item["reference"]]
        row += [""] * (len(header) - len(row))
        writer.writerow([neutralise_cell(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")


def disputes_cell(disputes: tuple[DisputeView, ...]) -> str:
    """Every dispute about an event in one cell, one line each."""
    return "\n".join(dispute.text() for dispute in disputes)


def events_to_json(frames: Frames, shown: pd.DataFrame, *, view: Mapping[str, str] | None = None) -> str:
    """{"view", "events": [... with evidence], "sources": [...]} as indented UTF-8 JSON text."""
    document = {
        "view": dict(view or {}),
        "event_count": len(shown),
        "events": [event_record(event) for event in Views(frames).events(shown)],
        "sources": [source_record(source) for source in used_sources(frames, shown)],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


# ---- citation blocks for a memo ------------------------------------------------------------


def citations_text(frames: Frames, shown: pd.DataFrame) -> str:
    """Plain text: the numbered references, then each event's quotes pointing at them, and its disputes."""
    sources = used_sources(frames, shown)
    numbers = source_numbers(sources)
    lines = ["Sources", ""]
    lines += [f"[{numbers[source.id]}] {source.citation()}" for source in sources]
    lines += ["", "Quotes", ""]
    for event in Views(frames).events(shown):
        lines.append(f"{event.title} ({event.date.label})")
        lines += [f"  “{one_line(q.text)}” [{numbers[q.source.id]}]" for q in event.quotes]
        lines += [f"  {dispute.text()}" for dispute in event.disputes]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def citations_markdown(frames: Frames, shown: pd.DataFrame) -> str:
    """Markdown: the same block, with quotes as block quotes, disputes as lines, linked titles."""
    sources = used_sources(frames, shown)
    numbers = source_numbers(sources)
    esc = MARKDOWN.escape
    lines = ["## Quotes", ""]
    for event in Views(frames).events(shown):
        lines += [f"**{esc(event.title)}** ({esc(event.date.label)})", ""]
        for q in event.quotes:
            lines += [f"> “{esc(one_line(q.text))}” \\[{numbers[q.source.id]}\\]", ""]
        lines += [f"⚖ {esc(dispute.text())}" for dispute in event.disputes]
        lines += [""] if event.disputes else []
    lines += ["## Sources", ""]
    lines += [f"{numbers[source.id]}. {source.citation(MARKDOWN)}" for source in sources]
    return "\n".join(lines).rstrip() + "\n"


# ---- chart images --------------------------------------------------------------------------


def export_figure(fig: go.Figure) -> go.Figure:
    """A copy of the chart for files: explicit white template, no range slider."""
    copy = go.Figure(fig)
    copy.update_layout(template=EXPORT_TEMPLATE)
    copy.update_xaxes(rangeslider_visible=False)
    return copy


def figure_image(fig: go.Figure, fmt: str = "png", *, width: int = 1600, scale: float = 1.0) -> bytes:
    """The chart as PNG or SVG, drawn server-side by kaleido (which needs Chromium)."""
    if fmt not in IMAGE_FORMATS:
        raise ExportError(f"unknown image format {fmt!r}: expected one of {', '.join(IMAGE_FORMATS)}")
    figure = export_figure(fig)
    height = figure.layout.height or 500
    try:
        return figure.to_image(format=fmt, width=width, height=height, scale=scale)
    except Exception as error:  # kaleido reports a missing browser or a crash in many types
        raise ExportError(f"could not draw the chart as {fmt.upper()}: {error}") from error
