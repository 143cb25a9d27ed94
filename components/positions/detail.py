"""One recorded position as the positions view shows it: stance, proposition, date, event and quotes."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.event_detail import render_date, render_quote, show_disputes
from components.navigation import open_event
from components.positions.common import PositionsContext
from timeline.loading.frames import Frames
from timeline.positions.stances import stance_label
from timeline.present.views import Views
from timeline.textsafe import escape_markdown as md


def position_quotes(frames: Frames, position_id: str) -> pd.DataFrame:
    """The evidence rows that quote one position, in the data file's order."""
    return frames.evidence_of("position", position_id)


def render_position_block(ctx: PositionsContext, position_id: str, *, buttons: bool) -> None:
    """One position: stance, proposition, date and its rigour, event and every quote (with buttons: disputes too)."""
    position = Views(ctx.frames).position(position_id)
    st.markdown(f"**{md(stance_label(position.stance))}** — {md(position.proposition)}")
    render_date(position.date)
    if position.event_id:
        _stated_at(ctx.frames, position.event_id, position_id, buttons=buttons)
    for index, quote in enumerate(position.quotes):
        render_quote(quote, button_key=f"pos-show-{position_id}-{index}" if buttons else None)
    if buttons:  # the full detail: with the disputes about this position
        show_disputes(position.disputes)


def _stated_at(frames: Frames, event_id: str, position_id: str, *, buttons: bool) -> None:
    st.markdown(f"**Stated at:** {md(frames.event(event_id)['title'])}")
    if buttons:
        st.button(
            "Open this event on the timeline",
            key=f"pos-event-{position_id}",
            on_click=open_event,
            args=(event_id,),
            type="tertiary",
        )
