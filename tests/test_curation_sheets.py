"""`python -m timeline import-sheet`: the TimelineJS template or a simple sheet, as CSV or XLSX, to a dataset."""

import csv
import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from timeline.__main__ import main
from timeline.curation.sheet_dataset import import_sheet
from timeline.loading.load import load_dataset
from timeline.timelinejs.importer import write_imported

FIXTURES = Path(__file__).parent / "fixtures" / "curation"
TEMPLATE = FIXTURES / "timelinejs-template.csv"
SIMPLE = FIXTURES / "simple-sheet.csv"
TODAY = dt.date(2026, 12, 3)


def imported(tmp_path: Path, sheet: Path):
    return write_imported(import_sheet(sheet, imported_on=TODAY), tmp_path / "out" / "events.yaml")


def as_xlsx(csv_path: Path, out: Path, *, typed: bool = True) -> Path:
    """The CSV as a workbook, whole numbers typed as numbers and ISO days as date cells, as Excel keeps them."""
    book = Workbook()
    sheet = book.active
    with csv_path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle):
            sheet.append([_typed(cell) if typed else cell for cell in row])
    book.save(out)
    return out


def _typed(cell: str):
    if cell.isdigit():
        return int(cell)
    try:
        return dt.date.fromisoformat(cell)
    except ValueError:
        return cell


def test_the_timelinejs_template_becomes_a_dataset_that_validates(tmp_path):
    dataset = imported(tmp_path, TEMPLATE)
    events = {e.title: e for e in dataset.events}
    assert len(events) == 4  # the title row and the era row are not events
    waic = events["2024 World AI Conference and High-Level Meeting on Global AI Governance, Shanghai"]
    assert (waic.date.iso(), waic.end.iso(), waic.actors) == ("2024-07-04", "2024-07-06", ["waic"])
    assert waic.evidence[0].quote.startswith("The four-day 2024 World Artificial Intelligence Conference")
    assert waic.evidence[0].note == "row 4 of timelinejs-template.csv"
    guidelines = events["China's ethical guidelines for AI (document not named in the source)"]
    assert (guidelines.date.iso(), guidelines.date.precision) == ("2021", "year")
    plan = events["Trump administration releases America's AI Action Plan"]
    assert plan.actors == ["unattributed"] and plan.date_note == "The sheet shows the date as “on Wednesday”."
    source = dataset.sources[0]
    assert source.title == "Global AI governance, 2018–2025"
    text = dataset.texts[source.id]
    assert "Caption: The Frontier Post editorial" in text
    assert "- Years in which the bundled sources were published: 2023 – 2025" in text
    assert "<p>" not in text  # the HTML of Text cells is read as text


def test_the_template_as_xlsx_gives_the_same_events_as_the_csv(tmp_path):
    from_csv = imported(tmp_path / "a", TEMPLATE)
    from_xlsx = imported(tmp_path / "b", as_xlsx(TEMPLATE, tmp_path / "timelinejs-template.xlsx"))

    def facts(dataset):
        return [(e.id, e.title, e.date, e.end, e.actors, e.date_note, e.evidence[0].quote) for e in dataset.events]

    assert facts(from_xlsx) == facts(from_csv)
    assert from_xlsx.events[0].evidence[0].note == "row 3 of timelinejs-template.xlsx"


def test_the_simple_sheet_names_actors_and_themes_and_quotes_its_quote_column(tmp_path):
    dataset = imported(tmp_path, as_xlsx(SIMPLE, tmp_path / "simple-sheet.xlsx"))
    event = dataset.events[2]
    assert (event.title, event.date.iso()) == ("China proposes a global AI cooperation organisation", "2025-07-26")
    assert event.actors == ["people-s-republic-of-china", "li-qiang"]
    assert event.themes == ["new-international-organisation", "international-cooperation"]
    assert event.evidence[0].quote.startswith("SHANGHAI, July 26 (Reuters) - China said on Saturday")
    names = {a.id: a.name for a in dataset.actors}
    assert names["people-s-republic-of-china"] == "People's Republic of China"
    assert (
        "Source given in the sheet: Reuters: China proposes new global AI cooperation organisation"
        in dataset.texts["simple-sheet"]
    )


HEADER = "Year,Month,Day,Headline,Text,Group,End Year\n"


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # dates: not a number, a day that does not exist, a day without a month, no year
        ("circa,,,A,,,\n", ["2:1: Year: 'circa' is not a whole number"]),
        ("2024,2,30,A,,,\n", ["2:3: Day: 2024-02-30 does not exist (that month has 29 days)"]),
        ("2024,,5,A,,,\n", ["2:2: Month: missing (a day is given)"]),
        (",,,A,,,\n", ["2:1: Year: missing (a date needs at least a year)"]),
        ("2024,,,A,,,2020\n", ["2:7: End Year: the end 2020 is before the start 2024"]),
        # a missing headline
        ("2024,,,,some text,,\n", ["2:4: Headline: missing (every event needs a headline)"]),
        # every problem of every row at once, blank rows skipped but counted
        (
            "x,,,A,,,\n,,,,,,\n2024,13,,,,,\n",
            [
                "2:1: Year: 'x' is not a whole number",
                "4:2: Month: month 13 does not exist",
                "4:4: Headline: missing (every event needs a headline)",
            ],
        ),
    ],
)
def test_bad_rows_are_reported_as_file_row_column_all_at_once_and_nothing_is_written(tmp_path, capsys, rows, expected):
    sheet = tmp_path / "bad.csv"
    sheet.write_text(HEADER + rows, encoding="utf-8")
    assert main(["import-sheet", str(sheet), "-o", str(tmp_path / "out" / "events.yaml")]) == 1
    assert capsys.readouterr().err.strip().splitlines() == [f"{sheet}:{line}" for line in expected]
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("typo.csv", "Year,Headlines,Headline\n2024,x,y\n", "typo.csv:1:2: Headlines: unknown column (a typo?)"),
        ("neither.csv", "when,what\n2024,x\n", "neither.csv:1: the columns are neither TimelineJS's template"),
        ("simple.csv", "date,title\nJuly 2024,x\n", "simple.csv:2:1: date: 'July 2024' is not a date"),
        ("simple2.csv", "date,title\n2024,\n", "simple2.csv:2:2: title: missing"),
        ("only-title.csv", "Year,Headline,Type\n,T,title\n", "only-title.csv:1: no events"),
        ("sheet.ods", "x", "sheet.ods: unknown file type '.ods'"),
        ("broken.xlsx", "not a zip", "broken.xlsx: not a readable .xlsx workbook"),
    ],
)
def test_a_sheet_that_cannot_be_read_is_refused_in_one_line(tmp_path, capsys, name, content, expected):
    sheet = tmp_path / name
    sheet.write_text(content, encoding="utf-8")
    assert main(["import-sheet", str(sheet), "-o", str(tmp_path / "out.yaml")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(
        str(tmp_path / expected.split(":")[0]) + expected[len(expected.split(":")[0]) :]
    )
    assert not (tmp_path / "out.yaml").exists()


def test_an_existing_output_is_kept_unless_forced(tmp_path, capsys):
    out = tmp_path / "events.yaml"
    out.write_text("# mine\n", encoding="utf-8")
    assert main(["import-sheet", str(SIMPLE), "-o", str(out)]) == 1
    assert "already exists (--force replaces it)" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "# mine\n"
    assert main(["import-sheet", str(SIMPLE), "-o", str(out), "--force"]) == 0
    assert len(load_dataset(out).events) == 3
