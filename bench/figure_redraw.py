"""`python -m bench.figure_redraw`: what the chart alone costs the browser on a filter change.

Outside Streamlit, in headless Chromium with the plotly.js that plotly.py ships, each
figure variant is drawn for the whole generated dataset and then replaced (Plotly.react)
by the same variant for the last year only, as the benchmark's filter change does. The
time from the call until the next frame is measured, interleaved over rounds, against
the baseline's one plain scatter of the same points:

- app: the app's figure (one marker trace coloured point by point, a legend annotation);
- app without one part: its lane rules, legend, hover texts, date spans, range bars or labels;
- labels as annotations: the event labels drawn as one annotation each instead of one
  text trace (`--labels on` labels every view below 2,000 events; the default, auto, labels
  only views of up to 120 markers);
- one trace per colour: the same markers split into a trace per colour (the app's
  markers before 2026-11-25);
- baseline: one scatter of the same marker positions, nothing else.
"""

from __future__ import annotations

import argparse
import base64
import json
import statistics
import sys
import tempfile
from pathlib import Path

import numpy as np
import plotly
import plotly.io as pio

from bench.browser import launch_browser
from bench.generate import generate_dataset
from timeline.charts.figures import timeline_figure
from timeline.loading.frames import build_frames
from timeline.loading.load import load_dataset
from timeline.state.filtering import Filters, filter_events

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
WITHOUT = ("lane rules", "legend", "hover texts", "date spans", "range bars", "labels")
VARIANTS = (
    "app",
    *(f"app without {part}" for part in WITHOUT),
    "labels as annotations",
    "one trace per colour",
    "baseline",
)
_REDRAW = """async ([before, after]) => {
  await Plotly.newPlot('chart', before.data, before.layout);
  await new Promise(r => setTimeout(r, 100));
  const started = performance.now();
  await Plotly.react('chart', after.data, after.layout);
  await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  return performance.now() - started;
}"""


def figure_pair(dataset: Path, labels: str = "auto") -> tuple[dict, dict]:
    """The app's figure (as sent to the browser) of every event, and of the last year's."""
    frames = build_frames(load_dataset(str(dataset)))
    names = dict(zip(frames.actors["id"], frames.actors["name"], strict=False))
    last_year = int(frames.events["year_to"].max())

    def spec(events) -> dict:
        return plain_arrays(
            json.loads(pio.to_json(timeline_figure(events, lane_labels=names, actor_names=names, labels=labels)))
        )

    return spec(frames.events), spec(filter_events(frames, Filters(year_from=last_year)))


def plain_arrays(value):
    """`value` with plotly's base64 typed arrays ({'dtype', 'bdata'}) decoded to lists, so
    that the variants can pick points out of them (every variant is sent decoded alike)."""
    if isinstance(value, dict) and set(value) == {"dtype", "bdata"}:
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
    if isinstance(value, dict):
        return {key: plain_arrays(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain_arrays(item) for item in value]
    return value


def variant(spec: dict, name: str) -> dict:
    """`spec` redrawn as the named variant (see the module's docstring)."""
    if name == "app":
        return spec
    (markers,) = [t for t in spec["data"] if t.get("meta") == "events"]
    if name == "baseline":
        scatter = {"type": "scatter", "mode": "markers", "x": markers["x"], "y": markers["y"]}
        return {"data": [scatter], "layout": {"template": spec["layout"]["template"]}}
    if name == "labels as annotations":
        return _labels_as_annotations(spec)
    if name == "one trace per colour":
        return {"data": [*_others(spec), *_split_by_colour(markers)], "layout": spec["layout"]}
    if name.removeprefix("app without ") in WITHOUT:
        return _without(spec, name.removeprefix("app without "))
    raise ValueError(f"unknown variant {name!r}; known: {', '.join(VARIANTS)}")


def _without(spec: dict, part: str) -> dict:
    data, layout = [dict(t) for t in spec["data"]], dict(spec["layout"])
    if part == "lane rules":
        layout["shapes"] = []
    elif part == "legend":
        layout["annotations"] = [a for a in layout.get("annotations", []) if a.get("name") != "legend"]
    elif part == "hover texts":
        for trace in data:
            trace.pop("text", None)
            trace.pop("hovertemplate", None)
    else:
        data = [
            t
            for t in data
            if t.get("meta") != {"date spans": "spans", "range bars": "ranges", "labels": "labels"}[part]
        ]
    return {"data": data, "layout": layout}


def _labels_as_annotations(spec: dict) -> dict:
    labels = [t for t in spec["data"] if t.get("meta") == "labels"]
    layout = dict(spec["layout"])
    notes = [
        dict(
            x=x,
            y=y,
            text=text,
            showarrow=False,
            xanchor="left" if side == "middle right" else "right",
            font=trace["textfont"],
        )
        for trace in labels
        for x, y, text, side in zip(trace["x"], trace["y"], trace["text"], trace["textposition"], strict=True)
    ]
    layout["annotations"] = [*layout.get("annotations", []), *notes]
    return {"data": [t for t in spec["data"] if t.get("meta") != "labels"], "layout": layout}


def _others(spec: dict) -> list[dict]:
    return [t for t in spec["data"] if t.get("meta") != "events"]


def _split_by_colour(markers: dict) -> list[dict]:
    colours = markers["marker"]["color"]
    traces = []
    for colour in dict.fromkeys(colours):
        keep = [i for i, c in enumerate(colours) if c == colour]
        trace = {**markers, "name": colour}
        for key in ("x", "y", "customdata", "text"):
            trace[key] = [markers[key][i] for i in keep]
        symbols = [markers["marker"]["symbol"][i] for i in keep]
        trace["marker"] = {"color": colour, "size": 13, "symbol": symbols, "line": {"width": 2, "color": colour}}
        traces.append(trace)
    return traces


def measure(browser, before: dict, after: dict, rounds: int) -> dict[str, float]:
    """Each variant's median redraw in ms, the variants interleaved over `rounds`."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_content(f"<div id='chart' style='width:900px'></div><script>{PLOTLY_JS.read_text()}</script>")
    pairs = {name: (variant(before, name), variant(after, name)) for name in VARIANTS}
    times: dict[str, list[float]] = {name: [] for name in VARIANTS}
    for _ in range(rounds):
        for name, pair in pairs.items():
            times[name].append(page.evaluate(_REDRAW, list(pair)))
    page.close()
    return {name: statistics.median(values) for name, values in times.items()}


def format_redraws(size: int, medians: dict[str, float]) -> str:
    base = medians["baseline"]
    lines = [f"| {size:,} events | redraw ms | ratio to baseline |", "|---|---|---|"]
    lines += [f"| {name} | {ms:.1f} | {ms / base:.2f}x |" for name, ms in medians.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.figure_redraw", description=__doc__)
    parser.add_argument("--size", type=int, nargs="+", default=[1_000, 10_000], help="events per dataset")
    parser.add_argument("--rounds", type=int, default=15, help="times every variant is redrawn")
    parser.add_argument("--labels", choices=("auto", "on", "off"), default="auto", help="the figures' event labels")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, tempfile.TemporaryDirectory(prefix="timeline-redraw-") as tmp:
        browser = launch_browser(playwright)
        try:
            for size in args.size:
                folder = Path(tmp) / str(size)
                before, after = figure_pair(generate_dataset(folder, size).path, args.labels)
                print(format_redraws(size, measure(browser, before, after, args.rounds)), flush=True)
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
