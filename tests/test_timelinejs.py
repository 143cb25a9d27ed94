"""TimelineJS interop: HTML to text, dates, import, export, round trips, errors and the CLI."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import write_dataset
from timeline.__main__ import main
from timeline.errors import DatasetError
from timeline.loading.frames import build_frames
from timeline.loading.load import load_dataset
from timeline.loading.provenance import normalise_whitespace
from timeline.timelinejs.export import date_object, timelinejs_document, timelinejs_json
from timeline.timelinejs.htmltext import html_to_line, html_to_plain, html_to_text
from timeline.timelinejs.importer import import_timelinejs, slugify, write_imported
from timeline.timelinejs.read import read_date

FIXTURES = Path(__file__).parent / "fixtures" / "timelinejs"
ROOT = Path(__file__).parents[1]
TODAY = dt.date(2025, 1, 31)


def import_fixture(name: str, out_dir: Path, **options):
    """Import a fixture into out_dir/events.yaml; return the validated dataset."""
    path = FIXTURES / name
    imported = import_timelinejs(path.read_bytes(), str(path), imported_on=TODAY, **options)
    return write_imported(imported, out_dir / "events.yaml")


def problems_of(text: str) -> list[str]:
    with pytest.raises(DatasetError) as info:
        import_timelinejs(text.encode(), "x.json", imported_on=TODAY)
    return [str(p) for p in info.value.problems]


def one_event(**fields) -> str:
    event = {"start_date": {"year": "2020"}, "text": {"headline": "An event"}, **fields}
    return json.dumps({"events": [event]})


# --- HTML to plain text -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "text"),
    [
        # scripts and styles vanish with their content, even unclosed
        ("a <script>alert('x')</script>b", "a b"),
        ("<style>p { color: red }</style>shown", "shown"),
        ("before<script>never closed", "before"),
        ("<template><p>inert</p></template>shown", "shown"),
        # entities become characters; markup written as entities stays text
        ("A&amp;B &#8220;q&#8221; &mdash; x&nbsp;y", "A&B “q” — x y"),
        ("&lt;b&gt;not bold&lt;/b&gt;", "<b>not bold</b>"),
        # links keep their text, not their target
        ('see <a href="https://example.org/a">the report</a>.', "see the report."),
        ('<a href="javascript:alert(1)">click</a>', "click"),
        # blocks make paragraphs, <br> a line break, other white space one space
        ("<p>one</p><p>two<br>three</p>", "one\n\ntwo\nthree"),
        ("x<p>y</p>z", "x\n\ny\n\nz"),
        ("  lots \n of\t space  ", "lots of space"),
        ("<ul><li>a</li><li>b</li></ul>", "a\n\nb"),
        # malformed or odd input never raises
        ("a < b > c", "a < b > c"),
        ("</p></script>tail", "tail"),
        ("", ""),
        ("x\x00y\x1bz\ud800", "xyz"),
    ],
)
def test_html_to_text(html, text):
    assert html_to_text(html) == text


def test_html_links_keep_only_http_targets():
    plain = html_to_plain('<a href="https://a.org/x?y=1&amp;z=2">A</a> <a href="javascript:x()">B</a> <a>C</a>')
    assert plain.links == (("A", "https://a.org/x?y=1&z=2"),)


def test_html_to_line_joins_paragraphs():
    assert html_to_line("<p>a</p><p>b<br>c</p>") == "a b c"


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        # strings, numbers and blanks give the precision
        ({"year": "2012", "month": "1", "day": "3"}, "2012-01-03"),
        ({"year": 2012, "month": 1, "day": 3}, "2012-01-03"),
        ({"year": 2012.0, "month": " 08 ", "day": ""}, "2012-08"),
        ({"year": "1943", "month": "7", "day": ""}, "1943-07"),
        ({"year": "1951", "month": "", "day": ""}, "1951"),
        ({"year": "602"}, "0602"),
        ({"year": "0602", "month": "08", "day": "09"}, "0602-08-09"),
        ({"year": "2024", "month": "2", "day": "29", "hour": "14", "display_date": "x"}, "2024-02-29"),
        # blank or absent: no date
        ({"year": "", "month": "", "day": ""}, None),
        ({}, None),
        (None, None),
    ],
)
def test_read_date(value, iso):
    date = read_date(value, "start_date")
    assert (date.iso() if date else None) == iso


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"year": "2024", "month": "2", "day": "30"}, "start_date: 2024-02-30 does not exist (that month has 29 days)"),
        ({"year": "2023", "month": "2", "day": "29"}, "start_date: 2023-02-29 does not exist (that month has 28 days)"),
        ({"year": "2020", "month": "13"}, "start_date: month 13 does not exist"),
        ({"year": "0"}, "start_date: year 0 is out of range 1-9999"),
        ({"year": "-44"}, "start_date: year -44 is out of range 1-9999"),
        ({"year": 13_800_000_000}, "start_date: year 13800000000 is out of range 1-9999"),
        ({"year": "circa 1900"}, "start_date.year: 'circa 1900' is not a whole number"),
        ({"year": 2012.5}, "start_date.year: 2012.5 is not a whole number"),
        ({"year": "+2012"}, "start_date.year: '+2012' is not a whole number"),
        ({"year": "1" * 13}, "start_date.year: '1111111111111' is not a whole number"),
        ({"year": True}, "start_date.year: true is not a number"),
        ({"year": ["2012"]}, "start_date.year: must be a number or a string, not a list"),
        ({"year": "2020", "day": "5"}, "start_date.month: missing (a day is given)"),
        ({"month": "5"}, "start_date.year: missing (a month or day is given)"),
        ("2012-01-03", "start_date: must be an object with year, month and day, not a string"),
    ],
)
def test_read_date_errors(value, message):
    with pytest.raises(ValueError) as info:
        read_date(value, "start_date")
    assert str(info.value) == message


def test_date_object_keeps_precision():
    assert date_object("2024-07-04") == {"year": 2024, "month": 7, "day": 4}
    assert date_object("2024-07") == {"year": 2024, "month": 7}
    assert date_object("0602") == {"year": 602}


# --- import --------------------------------------------------------------------------------


def test_import_dates_and_groups(tmp_path):
    dataset = import_fixture("dates_and_groups.json", tmp_path)
    rows = [(e.id, e.date.iso(), e.end.iso() if e.end else None, e.actors) for e in dataset.events]
    assert rows == [
        ("iowa-caucus", "2012-01-03", None, ["primaries"]),  # unique_id slugified
        ("nevada", "2012-02-04", None, ["primaries"]),  # numbers, not strings
        ("eniac", "1943-07", "1946", ["unattributed"]),  # blank day; end with blank parts; group ""
        ("rozsa-peter-writes-recursion-1951", "1951", None, ["unattributed"]),  # all-blank end_date: no end
        ("last-great-roman-persian-war-602", "0602", "0629", ["empires"]),  # a three-digit year
        ("nevada-2", "1985-08", None, ["primaries"]),  # duplicate unique_id; 1985.0 and " 08 "
        ("karen-sparck-jones-introduces-inverse-document-frequency-1972", "1972", None, ["unattributed"]),
    ]
    assert [(a.id, a.name) for a in dataset.actors] == [
        ("primaries", "Primaries"),
        ("empires", "Empires"),
        ("unattributed", "Unattributed"),
    ]
    assert {e.date_basis.value for e in dataset.events} == {"stated"}
    assert {ev.source for e in dataset.events for ev in e.evidence} == {"dates-and-groups"}
    by_id = {e.id: e for e in dataset.events}
    assert by_id["nevada-2"].date_note == "TimelineJS shows the date as “Mid-1985”."
    assert by_id["karen-sparck-jones-introduces-inverse-document-frequency-1972"].title == (
        "Karen Spärck Jones introduces inverse document frequency."
    )
    source = dataset.sources[0]
    assert (source.title, source.file, source.published.iso()) == (
        "Dates & groups",
        "sources/dates-and-groups.txt",
        "2025-01-31",
    )
    assert "Partial dates, ranges, groups and ids." in source.note
    assert (tmp_path / "sources" / "dates-and-groups.txt").is_file()


def test_import_groups_as_themes(tmp_path):
    dataset = import_fixture("dates_and_groups.json", tmp_path, group_as="theme", event_type="meeting")
    assert [(t.id, t.label) for t in dataset.themes] == [("primaries", "Primaries"), ("empires", "Empires")]
    assert [a.id for a in dataset.actors] == ["unattributed"]
    assert [e.themes for e in dataset.events][:3] == [["primaries"], ["primaries"], []]
    assert {e.type for e in dataset.events} == {"meeting"}


def test_import_eras_are_kept_as_text_not_events(tmp_path):
    dataset = import_fixture("eras.json", tmp_path)
    assert [e.title for e in dataset.events] == [
        "Grand Canal completed",
        "Migration to Medina",
        "Death of Muhammad",
        "Carthage taken",
    ]
    assert [(e.date.iso(), e.end.iso() if e.end else None) for e in dataset.events] == [
        ("0604", "0609"),
        ("0622-08-09", "0622-08-23"),
        ("0632-06-08", None),
        ("0698", None),
    ]
    text = dataset.texts["eras"]
    assert text.endswith(
        "Eras (background bands in TimelineJS; not imported as events):\n"
        "- Era 650-700: 650 – 700\n- Era 600-650: 600 – 650\n- (untitled era): 700 – 720\n"
    )
    assert "3 era(s) were not imported as events" in dataset.sources[0].note
    # An event with neither text nor quoted media quotes its headline.
    assert dataset.events[2].evidence[0].quote == "Death of Muhammad"


def test_import_html_becomes_safe_plain_text(tmp_path):
    dataset = import_fixture("html.json", tmp_path)
    first, second = dataset.events
    assert first.title == "Bletchley & after"
    assert first.summary == "Leaders meet at Bletchley Park."
    assert first.evidence[0].quote == (
        "Leaders meet at Bletchley Park.\n\nThey sign a “declaration” — see this; <b>not bold</b>.\nSecond line."
    )
    assert [a.name for a in dataset.actors] == ["AT&T", "Delegates"]
    # Text with only a quote in its media: the quote is the evidence.
    assert (second.summary, second.evidence[0].quote) == ("Words only, no text.", "Words only, no text.")
    written = (tmp_path / "events.yaml").read_text() + (tmp_path / "sources" / "html.txt").read_text()
    for residue in ("alert", "color: red", "<script", "<em>", "<p", "&amp;", "&nbsp;", "javascript:"):
        assert residue not in written
    # Link targets and media are kept as text in the source file, only for http(s).
    assert "- Bletchley Park: https://example.org/bletchley" in dataset.texts["html"]
    assert "Caption link: https://example.org/photo" in dataset.texts["html"]


def test_import_notes_say_what_was_decided():
    path = FIXTURES / "dates_and_groups.json"
    notes = import_timelinejs(path.read_bytes(), str(path), imported_on=TODAY).notes
    assert notes == (
        "every event has type 'statement' (TimelineJS has no event types): review them",
        "events[0]: unique_id 'Iowa Caucus!' became id 'iowa-caucus'",
        "events[5]: unique_id 'nevada' became id 'nevada-2'",
        "3 event(s) have the placeholder actor 'unattributed': replace it with real actors",
    )


def test_ids_are_unique_across_sections(tmp_path):
    # The file is "unattributed.json", a group is "Unattributed" and an event's unique_id is too.
    raw = one_event(group="Unattributed", unique_id="unattributed").replace('"events"', '"scale": "human", "events"')
    (tmp_path / "in").mkdir()
    imported = import_timelinejs(raw.encode(), "in/unattributed.json", imported_on=TODAY)
    dataset = write_imported(imported, tmp_path / "events.yaml")
    assert dataset.sources[0].id == "unattributed"
    assert dataset.actors[0].id == "unattributed-2"
    assert dataset.events[0].id == "unattributed-3"


@pytest.mark.parametrize(
    ("text", "slug"),
    [("Iowa Caucus!", "iowa-caucus"), ("Rózsa Péter", "rozsa-peter"), ("  --  ", ""), ("中文", ""), ("a_b.c", "a-b-c")],
)
def test_slugify(text, slug):
    assert slugify(text) == slug


def test_long_texts_are_clipped_but_quotes_stay_verbatim(tmp_path):
    body = " ".join(["word"] * 6_000)  # 29,999 characters: over the schema's 20,000
    imported = import_timelinejs(
        one_event(text={"headline": "Long", "text": body}).encode(), "x.json", imported_on=TODAY
    )
    event = write_imported(imported, tmp_path / "events.yaml").events[0]
    assert len(event.summary) <= 1_000 and event.summary.endswith("…")
    assert len(event.evidence[0].quote) <= 20_000 and body.startswith(event.evidence[0].quote)


# --- import errors -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the file as a whole
        ("", ["x.json:1:1: not valid JSON: Expecting value"]),
        ('{"events": [}', ["x.json:1:13: not valid JSON: Expecting value"]),
        ("[]", ['x.json: the top level must be a JSON object with an "events" list, not a list']),
        ('"events"', ['x.json: the top level must be a JSON object with an "events" list, not a string']),
        ("{}", ['x.json: events: missing (a TimelineJS file lists its slides in "events")']),
        ('{"events": {}}', ["x.json: events: must be a list, not an object"]),
        ('{"events": []}', ["x.json: events: the list is empty; there is nothing to import"]),
        (
            '{"title": ["t"], "eras": 3, "events": [{"start_date": {"year": 1}, "text": {"headline": "h"}}]}',
            ["x.json: title: must be a JSON object, not a list", "x.json: eras: must be a list, not a number"],
        ),
        # dates
        (
            json.dumps({"events": [{"text": {"headline": "a"}, "unique_id": "a"}]}),
            ["x.json: events[0] (unique_id 'a'): start_date: missing (an event needs at least a year)"],
        ),
        (
            one_event(start_date={"year": "", "month": "", "day": ""}),
            ["x.json: events[0]: start_date.year: missing (an event needs at least a year)"],
        ),
        (
            one_event(start_date={"year": "2024", "month": "02", "day": "30"}),
            ["x.json: events[0]: start_date: 2024-02-30 does not exist (that month has 29 days)"],
        ),
        (
            one_event(end_date={"year": 2019}),
            ["x.json: events[0]: end_date: 2019 is before start_date 2020"],
        ),
        (
            one_event(end_date={"month": "3"}),
            ["x.json: events[0]: end_date.year: missing (a month or day is given)"],
        ),
        # other fields
        ('{"events": [7]}', ["x.json: events[0]: must be a JSON object, not a number"]),
        (one_event(text="plain"), ["x.json: events[0]: text: must be a JSON object, not a string"]),
        (
            one_event(text={"headline": {"b": 1}}),
            ["x.json: events[0]: text.headline: must be a string, not an object"],
        ),
        (one_event(group=["a"]), ["x.json: events[0]: group: must be a string, not a list"]),
        (one_event(unique_id=["a"]), ["x.json: events[0]: unique_id: must be a string, not a list"]),
        (one_event(media="https://x.org"), ["x.json: events[0]: media: must be a JSON object, not a string"]),
        (
            one_event(text={"headline": " ", "text": "<script>x()</script>"}),
            ["x.json: events[0]: text: empty (no headline, no text and no quoted media to import)"],
        ),
    ],
)
def test_import_errors(text, expected):
    assert problems_of(text) == expected


def test_import_error_fixtures_collect_every_problem():
    path = FIXTURES / "bad_events.json"
    with pytest.raises(DatasetError) as info:
        import_timelinejs(path.read_bytes(), "bad_events.json", imported_on=TODAY)
    assert [str(p) for p in info.value.problems] == [
        "bad_events.json: events[0]: start_date: missing (an event needs at least a year)",
        "bad_events.json: events[1] (unique_id 'feb-30'): start_date: 2024-02-30 does not exist (that month has 29 days)",
        "bad_events.json: events[2]: start_date.year: 'circa 1900' is not a whole number",
        "bad_events.json: events[3]: start_date.month: missing (a day is given)",
        "bad_events.json: events[4]: end_date: 2019 is before start_date 2020",
        "bad_events.json: events[5]: must be a JSON object, not a string",
        "bad_events.json: events[6]: text: empty (no headline, no text and no quoted media to import)",
    ]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("not_json.json", "not_json.json:1:47: not valid JSON: Expecting property name enclosed in double quotes"),
        (
            "top_level_list.json",
            'top_level_list.json: the top level must be a JSON object with an "events" list, not a list',
        ),
    ],
)
def test_import_error_fixture_files(name, message):
    with pytest.raises(DatasetError) as info:
        import_timelinejs((FIXTURES / name).read_bytes(), name, imported_on=TODAY)
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b'{"events": [{"start_date": {"year": 1' + b"0" * 5000 + b"}}]}", "x.json: not valid JSON: Exceeds the limit"),
        (b"[" * 100_000 + b"]" * 100_000, "x.json: not valid JSON: nested too deeply"),
    ],
)
def test_import_survives_hostile_json(raw, message):
    with pytest.raises(DatasetError) as info:
        import_timelinejs(raw, "x.json", imported_on=TODAY)
    assert str(info.value).startswith(message)


def test_import_refuses_non_utf8():
    # The message is decode_text's, shared with the YAML loader; only its place and start are ours to check.
    with pytest.raises(DatasetError, match=r"^x\.json:1(:\d+)?: not UTF-8 text"):
        import_timelinejs(b'{"events": ["\xff"]}', "x.json", imported_on=TODAY)


# --- export --------------------------------------------------------------------------------


def test_export_escapes_data_and_keeps_precision(tmp_path):
    hostile = "<script>alert(1)</script> & “quotes”"
    yaml_text = (
        Path(write_dataset(tmp_path))
        .read_text()
        .replace("title: Li proposes an organisation", f"title: '{hostile}'")
        .replace("{id: china, name: China, kind: state}", "{id: china, name: '<b>China</b>', kind: state}")
        .replace("url: https://example.org/wire", "url: http://example.org/wire?a=1&b=2")
    )
    path = write_dataset(tmp_path, yaml_text)
    frames = build_frames(load_dataset(path))
    document = timelinejs_document(frames, group_by="actor")
    slides = {slide["unique_id"]: slide for slide in document["events"]}
    li = slides["li-proposes"]
    assert li["text"]["headline"] == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; “quotes”"
    assert "<script" not in json.dumps(document)
    assert slides["conference-2025"]["group"] == "&lt;b&gt;China&lt;/b&gt;"
    # Precision: no month or day that the data does not know.
    assert slides["conference-2025"]["start_date"] == {"year": 2025, "month": 7}
    assert slides["conference-2025"]["end_date"] == {"year": 2025, "month": 8}
    assert slides["forum-2024"]["start_date"] == {"year": 2024}
    assert "end_date" not in slides["forum-2024"]
    text = li["text"]["text"]
    assert text.startswith("<p>Li Qiang proposes a global AI cooperation organisation.</p>")
    assert '<a href="http://example.org/wire?a=1&amp;b=2" rel="noreferrer">' in text
    assert "<blockquote>“China said on Saturday it wanted to create an organisation”</blockquote>" in text


def test_export_carries_date_notes_and_disputes(good_path):
    frames = build_frames(load_dataset(good_path))
    slides = {s["unique_id"]: s for s in timelinejs_document(frames)["events"]}
    text = slides["us-plan"]["text"]["text"]
    assert "<p><em>Date (inferred)</em>: &#x27;on Wednesday&#x27; in a report dated Saturday 26 July 2025</p>" in text
    assert "<strong>Disputed date:</strong> Which day the plan came out" in text
    assert (
        '<li>2025-07-23: public record: <a href="https://example.org/plan" rel="noreferrer">The White House, 23 July 2025</a></li>'
        in text
    )
    assert "<strong>Decision:</strong> Both agree; recorded as 23 July 2025." in text
    assert "Date (" not in slides["li-proposes"]["text"]["text"]  # stated, without a note


def test_export_groups_by_actor_or_theme_and_subset(good_path):
    frames = build_frames(load_dataset(good_path))
    by_actor = timelinejs_document(frames)["events"]
    assert [s.get("group") for s in by_actor] == ["Li Qiang", "United States", "China", "A forum reader"]
    by_theme = timelinejs_document(frames, group_by="theme")["events"]
    assert [s.get("group") for s in by_theme] == ["International cooperation", None, "International cooperation", None]
    subset = frames.events[frames.events["id"].isin(["forum-2024", "us-plan"])]
    assert [s["unique_id"] for s in timelinejs_document(frames, subset)["events"]] == ["us-plan", "forum-2024"]
    document = json.loads(timelinejs_json(frames, title="A & B"))
    assert document["title"] == {"text": {"headline": "A &amp; B", "text": ""}}


# --- round trips ---------------------------------------------------------------------------


def _known_parts(date: dict | None) -> dict | None:
    """A TimelineJS date as the export writes it: whole numbers, blank parts left out."""
    known = {k: v for k, v in (date or {}).items() if k in ("year", "month", "day") and str(v).strip()}
    return {k: int(float(str(v))) for k, v in known.items()} or None


@pytest.mark.parametrize("name", ["dates_and_groups.json", "eras.json", "html.json"])
def test_round_trip_timelinejs_to_ours_and_back(name, tmp_path):
    original = json.loads((FIXTURES / name).read_text())["events"]
    dataset = import_fixture(name, tmp_path)
    back = timelinejs_document(build_frames(dataset))["events"]
    assert len(back) == len(original)
    for before, after in zip(original, back, strict=True):
        headline = html_to_line(before["text"].get("headline", ""))
        if headline:
            assert html_to_line(after["text"]["headline"]) == headline
        assert after["start_date"] == _known_parts(before["start_date"])
        assert after.get("end_date") == _known_parts(before.get("end_date"))
        assert html_to_line(after["group"]) == (html_to_line(before.get("group") or "") or "Unattributed")
        body = normalise_whitespace(html_to_text(before["text"].get("text", "")))
        assert body in normalise_whitespace(html_to_text(after["text"]["text"]))
    assert [s["unique_id"] for s in back] == [e.id for e in dataset.events]


@pytest.mark.parametrize(("group_by", "group_as"), [("actor", "actor"), ("theme", "theme")])
def test_round_trip_ours_to_timelinejs_and_back(group_by, group_as, good_path, tmp_path):
    source = load_dataset(good_path)
    frames = build_frames(source)
    exported = tmp_path / "out" / "export.json"
    exported.parent.mkdir()
    exported.write_text(timelinejs_json(frames, group_by=group_by), encoding="utf-8")
    imported = import_timelinejs(exported.read_bytes(), str(exported), imported_on=TODAY, group_as=group_as)
    again = write_imported(imported, tmp_path / "again" / "events.yaml")
    pairs = list(zip(source.events, again.events, strict=True))
    for before, after in pairs:
        assert (after.id, after.title, after.summary) == (before.id, before.title, before.summary)
        assert (after.date, after.end) == (before.date, before.end)
        for evidence in before.evidence:
            assert normalise_whitespace(evidence.quote) in normalise_whitespace(after.evidence[0].quote)
    names = {a.id: a.name for a in source.actors}
    labels = {t.id: t.label for t in source.themes}
    if group_as == "actor":
        new_names = {a.id: a.name for a in again.actors}
        assert [new_names[a.actors[0]] for _, a in pairs] == [names[b.actors[0]] for b, _ in pairs]
    else:
        new_labels = {t.id: t.label for t in again.themes}
        assert [[new_labels[t] for t in a.themes] for _, a in pairs] == [
            [labels[t] for t in b.themes[:1]] for b, _ in pairs
        ]


# --- CLI -----------------------------------------------------------------------------------


def test_cli_import_writes_a_dataset_that_validates(tmp_path, capsys):
    out = tmp_path / "imported" / "events.yaml"
    assert main(["import-timelinejs", str(FIXTURES / "eras.json"), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert "4 events, 1 actors, 0 themes" in captured.out and "the dataset validates" in captured.out
    assert "note: 3 era(s) not imported as events; they are listed at the end of sources/eras.txt" in captured.err
    assert (out.parent / "sources" / "eras.txt").is_file()
    assert main(["validate", str(out)]) == 0
    # A second run would overwrite: refused unless --force.
    assert main(["import-timelinejs", str(FIXTURES / "eras.json"), "-o", str(out)]) == 1
    assert f"{out}: already exists (--force replaces it)" in capsys.readouterr().err
    assert main(["import-timelinejs", str(FIXTURES / "eras.json"), "-o", str(out), "--force"]) == 0


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("not_json.json", "not_json.json:1:47: not valid JSON: Expecting property name enclosed in double quotes"),
        ("bad_events.json", "bad_events.json: events[3]: start_date.month: missing (a day is given)"),
        ("missing.json", "missing.json: cannot read file: No such file or directory"),
    ],
)
def test_cli_import_errors_exit_1_and_write_nothing(name, error, tmp_path, capsys):
    out = tmp_path / "events.yaml"
    assert main(["import-timelinejs", str(FIXTURES / name), "-o", str(out)]) == 1
    assert f"{FIXTURES / name}{error.removeprefix(name)}" in capsys.readouterr().err.splitlines()
    assert list(tmp_path.iterdir()) == []


def test_cli_export(good_path, tmp_path, capsys):
    assert main(["export-timelinejs", str(good_path)]) == 0
    assert len(json.loads(capsys.readouterr().out)["events"]) == 4
    out = tmp_path / "tl.json"
    assert main(["export-timelinejs", str(good_path), "-o", str(out), "--group-by", "theme", "--title", "T"]) == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    assert (
        document["title"]["text"]["headline"] == "T" and document["events"][0]["group"] == "International cooperation"
    )
    assert main(["export-timelinejs", str(tmp_path / "nowhere.yaml")]) == 1
    assert "cannot read file" in capsys.readouterr().err


def test_cli_never_shows_a_traceback(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "timeline", "import-timelinejs", str(FIXTURES / "top_level_list.json"), "-o",
         str(tmp_path / "x.yaml")],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.strip().endswith('the top level must be a JSON object with an "events" list, not a list')
    assert "Traceback" not in result.stderr


# --- any input: a DatasetError, or a dataset that validates ----------------------------------

# Good events, written every way TimelineJS allows; and noisy ones, where any field may be junk.
_year = st.one_of(st.integers(1, 9999), st.integers(1, 9999).map(str), st.integers(1, 999).map(lambda y: f" {y} "))
_month = st.one_of(st.integers(1, 12), st.integers(1, 12).map(str), st.integers(1, 12).map(lambda m: f"{m:02d}"))
_day = st.one_of(st.integers(1, 28), st.integers(1, 28).map(str))
_date = st.one_of(
    st.builds(lambda y: {"year": y, "month": "", "day": ""}, _year),
    st.builds(lambda y, m: {"year": y, "month": m}, _year, _month),
    st.builds(lambda y, m, d: {"year": y, "month": m, "day": d}, _year, _month, _day),
)
_junk = st.one_of(st.none(), st.just(""), st.integers(-5, 10_050), st.floats(), st.text("0123456789 -+.x", max_size=5))
_snippet = st.sampled_from([*"ab <>/&;#\"'=\n\t\x00é“\ud800", "<p>", "<script>", "</script>", "&amp;", "<br>"])
_html = st.lists(_snippet, max_size=12).map("".join)
_extras = {
    "group": st.one_of(_html, st.integers()),
    "unique_id": st.one_of(_html, st.integers()),
    "media": st.fixed_dictionaries({"url": _html, "caption": _html}),
}
_good_event = st.fixed_dictionaries(
    {"start_date": _date, "text": st.fixed_dictionaries({"headline": _html.map(lambda h: h + " x"), "text": _html})},
    optional=_extras,
)
_noisy_event = st.fixed_dictionaries(
    {"start_date": st.one_of(_date, st.fixed_dictionaries({"year": _junk, "month": _junk, "day": _junk}))},
    optional={
        **_extras,
        "end_date": st.one_of(_date, st.fixed_dictionaries({"year": _junk, "month": _junk})),
        "text": st.fixed_dictionaries({}, optional={"headline": _html, "text": _html}),
        "unique_id": st.one_of(_html, st.lists(st.integers(), max_size=1)),
    },
)
_events = st.one_of(st.lists(_good_event, min_size=1, max_size=4), st.lists(_noisy_event, max_size=4))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_events, st.sampled_from(["actor", "theme"]))
def test_any_timelinejs_input_fails_cleanly_or_validates(events, group_as):
    raw = json.dumps({"events": events}).encode()
    try:
        imported = import_timelinejs(raw, "fuzz.json", imported_on=TODAY, group_as=group_as)
    except DatasetError as exc:
        assert exc.problems and all(str(p).startswith("fuzz.json") for p in exc.problems)
        return
    with tempfile.TemporaryDirectory() as folder:
        dataset = write_imported(imported, Path(folder) / "events.yaml")  # raises if it does not validate
    assert len(dataset.events) == len(events)
