"""A spreadsheet (.csv or .xlsx) -> its header and rows of text, each cell knowing its row and column.

CSV is read as UTF-8 (a byte-order mark is allowed; Excel writes one). For .xlsx, openpyxl
reads the first worksheet's values (not formulas): a whole number typed into a cell comes back
as 2012 or 2012.0 and is written "2012"; a date cell is written as its day, "2012-01-03".
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from timeline.curation.files import one_problem, read_input
from timeline.loading.yamlsrc import YamlProblem, decode_text

MAX_ROWS = 50_000
SHEET_SUFFIXES = (".csv", ".xlsx")


@dataclass(frozen=True)
class Sheet:
    """The header (stripped) and the non-blank rows: (row number in the file, the cells by column name)."""

    name: str
    header: tuple[str, ...]
    rows: tuple[tuple[int, dict[str, str]], ...]

    def column(self, name: str) -> int:
        """The 1-based column number of `name` (as the header spells it, case aside)."""
        lowered = [h.lower() for h in self.header]
        return lowered.index(name.lower()) + 1


def read_sheet(path: str | Path) -> Sheet:
    """Read a .csv or .xlsx file; raise a one-line DatasetError when it cannot be read."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SHEET_SUFFIXES:
        raise one_problem(path, f"unknown file type {suffix or '(none)'!r}: import-sheet reads .csv and .xlsx")
    raw = read_input(path)
    table = _csv_table(raw, path) if suffix == ".csv" else _xlsx_table(raw, path)
    return _sheet(str(path), table)


def _csv_table(raw: bytes, path: Path) -> list[list[str]]:
    try:
        text = decode_text(raw)
        return list(csv.reader(io.StringIO(text, newline="")))
    except YamlProblem as exc:
        raise one_problem(path, exc.message, exc.line) from None
    except csv.Error as exc:
        raise one_problem(path, f"not a readable CSV file: {exc}") from None


def _xlsx_table(raw: bytes, path: Path) -> list[list[str]]:
    from openpyxl import load_workbook  # imported here: only import-sheet needs it

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 openpyxl fails in many ways on a file that is not a workbook
        raise one_problem(path, f"not a readable .xlsx workbook ({type(exc).__name__})") from None
    try:
        sheet = book.worksheets[0]
        return [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _sheet(name: str, table: list[list[str]]) -> Sheet:
    if not table or not any(cell.strip() for cell in table[0]):
        raise one_problem(name, "the first row must name the columns; it is empty", 1)
    header = tuple(cell.strip() for cell in table[0])
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(rows) == MAX_ROWS:
            raise one_problem(name, f"more than {MAX_ROWS:,} rows", number)
        rows.append((number, {column: (cells[i] if i < len(cells) else "") for i, column in enumerate(header)}))
    return Sheet(name, header, tuple(rows))
