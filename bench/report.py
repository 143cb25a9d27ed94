"""The machine a run was made on, the printed table, and the JSON file of the figures."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
from pathlib import Path

import psutil

TARGETS = {
    "data_path_ratio_at_10000": 2.0,
    "browser_ratio_up_to_10000": 1.3,
    "view_bytes_at_100000": 10_000_000,
}
INTERACTIONS = ("filter", "click")  # the targeted ratios; cold start is reported beside them
COLUMNS = (
    ("events", "events", "{:,}"),
    ("file MB", "file_mb", "{:.1f}"),
    ("parse s", "parse_floor_s", "{:.2f}"),
    ("load s", "data_path_s", "{:.2f}"),
    ("load/parse", "data_path_ratio", "{:.2f}"),
    ("draw all s", "interaction_full_s", "{:.3f}"),
    ("draw 1y s", "interaction_narrowed_s", "{:.3f}"),
    ("cold s app/base", "cold", "{}"),
    ("filter s app/base", "filter", "{}"),
    ("click s app/base", "click", "{}"),
    ("browser cpu s filter app/base", "filter_browser_cpu", "{}"),
    ("browser cpu s click app/base", "click_browser_cpu", "{}"),
    ("view MB raw/deflate", "view", "{}"),
    ("MB/session", "session_mb", "{:.1f}"),
    ("cpu s/action", "cpu", "{:.3f}"),
)


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
        values["cold"] = _pair(app["cold_start_s"], base["cold_start_s"])
        values["filter"] = _pair(app["filter_s"], base["filter_s"])
        values["click"] = _pair(app["click_s"], base["click_s"])
        if app.get("filter_browser_cpu_s") is not None:  # not in results written before it was measured
            values["filter_browser_cpu"] = _pair(app["filter_browser_cpu_s"], base["filter_browser_cpu_s"])
            values["click_browser_cpu"] = _pair(app["click_browser_cpu_s"], base["click_browser_cpu_s"])
        values["view"] = f"{app['view_bytes'] / 1e6:.2f}/{app['view_bytes_deflated'] / 1e6:.2f}"
        values["session_mb"] = app["session_bytes"] / 1e6
        values["cpu"] = app["server_cpu_s"]
    return {title: _cell(fmt, values.get(key)) for title, key, fmt in COLUMNS}


def _pair(app: float, base: float) -> str:
    return f"{app:.2f}/{base:.2f} ({app / base:.2f}x)"


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
        "browser_within_1.3x_baseline_up_to_10000": None
        if not browser
        else all(row["ratios"][name] <= 1.3 for row in browser for name in INTERACTIONS),
        "under_10MB_per_view_at_100000": None if not at100k else at100k["view_bytes"] < 10_000_000,
    }


def write_results(path: Path, document: dict) -> None:
    """Write the JSON atomically (a .tmp file renamed over the old one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".json.tmp")
    temporary.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    temporary.replace(path)


def stamp() -> str:
    """The time of the run, in UTC."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
