"""Bad data of every kind: one clear DatasetError naming file, line and field, never a traceback.

Each case builds a dataset folder (a file someone else wrote: an import, a colleague's
draft) and names the message the loader must give. The same table runs through the
loader, the validator (`python -m timeline validate`) and, for a sample, the app's error page.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from tests.conftest import GOOD_YAML, SOURCE_TEXT, write_dataset
from timeline.__main__ import main as cli_main
from timeline.errors import DatasetError
from timeline.loading import load, yamlsrc
from timeline.loading.load import load_dataset

ROOT = Path(__file__).resolve().parents[1]
Setup = Callable[[Path], Path]  # builds a dataset folder under tmp_path, returns the YAML path
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


# ---- ways to build a bad dataset -----------------------------------------------------------


def text(yaml_text: str, sources: dict[str, str] | None = None) -> Setup:
    return lambda tmp: write_dataset(tmp, yaml_text, sources)


def swap(old: str, new: str) -> Setup:
    """GOOD_YAML with its first `old` replaced by `new`."""
    assert old in GOOD_YAML, old
    return text(GOOD_YAML.replace(old, new, 1))


def raw(data: bytes) -> Setup:
    def setup(tmp: Path) -> Path:
        path = write_dataset(tmp)
        path.write_bytes(data)
        return path

    return setup


def wire_file(file_value: str, prepare: Callable[[Path], object] = lambda tmp: None) -> Setup:
    """GOOD_YAML with source 'wire' reading `file_value`; `prepare` makes what it points at."""

    def setup(tmp: Path) -> Path:
        path = write_dataset(tmp, GOOD_YAML.replace("file: sources/wire.txt", f"file: {file_value}", 1))
        prepare(tmp)
        return path

    return setup


def source_bytes(data: bytes) -> Setup:
    def setup(tmp: Path) -> Path:
        path = write_dataset(tmp)
        (tmp / "sources" / "wire.txt").write_bytes(data)
        return path

    return setup


def dataset_path(make: Callable[[Path], Path]) -> Setup:
    """The dataset path itself is something odd (a folder, a FIFO, a device...)."""
    return make


def sparse(path: Path, size: int) -> Path:
    with path.open("wb") as handle:
        handle.truncate(size)  # no bytes written: the limit must be checked before reading
    return path


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def billion_laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ",".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def many_bad_records(count: int) -> str:
    return "sources:\n" + "".join(f"  - {{id: s{i}}}\n" for i in range(count)) + "events: []\n"


F = r"^DATA/events\.yaml"  # every message names the file first
AT = F + r":\d+:\d+: "  # ... then its line and column

BAD_INPUTS = [
    # YAML syntax
    pytest.param(text("sources: [\n"), F + r":2:1: YAML syntax error: did not find expected node content", id="unclosed-flow"),
    pytest.param(text("sources:\n\t- id: x\n"), F + r":2:1: a tab character: YAML indents with spaces only", id="tab"),
    pytest.param(swap("  - id: wire\n", "  - id: wire\n    id: wire2\n"), F + r":3:5: duplicate key 'id'", id="duplicate-key"),
    pytest.param(text("sources: []\nsources: []\n"), F + r":2:1: duplicate key 'sources'", id="duplicate-section"),
    pytest.param(text("sources: []\n---\nevents: []\n"), F + r":2:1: the file holds more than one YAML document", id="two-documents"),
    pytest.param(text('sources: "\\q"\n'), F + r":1:\d+: YAML syntax error: found unknown escape character", id="bad-escape"),
    pytest.param(text("sources: [a\n b: c]\n"), F + r":\d+:\d+: YAML syntax error", id="mapping-in-flow"),
    # encodings and empty files
    pytest.param(raw(b"sources: [\x07]\n"), F + r":1:11: control character U\+0007 is not allowed in YAML", id="control-char"),
    pytest.param(raw(b"sources: []\x00\n"), F + r":1:12: control character U\+0000 is not allowed in YAML", id="nul-byte"),
    pytest.param(raw(b"sources: []\nevents: [\xff]\n"), F + r":2: not UTF-8 text \(byte 21: 0xff\)", id="not-utf8"),
    pytest.param(raw("sources: [café]\n".encode("latin-1")), F + r":1: not UTF-8 text", id="latin-1"),
    pytest.param(raw(GOOD_YAML.encode("utf-16")), F + r": the file is UTF-16 text; save it as UTF-8", id="utf-16"),
    pytest.param(text(""), F + r": the file is empty", id="empty"),
    pytest.param(text("  \n\t\n   \n"), F + r": the file is empty", id="whitespace-only"),
    pytest.param(text("# nothing yet\n"), F + r": the file is empty", id="comments-only"),
    pytest.param(text("~\n"), F + r":1:1: the file is empty", id="null-document"),
    # wrong types: the top level and the sections
    pytest.param(text("just a sentence\n"), F + r":1:1: the top level must be a mapping of sections, not text", id="top-text"),
    pytest.param(text("42\n"), F + r":1:1: the top level must be a mapping of sections, not a number \(42\)", id="top-number"),
    pytest.param(text("- sources\n"), F + r":1:1: the top level must be a mapping of sections, not a list", id="top-list"),
    pytest.param(text("sources: {}\nevents: {}\n"), F + r":1:10: section 'sources' must be a list, not a mapping", id="section-mapping"),
    pytest.param(text("sources: none\nevents: []\n"), F + r":1:10: section 'sources' must be a list, not text", id="section-text"),
    pytest.param(text("sources:\nevents:\n"), F + r":\d+:\d+: section 'sources' is missing or empty", id="sections-null"),
    pytest.param(text(GOOD_YAML.split("events:\n")[0] + "events: []\n"), F + r":29:9: section 'events' is missing or empty", id="events-empty"),
    pytest.param(text("sourcs: []\n"), F + r":1:9: unknown section 'sourcs'", id="unknown-section"),
    # wrong types: records and fields
    pytest.param(swap("  - {id: china, name: China, kind: state}\n", "  - [china, China, state]\n"), F + r":22:5: actors\[0\]: each entry must be a mapping of fields, not a list", id="record-list"),
    pytest.param(swap("  - {id: china, name: China, kind: state}\n", "  - ~\n"), F + r":22:5: actors\[0\]: each entry must be a mapping of fields, not nothing \(null\)", id="record-null"),
    pytest.param(swap("  - {id: china, name: China, kind: state}\n", "  - China\n"), F + r":22:5: actors\[0\]: each entry must be a mapping of fields, not text", id="record-text"),
    pytest.param(swap("    title: Li proposes an organisation\n", "    title: [a, b]\n"), AT + r"event 'li-proposes': title: Input should be a valid string, not a list", id="field-list"),
    pytest.param(swap("    title: Li proposes an organisation\n", "    title: {a: 1}\n"), AT + r"event 'li-proposes': title: Input should be a valid string, not a mapping", id="field-mapping"),
    pytest.param(swap("    title: Li proposes an organisation\n", "    title:\n"), AT + r"event 'li-proposes': title: Input should be a valid string, not nothing \(null\)", id="field-null"),
    pytest.param(swap("    title: Li proposes an organisation\n", "    title: 12\n"), AT + r"event 'li-proposes': title: Input should be a valid string, not a number \(12\)", id="field-number"),
    pytest.param(swap("    publisher: Test Wire\n", "    publisher: yes\n"), AT + r"source 'wire': publisher: Input should be a valid string, not true/false \(True\)", id="field-bool"),
    pytest.param(swap("    title: Li proposes an organisation\n", "    title: '   '\n"), AT + r"event 'li-proposes': title: must not be empty", id="field-blank"),
    pytest.param(swap("    actors: [li-qiang, china]\n", "    actors: li-qiang\n"), AT + r"event 'li-proposes': actors: Input should be a valid list, not text", id="list-field-text"),
    pytest.param(swap("    actors: [li-qiang, china]\n", "    actors: [~, china]\n"), AT + r"event 'li-proposes': actors\.0: Input should be a valid string, not nothing", id="list-item-null"),
    pytest.param(swap("    actors: [li-qiang, china]\n", "    actors: []\n"), AT + r"event 'li-proposes': actors: List should have at least 1 item", id="list-empty"),
    pytest.param(swap('      - {source: wire, quote: "China said on Saturday it wanted to create an organisation"}\n', "      - just a quote\n"), AT + r"event 'li-proposes': evidence\.0: Input should be a valid dictionary .*, not text", id="nested-record-text"),
    pytest.param(swap('    evidence:\n      - {source: wire, quote: "China said on Saturday it wanted to create an organisation"}\n', "    evidence: ~\n"), AT + r"event 'li-proposes': evidence: Input should be a valid list, not nothing", id="nested-list-null"),
    pytest.param(swap("    about: {event: us-plan, field: date}\n", "    about: [1]\n"), AT + r"dispute 'plan-date': about: Input should be a valid dictionary .*, not a list", id="about-list"),
    pytest.param(swap("    about: {event: us-plan, field: date}\n", "    about: {event: us-plan, source: wire, field: date}\n"), AT + r"dispute 'plan-date': about: about names exactly one of", id="about-two"),
    pytest.param(swap('      - {value: "2025-07-23", source: wire, quote: "on Wednesday released"}\n', "      - ~\n"), AT + r"dispute 'plan-date': claims\.0: Input should be a valid dictionary .*, not nothing", id="claim-null"),
    pytest.param(swap("  - id: wire\n", "  - id: Wire Service\n"), AT + r"source 'Wire Service': id: 'Wire Service' is not an id", id="id-not-an-id"),
    pytest.param(swap("  - id: forum-2024\n", "  - id: 12\n"), AT + r"events\[3\]: id: Input should be a valid string, not a number \(12\)", id="id-number"),
    pytest.param(swap("    kind: news\n", "    kind: newspaper\n"), AT + r"source 'wire': kind: Input should be 'news', .* not 'newspaper'", id="enum"),
    pytest.param(swap("    kind: news\n", "    kind: news\n    titel: x\n"), AT + r"source 'wire': titel: unknown field \(a typo\?\)", id="unknown-field"),
    pytest.param(swap("    kind: news\n", '    kind: news\n    "\\e[31mred": x\n'), AT + r"source 'wire': '\\x1b\[31mred': unknown field", id="hostile-field-name"),
    pytest.param(swap("    date_basis: stated\n", "    date_basis: guessed\n"), AT + r"event 'li-proposes': date_basis: Input should be 'stated', 'inferred' or 'external', not 'guessed'", id="basis"),
    pytest.param(swap("    date_basis: stated\n", "    date_basis: stated\n    date_note: ''\n"), AT + r"event 'li-proposes': date_note: must not be empty", id="empty-note"),
    # keys that are not text
    pytest.param(swap("  - id: wire\n", "  - id: wire\n    1: x\n"), F + r":3:5: a key must be text, not a number \(1\): put it in quotes", id="key-number"),
    pytest.param(swap("  - id: wire\n", "  - id: wire\n    1.5: x\n"), F + r":3:5: a key must be text, not a number \(1\.5\)", id="key-float"),
    pytest.param(swap("  - id: wire\n", "  - id: wire\n    yes: x\n"), F + r":3:5: a key must be text, not true/false \(True\)", id="key-bool"),
    pytest.param(swap("  - id: wire\n", "  - id: wire\n    ~: x\n"), F + r":3:5: a key must be text, not nothing \(null\)", id="key-null"),
    pytest.param(swap("  - id: wire\n", "  - id: wire\n    ? [a]\n    : x\n"), F + r":3:7: a key must be text, not a list", id="key-list"),
    pytest.param(text("? {a: 1}\n: x\n"), F + r":1:3: a key must be text, not a mapping", id="key-mapping"),
    # line ranges
    pytest.param(swap("lines: [1, 3]", "lines: [1, 300]"), F + r":10:12: source 'wire': lines: 'sources/wire\.txt' has only 4 lines", id="lines-beyond"),
    pytest.param(swap("lines: [1, 3]", "lines: [9, 9]"), F + r":10:12: source 'wire': lines: 'sources/wire\.txt' has only 4 lines", id="lines-all-beyond"),
    pytest.param(swap("lines: [1, 3]", "lines: [a, 3]"), F + r":10:13: source 'wire': lines\.0: Input should be a valid integer", id="lines-text"),
    pytest.param(swap("lines: [1, 3]", "lines: [true, 3]"), F + r":10:13: source 'wire': lines\.0: Input should be a valid integer, not true/false", id="lines-bool"),
    pytest.param(swap("lines: [1, 3]", "lines: [1.5, 3]"), F + r":10:13: source 'wire': lines\.0: Input should be a valid integer, not a number \(1\.5\)", id="lines-float"),
    pytest.param(swap("lines: [1, 3]", "lines: [1, 2, 3]"), F + r":10:12: source 'wire': lines: lines must be \[first, last\], not 3 number", id="lines-three"),
    pytest.param(swap("lines: [1, 3]", "lines: [3]"), F + r":10:12: source 'wire': lines: lines must be \[first, last\], not 1 number", id="lines-one"),
    pytest.param(swap("lines: [1, 3]", "lines: [3, 1]"), F + r":10:12: source 'wire': lines: lines must be \[first, last\] with 1 <= first <= last", id="lines-reversed"),
    pytest.param(swap("lines: [1, 3]", "lines: [0, 3]"), F + r":10:12: source 'wire': lines: lines must be \[first, last\] with 1 <= first", id="lines-zero"),
    pytest.param(swap("lines: [1, 3]", "lines: {first: 1}"), F + r":10:12: source 'wire': lines: Input should be a valid list, not a mapping", id="lines-mapping"),
    # numbers and dates
    pytest.param(swap("    date: 2025-07-26\n", "    date: 2024-02-30\n"), F + r":32:11: event 'li-proposes': date: 2024-02-30 does not exist \(that month has 29 days\)", id="feb-30"),
    pytest.param(swap("    date: 2025-07-26\n", "    date: 2025-13-01\n"), AT + r"event 'li-proposes': date: month 13 does not exist", id="month-13"),
    pytest.param(swap("    date: 2025-07-26\n", '    date: "2025-00"\n'), AT + r"event 'li-proposes': date: month 0 does not exist", id="month-0"),
    pytest.param(swap("    date: 2024\n", "    date: 0\n"), AT + r"event 'forum-2024': date: year 0 is out of range", id="year-0"),
    pytest.param(swap("    date: 2024\n", "    date: 1e400\n"), AT + r"event 'forum-2024': date: '1e400' is not a date", id="1e400"),
    pytest.param(swap("    date: 2024\n", "    date: 1.0e+400\n"), AT + r"event 'forum-2024': date: inf is not a date", id="float-overflow"),
    pytest.param(swap("    date: 2024\n", "    date: .nan\n"), AT + r"event 'forum-2024': date: nan is not a date", id="nan"),
    pytest.param(swap("    date: 2024\n", "    date: -.inf\n"), AT + r"event 'forum-2024': date: -inf is not a date", id="minus-inf"),
    pytest.param(swap("    date: 2024\n", "    date: " + "9" * 5000 + "\n"), F + r":65:11: '9{39}…' cannot be read as 'tag:yaml\.org,2002:int'", id="huge-integer"),
    pytest.param(swap("    date: 2024\n", "    date: 2024-01-01 10:00:00\n"), AT + r"event 'forum-2024': date: '2024-01-01 10:00:00' is not a date", id="date-time"),
    pytest.param(swap("    date: 2024\n", "    date: true\n"), AT + r"event 'forum-2024': date: a date must be written YYYY-MM-DD", id="date-bool"),
    pytest.param(swap("    date: 2024\n", "    date: [2024]\n"), AT + r"event 'forum-2024': date: \[2024\] is not a date", id="date-list"),
    pytest.param(swap("    date: 2024\n", "    date: !!int abc\n"), F + r":65:11: 'abc' cannot be read as 'tag:yaml\.org,2002:int'", id="bad-int-tag"),
    pytest.param(swap('    end: "2025-08"\n', '    end: "2025-06"\n'), AT + r"event 'conference-2025': end 2025-06 is before date 2025-07", id="end-before-date"),
    # references and quotes
    pytest.param(swap("    actors: [united-states]\n", "    actors: [nobody]\n"), F + r":47:14: event 'us-plan': actors: unknown actor 'nobody'", id="unknown-actor"),
    pytest.param(swap("    themes: [cooperation]\n", "    themes: [nothing]\n"), AT + r"event 'conference-2025': themes: unknown theme 'nothing'", id="unknown-theme"),
    pytest.param(swap("{source: forum, quote:", "{source: nowhere, quote:"), AT + r"event 'forum-2024': evidence\.0\.source: unknown source 'nowhere'", id="unknown-source"),
    pytest.param(swap("    event: li-proposes\n", "    event: no-such-event\n"), AT + r"position 'china-open-sharing': event: unknown event 'no-such-event'", id="unknown-event"),
    pytest.param(swap("represents: china}", "represents: atlantis}"), AT + r"actor 'li-qiang': represents: unknown actor 'atlantis'", id="unknown-represents"),
    pytest.param(swap("about: {event: us-plan,", "about: {event: us-plan-2,"), AT + r"dispute 'plan-date': about\.event: unknown event 'us-plan-2'", id="unknown-about"),
    pytest.param(swap("on Wednesday released an AI blueprint", "on Thursday released an AI blueprint"), F + r":50:31: event 'us-plan': evidence\.0\.quote: not found verbatim in source 'wire'; closest passage:", id="quote-not-found"),
    pytest.param(swap('{source: forum, quote: "this looks like a power play"}', '{source: forum, quote: "told the annual conference"}'), AT + r"event 'forum-2024': evidence\.0\.quote: not found verbatim in source 'forum'", id="quote-outside-lines"),
    pytest.param(swap("  - {id: china, name: China,", "  - {id: wire, name: China,"), AT + r"actor 'wire': id: duplicate id \(already used by a source\)", id="duplicate-id"),
    # source files
    pytest.param(wire_file("sources/nope.txt"), F + r":9:11: source 'wire': file: 'sources/nope\.txt' does not exist", id="source-missing"),
    pytest.param(wire_file("sources"), F + r":9:11: source 'wire': file: 'sources' is not a usable text file: this is a folder", id="source-folder"),
    pytest.param(wire_file("."), F + r":9:11: source 'wire': file: '\.' is not a usable text file: this is a folder", id="source-dot"),
    pytest.param(wire_file("../../etc/passwd"), F + r":9:11: source 'wire': file: '\.\./\.\./etc/passwd' is outside the dataset folder", id="source-escapes"),
    pytest.param(wire_file("sources/../../x.txt"), F + r":9:11: source 'wire': file: .* is outside the dataset folder", id="source-escapes-inside"),
    pytest.param(wire_file("/etc/passwd"), F + r":9:11: source 'wire': file: '/etc/passwd' is outside the dataset folder", id="source-absolute"),
    pytest.param(wire_file("sources/link.txt", lambda tmp: (tmp / "sources" / "link.txt").symlink_to("/etc/passwd")), F + r":9:11: source 'wire': file: 'sources/link\.txt' is outside the dataset folder", id="source-symlink-out"),
    pytest.param(wire_file("sources/up", lambda tmp: (tmp / "sources" / "up").symlink_to(tmp.parent)), F + r":9:11: source 'wire': file: 'sources/up' is outside the dataset folder", id="source-symlink-dir-out"),
    pytest.param(wire_file("sources/loop.txt", lambda tmp: (tmp / "sources" / "loop.txt").symlink_to(tmp / "sources" / "loop.txt")), F + r":9:11: source 'wire': file: 'sources/loop\.txt' (cannot be resolved|cannot be read)", id="source-symlink-loop"),
    pytest.param(wire_file("sources/fifo.txt", lambda tmp: fifo(tmp / "sources" / "fifo.txt")), F + r":9:11: source 'wire': file: 'sources/fifo\.txt' is not a usable text file: not a regular file", id="source-fifo"),
    pytest.param(wire_file("sources/huge.txt", lambda tmp: sparse(tmp / "sources" / "huge.txt", yamlsrc.MAX_BYTES + 1)), F + r":9:11: source 'wire': file: 'sources/huge\.txt' is not a usable text file: file is 20,971,521 bytes; the limit is 20,971,520", id="source-too-large"),
    pytest.param(wire_file('"sources/\\0wire.txt"'), F + r":9:11: source 'wire': file: 'sources/\\x00wire\.txt' is not a usable path", id="source-nul"),
    pytest.param(wire_file("a" * 5000), F + r":9:11: source 'wire': file: 'a+… cannot be read: File name too long", id="source-name-too-long"),
    pytest.param(source_bytes(b"China said \xff on Saturday"), F + r":9:11: source 'wire': file: 'sources/wire\.txt' is not a usable text file: not UTF-8 text \(byte 11: 0xff\) at line 1", id="source-not-utf8"),
    pytest.param(source_bytes(SOURCE_TEXT.encode("utf-16")), F + r":9:11: source 'wire': file: 'sources/wire\.txt' is not a usable text file: the file is UTF-16", id="source-utf-16"),
    # unsafe YAML: tags that build objects, aliases, merge keys
    pytest.param(text("sources: !!python/object/apply:os.system ['touch pwned']\n"), F + r":1:10: tag 'tag:yaml\.org,2002:python/object/apply:os\.system' is not allowed", id="python-apply"),
    pytest.param(text("sources: !!python/name:os.system ''\n"), F + r":1:10: tag 'tag:yaml\.org,2002:python/name:os\.system' is not allowed", id="python-name"),
    pytest.param(text("sources: !!python/object/new:subprocess.Popen [[touch, pwned]]\n"), F + r":1:10: tag 'tag:yaml\.org,2002:python/object/new:subprocess\.Popen' is not allowed", id="python-new"),
    pytest.param(text("sources: !!binary aGVsbG8=\n"), F + r":1:10: tag 'tag:yaml\.org,2002:binary' is not allowed", id="binary"),
    pytest.param(text("sources: !!set {a, b}\n"), F + r":1:10: tag 'tag:yaml\.org,2002:set' is not allowed", id="set"),
    pytest.param(text("sources: !!map text\n"), F + r":1:10: tag 'tag:yaml\.org,2002:map' is not allowed", id="map-tag-on-text"),
    pytest.param(text("sources: !!str {a: 1}\n"), F + r":1:10: tag 'tag:yaml\.org,2002:str' is not allowed", id="str-tag-on-mapping"),
    pytest.param(text("sources: !local thing\n"), F + r":1:10: tag '!local' is not allowed", id="local-tag"),
    pytest.param(text("sources:\n  - <<: {id: a}\n"), F + r":2:5: merge keys \(<<\) are not allowed", id="merge-key"),
    pytest.param(text("sources: &s []\nevents: *s\n"), F + r":2:9: YAML aliases \(\*name\) are not allowed", id="alias"),
    pytest.param(text(billion_laughs()), F + r":2:8: YAML aliases \(\*name\) are not allowed", id="billion-laughs"),
    # size and depth limits
    pytest.param(text("[" * 100_000 + "]" * 100_000), F + r":1:(65|1001): nesting deeper than 64 levels", id="deep-flow"),  # 1001: libyaml 0.2.6's own limit
    pytest.param(text("{a: " * 100_000 + "1" + "}" * 100_000), F + r":1:257: nesting deeper than 64 levels", id="deep-flow-mapping"),
    pytest.param(text("- " * 100_000 + "x\n"), F + r":1:129: nesting deeper than 64 levels", id="deep-compact-list"),
    pytest.param(text("".join("  " * i + "a:\n" for i in range(200))), F + r":65:129: nesting deeper than 64 levels", id="deep-block-mapping"),
    pytest.param(dataset_path(lambda tmp: sparse(tmp / "big.yaml", yamlsrc.MAX_BYTES + 1)), r"^DATA/big\.yaml: file is 20,971,521 bytes; the limit is 20,971,520", id="file-too-large"),
    pytest.param(text(many_bad_records(300)), r"DATA/events\.yaml: stopped after 200 problems: fix these and validate again$", id="too-many-problems"),
    # the dataset path itself
    pytest.param(dataset_path(lambda tmp: tmp / "nope.yaml"), r"^DATA/nope\.yaml: cannot read file: No such file or directory", id="path-missing"),
    pytest.param(dataset_path(lambda tmp: tmp), r"^DATA: this is a folder, not a file", id="path-folder"),
    pytest.param(dataset_path(lambda tmp: fifo(tmp / "pipe.yaml")), r"^DATA/pipe\.yaml: not a regular file", id="path-fifo"),
    pytest.param(dataset_path(lambda tmp: Path("/dev/zero")), r"^/dev/zero: not a regular file", id="path-device"),
    pytest.param(dataset_path(lambda tmp: write_dataset(tmp) / "x.yaml"), r"^DATA/events\.yaml/x\.yaml: cannot read file: Not a directory", id="path-through-file"),
]  # fmt: skip

# A sample, one per class, for the slower app and subprocess runs.
APP_SAMPLE = ("tab", "not-utf8", "top-list", "field-null", "feb-30", "quote-not-found", "source-escapes", "python-apply", "billion-laughs", "deep-flow", "file-too-large", "path-folder")  # fmt: skip


def problems_text(setup: Setup, tmp_path: Path) -> list[str]:
    """The problems the loader reports, with the temporary folder shown as DATA."""
    path = setup(tmp_path)
    with pytest.raises(DatasetError) as info:
        load_dataset(path)
    return [str(p).replace(str(tmp_path), "DATA") for p in info.value.problems]


def case(case_id: str) -> pytest.param:
    return next(p for p in BAD_INPUTS if p.id == case_id)


@pytest.mark.parametrize(("setup", "expected"), BAD_INPUTS)
def test_each_bad_input_gives_one_clear_located_message(tmp_path, setup, expected):
    problems = problems_text(setup, tmp_path)
    assert any(re.search(expected, p) for p in problems), problems
    # every line names the file first; none carries a control character that a terminal would run
    assert all(p.startswith(("DATA", "/dev/zero")) for p in problems), problems
    assert not any(_CONTROL.search(p) for p in problems), problems


@pytest.mark.parametrize(("setup", "expected"), BAD_INPUTS)
def test_the_validator_reports_each_bad_input_and_exits_1(tmp_path, capsys, setup, expected):
    path = setup(tmp_path)
    assert cli_main(["validate", str(path)]) == 1
    out = capsys.readouterr()
    printed = out.out.replace(str(tmp_path), "DATA").splitlines()
    assert any(re.search(expected, line) for line in printed), printed
    assert "Traceback" not in out.out + out.err


@pytest.mark.parametrize("case_id", APP_SAMPLE)
def test_the_app_shows_each_class_of_bad_input_on_its_error_page(tmp_path, monkeypatch, case_id):
    setup, expected = case(case_id).values
    monkeypatch.setenv("TIMELINE_DATA", str(setup(tmp_path)))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value == "This dataset cannot be shown"
    shown = at.code[0].value.replace(str(tmp_path), "DATA").splitlines()
    assert any(re.search(expected, line) for line in shown), shown


@pytest.mark.parametrize("case_id", ["deep-flow", "billion-laughs", "python-apply", "huge-integer", "source-fifo"])
def test_the_validator_process_survives_hostile_files(tmp_path, case_id):
    # In a real process: PyYAML's C composer used to overflow the C stack here and kill it.
    setup, expected = case(case_id).values
    path = setup(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "timeline", "validate", str(path)], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert result.returncode == 1, result.stderr
    assert any(re.search(expected, line) for line in result.stdout.replace(str(tmp_path), "DATA").splitlines())
    assert "Traceback" not in result.stdout + result.stderr
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize(
    "yaml_text",
    [
        "[" * 1_000_000,  # the C composer segfaulted from about 30,000 levels
        "- " * 1_000_000 + "x",
        billion_laughs(),
        "a: &a [" + ",".join(["x"] * 1000) + "]\n" + "".join(f"k{i}: *a\n" for i in range(10_000)),
    ],
    ids=["flow-million", "compact-million", "billion-laughs", "alias-fanout"],
)
def test_bombs_are_refused_within_a_second_with_bounded_memory(yaml_text):
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(yamlsrc.YamlProblem, match="nesting deeper|aliases"):
            yamlsrc.read_document(yaml_text)
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert elapsed < 1.0
    assert peak < 16 * 1024 * 1024  # a few kilobytes of state beyond the text itself


def test_too_many_values_are_refused(tmp_path):
    with pytest.raises(yamlsrc.YamlProblem, match="more than 50 values in one file"):
        yamlsrc.read_document("[" + ",".join(["1"] * 60) + "]", max_values=50)
    path = tmp_path / "events.yaml"
    path.write_text("events: [" + ",".join(["1"] * 60) + "]\n")
    with pytest.raises(DatasetError, match="more than 50 values in one file"):
        load.load_dataset(path, yamlsrc.Limits(max_values=50))


def test_too_many_problems_stop_the_check_early(tmp_path):
    problems = problems_text(text(many_bad_records(5_000)), tmp_path)
    assert len(problems) == load.MAX_PROBLEMS + 1


def test_an_unreadable_source_file_is_reported(tmp_path, monkeypatch):
    # Tests run as root, for whom chmod 000 changes nothing: make the open itself fail.
    path = write_dataset(tmp_path)
    real_open = Path.open

    def refusing_open(self, *args, **kwargs):
        if self.name == "wire.txt":
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refusing_open)
    with pytest.raises(
        DatasetError, match=r"source 'wire': file: 'sources/wire\.txt' cannot be read: Permission denied"
    ):
        load_dataset(path)


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        ("sources:\n\t- id: x\n", r"^2:1: a tab character"),
        ("a: 1\na: 2\n", r"^2:1: duplicate key 'a'"),
        ("a: [\x07]\n", r"^1:5: control character U\+0007"),
        ("a: !!python/object/apply:os.system [true]\n", r"^1:4: tag .* is not allowed"),
        ("a: &x 1\nb: *x\n", r"^2:4: YAML aliases"),
        ("[" * 5000, r"^1:65: nesting deeper than 64 levels"),
        ("? [a]\n: 1\n", r"^1:3: a key must be text"),
    ],
)
def test_the_pure_python_parser_is_just_as_strict(monkeypatch, yaml_text, expected):
    # Where PyYAML has no C extension the pure-Python parser is used: the same rules hold.
    monkeypatch.setattr(yamlsrc, "_Loader", yaml.SafeLoader)
    with pytest.raises(yamlsrc.YamlProblem) as info:
        yamlsrc.read_document(yaml_text)
    problem = info.value
    assert re.search(expected, f"{problem.line}:{problem.column}: {problem.message}")


@pytest.mark.parametrize(
    "setup",
    [
        raw(b"\xef\xbb\xbf" + GOOD_YAML.encode()),
        source_bytes(b"\xef\xbb\xbf" + SOURCE_TEXT.encode()),
        swap("lines: [4, 4]", "lines: [4, 4]  # the last line of the file"),
        swap("    title: Li proposes an organisation\n", "    title: '=HYPERLINK(\"x\") <script>alert(1)</script>'\n"),
        swap("    title: Li proposes an organisation\n", "    title: '2024'  # text that looks like a number\n"),
    ],
    ids=["yaml-bom", "source-bom", "lines-to-the-end", "hostile-text-is-just-text", "quoted-number-title"],
)
def test_what_looks_odd_but_is_valid_still_loads(tmp_path, setup):
    dataset = load_dataset(setup(tmp_path))
    assert [e.id for e in dataset.events] == ["li-proposes", "us-plan", "conference-2025", "forum-2024"]
    assert dataset.texts["wire"].startswith("SHANGHAI")
