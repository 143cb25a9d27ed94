"""The app's state in a link: one declarative registry per view, and `parse_query` over all of them.

Each view's registry is a table of Fields (timeline.state.fieldtypes). A row says, for one piece of
state: the link parameter, how to read it (parser and validator, which never raises and notes
what it drops), how to write it (formatter; defaults stay out of the link), its default, where
its known values come from, and the session-state key of the widget that holds it in the UI.
The UI adapter (components/state.py) and the command line go through these tables only:

    state, notices = parse_query("?from=2023&to=2025&actor=china", known)  # any view's link -> AppState
    query_params(state)                                                   # AppState -> that link

Links get shared and edited by hand, so parsing never raises: unknown parameters, repeated
ones (the last value is used), values over MAX_VALUE_CHARS, unknown ids and malformed values
are dropped, each with a short notice for the user.

How to add a field:
  1. Its link parameter (and any fixed list of values) in timeline.vocab.
  2. One row in the view's table below, from a factory in timeline.state.fieldtypes, e.g. the
     labels row (a display option, `choice`) or the min_grade row (a filter, `grade`).
     A timeline row named like an attribute of timeline.state.filtering.Filters is a filter;
     any other is an attribute of its view's state class (ViewState, PositionsState, ...).
  3. That attribute, with the default that means "no restriction" / "as before"; for a
     filter, its test in filter_events (and filter_positions) beside the others.
  4. A widget keyed `TIMELINE.key(name)` in the UI (for the sidebar's expander, one entry
     in components/filters.py). Reading the link, writing it, notices, "Reset the view" and
     keeping the value while the widget is not drawn all follow from the row.
The date basis and precision filters were added this way (vocab, this table, filtering,
components/filters.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any
from urllib.parse import parse_qs

from timeline import vocab as v
from timeline.state.fieldtypes import (
    Field,
    Notices,
    choice,
    flag,
    format_day,
    format_unless,
    grade,
    id_list,
    known_id,
    last_value,
    parse_cell,
    parse_day,
    parse_picks,
    parse_print_all,
    parse_record,
    parse_slide,
    parse_text,
    shown_in_notice,
    year_bound,
)
from timeline.state.filtering import Filters
from timeline.state.knownids import Context, KnownIds, positions_dates

MAX_VALUE_CHARS = 2_000  # one limit for every parameter of every view


# ---- the state of each view ----------------------------------------------------------------------


@dataclass(frozen=True)
class ViewState:
    """The app-wide part of a link: the open view, filters, chart options, the open event and source."""

    view: str = v.VIEWS[0]
    filters: Filters = field(default_factory=Filters)
    lane_by: str = v.LANE_MODES[0]
    colour_by: str = v.COLOUR_MODES[0]
    event: str | None = None
    source: str | None = None
    show_positions: bool = False
    range_slider: bool = False
    labels: str = v.LABEL_MODES[0]


@dataclass(frozen=True)
class PositionsState:
    """The positions view's part of a link; None dates mean 'the default'."""

    section: str = v.SECTIONS[0]
    as_of: dt.date | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    cell: str | None = None
    record: str | None = None


@dataclass(frozen=True)
class BriefingState:
    """The briefing's part: slide number (1-based), the print-all rendering, hand-picked events."""

    slide: int = 1
    print_all: bool = False
    picks: tuple[str, ...] = ()


@dataclass(frozen=True)
class AppState:
    """Everything a link reproduces, in every view."""

    timeline: ViewState = field(default_factory=ViewState)
    positions: PositionsState = field(default_factory=PositionsState)
    briefing: BriefingState = field(default_factory=BriefingState)


@dataclass(frozen=True)
class Registry:
    """One view's fields, how they make its state object, and the checks across fields."""

    view: str
    fields: tuple[Field, ...]
    build: Callable[[dict[str, Any]], Any]  # values by field name -> the state object
    checks: tuple[Callable[[dict[str, Any], Notices], None], ...] = ()
    unbuild: Callable[[Any], dict[str, Any]] | None = None  # the state object -> values (default: its attributes)

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def key(self, name: str) -> str:
        """The session-state key of a field's widget."""
        return self.field(name).key

    def values(self, state: Any) -> dict[str, Any]:
        """A state object's values by field name, in the table's order."""
        held = self.unbuild(state) if self.unbuild else {f.name: getattr(state, f.name) for f in self.fields}
        return {f.name: held[f.name] for f in self.fields}


