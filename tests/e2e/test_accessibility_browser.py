"""axe-core on every view of the app, against what it finds on a bare Streamlit page.

axe-core comes from npm (package.json, installed by `make test` with `npm ci`) and is
injected by Playwright into the page and into each of its frames (the source text is shown
in one). A serious or critical violation that the bare page does not have is the app's own
doing, and fails. What Streamlit itself brings is listed in docs/accessibility.md.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ROOT, start_server

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BARE_APP = ROOT / "tests" / "e2e" / "bare_app.py"
FAILING_IMPACTS = {"serious", "critical"}
EVENT, SOURCE = "waic-2018", "editorial-ai-must-be-harnessed"  # an event of data/events.yaml and its source
# Each view of the bundled data, and what shows that it is drawn.
VIEWS = [
    ("timeline", "", ".js-plotly-plot .scatterlayer .point"),
    ("positions", "?view=positions", '[role="radiogroup"], .js-plotly-plot'),
    ("sources", "?view=sources", '[data-testid="stExpander"]'),
    ("briefing", "?view=briefing", ".briefing-slide"),  # projector mode hides the page's own headings
    ("an open event with its source", f"?event={EVENT}&source={SOURCE}", "iframe"),
]


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the page as it is now, its frames included."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make test`, which installs it with `npm ci`")
    for frame in page.frames:
        frame.add_script_tag(path=str(AXE))
    return page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")


def serious_findings(violations: list[dict]) -> dict[str, list[str]]:
    """Rule id -> the HTML of each element found, for violations of a failing impact."""
    return {v["id"]: [node["html"][:160] for node in v["nodes"]] for v in violations if v["impact"] in FAILING_IMPACTS}


def wait_until_drawn(page, ready_selector: str) -> None:
    expect(page.locator(ready_selector).first).to_be_visible(timeout=60_000)
    expect(page.locator(".stApp")).to_have_attribute("data-test-script-state", "notRunning", timeout=60_000)


def test_axe_finds_nothing_serious_that_the_app_adds_to_a_bare_streamlit_page(page, app_server):
    bare = start_server(script=BARE_APP)
    try:
        page.goto(bare.url)
        wait_until_drawn(page, "h1")
        baseline = serious_findings(axe_violations(page))
    finally:
        bare.stop()
    added = {}
    for name, query, ready in VIEWS:
        page.goto(app_server.url + "/" + query)
        wait_until_drawn(page, ready)
        if name.startswith("an open event"):
            frame = page.frame_locator("iframe").first
            expect(frame.locator("mark.quote.current").first).to_be_visible()
            expect(
                page.get_by_role("heading", name=re.compile("World Artificial Intelligence Conference"))
            ).to_be_visible()
        found = serious_findings(axe_violations(page))
        for rule, nodes in found.items():
            if rule not in baseline:
                added[f"{name}: {rule}"] = nodes
    assert not added, added


def test_the_timeline_chart_is_a_figure_named_by_what_it_shows(page, app_server):
    page.goto(app_server.url)
    wait_until_drawn(page, VIEWS[0][2])
    chart = page.get_by_role("figure", name=re.compile(r"^Timeline of \d+ events, \d{4}–\d{4}, in \d+ lanes$"))
    expect(chart).to_have_count(1)
    expect(chart.locator(".js-plotly-plot")).to_be_visible()
