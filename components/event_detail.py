"""The detail panel of one event: date rigour, actors, quotes, positions and disputes."""

from __future__ import annotations

import streamlit as st

from components.navigation import open_source
from timeline.loading.frames import Frames
from timeline.present.views import MARKDOWN, DateView, DisputeView, QuoteView, Views
from timeline.textsafe import escape_markdown as md


def render_event_detail(frames: Frames, event_id: str) -> None:
    """Everything known about one event, each claim with its verbatim quote and source."""
    event = Views(frames).event(event_id)
    st.subheader(md(event.title), anchor=False)
    render_date(event.date)
    if event.location:
        st.markdown(f"**Where:** {md(event.location)}")
    st.markdown("**Who:** " + "; ".join(md(a.name) + (f" ({md(a.role)})" if a.role else "") for a in event.actors))
    if event.themes:
        st.markdown("**Themes:** " + ", ".join(md(t.name) for t in event.themes))
    st.markdown(f"**Type:** {md(event.type)}")
    st.markdown(md(event.summary))
    st.markdown("**Evidence**")
    for index, quote in enumerate(event.quotes):
        render_quote(quote, button_key=f"show-event-{event.id}-{index}")
    if event.positions:
        st.markdown("**Positions stated here**")
    for position in event.positions:
        st.markdown(
            f"- **{md(position.actor.name)}** *{md(position.stance)}* on "
            f"{md(position.theme.name)}: {md(position.proposition)} ({md(position.date.label)})"
        )
        for quote in position.quotes:
            st.markdown(f"> “{md(quote.text)}” — {quote.source.citation(MARKDOWN)}")
        show_disputes(position.disputes)
    show_disputes(event.disputes)


def render_date(date: DateView) -> None:
    """When, at what precision, how it is known, and the note on how it was established."""
    st.markdown(f"**When:** {md(date.text)}")
    if date.note:
        st.caption(f"How the date was established: {md(date.note)}")


def source_citation(frames: Frames, source_id: str) -> str:
    """The source's citation as escaped markdown, its title linked only if http(s)."""
    return Views(frames).source(source_id).citation(MARKDOWN)


def reliability_label(frames: Frames, source_id: str) -> str:
    """'reliability E (unreliable): why', the source's grade on the Admiralty scale, or 'reliability not graded'."""
    return md(Views(frames).source(source_id).reliability_text or "reliability not graded")


def render_quote(quote: QuoteView, *, button_key: str | None) -> None:
    """One quote: the verbatim text, its source and note; with a button_key, a button to open the source."""
    st.markdown(f"> “{md(quote.text)}”\n\n— {quote.source.citation(MARKDOWN)}")
    if quote.note:
        st.caption(md(quote.note))
    if button_key:
        st.button(
            "Show in source",
            key=button_key,
            on_click=open_source,
            args=(quote.source.id,),
            help="Open the source text with this passage highlighted",
        )


def render_disputes(frames: Frames, kind: str, target: str) -> None:
    """Each dispute about an event, position or source: both sides with quotes, and the decision."""
    show_disputes(Views(frames).disputes(kind, target))


def show_disputes(disputes: tuple[DisputeView, ...]) -> None:
    """Disputes already looked up: what is disputed, each side with its quote or record, the decision."""
    for dispute in disputes:
        with st.container(border=True):
            st.markdown(f"**⚖ {md(dispute.heading)}:** {md(dispute.summary)}")
            for claim in dispute.claims:
                st.markdown(f"- **{md(claim.value)}** — {claim.origin(MARKDOWN)}")
            st.markdown(f"**Decision:** {md(dispute.decision)}")
