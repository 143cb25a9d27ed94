"""The event labels as Chromium draws them: on the bundled data, every label shows and none collides."""

from __future__ import annotations

import itertools

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import wait_for_chart

# Every drawn label and marker of the timeline, by the trace's meta (d3 binds each trace's
# calcdata to its <g class="trace">, the full trace at [0].trace).
_BOXES = """() => {
  const gd = document.querySelector('.js-plotly-plot');
  const found = {labels: [], markers: [], plot: null};
  const rect = (el) => { const r = el.getBoundingClientRect(); return [r.left, r.right, r.top, r.bottom]; };
  for (const g of gd.querySelectorAll('.scatterlayer .trace')) {
    const meta = g.__data__ && g.__data__[0] && g.__data__[0].trace.meta;
    if (meta === 'labels') {
      for (const text of g.querySelectorAll('.textpoint text')) found.labels.push([text.textContent, ...rect(text)]);
    } else if (meta === 'events') {
      for (const point of g.querySelectorAll('.point')) found.markers.push(rect(point));
    }
  }
  found.plot = rect(gd.querySelector('.nsewdrag'));
  return found;
}"""
OUTLINE_PX = 1  # the markers' 2 px outline reaches 1 px past their path


def overlap(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]


@pytest.mark.parametrize("width", [1440, 1280])
def test_on_the_bundled_data_every_label_shows_and_none_overlaps_a_label_or_marker(browser, app_server, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(app_server.url)
        wait_for_chart(page)
        expect(page.locator(".js-plotly-plot .scatterlayer .textpoint text").first).to_be_visible(timeout=60_000)
        boxes = page.evaluate(_BOXES)
    finally:
        context.close()
    labels = [tuple(box[1:]) for box in boxes["labels"]]
    markers = [
        (x0 - OUTLINE_PX, x1 + OUTLINE_PX, y0 - OUTLINE_PX, y1 + OUTLINE_PX) for x0, x1, y0, y1 in boxes["markers"]
    ]
    assert markers and len(labels) == len(markers)  # one label per marker: an event in two lanes has two
    assert all(text.strip() for text, *_ in boxes["labels"])
    left, right, top, bottom = boxes["plot"]
    for text, x0, x1, y0, y1 in boxes["labels"]:  # inside the plot, where nothing clips it
        assert left - 0.5 <= x0 and x1 <= right + 0.5 and top <= y0 and y1 <= bottom, (text, boxes["plot"])
    for a, b in itertools.combinations(labels, 2):
        assert not overlap(a, b), (a, b)
    for (text, *label), marker in itertools.product(boxes["labels"], markers):
        assert not overlap(label, marker), (text, label, marker)
