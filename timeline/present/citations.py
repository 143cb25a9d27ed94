"""Which passages of a source are cited, by what, and how to mark them in its text."""

from __future__ import annotations

import pandas as pd

from timeline.loading.frames import Frames
from timeline.loading.provenance import Mark, Span, highlight_html


def cited_passages(
    frames: Frames, source_id: str, current_event: str | None = None, *, current_position: str | None = None
) -> pd.DataFrame:
    """Every cited passage of a source, in text order, with the record that cites it.

    `current` marks the passages of the current event or position (each optional).
    """
    evidence = frames.evidence
    rows = evidence[(evidence["source"] == source_id) & (evidence["span_start"] >= 0)].copy()
    titles = pd.concat(
        [
            pd.Series(frames.events["title"].to_numpy(), index="event:" + frames.events["id"]),
            pd.Series(frames.positions["proposition"].to_numpy(), index="position:" + frames.positions["id"]),
        ]
    )
    rows["label_title"] = (rows["owner_kind"] + ":" + rows["owner_id"]).map(titles)
    rows = rows.sort_values(["span_start", "span_end"], kind="stable").reset_index(drop=True)
    rows["number"] = range(1, len(rows) + 1)
    rows["current"] = ((rows["owner_kind"] == "event") & (rows["owner_id"] == current_event)) | (
        (rows["owner_kind"] == "position") & (rows["owner_id"] == current_position)
    )
    return rows


def source_html(
    frames: Frames, source_id: str, current_event: str | None = None, *, current_position: str | None = None
) -> str:
    """The source's text as escaped HTML: every cited passage marked, the current event's
    (or position's) passages marked as current (with id="current-N" anchors to scroll to)."""
    passages = cited_passages(frames, source_id, current_event, current_position=current_position)
    marks = []
    current_count = 0
    for row in passages.itertuples():
        is_current = bool(row.current)
        anchor = ""
        if is_current:
            anchor = f"current-{current_count}"
            current_count += 1
        marks.append(Mark(Span(row.span_start, row.span_end), str(row.number), is_current, anchor))
    return highlight_html(frames.texts[source_id], marks)
