"""The shown events as plain records, and the sources they cite: the common ground of CSV and JSON."""

from __future__ import annotations

import pandas as pd

from timeline.loading.frames import Frames
from timeline.present.views import ClaimView, DisputeView, EventView, SourceRef, Views


def event_evidence(frames: Frames, shown: pd.DataFrame) -> pd.DataFrame:
    """The evidence of the shown events, in the events' order then as listed in the data."""
    evidence = frames.evidence[frames.evidence["owner_kind"] == "event"]
    order = {event_id: i for i, event_id in enumerate(shown["id"])}
    rows = evidence[evidence["owner_id"].isin(order)].copy()
    rows["event_rank"] = rows["owner_id"].map(order)
    return rows.sort_values("event_rank", kind="stable").reset_index(drop=True)


def used_sources(frames: Frames, shown: pd.DataFrame) -> list[SourceRef]:
    """The sources the shown events' quotes cite, in order of first use (number n is index n - 1)."""
    views = Views(frames)
    return [views.source(source_id) for source_id in dict.fromkeys(event_evidence(frames, shown)["source"])]


def source_numbers(sources: list[SourceRef]) -> dict[str, int]:
    """Source id -> its number in a list of references, from 1."""
    return {source.id: number for number, source in enumerate(sources, start=1)}


def source_record(source: SourceRef) -> dict:
    """A source as a plain dict (reliability only when the data grades it)."""
    record = {
        "id": source.id,
        "title": source.title,
        "publisher": source.publisher,
        "author": source.author,
        "kind": source.kind,
        "published": source.published_iso,
        "url": source.url,
    }
    if source.reliability:
        record |= {"reliability": source.reliability, "reliability_reason": source.reliability_reason}
    return record | {"reference": source.citation()}


def dispute_record(dispute: DisputeView) -> dict:
    """A dispute as a plain dict: what is disputed, each side with its backing, the decision."""
    return {
        "id": dispute.id,
        "field": dispute.field,
        "summary": dispute.summary,
        "claims": [_claim_record(claim) for claim in dispute.claims],
        "decision": dispute.decision,
    }


def _claim_record(claim: ClaimView) -> dict:
    if claim.source is not None:
        backing = {"source": claim.source.id, "quote": claim.quote, "reference": claim.source.citation()}
    else:
        backing = {"external": claim.external, "url": claim.url}
    return {"value": claim.value, **backing}


def event_record(event: EventView) -> dict:
    """One event as a plain dict, with its evidence (formatted references) and disputes."""
    return {
        "id": event.id,
        "title": event.title,
        "date": event.date.iso,
        "end": event.date.end_iso,
        "date_label": event.date.label,
        "precision": event.date.precision,
        "date_basis": event.date.basis,
        "date_note": event.date.note,
        "type": event.type,
        "location": event.location,
        "actors": [{"id": a.id, "name": a.name} for a in event.actors],
        "themes": [{"id": t.id, "label": t.name} for t in event.themes],
        "summary": event.summary,
        "evidence": [
            {"source": q.source.id, "quote": q.text, "note": q.note, "reference": q.source.citation()}
            for q in event.quotes
        ],
        "disputes": [dispute_record(d) for d in event.disputes],
    }


def event_records(frames: Frames, shown: pd.DataFrame) -> list[dict]:
    """The shown events as plain dicts, each with its evidence, references and disputes."""
    return [event_record(event) for event in Views(frames).events(shown)]
