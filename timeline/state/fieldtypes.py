"""The kinds of field a link carries: each a parser (text -> value, never raising), a formatter and
the conversions to and from the value a UI widget holds.

timeline.state.viewstate builds its tables from these factories. A parser is called only with a
non-empty value no longer than the link limit; what it cannot use it drops with a notice
(quoting the link's text through `shown_in_notice`) and returns the field's default.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from timeline.loading.schema import GRADES
from timeline.positions.stances import split_cell_key
from timeline.state.knownids import Context, KnownIds

MAX_TEXT_CHARS = 200  # the search text
MAX_LIST_ITEMS = 200  # ids in one list parameter
MAX_PICKS = 200  # events hand-picked for a briefing
ALL_SLIDES = "all"  # slide=all: the briefing's print-all rendering
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

Notices = list[str]


def last_value(value: object) -> str:
    """A parameter's value as text; a repeated parameter arrives as a list and the last one wins."""
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else ""
    return str(value)


def shown_in_notice(text: str) -> str:
    """A link's value as quoted in a notice: repr'd (so control characters show) and cut at 40."""
    return repr(text if len(text) <= 40 else text[:39] + "…")


def _same(value: Any, _known: Any) -> Any:
    return value


@dataclass(frozen=True)
class Field:
    """One piece of a view's state, as a row of its registry (see timeline.state.viewstate)."""

    name: str  # the attribute of the view's state object
    param: str  # the link parameter (two fields may share one: slide=3 / slide=all)
    key: str  # the session-state key of the UI widget that holds it
    parse: Callable[[str, Field, Context, Notices], Any]  # (raw text, field, context, notices) -> value
    format: Callable[[Any], str | None]  # value -> link text; None (or '') leaves it out of the link
    default: Any = None
    known: Callable[[KnownIds], Collection[str]] | None = None  # the values a link may name
    kind: str = ""  # what the values are, in notices: 'actor', 'event type'
    to_session: Callable[[Any, KnownIds], Any] = _same  # (value, known ids) -> the widget's value
    from_session: Callable[[Any, KnownIds], Any] = _same  # (the widget's value, known ids) -> value
    slot: int | None = None  # its place in a widget holding a tuple (the years slider)


# ---- parsers ---------------------------------------------------------------------------------


def parse_choice(allowed: Collection[str]) -> Callable:
    def parse(raw: str, field: Field, _ctx: Context, notices: Notices) -> str:
        if raw not in allowed:
            notices.append(f"ignored {field.param}={shown_in_notice(raw)}: expected one of {', '.join(allowed)}")
            return field.default
        return raw

    return parse


def parse_flag(raw: str, field: Field, _ctx: Context, notices: Notices) -> bool:
    if raw not in ("0", "1"):
        notices.append(f"ignored {field.param}={shown_in_notice(raw)}: expected 1 or 0")
        return False
    return raw == "1"


def parse_known_id(raw: str, field: Field, ctx: Context, notices: Notices) -> str | None:
    if raw not in field.known(ctx.known):
        notices.append(f"ignored {field.param}={shown_in_notice(raw)}: no such {field.kind} in this dataset")
        return None
    return raw


def parse_id_list(raw: str, field: Field, ctx: Context, notices: Notices) -> frozenset[str]:
    items = [item.strip() for item in raw.split(",") if item.strip()][:MAX_LIST_ITEMS]
    return frozenset(_known_only(items, field, ctx, notices, field.kind))


def _known_only(items: list[str], field: Field, ctx: Context, notices: Notices, kind: str) -> list[str]:
    """The items the dataset knows, in order; the others named (the first five) in one notice."""
    known = field.known(ctx.known)
    unknown = [item for item in items if item not in known]
    if unknown:
        shown = ", ".join(shown_in_notice(u) for u in unknown[:5])
        notices.append(f"ignored unknown {kind}(s) in {field.param}: {shown}")
    return [item for item in items if item in known]


def parse_grade(raw: str, field: Field, _ctx: Context, notices: Notices) -> str | None:
    grade = raw.upper()  # a hand-typed link may say grade=b
    if grade not in GRADES:
        notices.append(f"ignored {field.param}={shown_in_notice(raw)}: expected a grade from A to F")
        return None
    return grade


def parse_year(raw: str, field: Field, ctx: Context, notices: Notices) -> int | None:
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 4):
        notices.append(f"ignored {field.param}={shown_in_notice(raw)}: not a year")
        return None
    year, first, last = int(raw), ctx.known.first_year, ctx.known.last_year
    clamped = min(max(year, first), last)
    if clamped != year:
        notices.append(f"{field.param}={year} is outside the data ({first}–{last}); used {clamped}")
    return clamped


def parse_text(raw: str, field: Field, _ctx: Context, notices: Notices) -> str:
    if len(raw) > MAX_TEXT_CHARS:
        notices.append(f"search text cut to {MAX_TEXT_CHARS} characters")
        raw = raw[:MAX_TEXT_CHARS]
    return raw.strip()


