"""A spreadsheet -> a dataset: the TimelineJS Google Sheets template, or a simple sheet of our own.

As with a TimelineJS JSON file (timeline.timelinejs.importer), the sheet's own text becomes the one
source: each row is written to `sources/<name>.txt`, and each event quotes its row's text
there, so the dataset validates. Every problem of every row is collected and reported as
`FILE:ROW:COLUMN: Column: message`; nothing is written unless the whole sheet converts.
docs/curation-import.md lists the columns and what becomes of each.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from timeline.curation.sheet_read import Sheet
from timeline.dates import PartialDate, parse_partial_date
from timeline.errors import DatasetError, Problem
from timeline.loading.frames import date_label
from timeline.timelinejs.htmltext import html_to_line, html_to_plain

TIMELINEJS_COLUMNS = (
    "Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time", "Display Date",
    "Headline", "Text", "Media", "Media Credit", "Media Caption", "Media Thumbnail", "Type", "Group", "Background",
)  # fmt: skip
SIMPLE_COLUMNS = ("date", "title", "actors", "themes", "source", "quote")
DROPPED_COLUMNS = ("Time", "End Time", "Media Thumbnail", "Background")


@dataclass
class Row:
    """One event of the sheet, whichever its format."""

    number: int
    title: str
    date: PartialDate
    end: PartialDate | None = None
    actors: list[str] = field(default_factory=list)  # names as the sheet gives them
    themes: list[str] = field(default_factory=list)
    body: str = ""  # what the event quotes
    lines: list[str] = field(default_factory=list)  # media, links, the named source: lines of the source text
    date_note: str | None = None


@dataclass
class Parsed:
    rows: list[Row] = field(default_factory=list)
    title: str = ""  # a TimelineJS title row's headline and text
    title_text: str = ""
    eras: list[str] = field(default_factory=list)
    dropped: set[str] = field(default_factory=set)


class _Problems:
    def __init__(self, sheet: Sheet):
        self.sheet = sheet
        self.items: list[Problem] = []

    def add(self, row: int, column: str | None, message: str) -> None:
        number = self.sheet.column(column) if column else None
        self.items.append(Problem(self.sheet.name, row, number, None, f"{column}: {message}" if column else message))


def sheet_format(sheet: Sheet) -> str:
    """'timelinejs' or 'simple', from the header; DatasetError naming the unknown columns otherwise."""
    lowered = {h.lower() for h in sheet.header}
    known = {c.lower() for c in TIMELINEJS_COLUMNS} if "headline" in lowered else set(SIMPLE_COLUMNS)
    kind = "timelinejs" if "headline" in lowered else "simple"
    problems = _Problems(sheet)
    if kind == "simple" and not {"date", "title"} <= lowered:
        problems.add(1, None, "the columns are neither TimelineJS's template (Year, Month, Day, Headline, ...) "
                              "nor date, title, actors, themes, source, quote")  # fmt: skip
    for name in sheet.header if not problems.items else ():
        if name.lower() not in known:
            problems.items.append(Problem(sheet.name, 1, sheet.header.index(name) + 1, None,
                                          f"{name or '(blank)'}: unknown column (a typo?)"))  # fmt: skip
    if len(lowered) < len(sheet.header):
        problems.add(1, None, "two columns have the same name")
    if problems.items:
        raise DatasetError(problems.items)
    return kind


def parse_sheet(sheet: Sheet) -> Parsed:
    """The sheet's rows as events (and title and eras); DatasetError listing every bad cell."""
    kind = sheet_format(sheet)
    problems, parsed = _Problems(sheet), Parsed()
    for number, cells in sheet.rows:
        cells = {name.lower(): value.strip() for name, value in cells.items()}
        if kind == "simple":
            row = _simple_row(number, cells, problems)
        else:
            row = _timelinejs_row(number, cells, problems, parsed)
        if row is not None:
            parsed.rows.append(row)
    if not problems.items and not parsed.rows:
        problems.add(1, None, "no events: every row is empty, a title or an era")
    if problems.items:
        raise DatasetError(problems.items)
    return parsed


