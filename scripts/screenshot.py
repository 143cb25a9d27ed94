"""Screenshots of the app on the bundled data, for the README and for looking at a view.

python scripts/screenshot.py                                   # docs/screenshot.png
python scripts/screenshot.py "?view=briefing" /tmp/b.png .briefing-slide
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, start_server  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshot.png"
CHART_DRAWN = ".js-plotly-plot .cartesianlayer .point"


def main(query: str = "", out: str = str(OUT), ready: str = CHART_DRAWN) -> None:
    server = start_server()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1500, "height": 1100})
            page.goto(f"{server.url}/{query}")
            page.locator(ready).first.wait_for(state="visible", timeout=60_000)
            page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden")
            page.screenshot(path=out)
            browser.close()
    finally:
        server.stop()
    print(out)


if __name__ == "__main__":
    main(*sys.argv[1:4])