# ---- the tables --------------------------------------------------------------------------------


_FILTER_NAMES = frozenset(f.name for f in fields(Filters))  # a timeline row named like these is a filter


def _build_view_state(values: dict[str, Any]) -> ViewState:
    filters = Filters(**{k: x for k, x in values.items() if k in _FILTER_NAMES})
    return ViewState(filters=filters, **{k: x for k, x in values.items() if k not in _FILTER_NAMES})


def _view_state_values(state: ViewState) -> dict[str, Any]:
    values = {f.name: getattr(state, f.name) for f in fields(ViewState) if f.name != "filters"}
    return values | {name: getattr(state.filters, name) for name in _FILTER_NAMES}


def _year_range_in_order(values: dict[str, Any], notices: Notices) -> None:
    first, last = values["year_from"], values["year_to"]
    if first is not None and last is not None and first > last:
        notices.append(f"the year range {first}–{last} was reversed; swapped it")
        values["year_from"], values["year_to"] = last, first


TIMELINE = Registry(
    "timeline",
    (
        choice("view", v.P_VIEW, "view", v.VIEWS),
        year_bound("year_from", v.P_FROM, "filter_years", 0),
        year_bound("year_to", v.P_TO, "filter_years", 1),
        id_list("actors", v.P_ACTORS, "filter_actors", "actor", lambda k: k.actors),
        id_list("themes", v.P_THEMES, "filter_themes", "theme", lambda k: k.themes),
        id_list("types", v.P_TYPES, "filter_types", "event type", lambda k: k.types),
        id_list("sources", v.P_SOURCES, "filter_sources", "source", lambda k: k.sources),
        id_list("date_basis", v.P_BASIS, "filter_basis", "date basis", lambda _k: v.DATE_BASES),
        id_list("precision", v.P_PRECISION, "filter_precision", "date precision", lambda _k: v.PRECISIONS),
        Field("text", v.P_TEXT, "filter_text", parse_text, lambda t: t or None, "",
              from_session=lambda t, _k: (t or "").strip()),
        grade("min_grade", v.P_GRADE, "filter_min_grade"),
        choice("lane_by", v.P_LANES, "lanes", v.LANE_MODES),
        choice("colour_by", v.P_COLOUR, "colour", v.COLOUR_MODES),
        choice("labels", v.P_LABELS, "labels_mode", v.LABEL_MODES),
        known_id("event", v.P_EVENT, "selected_event", "event", lambda k: k.events),
        known_id("source", v.P_SOURCE, "open_source", "source", lambda k: k.sources),
        flag("show_positions", v.P_POSITIONS, "show_positions"),
        flag("range_slider", v.P_SLIDER, "range_slider"),
    ),
    _build_view_state,
    (_year_range_in_order,),
    _view_state_values,
)  # fmt: skip


def _comparison_in_order(values: dict[str, Any], notices: Notices) -> None:
    since, until = values["since"], values["until"]
    if since is not None and until is not None and since > until:
        notices.append(f"the compared dates {since} and {until} were reversed; swapped them")
        values["since"], values["until"] = until, since


def _day_field(name: str, param: str, key: str) -> Field:
    # Written whenever set (the view always sets them): a shared link must not drift with "today".
    return Field(name, param, key, parse_day, format_day, None)


POSITIONS = Registry(
    "positions",
    (
        choice("section", v.P_SECTION, "positions_section", v.SECTIONS),
        _day_field("as_of", v.P_ASOF, "positions_asof"),
        _day_field("since", v.P_SINCE, "positions_since"),
        _day_field("until", v.P_UNTIL, "positions_until"),
        Field("cell", v.P_CELL, "positions_cell", parse_cell, lambda c: c or None, None),
        Field("record", v.P_RECORD, "positions_record", parse_record, lambda r: r or None, None),
    ),
    lambda values: PositionsState(**values),
    (_comparison_in_order,),
)

