"""The machine a run was made on, the printed table, and the JSON file of the figures."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
from pathlib import Path

import numpy as np
import psutil

# The browser targets as decided in issue 20 (item 6): a filter change at most 1.5x the bare
# baseline (median) with the upper bound of its spread at most 1.7x, a click at most 1.3x, up
# to 10,000 events; a new visitor's first view ("open") at most 1.2x the baseline's, and the
# 10,000-event view at most 2x the baseline's bytes. The cold start is reported beside them.
TARGETS = {
    "data_path_ratio_at_10000": 2.0,
    "filter_ratio_up_to_10000": 1.5,
    "filter_spread_upper_up_to_10000": 1.7,
    "click_ratio_up_to_10000": 1.3,
    "open_ratio_up_to_10000": 1.2,
    "view_bytes_ratio_at_10000": 2.0,
    "view_bytes_at_100000": 10_000_000,
}
COLUMNS = (
    ("events", "events", "{:,}"),
    ("file MB", "file_mb", "{:.1f}"),
    ("parse s", "parse_floor_s", "{:.2f}"),
    ("load s", "data_path_s", "{:.2f}"),
    ("load/parse", "data_path_ratio", "{:.2f}"),
    ("draw all s", "interaction_full_s", "{:.3f}"),
    ("draw 1y s", "interaction_narrowed_s", "{:.3f}"),
    ("cold s app/base", "cold", "{}"),
    ("open s app/base", "open", "{}"),
    ("filter s app/base", "filter", "{}"),
    ("click s app/base", "click", "{}"),
    ("browser cpu s filter app/base", "filter_browser_cpu", "{}"),
    ("browser cpu s click app/base", "click_browser_cpu", "{}"),
    ("view MB raw/deflate", "view", "{}"),
    ("MB/session", "session_mb", "{:.1f}"),
    ("cpu s/action", "cpu", "{:.3f}"),
)


# The range given beside a ratio: its 10th to 90th percentile over resamples of the runs.
SPREAD_PERCENTILES = (10, 90)
RESAMPLES = 2_000


def ratio_spread(app: list[float], base: list[float], seed: int = 0) -> tuple[float, float] | None:
    """How far median(app) / median(base) moves when the runs are resampled (a bootstrap).

    The two apps' runs alternate, so run i of each saw the same background load: they are
    resampled as pairs. None with fewer than three pairs, where a range says nothing.
    """
    pairs = min(len(app), len(base))
    if pairs < 3:
        return None
    app_runs, base_runs = np.asarray(app[:pairs], dtype=float), np.asarray(base[:pairs], dtype=float)
    picks = np.random.default_rng(seed).integers(0, pairs, size=(RESAMPLES, pairs))
    ratios = np.median(app_runs[picks], axis=1) / np.median(base_runs[picks], axis=1)
    low, high = np.percentile(ratios, SPREAD_PERCENTILES)
    return float(low), float(high)


def machine() -> dict:
    """What the figures were measured on."""
    return {
        "nproc": os.cpu_count(),
        "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "cpu_model": _cpu_model(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def table_row(row: dict) -> dict[str, str]:
    """One size's figures as the table's cells ('-' where not measured)."""
    core, app, base = row.get("core", {}), row.get("app") or {}, row.get("baseline") or {}
    values = {**core, "file_mb": row["dataset"]["bytes"] / 1e6}
    if app and base:
        spreads = row.get("ratio_spreads") or {}  # not in results written before it was measured
        for cell, name in (("cold", "cold_start"), ("filter", "filter"), ("click", "click")):
            values[cell] = _pair(app[name + "_s"], base[name + "_s"], spreads.get(name))
        if app.get("open_s") is not None:  # not in results written before it was measured
            values["open"] = _pair(app["open_s"], base["open_s"], spreads.get("open"))
        if app.get("filter_browser_cpu_s") is not None:  # not in results written before it was measured
            for name in ("filter_browser_cpu", "click_browser_cpu"):
                values[name] = _pair(app[name + "_s"], base[name + "_s"], spreads.get(name))
        values["view"] = f"{app['view_bytes'] / 1e6:.2f}/{app['view_bytes_deflated'] / 1e6:.2f}"
        values["session_mb"] = app["session_bytes"] / 1e6
        values["cpu"] = app["server_cpu_s"]
    return {title: _cell(fmt, values.get(key)) for title, key, fmt in COLUMNS}


def _pair(app: float, base: float, spread: list[float] | None = None) -> str:
    ratio = f"{app / base:.2f}x" + (f", {spread[0]:.2f}–{spread[1]:.2f}" if spread else "")
    return f"{app:.2f}/{base:.2f} ({ratio})"


def _cell(fmt: str, value: object) -> str:
    return "-" if value is None else fmt.format(value)


def format_table(rows: list[dict]) -> str:
    """A plain-text table (also valid Markdown) of every size."""
    cells = [table_row(row) for row in rows]
    titles = [title for title, _, _ in COLUMNS]
    widths = {t: max(len(t), *(len(c[t]) for c in cells)) for t in titles}
    lines = ["| " + " | ".join(t.ljust(widths[t]) for t in titles) + " |"]
    lines.append("|" + "|".join("-" * (widths[t] + 2) for t in titles) + "|")
    lines += ["| " + " | ".join(c[t].rjust(widths[t]) for t in titles) + " |" for c in cells]
    return "\n".join(lines)


def verdicts(rows: list[dict]) -> dict[str, bool | None]:
    """Each target met or not (None where the run did not measure it)."""
    by_size = {row["dataset"]["events"]: row for row in rows}
    at10k = by_size.get(10_000, {}).get("core")
    browser = [row for size, row in by_size.items() if size <= 10_000 and row.get("ratios")]
    at100k = (by_size.get(100_000) or {}).get("app")
    return {
        "data_path_within_2x_floor_at_10000": None if not at10k else at10k["data_path_ratio"] <= 2.0,
        "filter_within_1.5x_baseline_up_to_10000": _all_within(browser, "filter", TARGETS["filter_ratio_up_to_10000"]),
        "filter_spread_within_1.7x_up_to_10000": _spreads_within(browser, "filter"),
        "click_within_1.3x_baseline_up_to_10000": _all_within(browser, "click", TARGETS["click_ratio_up_to_10000"]),
        "open_within_1.2x_baseline_up_to_10000": _all_within(browser, "open", TARGETS["open_ratio_up_to_10000"]),
        "view_bytes_within_2x_baseline_at_10000": _bytes_within(by_size.get(10_000) or {}),
        "under_10MB_per_view_at_100000": None if not at100k else at100k["view_bytes"] < 10_000_000,
    }


def _all_within(rows: list[dict], name: str, limit: float) -> bool | None:
    measured = [row["ratios"][name] for row in rows if name in row["ratios"]]
    return None if not measured else all(ratio <= limit for ratio in measured)


def _spreads_within(rows: list[dict], name: str) -> bool | None:
    """The upper bound of each size's spread within its target (None where no spread was measured)."""
    uppers = [spread[1] for row in rows if (spread := (row.get("ratio_spreads") or {}).get(name))]
    return None if not uppers else all(upper <= TARGETS["filter_spread_upper_up_to_10000"] for upper in uppers)


def _bytes_within(row: dict) -> bool | None:
    app, base = row.get("app") or {}, row.get("baseline") or {}
    if not (app.get("view_bytes") and base.get("view_bytes")):
        return None
    return app["view_bytes"] / base["view_bytes"] <= TARGETS["view_bytes_ratio_at_10000"]


def write_results(path: Path, document: dict) -> None:
    """Write the JSON atomically (a .tmp file renamed over the old one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".json.tmp")
    temporary.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    temporary.replace(path)


def stamp() -> str:
    """The time of the run, in UTC."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
