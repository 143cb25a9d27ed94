"""Evidence-linked timeline of global AI governance (Streamlit UI).

Run with `make run`; `TIMELINE_DATA=path/to/events.yaml` shows another dataset.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from components.briefing import render_briefing
from components.cached import DEFAULT_DATA, cached_figure, data_path, figure_for, file_version, load_frames
from components.chronology import render_chronology
from components.event_detail import render_event_detail
from components.event_selector import render_event_finder
from components.exports import render_exports
from components.filters import COLOUR_LABELS, render_filters
from components.keys import K_EVENT, K_EXPORTS_OPEN, K_SOURCE, K_VIEW
from components.positions.view import render_positions_view
from components.source_viewer import render_source_panel, render_sources_view
from components.state import current_view_state, seed_state_from_url, show_url_notices, write_url
from components.timeline_chart import apply_chart_click, render_timeline_chart
from timeline.charts.chronology import timeline_summary
from timeline.charts.figures import labels_verdict
from timeline.errors import DatasetError, Problem
from timeline.loading.frames import Frames
from timeline.loading.yamlsrc import DEFAULT_LIMITS, Limits
from timeline.state.filtering import filter_events
from timeline.state.viewstate import KnownIds, ViewState
from timeline.textsafe import escape_markdown as md
from timeline.vocab import VIEWS

VIEW_LABELS = {"timeline": "Timeline", "positions": "Positions", "sources": "Sources", "briefing": "Briefing"}
BUNDLED_SCOPE = (
    "The bundled data: four documents centred on China's proposals for global AI governance, 2018–2025. "
    "What they do not mention (the Bletchley Declaration, the Seoul and Paris summits, UN resolution 78/265, "
    "the US executive order of October 2023…) is not here. Scope: README."
)


@dataclass(frozen=True)
class Parts:
    """What the app is built from that a caller may replace; the app itself runs with these defaults.

    The benchmark's seam: bench/swaps.py swaps the sidebar, the figure and the event finder for
    the bare baseline's to measure what each costs, and bench/lifted_app.py raises the loader's
    limits for its 100,000 events. Nothing else of the app changes.
    """

    render_filters: Callable = render_filters
    render_event_finder: Callable = render_event_finder
    build_figure: Callable = cached_figure
    limits: Limits = DEFAULT_LIMITS


# Less empty space above the title, so the chart and its detail fit on one screen.
PAGE_STYLE = """<style>
.stMainBlockContainer { padding-top: 2.5rem; }
h1 { font-size: 2rem !important; }
</style>"""


def show_dataset_error(path: Path, error: DatasetError) -> None:
    st.title("This dataset cannot be shown")
    st.error(f"{len(error.problems)} problem(s) in {md(str(path))}. Fix them and reload the page.", icon="🚫")
    st.code("\n".join(str(p) for p in error.problems), language=None, wrap_lines=True)
    st.caption(f"Check the file from a terminal with: python -m timeline validate {md(str(path))}")


def main(parts: Parts = Parts()) -> None:
    st.set_page_config(page_title="AI governance timeline", page_icon="🧭", layout="wide")
    st.html(PAGE_STYLE)
    path = data_path()
    try:
        version = file_version(path)
        frames, known = load_frames(str(path), version, parts.limits)
    except FileNotFoundError:
        show_dataset_error(path, _missing(path))
        return
    except OSError as exc:  # e.g. a path through a file, or a folder that cannot be entered
        show_dataset_error(path, DatasetError([Problem(str(path), None, None, None, f"cannot read: {exc.strerror}")]))
        return
    except DatasetError as error:
        show_dataset_error(path, error)
        return
    seed_state_from_url(known)
    apply_chart_click()
    parts.render_filters(frames, known)
    state = current_view_state(known)

    st.title("Global AI governance: an evidence-linked timeline", anchor=False)
    if path == DEFAULT_DATA:  # another dataset has a scope of its own
        st.caption(BUNDLED_SCOPE)
    show_url_notices()
    st.segmented_control(
        "View", VIEWS, format_func=VIEW_LABELS.get, key=K_VIEW, required=True, label_visibility="collapsed"
    )
    if state.view == "positions":
        render_positions_view(frames, known)
    elif state.view == "sources":
        render_sources_view(frames)
    elif state.view == "briefing":
        render_briefing(frames, filter_events(frames, state.filters))
    else:
        render_timeline_view(frames, known, state, version, parts)
    write_url(known)  # the views' widgets hold their state: the link follows them


# A fragment: a click on the chart, a choice in the event selector or a passage button reruns
# only the chart and the detail, not the sidebar and its filters (docs/performance.md). Its
# arguments are kept for those reruns; the filters cannot change without a full rerun.
@st.fragment
def render_timeline_view(frames: Frames, known: KnownIds, state: ViewState, version: tuple, parts: Parts) -> None:
    if apply_chart_click():  # a position star with no event opens the positions view
        st.rerun(scope="app")
    shown = filter_events(frames, state.filters)
    # Chart and detail side by side, so a click shows its evidence without scrolling.
    chart_column, detail_column = st.columns([2, 1], gap="medium")
    with chart_column:
        render_chart_column(frames, shown, state, version, parts)
    with detail_column:
        parts.render_event_finder(frames, shown)
        event_id = st.session_state.get(K_EVENT)
        if event_id:
            render_event_detail(frames, event_id)
            source_id = st.session_state.get(K_SOURCE)
            if source_id:
                render_source_panel(frames, source_id, event_id)
    write_url(known)  # on a rerun of this fragment alone, main() does not


def render_chart_column(frames: Frames, shown, state, version: tuple, parts: Parts) -> None:
    total = len(frames.events)
    labels = labels_verdict(shown, lane_by=state.lane_by, labels=state.labels)
    st.caption(
        f"**{len(shown)} / {total}** events shown · colour: {COLOUR_LABELS[state.colour_by].lower()} · "
        "hollow markers and grey lines: date known only to the month or year · ⚖ in a label: disputed"
        + (f" · {labels.note}" if labels.note else "")
    )
    if shown.empty:
        st.info("No event matches these filters. Widen them, or use “Reset the view” in the sidebar.")
        return
    fig = figure_for(frames, version, shown, state, build=parts.build_figure)
    # The chart in one sentence, shown and as its accessible name; the list below says it event by event.
    summary = timeline_summary(shown, state.lane_by)
    st.caption(summary)
    render_timeline_chart(fig, name=summary)
    render_chronology(frames, shown)
    # Filled only while open: closed, its captions, columns and 9 download buttons were still
    # re-sent and re-drawn on every rerun, a large share of a filter rerun's messages (docs/performance.md).
    exports = st.expander("Export this view", icon=":material/download:", key=K_EXPORTS_OPEN, on_change="rerun")
    with exports:
        if exports.open:
            render_exports(frames, shown, fig, state.lane_by)


def _missing(path: Path) -> DatasetError:
    return DatasetError([Problem(str(path), None, None, None, "file not found (set TIMELINE_DATA to a dataset)")])


# Streamlit runs this file as __main__; the benchmark's launchers run it under another name
# and call main with their own Parts.
if __name__ == "__main__":
    main()
