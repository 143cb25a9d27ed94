"""Briefing mode: the shown (or hand-picked) events as full-screen slides, one at a time.

Large type and high contrast for a projector; no sidebar or header while it is open;
printing gives one slide per page (use "Print all slides" first to print the whole deck).
"""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from components.exports import download_button
from components.keys import (
    K_BRIEF_CLEAR,
    K_BRIEF_EXIT,
    K_BRIEF_FROM_SHOWN,
    K_BRIEF_NEXT,
    K_BRIEF_PICKED,
    K_BRIEF_PICKS,
    K_BRIEF_PPTX,
    K_BRIEF_PREV,
    K_BRIEF_PRINT,
    K_BRIEF_PRINT_TOGGLE,
    K_BRIEF_SLIDE,
    K_BRIEF_SORT,
)
from components.navigation import open_view
from timeline.exports.files import EXPORTS, ExportView
from timeline.loading.frames import Frames
from timeline.present.briefing import Deck, build_deck, clamp_slide, strip_html

CONTROLS, NAVIGATION = "briefing_controls", "briefing_navigation"  # keyed containers: st-key-* classes

# Only while this view is drawn: hide Streamlit's header and the sidebar, the app's title and
# view switch; big, dark-on-white type; in print, one slide per page and no controls.
_CSS = """
<style>
header[data-testid="stHeader"], section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stElementContainer"]:has(> [data-testid="stHeading"]),
[data-testid="stElementContainer"]:has([data-testid="stButtonGroup"]) { display: none !important; }
[data-testid="stMainBlockContainer"] { padding-top: 1.2rem; padding-bottom: 1rem; max-width: 100%; }
.briefing-slide { color: #000; background: #fff; padding: 1.5rem 2.5rem 1rem; min-height: 72vh;
  display: flex; flex-direction: column; gap: 1.2rem; font-family: system-ui, "Segoe UI", Roboto, sans-serif; }
.briefing-slide h2.briefing-title { font-size: clamp(2.2rem, 4.2vw, 4rem); line-height: 1.12; font-weight: 800;
  margin: 0; padding: 0; color: #000; }
.briefing-slide .briefing-date { font-size: clamp(1.4rem, 2.2vw, 2.1rem); color: #222; font-weight: 600; margin: 0; }
.briefing-slide blockquote { font-size: clamp(1.5rem, 2.6vw, 2.5rem); line-height: 1.3; margin: 0.6rem 0 0;
  padding: 0 0 0 1.2rem; border-left: 0.5rem solid #E69F00; color: #000; font-style: normal; }
.briefing-slide .briefing-citation { font-size: clamp(1.05rem, 1.4vw, 1.4rem); color: #222; margin: 0 0 0 1.7rem; }
.briefing-slide .briefing-citation a { color: #0b3d91; }
.briefing-slide .briefing-noquote { font-size: 1.4rem; color: #333; }
.briefing-slide .briefing-footer { margin-top: auto; display: flex; align-items: center; gap: 1.5rem;
  padding-bottom: 1.8rem; }
.briefing-strip { flex: 1; display: flex; align-items: center; gap: 1rem; font-size: 1.3rem; color: #222; }
.briefing-strip .strip-line { position: relative; flex: 1; height: 4px; background: #222; margin: 0 1rem; }
.briefing-strip .strip-dot { position: absolute; top: 50%; width: 14px; height: 14px; border-radius: 50%;
  background: #6b6b6b; transform: translate(-50%, -50%); }
.briefing-strip .strip-label { position: absolute; top: 20px; white-space: nowrap; font-size: 1.1rem;
  font-weight: 600; color: #000; transform: translateX(-50%); }
.briefing-strip .strip-label-start { transform: translateX(-15px); }
.briefing-strip .strip-label-end { transform: translateX(calc(-100% + 15px)); }
.briefing-strip .strip-dot.current { width: 30px; height: 30px; background: #D55E00; border: 4px solid #000;
  box-sizing: border-box; z-index: 1; }
@media print { .briefing-strip .strip-line, .briefing-strip .strip-dot { print-color-adjust: exact;
  -webkit-print-color-adjust: exact; } }
.briefing-slide .briefing-counter { font-size: clamp(1.4rem, 2vw, 2rem); font-weight: 700; color: #000;
  white-space: nowrap; }
.st-key-briefing_navigation button p { font-size: 1.3rem; }
@media print {
  @page { size: landscape; margin: 12mm; }
  .st-key-briefing_controls, .st-key-briefing_navigation,
  [data-testid="stElementContainer"]:not(:has(.briefing-slide)) { display: none !important; }
  [data-testid="stMainBlockContainer"] { padding: 0 !important; }
  [data-testid="stVerticalBlock"] { gap: 0 !important; }
  .briefing-slide { min-height: 0; height: 165mm; break-after: page; page-break-after: always;
    break-inside: avoid; padding: 0; }
  .briefing-slide:last-of-type { break-after: auto; page-break-after: auto; }
  .briefing-slide h2.briefing-title { font-size: 30pt; }
  .briefing-slide .briefing-date { font-size: 18pt; }
  .briefing-slide blockquote { font-size: 22pt; }
  .briefing-slide .briefing-citation { font-size: 12pt; }
  .briefing-slide .briefing-counter, .briefing-strip { font-size: 14pt; }
}
</style>
"""


