"""`python -m bench.profile`: where an interaction's browser time goes, app against baseline.

On one generated dataset, each app narrows the years (`--action filter`) or then clicks a
marker (`--action click`) in fresh sessions, as the benchmark does: some sessions under a
Chromium trace, others under V8's sampling profiler (each distorts the other, so never
both at once); only the action itself is recorded. It prints, per action and app:

- the page's main thread: busy time, and self time by trace event (script run from a task
  or a microtask, style, layout, paint, garbage collection);
- the script's self time by file (Plotly, React, the styling libraries, Streamlit's own
  bundle), with "(program)" for the browser's native work that no script is charged with.

The columns after the baseline's give each app's difference from it. `--also` adds
another checkout's app.py, as in `python -m bench.attribution`.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from bench.attribution import Variant, add_also_option, chosen_variants, on_generated_dataset
from bench.browser import SETTLE_MS, AppKind, chart_mark, marker_to_click, open_page, wait_painted, wait_shown

MAIN_THREAD = "CrRendererMain"
TRACE_CATEGORIES = ["devtools.timeline", "v8.execute", "disabled-by-default-devtools.timeline"]
SAMPLING_US = 100
SHOWN_ROWS = 14
ACTIONS = ("filter", "click")
BUSY = "main thread busy"
# Vite names the frontend's scripts name.HASH.js; the hash changes with every Streamlit release.
_HASHED = re.compile(r"^(?P<name>.+)\.[A-Za-z0-9_-]{8}\.js$")


def main_thread_times(events: list[dict]) -> Counter:
    """Self time (ms) by event name on the renderer's main thread, and its busy time under BUSY.

    A trace's complete events ("X") nest; an event's self time is its duration less its
    direct children's. Busy time is the sum of the outermost events.
    """
    threads = {
        (e["pid"], e["tid"])
        for e in events
        if e.get("name") == "thread_name" and e.get("args", {}).get("name") == MAIN_THREAD
    }
    spans = sorted(
        (e for e in events if e.get("ph") == "X" and "dur" in e and (e.get("pid"), e.get("tid")) in threads),
        key=lambda e: (e["pid"], e["tid"], e["ts"], -e["dur"]),
    )
    times: Counter = Counter()
    open_spans: list[dict] = []
    for span in spans:
        while open_spans and not _contains(open_spans[-1], span):
            open_spans.pop()
        if open_spans:
            times[open_spans[-1]["name"]] -= span["dur"] / 1000
        else:
            times[BUSY] += span["dur"] / 1000
        times[span["name"]] += span["dur"] / 1000
        open_spans.append(span)
    return times


def _contains(outer: dict, inner: dict) -> bool:
    same_thread = (outer["pid"], outer["tid"]) == (inner["pid"], inner["tid"])
    return same_thread and inner["ts"] < outer["ts"] + outer["dur"]


def script_times(profile: dict) -> Counter:
    """Self time (ms) by script file of a V8 CPU profile, idle time left out."""
    nodes = {node["id"]: node["callFrame"] for node in profile["nodes"]}
    times: Counter = Counter()
    for node_id, delta_us in zip(profile["samples"], profile["timeDeltas"], strict=True):
        frame = nodes[node_id]
        if frame["functionName"] == "(idle)":
            continue
        times[script_name(frame)] += delta_us / 1000
    return times


def script_name(frame: dict) -> str:
    """A call frame's script file without the folder and the build hash; a native function's name."""
    url = frame.get("url") or ""
    if not url:
        return frame["functionName"] or "(anonymous)"
    name = url.rsplit("/", 1)[-1].split("?", 1)[0]
    hashed = _HASHED.match(name)
    return hashed["name"] + ".js" if hashed else name


def traced_action(browser, url: str, kind: AppKind, action: str, trace_path: Path) -> Counter:
    """One session's action under a trace: main-thread self times by event."""
    context, page, counter = open_page(browser, url)
    try:
        _ready_for(action, page, counter)
        browser.start_tracing(page=page, path=str(trace_path), categories=TRACE_CATEGORIES)
        _act(action, page, counter, kind)
        browser.stop_tracing()
    finally:
        context.close()
    trace = json.loads(trace_path.read_text(encoding="utf-8"))
    return main_thread_times(trace["traceEvents"] if isinstance(trace, dict) else trace)


