"""One recorded position as the positions view shows it: stance, proposition, date, event and quotes."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.event_detail import BASIS_TEXT, render_disputes, render_quote
from components.navigation import open_event
from components.positions_common import PositionsContext
from timeline.frames import Frames
from timeline.stances import stance_label
from timeline.textsafe import escape_markdown as md


def position_quotes(frames: Frames, position_id: str) -> pd.DataFrame:
    """The evidence rows that quote one position, in the data file's order."""
    evidence = frames.evidence
    return evidence[(evidence["owner_kind"] == "position") & (evidence["owner_id"] == position_id)]


def render_position_block(ctx: PositionsContext, position_id: str, *, buttons: bool) -> None:
    """One position: stance, proposition, date and its rigour, event and every quote (with buttons: disputes too)."""
    row = ctx.by_id.loc[position_id]
    _stance_and_date(row)
    if row["event"]:
        _stated_at(ctx.frames, row["event"], position_id, buttons=buttons)
    for index, quote in enumerate(position_quotes(ctx.frames, position_id).itertuples()):
        render_quote(ctx.frames, quote, button_key=f"pos-show-{position_id}-{index}" if buttons else None)
    if buttons:  # the full detail: with the disputes about this position
        render_disputes(ctx.frames, "position", position_id)


def _stance_and_date(row: pd.Series) -> None:
    st.markdown(f"**{md(stance_label(row['stance']))}** — {md(row['proposition'])}")
    basis = str(row["date_basis"])
    st.markdown(
        f"**When:** {md(row['date_label'])} · precision: {row['precision']} · date {BASIS_TEXT.get(basis, basis)}"
    )
    if row["date_note"]:
        st.caption(f"How the date was established: {md(row['date_note'])}")


def _stated_at(frames: Frames, event_id: str, position_id: str, *, buttons: bool) -> None:
    title = frames.events.loc[frames.events["id"] == event_id, "title"].iloc[0]
    st.markdown(f"**Stated at:** {md(title)}")
    if buttons:
        st.button(
            "Open this event on the timeline",
            key=f"pos-event-{position_id}",
            on_click=open_event,
            args=(event_id,),
            type="tertiary",
        )