def render_briefing(frames: Frames, shown: pd.DataFrame) -> None:
    """Draw the briefing (slides and controls); its slide and picks go to the link through the registry."""
    st.html(_CSS)
    picks = tuple(st.session_state.get(K_BRIEF_PICKED, ()))
    deck = build_deck(frames, shown, picks)
    number = clamp_slide(st.session_state.get(K_BRIEF_SLIDE, 1), len(deck))
    st.session_state[K_BRIEF_SLIDE] = number
    print_all = bool(st.session_state.get(K_BRIEF_PRINT))
    _controls(frames, shown, deck, print_all)
    if not deck.slides:
        st.info("No event to present: widen the filters, or pick events under “Choose slides”.")
    elif print_all:
        st.html("".join(slide_html(deck, slide.number) for slide in deck.slides))
    else:
        st.html(slide_html(deck, number))
        _navigation(deck, number)


def slide_html(deck: Deck, number: int) -> str:
    """One slide as HTML: title, date, key quote and citation, timeline strip, "n / N" (all escaped)."""
    slide = deck.slide(number)
    esc = html.escape
    parts = [
        f'<section class="briefing-slide" data-slide="{slide.number}" data-event="{esc(slide.event_id)}">',
        f'<h2 class="briefing-title">{esc(slide.title)}</h2>',
        f'<p class="briefing-date">{esc(slide.date_text)}</p>',
    ]
    if slide.quote is None:
        parts.append('<p class="briefing-noquote">No quote recorded for this event.</p>')
    else:
        quote = slide.quote
        reference, link = esc(quote.reference), ""
        if quote.url:  # the reference ends with the URL: show that part as a link
            reference = esc(quote.reference.removesuffix(quote.url).rstrip())
            link = f' <a href="{esc(quote.url)}" target="_blank" rel="noopener noreferrer">{esc(quote.url)}</a>'
        parts += [
            f"<blockquote>“{esc(quote.text)}”</blockquote>",
            f'<p class="briefing-citation">— {reference}{link}</p>',
        ]
    parts += [
        '<div class="briefing-footer">',
        strip_html(deck, slide.number),
        f'<span class="briefing-counter">{esc(slide.counter)}</span>',
        "</div></section>",
    ]
    return "".join(parts)


# ---- state -----------------------------------------------------------------------------------


def _set_picks(picks) -> None:
    st.session_state[K_BRIEF_PICKED] = tuple(picks)
    st.session_state[K_BRIEF_PICKS] = list(picks)
    st.session_state[K_BRIEF_SLIDE] = 1


