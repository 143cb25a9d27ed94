"""Cold start on the bundled data: server launch until the chart is painted, median of N runs.

python scripts/cold_start.py [RUNS]
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, start_server, wait_for_chart  # noqa: E402


def cold_start_seconds(browser) -> float:
    """Seconds from launching `streamlit run` to the first chart marker drawn in a new page."""
    started = time.perf_counter()
    server = start_server()
    try:
        page = browser.new_page()
        page.goto(server.url)
        wait_for_chart(page)
        elapsed = time.perf_counter() - started
        page.close()
        return elapsed
    finally:
        server.stop()


def main(runs: int = 3) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        times = [cold_start_seconds(browser) for _ in range(runs)]
        browser.close()
    print("runs:", ", ".join(f"{t:.2f} s" for t in times))
    print(f"median cold start to first chart: {statistics.median(times):.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
