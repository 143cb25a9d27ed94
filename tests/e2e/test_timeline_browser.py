"""What only a browser shows: the chart drawn, a click on a marker, the source highlight, the URL."""

from __future__ import annotations

import re

from playwright.sync_api import expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.e2e.conftest import choose_radio, wait_for_chart

MAIN, SIDEBAR = 0, 1  # the first index of a delta's path: the container it is drawn in


def marker_of(page, event_id: str):
    """The SVG point of an event's marker (points are in trace order; customdata is not in the DOM)."""
    index = page.evaluate(
        """(id) => {
            const gd = document.querySelector('.js-plotly-plot');
            let n = 0;
            for (const trace of gd.data) {
              if (trace.meta !== 'events') continue;
              const at = trace.customdata.findIndex(row => row[0] === id);
              if (at >= 0) return {trace: gd.data.indexOf(trace), point: at};
            }
            return null;
        }""",
        event_id,
    )
    assert index, f"no marker for {event_id}"
    trace = page.locator(".js-plotly-plot .cartesianlayer .scatterlayer .trace").nth(
        index["trace"] - _non_scatter_traces(page)
    )
    return trace.locator(".point").nth(index["point"])


def _non_scatter_traces(page) -> int:
    # Bar traces are drawn in their own layer, so scatter layers are numbered without them.
    return page.evaluate("() => document.querySelector('.js-plotly-plot').data.filter(t => t.type === 'bar').length")


def test_chart_renders_every_marker(page, small_server):
    page.goto(small_server.url)
    wait_for_chart(page)
    expect(page.get_by_text("4 / 4")).to_be_visible()
    assert (
        page.locator(".js-plotly-plot .cartesianlayer .scatterlayer .point").count() == 5
    )  # li-proposes stands in two lanes
    expect(page.locator(".js-plotly-plot .ytick text").first).to_have_text("China")


def test_clicking_a_marker_opens_its_detail_and_the_url_follows(page, small_server):
    page.goto(small_server.url)
    wait_for_chart(page)
    marker_of(page, "us-plan").click(force=True)
    expect(page.get_by_role("heading", name="US releases AI blueprint")).to_be_visible()
    expect(page.get_by_text("on Wednesday released an AI blueprint").first).to_be_visible()
    expect(page).to_have_url(re.compile(r"[?&]event=us-plan"))


def test_a_click_reruns_the_chart_and_detail_but_not_the_sidebar(page, small_server):
    # The timeline view is a fragment: the filters' widgets are not re-sent on a click.
    received = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: received.append(payload)))
    page.goto(small_server.url)
    wait_for_chart(page)
    expect(page.get_by_text("4 / 4")).to_be_visible()
    before = len(received)
    marker_of(page, "us-plan").click(force=True)
    expect(page.get_by_role("heading", name="US releases AI blueprint")).to_be_visible()
    expect(page).to_have_url(re.compile(r"[?&]event=us-plan"))
    containers = {path[0] for path in _delta_paths(received[before:])}
    assert containers == {MAIN}, containers  # no delta for the sidebar


def _delta_paths(frames: list) -> list[list[int]]:
    paths = []
    for frame in frames:
        message = ForwardMsg()
        message.ParseFromString(frame.encode() if isinstance(frame, str) else frame)
        if message.WhichOneof("type") == "delta":
            paths.append(list(message.metadata.delta_path))
    return paths


def test_show_in_source_highlights_the_passage(page, small_server):
    page.goto(small_server.url + "/?event=li-proposes")
    expect(page.get_by_role("heading", name="Li proposes an organisation")).to_be_visible()
    page.get_by_role("button", name="Show in source").first.click()
    frame = page.frame_locator("iframe[srcdoc]").first
    current = frame.locator("mark.current")
    expect(current).to_contain_text("China said on Saturday it wanted to create an organisation")
    expect(current).to_be_in_viewport()
    expect(frame.locator("mark.quote")).to_have_count(4)  # three events and one position cite it
    expect(page).to_have_url(re.compile(r"[?&]source=wire"))


def test_a_copied_url_reproduces_the_view(browser, small_server):
    first = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = first.new_page()
    page.goto(small_server.url)
    wait_for_chart(page)
    page.get_by_text("More filters and display").click()  # filled only while open
    choose_radio(page, "One lane per theme")
    expect(page).to_have_url(re.compile(r"lanes=theme"))
    page.get_by_text("More filters and display").click()  # closed again: the lanes must hold
    expect(page.get_by_role("radio", name="One lane per theme")).to_have_count(0)
    page.get_by_label("Search titles, summaries and quotes").fill("organisation")
    page.get_by_label("Search titles, summaries and quotes").press("Enter")
    expect(page.get_by_text("1 / 4")).to_be_visible()
    expect(page).to_have_url(re.compile(r"q=organisation"))
    expect(page).to_have_url(re.compile(r"lanes=theme"))
    expect(page.locator(".js-plotly-plot .ytick text").first).to_have_text("International cooperation")
    copied = page.url
    first.close()

    second = browser.new_context(viewport={"width": 1400, "height": 1000})
    other = second.new_page()
    other.goto(copied)
    wait_for_chart(other)
    expect(other.get_by_text("1 / 4")).to_be_visible()
    expect(other.locator(".js-plotly-plot .ytick text").first).to_have_text("International cooperation")
    expect(other.get_by_label("Search titles, summaries and quotes")).to_have_value("organisation")
    second.close()