def _picks_changed() -> None:
    _set_picks(st.session_state.get(K_BRIEF_PICKS) or ())


def _sort_picks(dates: dict[str, object]) -> None:
    _set_picks(sorted(st.session_state.get(K_BRIEF_PICKED, ()), key=lambda event_id: dates[event_id]))


def _step(delta: int, total: int) -> None:
    st.session_state[K_BRIEF_SLIDE] = clamp_slide(st.session_state.get(K_BRIEF_SLIDE, 1) + delta, total)


def _toggle_print() -> None:
    st.session_state[K_BRIEF_PRINT] = not st.session_state.get(K_BRIEF_PRINT)


def _exit() -> None:
    open_view("timeline")
    st.session_state[K_BRIEF_PRINT] = False


# ---- controls ----------------------------------------------------------------------------------


def _controls(frames: Frames, shown: pd.DataFrame, deck: Deck, print_all: bool) -> None:
    with st.container(key=CONTROLS, horizontal=True, vertical_alignment="center"):
        st.button("Exit briefing", key=K_BRIEF_EXIT, on_click=_exit, icon=":material/close:")
        with st.popover("Choose slides", icon=":material/tune:"):
            _picker(frames, shown)
        st.button(
            "Back to one slide" if print_all else "Print all slides",
            key=K_BRIEF_PRINT_TOGGLE,
            on_click=_toggle_print,
            icon=":material/slideshow:" if print_all else ":material/print:",
            help="All slides one under the other: print them with your browser (one slide per page)",
        )
        # The deck's own events, in its order: the file follows the picks as the slides do.
        view = ExportView(frames, shown, picks=tuple(slide.event_id for slide in deck.slides))
        download_button(EXPORTS["pptx"], view, label="Slides (PowerPoint)", key=K_BRIEF_PPTX, disabled=not deck.slides)
        source = "hand-picked events" if st.session_state.get(K_BRIEF_PICKED) else "events the filters show"
        st.caption(f"{len(deck)} slide(s): the {source}" + (" · press Ctrl+P to print" if print_all else ""))


def _picker(frames: Frames, shown: pd.DataFrame) -> None:
    events = frames.events.sort_values(["start", "id"], kind="stable")
    labels = dict(zip(events["id"], events["date_label"] + " — " + events["title"], strict=False))
    if K_BRIEF_PICKS not in st.session_state:  # the widget's state is dropped while the view is hidden
        st.session_state[K_BRIEF_PICKS] = list(st.session_state.get(K_BRIEF_PICKED, ()))
    st.caption(
        "Present these events, in this order. Leave empty to present the events the filters show "
        f"({len(shown)}). The list is kept in the link."
    )
    st.multiselect(
        "Events to present",
        list(labels),
        format_func=labels.get,
        key=K_BRIEF_PICKS,
        on_change=_picks_changed,
        placeholder="The filtered events",
    )
    with st.container(horizontal=True):
        st.button("Start from the shown events", key=K_BRIEF_FROM_SHOWN, on_click=_set_picks, args=(list(shown["id"]),))
        st.button(
            "Sort by date",
            key=K_BRIEF_SORT,
            on_click=_sort_picks,
            args=(dict(zip(events["id"], events["start"], strict=False)),),
        )
        st.button("Clear (use the filters)", key=K_BRIEF_CLEAR, on_click=_set_picks, args=((),))


def _navigation(deck: Deck, number: int) -> None:
    total = len(deck)
    with st.container(key=NAVIGATION, horizontal=True, horizontal_alignment="center", vertical_alignment="center"):
        st.button(
            "Previous",
            key=K_BRIEF_PREV,
            on_click=_step,
            args=(-1, total),
            disabled=number <= 1,
            icon=":material/arrow_back:",
            shortcut="Left",
        )
        st.button(
            "Next",
            key=K_BRIEF_NEXT,
            on_click=_step,
            args=(1, total),
            disabled=number >= total,
            icon=":material/arrow_forward:",
            icon_position="right",
            shortcut="Right",
        )
