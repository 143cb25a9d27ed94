"""Server-side measurements: the data path against the YAML parse floor, and one interaction."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from timeline.charts.figures import timeline_figure
from timeline.loading.frames import Frames, build_frames
from timeline.loading.load import load_dataset
from timeline.loading.yamlsrc import DEFAULT_LIMITS, Limits
from timeline.state.filtering import Filters, filter_events


def timed(action: Callable[[], object], repeats: int) -> tuple[float, object]:
    """Median wall time of `repeats` calls (a collection before each), and the last result."""
    times = []
    result = None
    for _ in range(repeats):
        result = None  # let the previous result go before the next run allocates its own
        gc.collect()
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def parse_floor(path: Path) -> object:
    """The least any loader must do: parse the file with the C loader into plain values."""
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=yaml.CSafeLoader)


def data_path(path: Path, limits: Limits = DEFAULT_LIMITS) -> Frames:
    """What the app does on a cold cache: read, validate (quotes too) and build the frames."""
    return build_frames(load_dataset(path, limits))


def narrowed_filters(frames: Frames) -> Filters:
    """The filter change the browser benchmark makes: only the last year of the data."""
    last = int(frames.events["year_to"].max())
    return Filters(year_from=last, year_to=last)


def interaction(frames: Frames, filters: Filters) -> object:
    """One interaction's server-side work: filter the events, then draw them."""
    return timeline_figure(filter_events(frames, filters))


def measure_core(path: Path, repeats: int, limits: Limits = DEFAULT_LIMITS) -> dict:
    """Data path vs parse floor, and the interaction on the full and the narrowed view (seconds)."""
    floor_s, _ = timed(lambda: parse_floor(path), repeats)
    load_s, frames = timed(lambda: data_path(path, limits), repeats)
    full_s, _ = timed(lambda: interaction(frames, Filters()), repeats)
    narrow_s, _ = timed(lambda: interaction(frames, narrowed_filters(frames)), repeats)
    return {
        "parse_floor_s": floor_s,
        "data_path_s": load_s,
        "data_path_ratio": load_s / floor_s,
        "interaction_full_s": full_s,
        "interaction_narrowed_s": narrow_s,
        "events": len(frames.events),
    }
