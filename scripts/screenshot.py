"""Take the README's screenshot of the app on the bundled data: `python scripts/screenshot.py [URL-QUERY]`."""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, start_server, wait_for_chart  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshot.png"


def main(query: str = "", out: Path = OUT) -> None:
    server = start_server()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1500, "height": 1100})
            page.goto(f"{server.url}/{query}")
            wait_for_chart(page)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(out), full_page=False)
            browser.close()
    finally:
        server.stop()
    print(out)


if __name__ == "__main__":
    main(*(sys.argv[1:2]), *([Path(sys.argv[2])] if len(sys.argv) > 2 else []))