def parse_day(raw: str, field: Field, ctx: Context, notices: Notices) -> dt.date | None:
    """A YYYY-MM-DD day, clamped into the positions view's dates."""
    try:
        if not _ISO_DAY.match(raw):
            raise ValueError(raw)
        day = dt.date.fromisoformat(raw)
    except ValueError:
        notices.append(f"ignored {field.param}={shown_in_notice(raw)}: not a date (write YYYY-MM-DD)")
        return None
    first, last = ctx.first_day, ctx.last_day
    clamped = min(max(day, first), last)
    if clamped != day:
        notices.append(f"{field.param}={day} is outside the dates this view offers ({first} to {last}); used {clamped}")
    return clamped


def parse_slide(raw: str, field: Field, _ctx: Context, notices: Notices) -> int:
    raw = raw.strip()
    if raw.lower() == ALL_SLIDES or not raw:  # slide=all is the print_all field's
        return 1
    if raw.isascii() and raw.isdigit() and len(raw) <= 4 and int(raw) >= 1:
        return int(raw)
    notices.append(f"ignored {field.param}={shown_in_notice(raw)}: expected a slide number or 'all'")
    return 1


def parse_print_all(raw: str, _field: Field, _ctx, _notices: Notices) -> bool:
    return raw.strip().lower() == ALL_SLIDES  # a bad slide number is the slide field's to report


def parse_picks(raw: str, field: Field, ctx: Context, notices: Notices) -> tuple[str, ...]:
    items = list(dict.fromkeys(item.strip() for item in raw.split(",") if item.strip()))
    if len(items) > MAX_PICKS:
        notices.append(f"kept the first {MAX_PICKS} picked events")
        items = items[:MAX_PICKS]
    return tuple(_known_only(items, field, ctx, notices, "event"))


def parse_cell(raw: str, field: Field, ctx: Context, notices: Notices) -> str | None:
    pair = split_cell_key(raw)
    if pair is None or pair[0] not in ctx.known.position_actors or pair[1] not in ctx.known.position_themes:
        notices.append(f"ignored {field.param}={shown_in_notice(raw)}: no such actor and theme with positions")
        return None
    return raw


def parse_record(raw: str, field: Field, ctx: Context, notices: Notices) -> str | None:
    if raw not in ctx.known.position_actors:
        notices.append(f"ignored {field.param}={shown_in_notice(raw)}: no actor with positions has that id")
        return None
    return raw


# ---- formatters and session conversions --------------------------------------------------------


def format_unless(default: Any) -> Callable[[Any], str | None]:
    """Write the value as text, leaving it out when it is the default."""
    return lambda value: None if value == default or value is None else str(value)


def format_sorted(values: Collection[str]) -> str | None:
    return ",".join(sorted(values)) or None


def format_flag(value: bool) -> str | None:
    return "1" if value else None


def format_day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def sorted_list(values: Collection[str], _known) -> list[str]:
    return sorted(values)


def as_frozenset(values: Collection[str] | None, _known) -> frozenset[str]:
    return frozenset(values or ())


def or_default(default: Any) -> Callable[[Any, Any], Any]:
    """A widget's value, or the default while the widget holds nothing."""
    return lambda value, _known: value or default


# ---- row factories: one call per row of a registry ---------------------------------------------


def choice(name: str, param: str, key: str, allowed: tuple[str, ...]) -> Field:
    """One of a fixed list of words; the first is the default."""
    return Field(
        name, param, key, parse_choice(allowed), format_unless(allowed[0]), allowed[0],
        known=lambda _known: allowed, from_session=or_default(allowed[0]),
    )  # fmt: skip


def flag(name: str, param: str, key: str) -> Field:
    """On (1) or off (0, the default)."""
    return Field(name, param, key, parse_flag, format_flag, False, from_session=lambda v, _k: bool(v))


def known_id(name: str, param: str, key: str, kind: str, known: Callable) -> Field:
    """One id the dataset has, or None."""
    return Field(name, param, key, parse_known_id, lambda v: v or None, None, known=known, kind=kind)


def id_list(name: str, param: str, key: str, kind: str, known: Callable) -> Field:
    """A filter: a comma-separated set of known values; empty means no restriction."""
    return Field(
        name, param, key, parse_id_list, format_sorted, frozenset(), known=known, kind=kind,
        to_session=sorted_list, from_session=as_frozenset,
    )  # fmt: skip


def grade(name: str, param: str, key: str) -> Field:
    """A filter: the lowest reliability grade let through (A best, F last); None lets every source through."""
    return Field(name, param, key, parse_grade, lambda g: g or None, None, known=lambda _known: GRADES, kind="grade")


def year_bound(name: str, param: str, key: str, slot: int) -> Field:
    """One end (slot 0: from, 1: to) of the years slider; None at the data's own bound."""

    def bound(known) -> int:
        return known.first_year if slot == 0 else known.last_year

    return Field(
        name, param, key, parse_year, format_unless(None), None, slot=slot,
        to_session=lambda value, known: bound(known) if value is None else value,
        from_session=lambda value, known: None if value is None or value == bound(known) else value,
    )  # fmt: skip
