"""The detail panel of one event: date rigour, actors, quotes, positions and disputes."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.navigation import open_source
from timeline.frames import Frames
from timeline.textsafe import escape_markdown as md
from timeline.textsafe import safe_url

BASIS_TEXT = {
    "stated": "stated in the source",
    "inferred": "inferred from the source",
    "external": "known from outside the sources",
}


def render_event_detail(frames: Frames, event_id: str) -> None:
    """Everything known about one event, each claim with its verbatim quote and source."""
    event = frames.events.loc[frames.events["id"] == event_id].iloc[0]
    st.subheader(md(event["title"]), anchor=False)
    _date_block(event)
    if event["location"]:
        st.markdown(f"**Where:** {md(event['location'])}")
    st.markdown(f"**Who:** {_actors_text(frames, event['actors'])}")
    if event["themes"]:
        labels = dict(zip(frames.themes["id"], frames.themes["label"], strict=False))
        st.markdown("**Themes:** " + ", ".join(md(labels.get(t, t)) for t in event["themes"]))
    st.markdown(f"**Type:** {md(event['type'])}")
    st.markdown(md(event["summary"]))
    _evidence_block(frames, "event", event_id)
    _positions_block(frames, event_id)
    render_disputes(frames, "event", event_id)


def _date_block(event: pd.Series) -> None:
    basis = str(event["date_basis"])
    st.markdown(
        f"**When:** {md(event['date_label'])} · precision: {event['precision']} · date {BASIS_TEXT.get(basis, basis)}"
    )
    if event["date_note"]:
        st.caption(f"How the date was established: {md(event['date_note'])}")


def _actors_text(frames: Frames, actor_ids) -> str:
    actors = frames.actors.set_index("id")
    parts = []
    for actor_id in actor_ids:
        row = actors.loc[actor_id]
        text = md(row["name"])
        if row["role"]:
            text += f" ({md(row['role'])})"
        parts.append(text)
    return "; ".join(parts)


def source_citation(frames: Frames, source_id: str) -> str:
    """'Publisher, kind, date — title' as escaped markdown, with a link only if http(s)."""
    source = frames.sources.loc[frames.sources["id"] == source_id].iloc[0]
    title = md(source["title"])
    url = safe_url(source["url"])
    if url:
        title = f"[{title}](<{url}>)"
    author = f"{md(source['author'])}, " if source["author"] and source["author"] != "unidentified" else ""
    return f"{author}{md(source['publisher'])} ({source['kind']}, {md(source['published_label'])}) — {title}"


def _evidence_block(frames: Frames, owner_kind: str, owner_id: str) -> None:
    evidence = frames.evidence
    rows = evidence[(evidence["owner_kind"] == owner_kind) & (evidence["owner_id"] == owner_id)]
    st.markdown("**Evidence**")
    for index, row in enumerate(rows.itertuples()):
        render_quote(frames, row, button_key=f"show-{owner_kind}-{owner_id}-{index}")


def render_quote(frames: Frames, row, *, button_key: str | None) -> None:
    """One evidence row: the verbatim quote, its source and note; with a button_key, a button to open the source."""
    st.markdown(f"> “{md(row.quote)}”\n\n— {source_citation(frames, row.source)}")
    if row.note:
        st.caption(md(row.note))
    if button_key:
        st.button(
            "Show in source",
            key=button_key,
            on_click=open_source,
            args=(row.source,),
            help="Open the source text with this passage highlighted",
        )


def _positions_block(frames: Frames, event_id: str) -> None:
    positions = frames.positions[frames.positions["event"] == event_id]
    if positions.empty:
        return
    names = dict(zip(frames.actors["id"], frames.actors["name"], strict=False))
    labels = dict(zip(frames.themes["id"], frames.themes["label"], strict=False))
    st.markdown("**Positions stated here**")
    quotes = frames.evidence[frames.evidence["owner_kind"] == "position"]
    for row in positions.itertuples():
        st.markdown(
            f"- **{md(names.get(row.actor, row.actor))}** *{row.stance}* on "
            f"{md(labels.get(row.theme, row.theme))}: {md(row.proposition)} ({md(row.date_label)})"
        )
        for quote in quotes[quotes["owner_id"] == row.id].itertuples():
            st.markdown(f"> “{md(quote.quote)}” — {source_citation(frames, quote.source)}")
        render_disputes(frames, "position", row.id)


def render_disputes(frames: Frames, kind: str, target: str) -> None:
    """Each dispute about an event, position or source: both sides with quotes, and the decision."""
    disputes = frames.disputes[(frames.disputes["about_kind"] == kind) & (frames.disputes["about_id"] == target)]
    for dispute in disputes.itertuples():
        with st.container(border=True):
            st.markdown(f"**⚖ Disputed {md(dispute.field)}:** {md(dispute.summary)}")
            claims = frames.claims[frames.claims["dispute_id"] == dispute.id]
            for claim in claims.itertuples():
                st.markdown(f"- **{md(claim.value)}** — {_claim_origin(frames, claim)}")
            st.markdown(f"**Decision:** {md(dispute.decision)}")


def _claim_origin(frames: Frames, claim) -> str:
    if claim.source:
        return f"“{md(claim.quote)}” ({source_citation(frames, claim.source)})"
    url = safe_url(claim.url)
    reference = md(claim.external)
    return f"public record: [{reference}](<{url}>)" if url else f"public record: {reference}"