BRIEFING = Registry(
    "briefing",
    (
        # Two fields share `slide`: a number, or "all" for the print-all rendering (written last, so it wins).
        Field("slide", v.P_SLIDE, "_briefing_slide", parse_slide, format_unless(1), 1,
              from_session=lambda n, _k: int(n or 1)),
        Field("print_all", v.P_SLIDE, "_briefing_print_all", parse_print_all,
              lambda on: "all" if on else None, False, from_session=lambda on, _k: bool(on)),
        Field("picks", v.P_PICKS, "_briefing_picked", parse_picks, lambda p: ",".join(p) or None, (),
              known=lambda k: k.events, from_session=lambda p, _k: tuple(p or ())),
    ),
    lambda values: BriefingState(**values),
)  # fmt: skip

REGISTRIES = (TIMELINE, POSITIONS, BRIEFING)
KNOWN_PARAMS = tuple(dict.fromkeys(f.param for r in REGISTRIES for f in r.fields))


# ---- parsing and writing a link ----------------------------------------------------------------


def parse_query(
    query: str | Mapping[str, object], known: KnownIds, *, today: dt.date | None = None
) -> tuple[AppState, list[str]]:
    """The whole app state a link asks for, in every view, with a notice for each thing dropped.

    `query` is a URL's query string ('?from=2023&actor=china') or a mapping of parameter ->
    value or list of values (a repeated parameter: the last value is used, with a notice).
    """
    params = _as_mapping(query)
    notices: Notices = []
    values = _usable_values(params, notices)
    first, last = positions_dates(known, today or dt.date.today())
    ctx = Context(known, first, last)
    states = {r.view: parse_view(r, values, ctx, notices) for r in REGISTRIES}
    return AppState(**states), notices


def parse_view(registry: Registry, values: Mapping[str, str], ctx: Context, notices: Notices) -> Any:
    """One view's state from a link's usable values (parameter -> text)."""
    parsed = {}
    for fld in registry.fields:
        raw = values.get(fld.param, "")
        parsed[fld.name] = fld.parse(raw, fld, ctx, notices) if raw else fld.default
    for check in registry.checks:
        check(parsed, notices)
    return registry.build(parsed)


def query_params(state: AppState) -> dict[str, str]:
    """The link of an app state: the app-wide part, and the open view's own part; defaults left out."""
    params = view_params(TIMELINE, state.timeline)
    own = {"positions": (POSITIONS, state.positions), "briefing": (BRIEFING, state.briefing)}
    if state.timeline.view in own:
        params.update(view_params(*own[state.timeline.view]))
    return params


def view_params(registry: Registry, state: Any) -> dict[str, str]:
    """The link parameters of one view's state, leaving out what is at its default."""
    values = registry.values(state)
    params: dict[str, str] = {}
    for fld in registry.fields:
        text = fld.format(values[fld.name])
        if text:
            params[fld.param] = text
    return params


def _as_mapping(query: str | Mapping[str, object]) -> Mapping[str, object]:
    if isinstance(query, str):
        return parse_qs(query.removeprefix("?"), keep_blank_values=True)
    return query


def _usable_values(params: Mapping[str, object], notices: Notices) -> dict[str, str]:
    """The last value of each known parameter, within the length limit; notices for the rest."""
    unknown = [key for key in params if key not in KNOWN_PARAMS]
    # One notice for all of them: a link may carry thousands (a tracker's, or a prank).
    if unknown:
        more = f" and {len(unknown) - 5:,} more" if len(unknown) > 5 else ""
        shown = ", ".join(shown_in_notice(str(key)) for key in unknown[:5])
        notices.append(f"ignored unknown link parameter{'s' if len(unknown) > 1 else ''} {shown}{more}")
    repeated = [key for key in KNOWN_PARAMS if isinstance(params.get(key), (list, tuple)) and len(params[key]) > 1]
    if repeated:
        notices.append("link parameters given more than once (the last was used): " + ", ".join(repeated))
    values = {}
    for key in _known_in_order(params):
        value = last_value(params[key])
        if len(value) > MAX_VALUE_CHARS:
            notices.append(f"ignored link parameter {key!r}: value too long")
        else:
            values[key] = value
    return values


def _known_in_order(params: Iterable[str]) -> list[str]:
    return [key for key in params if key in KNOWN_PARAMS]
