"""A source's text with cited passages highlighted, and the sources overview."""

from __future__ import annotations

import streamlit as st

from components.cite_passage import render_cite_passage
from components.event_detail import reliability_label, render_disputes, source_citation
from components.keys import K_CLOSE_SOURCE, K_SOURCE
from components.navigation import close_source, open_event
from timeline.loading.frames import Frames
from timeline.present.citations import cited_passages, source_html
from timeline.textsafe import escape_markdown as md

_STYLE = """
<style>
  body { font-family: "Source Serif Pro", Georgia, serif; font-size: 16px; line-height: 1.55;
         color: #1a1a1a; margin: 0; }
  .text { white-space: pre-wrap; padding: 0.5rem 0.75rem; }
  .scroll { height: 360px; overflow-y: auto; border: 1px solid #ddd; border-radius: 6px; }
  mark.quote { background: #fde9b0; border-bottom: 2px solid #e69f00; padding: 0 1px; }
  mark.quote.current { background: #ffd24d; outline: 3px solid #d55e00; }
  sup.ref { font-family: sans-serif; font-size: 0.7em; color: #6b4d00; margin-left: 2px; }
</style>
"""
_SCROLL_REGION = 'tabindex="0" role="region" aria-label="Source text, the cited passages highlighted"'
_SCROLL = "<script>const c=document.getElementById('current-0');if(c){c.scrollIntoView({block:'center'});}</script>"


def render_source_panel(
    frames: Frames, source_id: str, current_event: str | None, *, current_position: str | None = None
) -> None:
    """The source's text in a scrolling frame, the current event's (or position's) passages in view."""
    with st.container(border=True):
        st.markdown(f"**Source:** {source_citation(frames, source_id)}")
        _metadata_notes(frames, source_id)
        text = source_html(frames, source_id, current_event, current_position=current_position)
        # Focusable and named, so a keyboard can scroll the text and a screen reader names it.
        body = f'{_STYLE}<div class="scroll" {_SCROLL_REGION}><div class="text">{text}</div></div>{_SCROLL}'
        st.iframe(body, height=380)
        _passage_links(frames, source_id, current_event, current_position)
        st.button("Close source", key=K_CLOSE_SOURCE, on_click=close_source)


def _metadata_notes(frames: Frames, source_id: str) -> None:
    source = frames.sources.loc[frames.sources["id"] == source_id].iloc[0]
    details = [f"published {md(source['published_label'])} ({source['published_basis']})"]
    if source["published_note"]:
        details.append(md(source["published_note"]))
    if source["lines"]:
        details.append(f"lines {source['lines']} of {md(source['file'])}")
    st.caption(" · ".join(details))
    st.caption(f"Source {reliability_label(frames, source_id)}")
    if source["note"]:
        st.caption(f"Note on this source: {md(source['note'])}")
    render_disputes(frames, "source", source_id)


def _passage_links(
    frames: Frames, source_id: str, current_event: str | None, current_position: str | None = None
) -> None:
    passages = cited_passages(frames, source_id, current_event, current_position=current_position)
    if passages.empty:
        return
    st.markdown("**Cited passages in this source**")
    for row in passages.itertuples():
        label = f"[{row.number}] {md(str(row.label_title))}"
        if row.owner_kind == "event":
            is_current = row.owner_id == current_event
            st.button(
                label + (" (this event)" if is_current else ""),
                key=f"passage-{source_id}-{row.number}",
                on_click=open_event,
                args=(row.owner_id,),
                kwargs={"keep_source": True},
                disabled=is_current,
                type="tertiary",
            )
        else:
            st.caption(f"{label} ({'this position' if row.current else 'a position'})")


def render_sources_view(frames: Frames) -> None:
    """Every source: its metadata, its full text and all its cited passages marked."""
    st.header("Sources", anchor=False)
    counts = frames.evidence.groupby("source").size()
    for source in frames.sources.itertuples():
        grade = f"[{source.reliability}] " if source.reliability else ""
        title = f"{grade}{md(source.publisher)} — {md(source.title)} ({int(counts.get(source.id, 0))} quotes)"
        with st.expander(title, expanded=st.session_state.get(K_SOURCE) == source.id):
            st.markdown(source_citation(frames, source.id))
            _metadata_notes(frames, source.id)
            st.html(f'{_STYLE}<div class="text">{source_html(frames, source.id)}</div>')
            _passage_links(frames, source.id, None)
            render_cite_passage(frames, source.id)
