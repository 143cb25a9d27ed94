"""`python -m bench`: how the app's cost grows with the data, against baselines in the same run.

Generates synthetic datasets, measures the data path against the YAML parse floor, one
interaction on the server, and (unless --no-browser) cold start, a new visitor's first view
on a warm server ("open"), a filter change, a click,
bytes per view and memory per session in headless Chromium against bench/baseline_app.py.
Prints a table and writes the figures as JSON.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from bench.core import measure_core
from bench.generate import generate_dataset
from bench.limits import LIFTED, within_limits
from bench.report import TARGETS, format_table, machine, ratio_spread, stamp, verdicts, write_results
from timeline.loading.yamlsrc import DEFAULT_LIMITS

DEFAULT_SIZES = (100, 1_000, 10_000, 100_000)
DEFAULT_OUTPUT = Path(__file__).parent / "results" / "latest.json"
LARGE = 100_000  # from here on, fewer repeats keep a full run near 20 minutes
# Ratio name -> the figure it compares. Wall-clock times are the targets; the browser's
# main-thread CPU times say how much of a gap is the page's own work.
RATIOS = (
    ("cold_start", "cold_start_s"),
    ("open", "open_s"),
    ("filter", "filter_s"),
    ("click", "click_s"),
    ("filter_browser_cpu", "filter_browser_cpu_s"),
    ("click_browser_cpu", "click_browser_cpu_s"),
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--sizes", type=_sizes, default=DEFAULT_SIZES, help="comma-separated event counts")
    parser.add_argument("--repeats", type=int, default=9, help="runs per measurement (the median is kept)")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium measurements")
    parser.add_argument("--quick", action="store_true", help="smallest size only, two repeats: a smoke test")
    parser.add_argument("--sessions", type=int, default=8, help="sessions opened to measure memory per session")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="where to write the JSON")
    return parser


def _sizes(text: str) -> tuple[int, ...]:
    sizes = tuple(int(part.replace("_", "")) for part in text.split(",") if part.strip())
    if not sizes or min(sizes) < 10:
        raise argparse.ArgumentTypeError("sizes must be event counts of at least 10, e.g. 100,1000")
    return sizes


def plan(args: argparse.Namespace) -> dict:
    """Sizes and repeat counts, after --quick."""
    if args.quick:
        return {"sizes": (min(args.sizes),), "repeats": 2, "cold_starts": 1, "sessions": 2}
    return {"sizes": args.sizes, "repeats": args.repeats, "cold_starts": 3, "sessions": args.sessions}


def measure_size(folder: Path, size: int, settings: dict, browser) -> dict:
    """Every figure for one dataset size."""
    dataset = generate_dataset(folder, size)
    repeats = settings["repeats"] if size < LARGE else min(settings["repeats"], 3)
    lifted = not within_limits(dataset.path)  # then the app's servers run bench/lifted_app.py
    row = {"dataset": {"events": size, "sources": dataset.sources, "bytes": dataset.bytes, "limits_lifted": lifted}}
    _say(f"{size:,} events ({dataset.bytes / 1e6:.1f} MB): data path and server-side interaction")
    row["core"] = measure_core(dataset.path, repeats, LIFTED if lifted else DEFAULT_LIMITS)
    if browser is not None:
        _say(f"{size:,} events: browser, app and baseline")
        cold_starts = settings["cold_starts"] if size < LARGE else min(settings["cold_starts"], 2)
        row.update(_browser_figures(browser, dataset.path, cold_starts, repeats, settings["sessions"]))
    return row


def _browser_figures(browser, path: Path, cold_starts: int, repeats: int, sessions: int) -> dict:
    """App and baseline figures with their ratios, or the error that stopped them (the run goes on)."""
    from bench.browser import measure_pair

    try:
        figures = measure_pair(browser, path, cold_starts, repeats, sessions)
    except Exception as exc:  # one size's failure must not lose the figures of the others
        _say(f"browser measurement failed: {exc!r}")
        return {"browser_error": repr(exc)[:2000]}
    figures["ratios"] = {name: figures["app"][key] / figures["baseline"][key] for name, key in RATIOS}
    runs = figures["app"]["samples"], figures["baseline"]["samples"]
    figures["ratio_spreads"] = {name: ratio_spread(runs[0][key], runs[1][key]) for name, key in RATIOS}
    return figures


def run(args: argparse.Namespace) -> dict:
    """Measure every size; return the whole document that is written as JSON."""
    settings = plan(args)
    document = {"date": stamp(), "command": " ".join(["python -m bench", *sys.argv[1:]]), "machine": machine()}
    document["settings"] = {**settings, "sizes": list(settings["sizes"])}
    rows = []
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="timeline-bench-") as tmp, _browser(not args.no_browser) as browser:
        for size in settings["sizes"]:
            rows.append(measure_size(Path(tmp) / str(size), size, settings, browser))
            _complete(document, rows, started)
            write_results(args.output, document)  # after each size: a late failure keeps the rest
    return document


def _complete(document: dict, rows: list[dict], started: float) -> None:
    document["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    document["duration_s"] = round(time.monotonic() - started, 1)
    document["results"] = rows
    document["targets"] = TARGETS
    document["verdicts"] = verdicts(rows)


class _browser:
    """Headless Chromium for the run, or None with --no-browser."""

    def __init__(self, wanted: bool):
        self.wanted = wanted
        self.playwright = self.browser = None

    def __enter__(self):
        if self.wanted:
            from playwright.sync_api import sync_playwright

            from bench.browser import launch_browser

            self.playwright = sync_playwright().start()
            self.browser = launch_browser(self.playwright)
        return self.browser

    def __exit__(self, *exc) -> None:
        if self.browser is not None:
            self.browser.close()
        if self.playwright is not None:
            self.playwright.stop()


def _say(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    document = run(args)
    print(format_table(document["results"]))
    for name, met in document["verdicts"].items():
        print(f"{name}: {'not measured' if met is None else 'met' if met else 'NOT met'}")
    print(f"wrote {args.output} ({document['duration_s']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
