"""Reading a TimelineJS JSON file into checked slides, or one DatasetError naming every problem.

TimelineJS reads each date part (year, month, day) as a string or a number, trims it, and
treats a blank part as unknown; a part must otherwise be a whole number. The same rules
apply here, and the parts known give the date its precision. Our dates cover years 1-9999.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from timeline.dates import PartialDate
from timeline.errors import DatasetError, Problem
from timeline.loading.frames import date_label
from timeline.loading.yamlsrc import YamlProblem, decode_text
from timeline.timelinejs.htmltext import clean_text, html_to_line, html_to_plain

_WHOLE_NUMBER = re.compile(r"-?\d{1,12}")  # longer is out of range anyway, and slow to convert
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_PARTS = ("year", "month", "day")
TITLE_FALLBACK_LIMIT = 100


@dataclass(frozen=True)
class Slide:
    """One TimelineJS event, checked and turned into plain text."""

    index: int
    label: str  # how messages and notes name it: events[3] (unique_id 'x')
    unique_id: str | None
    title: str
    body: str  # text.text as plain text ('' when empty)
    media_text: str  # a media "url" that is HTML (a <blockquote>), as plain text
    extras: tuple[str, ...]  # media link, caption, credit and links, as lines of text
    date: PartialDate
    end: PartialDate | None
    group: str
    display_dates: tuple[str, ...]


@dataclass(frozen=True)
class Timeline:
    title: str  # the title slide's headline ('' when none)
    title_text: str
    eras: tuple[str, ...]  # "headline: 650 – 700", one per era
    slides: tuple[Slide, ...]


class _Problems:
    def __init__(self, name: str):
        self.name = name
        self.items: list[Problem] = []

    def add(self, record: str | None, message: str, line: int | None = None, column: int | None = None) -> None:
        self.items.append(Problem(self.name, line, column, record, message))

    def fail(self, message: str, line: int | None = None, column: int | None = None) -> DatasetError:
        return DatasetError([Problem(self.name, line, column, None, message)])


def read_timeline(raw: bytes, name: str) -> Timeline:
    """Parse and check TimelineJS JSON; raise DatasetError listing every problem found."""
    problems = _Problems(name)
    try:
        data = json.loads(decode_text(raw))
    except YamlProblem as exc:  # decode_text's size and UTF-8 checks
        raise problems.fail(exc.message, exc.line, exc.column) from None
    except json.JSONDecodeError as exc:
        raise problems.fail(f"not valid JSON: {exc.msg}", exc.lineno, exc.colno) from None
    except ValueError as exc:  # a number of thousands of digits
        raise problems.fail(f"not valid JSON: {exc}") from None
    except RecursionError:
        raise problems.fail("not valid JSON: nested too deeply") from None
    if not isinstance(data, dict):
        raise problems.fail(f'the top level must be a JSON object with an "events" list, not {_kind(data)}')
    events = data.get("events")
    if events is None:
        raise problems.fail('events: missing (a TimelineJS file lists its slides in "events")')
    if not isinstance(events, list):
        raise problems.fail(f"events: must be a list, not {_kind(events)}")
    if not events:
        raise problems.fail("events: the list is empty; there is nothing to import")
    title_slide = _object(data, "title", None, problems)
    title_text = _object(title_slide, "text", None, problems, prefix="title.")
    title = html_to_line(_string(title_text, "headline", None, "title.text.headline", problems))
    description = html_to_plain(_string(title_text, "text", None, "title.text.text", problems)).text
    slides = [_read_slide(index, item, problems) for index, item in enumerate(events)]
    eras = data.get("eras") or []
    if not isinstance(eras, list):
        problems.add("eras", f"must be a list, not {_kind(eras)}")
        eras = []
    if problems.items:
        raise DatasetError(problems.items)
    return Timeline(
        title=title,
        title_text=description,
        eras=tuple(_era_line(era) for era in eras),
        slides=tuple(slides),
    )


def read_date(value: object, field: str) -> PartialDate | None:
    """A TimelineJS date object as a PartialDate, None when absent or blank; ValueError names the field."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValueError(f"{field}: must be an object with year, month and day, not {_kind(value)}")
    year, month, day = (_date_part(value.get(part), f"{field}.{part}") for part in _PARTS)
    if year is None:
        if month is not None or day is not None:
            raise ValueError(f"{field}.year: missing (a month or day is given)")
        return None
    if month is None and day is not None:
        raise ValueError(f"{field}.month: missing (a day is given)")
    try:
        return PartialDate(year, month, day)
    except ValueError as exc:
        raise ValueError(f"{field}: {exc}") from None


def _date_part(value: object, field: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"{field}: {json.dumps(value)} is not a number")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if _WHOLE_NUMBER.fullmatch(text):
            return int(text)
    if isinstance(value, (str, float)):
        raise ValueError(f"{field}: {value!r} is not a whole number")
    raise ValueError(f"{field}: must be a number or a string, not {_kind(value)}")


