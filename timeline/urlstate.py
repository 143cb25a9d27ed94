"""The whole view as URL query parameters, and back, dropping what does not fit.

Links get shared and edited by hand, so parsing never raises: unknown ids, malformed
years and oversized values are dropped, each with a short notice for the user.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from timeline.figures import COLOUR_MODES, LANE_MODES
from timeline.filtering import Filters
from timeline.params import last_value, shown_in_notice
from timeline.stances import PARAMS as POSITIONS_VIEW_PARAMS

VIEWS = ("timeline", "positions", "sources", "briefing")
# Query-parameter names, shared by the app and the tests.
P_VIEW, P_FROM, P_TO, P_ACTORS, P_THEMES, P_TYPES, P_SOURCES = "view", "from", "to", "actor", "theme", "type", "src"
P_TEXT, P_LANES, P_COLOUR, P_EVENT, P_SOURCE = "q", "lanes", "colour", "event", "source"
P_POSITIONS = "positions"  # positions drawn on the timeline (1); the positions view's own are in stances.py
P_SLIDER = "slider"  # the range slider under the timeline (1)
P_SLIDE, P_PICKS = "slide", "picks"  # briefing mode's own (parsed in timeline/briefing.py)
KNOWN_PARAMS = (
    P_VIEW,
    P_FROM,
    P_TO,
    P_ACTORS,
    P_THEMES,
    P_TYPES,
    P_SOURCES,
    P_TEXT,
    P_LANES,
    P_COLOUR,
    P_EVENT,
    P_SOURCE,
    P_POSITIONS,
    P_SLIDER,
    *POSITIONS_VIEW_PARAMS,
    P_SLIDE,
    P_PICKS,
)
MAX_VALUE_CHARS = 2_000
MAX_TEXT_CHARS = 200
MAX_LIST_ITEMS = 200


@dataclass(frozen=True)
class KnownIds:
    """What a link may name: the ids and year bounds of the loaded dataset."""

    actors: frozenset[str]
    themes: frozenset[str]
    types: frozenset[str]
    sources: frozenset[str]
    events: frozenset[str]
    first_year: int
    last_year: int


@dataclass(frozen=True)
class ViewState:
    """Everything a link reproduces: filters, lanes, colours, chart options, the open event and source."""

    view: str = "timeline"
    filters: Filters = field(default_factory=Filters)
    lane_by: str = LANE_MODES[0]
    colour_by: str = COLOUR_MODES[0]
    event: str | None = None
    source: str | None = None
    show_positions: bool = False
    range_slider: bool = False


def parse_view_state(params: Mapping[str, object], known: KnownIds) -> tuple[ViewState, list[str]]:
    """Read query parameters into a ViewState; return it with notices for what was dropped."""
    notices: list[str] = []
    values = {key: last_value(params[key]) for key in params}
    unknown = [key for key in values if key not in KNOWN_PARAMS]
    # One notice for all of them: a link may carry thousands (a tracker's, or a prank).
    if unknown:
        more = f" and {len(unknown) - 5:,} more" if len(unknown) > 5 else ""
        shown = ", ".join(shown_in_notice(str(key)) for key in unknown[:5])
        notices.append(f"ignored unknown link parameter{'s' if len(unknown) > 1 else ''} {shown}{more}")
    repeated = [key for key in KNOWN_PARAMS if isinstance(params.get(key), (list, tuple)) and len(params[key]) > 1]
    if repeated:
        notices.append("link parameters given more than once (the last was used): " + ", ".join(repeated))
    values = {k: v for k, v in values.items() if k in KNOWN_PARAMS}
    for key, value in list(values.items()):
        if len(value) > MAX_VALUE_CHARS:
            notices.append(f"ignored link parameter {key!r}: value too long")
            del values[key]
    state = ViewState(
        view=_choice(values, P_VIEW, VIEWS, notices),
        filters=_filters(values, known, notices),
        lane_by=_choice(values, P_LANES, LANE_MODES, notices),
        colour_by=_choice(values, P_COLOUR, COLOUR_MODES, notices),
        event=_known_id(values, P_EVENT, known.events, "event", notices),
        source=_known_id(values, P_SOURCE, known.sources, "source", notices),
        show_positions=_flag(values, P_POSITIONS, notices),
        range_slider=_flag(values, P_SLIDER, notices),
    )
    return state, notices


def to_query_params(state: ViewState) -> dict[str, str]:
    """The query parameters of a view, leaving out everything at its default."""
    default = ViewState()
    f = state.filters
    params = {
        P_VIEW: state.view if state.view != default.view else None,
        P_FROM: str(f.year_from) if f.year_from is not None else None,
        P_TO: str(f.year_to) if f.year_to is not None else None,
        P_ACTORS: ",".join(sorted(f.actors)) or None,
        P_THEMES: ",".join(sorted(f.themes)) or None,
        P_TYPES: ",".join(sorted(f.types)) or None,
        P_SOURCES: ",".join(sorted(f.sources)) or None,
        P_TEXT: f.text or None,
        P_LANES: state.lane_by if state.lane_by != default.lane_by else None,
        P_COLOUR: state.colour_by if state.colour_by != default.colour_by else None,
        P_EVENT: state.event,
        P_SOURCE: state.source,
        P_POSITIONS: "1" if state.show_positions else None,
        P_SLIDER: "1" if state.range_slider else None,
    }
    return {key: value for key, value in params.items() if value}


def _choice(values: dict, key: str, allowed: tuple[str, ...], notices: list[str]) -> str:
    value = values.get(key)
    if value is None or value == "":
        return allowed[0]
    if value not in allowed:
        notices.append(f"ignored {key}={shown_in_notice(value)}: expected one of {', '.join(allowed)}")
        return allowed[0]
    return value


def _flag(values: dict, key: str, notices: list[str]) -> bool:
    value = values.get(key)
    if value in (None, "", "0"):
        return False
    if value != "1":
        notices.append(f"ignored {key}={shown_in_notice(value)}: expected 1 or 0")
        return False
    return True


def _known_id(values: dict, key: str, known: frozenset[str], kind: str, notices: list[str]) -> str | None:
    value = values.get(key)
    if not value:
        return None
    if value not in known:
        notices.append(f"ignored {key}={shown_in_notice(value)}: no such {kind} in this dataset")
        return None
    return value


def _id_list(values: dict, key: str, known: frozenset[str], kind: str, notices: list[str]) -> frozenset[str]:
    raw = values.get(key)
    if not raw:
        return frozenset()
    items = [item.strip() for item in raw.split(",") if item.strip()][:MAX_LIST_ITEMS]
    unknown = [item for item in items if item not in known]
    if unknown:
        notices.append(f"ignored unknown {kind}(s) in {key}: " + ", ".join(shown_in_notice(u) for u in unknown[:5]))
    return frozenset(item for item in items if item in known)


def _year(values: dict, key: str, known: KnownIds, notices: list[str]) -> int | None:
    raw = values.get(key)
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 4):
        notices.append(f"ignored {key}={shown_in_notice(raw)}: not a year")
        return None
    year = int(raw)
    clamped = min(max(year, known.first_year), known.last_year)
    if clamped != year:
        notices.append(f"{key}={year} is outside the data ({known.first_year}–{known.last_year}); used {clamped}")
    return clamped


def _filters(values: dict, known: KnownIds, notices: list[str]) -> Filters:
    year_from = _year(values, P_FROM, known, notices)
    year_to = _year(values, P_TO, known, notices)
    if year_from is not None and year_to is not None and year_from > year_to:
        notices.append(f"the year range {year_from}–{year_to} was reversed; swapped it")
        year_from, year_to = year_to, year_from
    text = values.get(P_TEXT, "")
    if len(text) > MAX_TEXT_CHARS:
        notices.append(f"search text cut to {MAX_TEXT_CHARS} characters")
        text = text[:MAX_TEXT_CHARS]
    return Filters(
        year_from=year_from,
        year_to=year_to,
        actors=_id_list(values, P_ACTORS, known.actors, "actor", notices),
        themes=_id_list(values, P_THEMES, known.themes, "theme", notices),
        types=_id_list(values, P_TYPES, known.types, "event type", notices),
        sources=_id_list(values, P_SOURCES, known.sources, "source", notices),
        text=text.strip(),
    )

