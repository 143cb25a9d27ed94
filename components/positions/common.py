"""What the sections of the positions view share: the context of a run and the date widgets."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from timeline.loading.frames import Frames
from timeline.positions.stances import event_last_days

CHART_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["zoom", "pan", "select", "lasso2d", "autoScale"]}


@dataclass(frozen=True)
class PositionsContext:
    """What every part of the view needs, worked out once per run."""

    frames: Frames
    chronology: pd.DataFrame
    by_id: pd.DataFrame  # the chronology indexed by position id
    actors: list[str]
    themes: list[str]
    actor_names: dict[str, str]
    theme_labels: dict[str, str]
    first: dt.date
    last: dt.date
    today: dt.date

    def clamp(self, day: dt.date | None) -> dt.date:
        """The day (today if None) moved into the view's range of dates."""
        return min(max(day or self.today, self.first), self.last)


def day_label(day: dt.date) -> str:
    """A day as the view writes it: '4 July 2024'."""
    return f"{day.day} {day:%B %Y}"


def date_input(label: str, key: str, ctx: PositionsContext) -> dt.date:
    """A date widget held within the view's range; return the day it shows."""
    ss = st.session_state
    ss[key] = ctx.clamp(ss.get(key))
    st.date_input(
        label,
        key=key,
        min_value=ctx.first,
        max_value=ctx.last,
        format="YYYY-MM-DD",
        persist_state="page",
    )
    return ss.get(key) or ctx.today


def _jump_to_event(picker: str, target: str, days: dict[str, dt.date], ctx: PositionsContext) -> None:
    event = st.session_state.get(picker)
    if event in days:
        st.session_state[target] = ctx.clamp(days[event])
    st.session_state[picker] = None


def event_picker(label: str, picker: str, target: str, ctx: PositionsContext) -> None:
    """Set a date to the last day of an event, so that what was said there counts."""
    events = ctx.frames.events.sort_values("start", kind="stable")
    titles = dict(zip(events["id"], events["date_label"] + " — " + events["title"], strict=True))
    st.selectbox(
        label,
        list(titles),
        key=picker,
        index=None,
        format_func=titles.get,
        placeholder="Choose an event",
        on_change=_jump_to_event,
        args=(picker, target, event_last_days(events), ctx),
    )