def _read_slide(index: int, item: object, problems: _Problems) -> Slide | None:
    raw_uid = item.get("unique_id") if isinstance(item, dict) else None
    uid_ok = raw_uid is None or (isinstance(raw_uid, (str, int)) and not isinstance(raw_uid, bool))
    uid = clean_text(str(raw_uid)).strip() if uid_ok and raw_uid is not None else ""
    label = f"events[{index}]" + (f" (unique_id {uid!r})" if uid else "")
    if not isinstance(item, dict):
        problems.add(label, f"must be a JSON object, not {_kind(item)}")
        return None
    before = len(problems.items)
    if not uid_ok:
        problems.add(label, f"unique_id: must be a string, not {_kind(raw_uid)}")
    text = _object(item, "text", label, problems)
    headline = html_to_line(_string(text, "headline", label, "text.headline", problems))
    body = html_to_plain(_string(text, "text", label, "text.text", problems))
    media = _object(item, "media", label, problems)
    media_text, extras = _media(media, label, problems)
    group = html_to_line(_string(item, "group", label, "group", problems))
    date, end = _dates(item, label, problems)
    title = headline or _first_sentence(body.text) or _first_sentence(media_text)
    if not title and len(problems.items) == before:
        problems.add(label, "text: empty (no headline, no text and no quoted media to import)")
    if len(problems.items) > before:
        return None
    links = [f"- {text or url}: {url}" for text, url in body.links]
    return Slide(
        index=index,
        label=label,
        unique_id=uid or None,
        title=title,
        body=body.text,
        media_text=media_text,
        extras=tuple([*extras, *(["Links:", *links] if links else [])]),
        date=date,
        end=end,
        group=group,
        display_dates=_display_dates(item),
    )


def _dates(item: dict, label: str, problems: _Problems) -> tuple[PartialDate | None, PartialDate | None]:
    date = end = None
    try:
        date = read_date(item.get("start_date"), "start_date")
        if date is None:
            field = "start_date" if item.get("start_date") is None else "start_date.year"
            problems.add(label, f"{field}: missing (an event needs at least a year)")
    except ValueError as exc:
        problems.add(label, str(exc))
    try:
        end = read_date(item.get("end_date"), "end_date")
    except ValueError as exc:
        problems.add(label, str(exc))
    if date and end and end.last_day() < date.first_day():
        problems.add(label, f"end_date: {end.iso()} is before start_date {date.iso()}")
    return date, end


def _media(media: dict, label: str, problems: _Problems) -> tuple[str, list[str]]:
    url = _string(media, "url", label, "media.url", problems).strip()
    extras: list[str] = []
    media_text = ""
    if url.startswith("<"):  # TimelineJS lets "url" hold an HTML quote (a <blockquote>)
        quoted = html_to_plain(url)
        media_text = quoted.text
        extras += [f"Media link: {u}" for _, u in quoted.links]
    elif url:
        extras.append(f"Media: {' '.join(clean_text(url).split())}")
    for field in ("caption", "credit"):
        plain = html_to_plain(_string(media, field, label, f"media.{field}", problems))
        if plain.text:
            extras.append(f"{field.capitalize()}: {' '.join(plain.text.split())}")
        extras += [f"{field.capitalize()} link: {u}" for _, u in plain.links]
    return media_text, extras


def _display_dates(item: dict) -> tuple[str, ...]:
    found = [item.get("display_date")]
    found += [item[key].get("display_date") for key in ("start_date", "end_date") if isinstance(item.get(key), dict)]
    shown = (html_to_line(value) for value in found if isinstance(value, str))
    return tuple(dict.fromkeys(text for text in shown if text))


def _era_line(era: object) -> str:
    era = era if isinstance(era, dict) else {}
    text = era.get("text") if isinstance(era.get("text"), dict) else {}
    headline = text.get("headline")
    headline = html_to_line(headline) if isinstance(headline, str) and headline.strip() else "(untitled era)"
    try:
        start, end = read_date(era.get("start_date"), "start_date"), read_date(era.get("end_date"), "end_date")
    except ValueError as exc:
        return f"{headline}: dates not readable ({exc})"
    if start is None:
        return f"{headline}: no start date"
    return f"{headline}: {date_label(start, end)}"


def _object(parent: dict, key: str, label: str | None, problems: _Problems, prefix: str = "") -> dict:
    value = parent.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        problems.add(label, f"{prefix}{key}: must be a JSON object, not {_kind(value)}")
        return {}
    return value


def _string(parent: dict, key: str, label: str | None, field: str, problems: _Problems) -> str:
    value = parent.get(key)
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    problems.add(label, f"{field}: must be a string, not {_kind(value)}")
    return ""


def _first_sentence(text: str) -> str:
    return clip(_SENTENCE_END.split(text.split("\n", 1)[0], 1)[0], TITLE_FALLBACK_LIMIT)


def clip(text: str, limit: int, *, ellipsis: bool = True) -> str:
    """The text cut at a word boundary to at most `limit` characters (ending in … unless told not to)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1 if ellipsis else limit].rstrip()
    if " " in cut:
        cut = cut[: cut.rfind(" ")].rstrip()
    return cut + ("…" if ellipsis else "")


def _kind(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "a string", int: "a number", float: "a number", bool: "true/false"}
    return "null" if value is None else names.get(type(value), type(value).__name__)