def _simple_row(number: int, cells: dict, problems: _Problems) -> Row | None:
    before = len(problems.items)
    title = html_to_line(cells.get("title", ""))
    if not title:
        problems.add(number, "title", "missing")
    date = _iso_date(number, cells.get("date", ""), problems)
    if len(problems.items) > before:
        return None
    quote = cells.get("quote", "")
    named = cells.get("source", "")
    lines = [f"Source given in the sheet: {named}"] if named else []
    return Row(number, title, date, None, _names(cells.get("actors")), _names(cells.get("themes")), quote, lines)


def _iso_date(number: int, text: str, problems: _Problems) -> PartialDate | None:
    if not text:
        problems.add(number, "date", "missing (write 2024-07-04, 2024-07 or 2024)")
        return None
    try:
        return parse_partial_date(text)
    except ValueError as exc:
        problems.add(number, "date", str(exc))
        return None


def _timelinejs_row(number: int, cells: dict, problems: _Problems, parsed: Parsed) -> Row | None:
    kind = cells.get("type", "").lower()
    headline = html_to_line(cells.get("headline", ""))
    text = html_to_plain(cells.get("text", ""))
    if kind == "title":
        parsed.title, parsed.title_text = headline, text.text
        return None
    before = len(problems.items)
    date = _parts_date(number, cells, ("Year", "Month", "Day"), problems, required=True)
    end = _parts_date(number, cells, ("End Year", "End Month", "End Day"), problems, required=False)
    if date and end and end.last_day() < date.first_day():
        problems.add(number, "End Year", f"the end {end.iso()} is before the start {date.iso()}")
    if kind == "era":
        if date and len(problems.items) == before:
            parsed.eras.append(f"{headline or '(untitled era)'}: {date_label(date, end)}")
        return None
    if not headline:
        problems.add(number, "Headline", "missing (every event needs a headline)")
    parsed.dropped |= {c for c in DROPPED_COLUMNS if cells.get(c.lower())}
    if len(problems.items) > before:
        return None
    shown = html_to_line(cells.get("display date", ""))
    return Row(
        number,
        headline,
        date,
        end,
        actors=[g] if (g := html_to_line(cells.get("group", ""))) else [],
        body=text.text,
        lines=_media_lines(cells) + [f"Link: {url}" for _, url in text.links],
        date_note=f"The sheet shows the date as “{shown}”." if shown else None,
    )


def _parts_date(number: int, cells: dict, columns: tuple, problems: _Problems, *, required: bool):
    parts = []
    for column in columns:
        value = cells.get(column.lower(), "")
        if value and not value.lstrip("-").isdigit():
            problems.add(number, column, f"{value!r} is not a whole number")
            return None
        parts.append(int(value) if value else None)
    year, month, day = parts
    if year is None:
        if required or month is not None or day is not None:
            problems.add(number, columns[0], "missing (a date needs at least a year)")
        return None
    if month is None and day is not None:
        problems.add(number, columns[1], "missing (a day is given)")
        return None
    try:
        return PartialDate(year, month, day)
    except ValueError as exc:
        said = str(exc)
        column = columns[0] if said.startswith("year") else columns[1] if said.startswith("month") else columns[2]
        problems.add(number, column, said)
        return None


def _media_lines(cells: dict) -> list[str]:
    labels = (("media", "Media"), ("media caption", "Caption"), ("media credit", "Credit"))
    return [f"{label}: {' '.join(html_to_plain(cells[key]).text.split())}" for key, label in labels if cells.get(key)]


def _names(cell: str | None) -> list[str]:
    """Names separated by semicolons (or commas when there is no semicolon)."""
    if not cell:
        return []
    separator = ";" if ";" in cell else ","
    return list(dict.fromkeys(name.strip() for name in cell.split(separator) if name.strip()))