def profiled_action(browser, url: str, kind: AppKind, action: str) -> Counter:
    """One session's action under the sampling profiler: script self times by file."""
    context, page, counter = open_page(browser, url)
    try:
        _ready_for(action, page, counter)
        cdp = context.new_cdp_session(page)
        cdp.send("Profiler.enable")
        cdp.send("Profiler.setSamplingInterval", {"interval": SAMPLING_US})
        cdp.send("Profiler.start")
        _act(action, page, counter, kind)
        profile = cdp.send("Profiler.stop")["profile"]
    finally:
        context.close()
    return script_times(profile)


def _ready_for(action: str, page, counter) -> None:
    """The page settled, and for a click the years narrowed first, as in the benchmark."""
    wait_painted(page)
    counter.wait_run_finished(page, 1)
    page.wait_for_timeout(SETTLE_MS)
    if action == "click":
        _narrow_the_years(page, counter)


def _act(action: str, page, counter, kind: AppKind) -> None:
    if action == "filter":
        _narrow_the_years(page, counter)
    else:
        _click_a_marker(page, counter, kind)


def _narrow_the_years(page, counter) -> None:
    """The benchmark's filter change, until the run finished and the page settled."""
    before = chart_mark(page)
    page.get_by_role("slider").first.press("End")
    wait_painted(page, before)
    counter.wait_run_finished(page, 2)
    page.wait_for_timeout(SETTLE_MS)


def _click_a_marker(page, counter, kind: AppKind) -> None:
    """The benchmark's click on the narrowed chart, until the answer shows and the page settled."""
    point = marker_to_click(page, kind)
    page.mouse.click(point["x"], point["y"])
    wait_shown(page, kind)
    counter.wait_run_finished(page, 3)
    page.wait_for_timeout(SETTLE_MS)


def profile_variants(
    browser, data: Path, sessions: int, variants: tuple[Variant, ...], tmp: Path, action: str = "filter"
) -> dict:
    """Per variant: {"events": ms by trace event, "scripts": ms by script}, means per action."""
    results = {}
    for variant in variants:
        server = variant.server(data)
        events: Counter = Counter()
        scripts: Counter = Counter()
        try:
            server.wait_healthy(timeout=600)
            for n in range(sessions):
                events += traced_action(browser, server.url, variant.kind, action, tmp / f"trace-{n}.json")
                scripts += profiled_action(browser, server.url, variant.kind, action)
        except Exception as exc:  # name the variant: the traceback does not
            raise RuntimeError(f"{variant.name}: {exc!r}") from exc
        finally:
            server.stop()
        results[variant.name] = {
            "events": {name: ms / sessions for name, ms in events.items()},
            "scripts": {name: ms / sessions for name, ms in scripts.items()},
        }
    return results


def format_breakdown(results: dict, part: str, title: str, rows: int = SHOWN_ROWS) -> str:
    """A Markdown table of one part ("events" or "scripts"): ms per variant, and each one's
    difference from the baseline's. Rows: the largest of any variant; BUSY first."""
    names = list(results)
    base = results["baseline"][part]
    largest = Counter()
    for figures in results.values():
        for row, ms in figures[part].items():
            largest[row] = max(largest[row], abs(ms))
    picked = [row for row, _ in largest.most_common() if row != BUSY][:rows]
    if BUSY in largest:
        picked.insert(0, BUSY)
    header = [title, *names, *(f"{name} − baseline" for name in names if name != "baseline")]
    lines = ["| " + " | ".join(header) + " |", "|---" * len(header) + "|"]
    for row in picked:
        values = [results[name][part].get(row, 0.0) for name in names]
        diffs = [results[name][part].get(row, 0.0) - base.get(row, 0.0) for name in names if name != "baseline"]
        cells = [f"{v:.1f}" for v in values] + [f"{d:+.1f}" for d in diffs]
        lines.append(f"| {row} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__)
    parser.add_argument("--size", type=int, default=1_000, help="events in the generated dataset")
    parser.add_argument("--sessions", type=int, default=3, help="traced and profiled sessions per app (each)")
    parser.add_argument("--action", choices=ACTIONS, default="filter", help="the interaction to break down")
    add_also_option(parser, "profiled too")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    variants = chosen_variants(["app"], args.also)
    results = on_generated_dataset(
        args.size,
        lambda browser, data, folder: profile_variants(browser, data, args.sessions, variants, folder, args.action),
    )
    if results is None:
        return 2
    print(f"{args.size:,} events, one {args.action}, mean ms over {args.sessions} session(s) per app:\n")
    print(format_breakdown(results, "events", "main thread, self time by trace event"))
    print()
    print(format_breakdown(results, "scripts", "script self time by file"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
