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

from timeline.export_html import timeline_html as timeline_html  # re-exported: one place to import from
from timeline.frames import Frames
from timeline.references import event_records, md_text, one_line, quotes_by_event, source_reference, used_sources

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
    records = event_records(frames, shown)
    most = max((len(r["evidence"]) for r in records), default=0)
    header = list(EVENT_COLUMNS)
    for n in range(1, most + 1):
        header += [f"quote_{n}", f"source_{n}", f"citation_{n}"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for record in records:
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
        ]
        for item in record["evidence"]:
            row += [item["quote"], item["source"], item["reference"]]
        row += [""] * (len(header) - len(row))
        writer.writerow([neutralise_cell(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")


def events_to_json(frames: Frames, shown: pd.DataFrame, *, view: Mapping[str, str] | None = None) -> str:
    """{"view", "events": [... with evidence], "sources": [...]} as indented UTF-8 JSON text."""
    sources = used_sources(frames, shown)
    document = {
        "view": dict(view or {}),
        "event_count": len(shown),
        "events": event_records(frames, shown),
        "sources": [
            {
                "id": s["id"],
                "title": s["title"],
                "publisher": s["publisher"],
                "author": s["author"],
                "kind": s["kind"],
                "published": s["published_iso"],
                "url": s["url"],
                "reference": source_reference(s),
            }
            for s in sources.to_dict("records")
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


# ---- citation blocks for a memo ------------------------------------------------------------


def citations_text(frames: Frames, shown: pd.DataFrame) -> str:
    """Plain text: the numbered references, then each event's quotes pointing at them."""
    sources = used_sources(frames, shown)
    numbers = dict(zip(sources["id"], sources["number"], strict=False))
    lines = ["Sources", ""]
    lines += [f"[{row['number']}] {source_reference(row)}" for row in sources.to_dict("records")]
    lines += ["", "Quotes", ""]
    for event, items in quotes_by_event(frames, shown):
        lines.append(f"{event['title']} ({event['date_label']})")
        lines += [f"  “{one_line(q.quote)}” [{numbers[q.source]}]" for q in items]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def citations_markdown(frames: Frames, shown: pd.DataFrame) -> str:
    """Markdown: the same block, with quotes as block quotes and links as autolinks."""
    sources = used_sources(frames, shown)
    numbers = dict(zip(sources["id"], sources["number"], strict=False))
    lines = ["## Quotes", ""]
    for event, items in quotes_by_event(frames, shown):
        lines += [f"**{md_text(event['title'])}** ({md_text(event['date_label'])})", ""]
        for q in items:
            lines += [f"> “{md_text(one_line(q.quote))}” \\[{numbers[q.source]}\\]", ""]
    lines += ["## Sources", ""]
    lines += [f"{row['number']}. {source_reference(row, markdown=True)}" for row in sources.to_dict("records")]
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
