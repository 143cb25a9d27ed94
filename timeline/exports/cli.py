"""`python -m timeline export --format FORMAT [--view 'QUERY'] [PATH] -o OUT`: an app view's file from a script.

`--view` takes the query string of an app link and exports exactly the view it shows: the
same events (filters), chart (lanes, colours, positions) and, in briefing mode, the same picks.
Each format is an entry of `timeline.exports.files`, whose `make` the app's buttons call too.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import urlsplit

from timeline.charts.view import view_figure
from timeline.exports.files import EXPORTS, ExportView, as_bytes
from timeline.exports.tables import ExportError
from timeline.loading.frames import Frames, build_frames
from timeline.loading.load import load_dataset
from timeline.state.filtering import filter_events, filter_positions
from timeline.state.knownids import KnownIds, known_ids
from timeline.state.viewstate import ViewState, parse_query


def view_of_query(query: str, known: KnownIds) -> tuple[ViewState, tuple[str, ...], list[str]]:
    """A link's query string as (view state, briefing picks, notices of what could not be used).

    The one place the export command reads a link: it follows the app's own link parsers.
    """
    query = query.strip()
    query = urlsplit(query).query if "://" in query.split("?", 1)[0] else query.removeprefix("?")  # a whole link too
    app, notices = parse_query(query, known)
    state = app.timeline
    picks = app.briefing.picks if state.view == "briefing" else ()  # a briefing's deck follows its picks
    return state, picks, notices


def export_view(frames: Frames, state: ViewState, picks: tuple[str, ...] = ()) -> ExportView:
    """The shown events and chart of a view, as the app's export panel gets them."""
    shown = filter_events(frames, state.filters)
    fig = None
    if not shown.empty:
        positions = filter_positions(frames, state.filters, shown["id"]) if state.show_positions else None
        fig = view_figure(
            frames,
            shown,
            lane_by=state.lane_by,
            colour_by=state.colour_by,
            positions=positions if positions is not None and len(positions) else None,
            range_slider=state.range_slider,
            labels=state.labels,
        )
    return ExportView(frames, shown, fig, lane_by=state.lane_by, picks=picks)


def register_commands(subparsers, default_data: Path) -> None:
    """Add the `export` subcommand to `python -m timeline`."""
    command = subparsers.add_parser(
        "export",
        help="write one view of a dataset as a file (the app's export buttons, from a script)",
        description=__doc__,
    )
    command.add_argument("--format", required=True, help="one of: " + ", ".join(EXPORTS))
    command.add_argument(
        "--view",
        default="",
        help="an app link or its query string, e.g. '?from=2023&actor=china' (default: every event)",
    )
    command.add_argument("path", nargs="?", type=Path, default=default_data, help=f"the dataset ({default_data})")
    command.add_argument("-o", "--output", type=Path, required=True, help="the file to write")
    command.set_defaults(run=_export)


def _export(args: argparse.Namespace) -> int:
    spec = EXPORTS.get(args.format)
    if spec is None:
        return _fail(f"unknown format {args.format!r}: expected one of {', '.join(EXPORTS)}")
    frames = build_frames(load_dataset(args.path))
    state, picks, notices = view_of_query(args.view, known_ids(frames))
    if notices:
        return _fail(f"bad --view {args.view!r}: " + "; ".join(notices))
    view = export_view(frames, state, picks)
    if spec.needs_chart and view.fig is None:
        return _fail(f"this view shows no event, so there is no chart to write as {spec.key}")
    try:
        data = as_bytes(spec.make(view))
    except ExportError as error:
        return _fail(str(error))
    args.output.write_bytes(data)
    print(f"{args.output}: {spec.key}, {len(view.shown)} event(s), {len(data):,} bytes")
    return 0


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 1
