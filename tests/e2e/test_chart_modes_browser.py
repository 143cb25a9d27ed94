"""The chart's other drawing modes in a real browser: WebGL markers, and the range slider."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import StreamlitServer, start_server, wait_for_chart

WEBGL_APP = Path(__file__).with_name("webgl_app.py")

# Where an event's marker is on the page, from the drawn figure (a WebGL point has no element).
MARKER_AT = """(id) => {
    const gd = document.querySelector('.js-plotly-plot');
    const box = gd.getBoundingClientRect();
    for (const trace of gd._fullData) {
      if (trace.meta !== 'events') continue;
      const i = trace.customdata.findIndex(row => row[0] === id);
      if (i < 0) continue;
      const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
      return {type: trace.type,
              x: box.left + xa._offset + xa.c2p(xa.d2c(trace.x[i])),
              y: box.top + ya._offset + ya.c2p(ya.d2c(trace.y[i]))};
    }
    return null;
}"""


@pytest.fixture(scope="module")
def webgl_server(tmp_path_factory) -> Iterator[StreamlitServer]:
    from tests.conftest import write_dataset

    server = start_server(data=write_dataset(tmp_path_factory.mktemp("data")), script=WEBGL_APP)
    try:
        yield server
    finally:
        server.stop()


def wait_for_webgl_chart(page) -> None:
    page.wait_for_function(
        "() => { const gd = document.querySelector('.js-plotly-plot');"
        " return gd && gd._fullData && gd._fullData.some(t => t.type === 'scattergl'); }"
    )


def test_clicking_a_webgl_marker_opens_its_detail(page, webgl_server):
    page.goto(webgl_server.url)
    wait_for_webgl_chart(page)
    point = page.evaluate(MARKER_AT, "us-plan")
    assert point and point["type"] == "scattergl", point
    page.mouse.click(point["x"], point["y"])
    expect(page.get_by_role("heading", name="US releases AI blueprint")).to_be_visible()
    expect(page).to_have_url(re.compile(r"[?&]event=us-plan"))


def test_the_range_slider_is_drawn_only_when_asked_for(page, small_server):
    page.goto(small_server.url)
    wait_for_chart(page)
    expect(page.locator(".js-plotly-plot .rangeslider-container")).to_have_count(0)
    page.get_by_text("More filters and display").click()  # filled only while open
    page.get_by_text("Range slider under the chart").click()
    expect(page.locator(".js-plotly-plot .rangeslider-container")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"[?&]slider=1"))


# Where the lane labels were drawn, against the left margin the figure asked for.
LANE_LABELS = """() => {
    const gd = document.querySelector('.js-plotly-plot');
    const svg = gd.querySelector('.main-svg').getBoundingClientRect();
    const plotLeft = svg.left + gd._fullLayout._size.l;
    const boxes = [...gd.querySelectorAll('.ytick text')].map(t => t.getBoundingClientRect());
    return {asked: gd.layout.margin.l, drawn: gd._fullLayout._size.l, count: boxes.length,
            inside: boxes.every(b => b.left >= svg.left && b.right <= plotLeft)};
}"""


def test_the_lane_labels_fit_the_margin_so_the_chart_is_drawn_once(page, app_server):
    # Had a label needed more room, automargin would have widened the margin by a second draw.
    page.goto(app_server.url)
    wait_for_chart(page)
    labels = page.evaluate(LANE_LABELS)
    assert labels["count"] >= 10, labels
    assert labels["inside"], labels
    assert labels["drawn"] == labels["asked"], labels
