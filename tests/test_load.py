"""The loader on good and bad inputs: exact messages, with file, line and column."""

from __future__ import annotations

import re

import pytest

from tests.conftest import GOOD_YAML, SOURCE_TEXT, write_dataset
from timeline.dates import Precision
from timeline.errors import DatasetError
from timeline.loading.load import load_dataset


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the n-th line containing `needle` (so tests do not hard-code numbers)."""
    hits = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    return hits[occurrence - 1]


def problems_of(tmp_path, yaml_text: str, sources=None) -> list[str]:
    path = write_dataset(tmp_path, yaml_text, sources)
    with pytest.raises(DatasetError) as info:
        load_dataset(path)
    prefix = str(path) + ":"
    return [str(p).removeprefix(prefix) for p in info.value.problems]


def test_good_dataset_loads_with_precisions(good_path):
    dataset = load_dataset(good_path)
    precisions = {e.id: e.date.precision for e in dataset.events}
    assert precisions == {
        "li-proposes": Precision.DAY,
        "us-plan": Precision.DAY,
        "conference-2025": Precision.MONTH,
        "forum-2024": Precision.YEAR,
    }
    assert [s.id for s in dataset.sources] == ["wire", "forum"]
    # a source with `lines` is only those lines of its file
    assert dataset.texts["forum"] == SOURCE_TEXT.splitlines(keepends=True)[3]


# (text to replace, its replacement, where the problem points, the expected message)
# fmt: off
BAD_CASES = [
    # unknown and missing fields
    ("    kind: news\n", "    kind: news\n    publsher: typo\n", "typo", "source 'wire': publsher: unknown field (a typo?)"),
    ("    title: Li proposes an organisation\n", "", "- id: li-proposes", "event 'li-proposes': title: required field is missing"),
    # mistyped values
    ("    type: proposal\n", "    type: speach\n", "speach", "event 'li-proposes': type: Input should be 'conference'"),
    ("    actors: [li-qiang, china]\n", "    actors: li-qiang\n", "actors: li-qiang|li-qiang", "event 'li-proposes': actors: Input should be a valid list"),
    # a short title is a chart label: at most 40 characters
    ("    title: Li proposes an organisation\n", "    title: Li proposes an organisation\n    short_title: " + "x" * 41 + "\n", "short_title|xxx", "event 'li-proposes': short_title: String should have at most 40 characters"),
    # impossible dates and ranges
    ("    date: 2025-07-26\n", "    date: 2025-02-30\n", "2025-02-30", "event 'li-proposes': date: 2025-02-30 does not exist (that month has 28 days)"),
    ('    end: "2025-08"\n', '    end: "2025-06"\n', "- id: conference-2025", "event 'conference-2025': end 2025-06 is before date 2025-07"),
    # a date basis other than stated needs its note
    ("    date_note: the conference's own site\n", "", "- id: conference-2025", "event 'conference-2025': date_note is required when date_basis is external"),
    # references to unknown records
    ("    actors: [united-states]\n", "    actors: [united-state]\n", "[united-state]|united-state", "event 'us-plan': actors: unknown actor 'united-state'"),
    ("    themes: [cooperation]\n", "    themes: [cooperation, sovereignty]\n", "sovereignty", "event 'conference-2025': themes: unknown theme 'sovereignty'"),
    ("    event: li-proposes\n", "    event: li-propose\n", "event: li-propose|li-propose", "position 'china-open-sharing': event: unknown event 'li-propose'"),
    ("{source: forum, quote:", "{source: forums, quote:", "forums", "event 'forum-2024': evidence.0.source: unknown source 'forums'"),
    ("about: {event: us-plan,", "about: {event: us-plans,", "us-plans", "dispute 'plan-date': about.event: unknown event 'us-plans'"),
    # quotes must be verbatim: straight quotes are not curly ones
    ("AI must be “openly shared”", 'AI must be \\"openly shared\\"', "quote: \"AI must be|\"AI", "position 'china-open-sharing': evidence.0.quote: not found verbatim in source 'wire'; closest passage:"),
    # a source's reliability grade is a letter of the Admiralty scale, and comes with its reason
    ("    kind: news\n", "    kind: news\n    reliability: G\n    reliability_reason: no such grade\n", "reliability: G|G", "source 'wire': reliability: Input should be 'A', 'B', 'C', 'D', 'E' or 'F', not 'G'"),
    ("    kind: news\n", "    kind: news\n    reliability: B\n", "- id: wire", "source 'wire': reliability and reliability_reason go together: give both or neither"),
    # only http(s) links
    ("    url: https://example.org/wire\n", "    url: javascript:alert(1)\n", "javascript", "source 'wire': url: only http:// and https:// links are allowed"),
    # ids are unique across the whole file
    ("  - id: us-plan\n", "  - id: li-proposes\n", "li-proposes", "event 'li-proposes': id: duplicate id (already used by a event)"),
]
# fmt: on


@pytest.mark.parametrize(("old", "new", "anchor", "expected"), BAD_CASES)
def test_each_bad_record_is_reported_with_its_place(tmp_path, old, new, anchor, expected):
    assert old in GOOD_YAML
    text = GOOD_YAML.replace(old, new, 1)
    line_needle, _, column_needle = anchor.partition("|")
    occurrence = 2 if anchor == "li-proposes" else 1  # the duplicate id is the second one
    line = line_of(text, line_needle, occurrence)
    column = text.splitlines()[line - 1].index((column_needle or line_needle).removeprefix("- ")) + 1
    problems = problems_of(tmp_path, text)
    wanted = f"{line}:{column}: {expected}"
    assert any(p.startswith(wanted) for p in problems), (wanted, problems)


def test_every_problem_of_a_file_is_reported_at_once(tmp_path):
    text = (
        GOOD_YAML.replace("    type: proposal\n", "    type: speach\n")
        .replace("    actors: [united-states]\n", "    actors: [nobody]\n")
        .replace("    url: https://example.org/wire\n", "    url: ftp://example.org\n")
    )
    problems = problems_of(tmp_path, text)
    assert len(problems) == 3
    assert [p.split(":")[0] for p in problems] == sorted((p.split(":")[0] for p in problems), key=int)


def test_a_broken_source_does_not_cascade_into_unknown_source(tmp_path):
    text = GOOD_YAML.replace("    lines: [4, 4]\n", "    lines: [4, 4]\n    typo: 1\n")
    problems = problems_of(tmp_path, text)
    assert len(problems) == 1 and "typo: unknown field" in problems[0]


# fmt: off
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sources: [\n", r"^\d+:\d+: YAML syntax error"),
        ("sources: []\nsources: []\n", r"^2:1: duplicate key 'sources'"),
        ("", r"the file is empty"),
        ("- a\n- b\n", r"the top level must be a mapping of sections, not a list"),
        ("sources: {}\nevents: []\n", r"^1:\d+: section 'sources' must be a list, not a mapping"),
        ("sources: []\nevents: []\nextras: []\n", r"^3:9: unknown section 'extras'"),
        ("sources: []\nevents: [1]\n", r"^2:10: events\[0\]: each entry must be a mapping of fields, not a number"),
        ("a: !!python/object/apply:os.system ['true']\n", r"tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"),
        ("a: &x [1]\nb: *x\n", r"aliases \(\*name\) are not allowed"),
    ],
)
# fmt: on
def test_file_level_problems(tmp_path, text, expected):
    problems = problems_of(tmp_path, text)
    assert any(re.search(expected, p) for p in problems), problems


@pytest.mark.parametrize(
    ("file_value", "expected"),
    [
        ("sources/missing.txt", "file: 'sources/missing.txt' does not exist"),
        ("../outside.txt", "file: '../outside.txt' is outside the dataset folder"),
        ("/etc/passwd", "file: '/etc/passwd' is outside the dataset folder"),
    ],
)
def test_source_files_must_exist_inside_the_dataset_folder(tmp_path, file_value, expected):
    text = GOOD_YAML.replace("    file: sources/wire.txt\n", f"    file: {file_value}\n", 1)
    problems = problems_of(tmp_path, text)
    assert any(expected in p for p in problems), problems


def test_lines_beyond_the_file_are_reported(tmp_path):
    text = GOOD_YAML.replace("lines: [4, 4]", "lines: [4, 9]")
    problems = problems_of(tmp_path, text)
    assert any("lines: 'sources/wire.txt' has only 4 lines" in p for p in problems), problems


def test_not_utf8_is_reported(tmp_path):
    path = write_dataset(tmp_path)
    path.write_bytes(b"sources: []\nevents: [\xff]\n")
    with pytest.raises(DatasetError, match=r"events.yaml:2: not UTF-8 text"):
        load_dataset(path)


def test_byte_order_mark_is_accepted(tmp_path):
    path = write_dataset(tmp_path)
    path.write_bytes(b"\xef\xbb\xbf" + GOOD_YAML.encode())
    assert len(load_dataset(path).events) == 4


def test_missing_file_is_a_dataset_error(tmp_path):
    with pytest.raises(DatasetError, match="cannot read file"):
        load_dataset(tmp_path / "nope.yaml")
