"""YAML file -> validated Dataset, reporting every problem of the file at once."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from pydantic import ValidationError

from timeline.errors import DatasetError, Problem
from timeline.loading.provenance import NormalisedText, Span, closest_passage, find_quote, slice_lines
from timeline.loading.schema import MODELS, SECTIONS, Claim, Dataset, Evidence, Record
from timeline.loading.yamlsrc import (
    DEFAULT_LIMITS,
    Document,
    Limits,
    YamlProblem,
    decode_text,
    read_document,
    read_limited,
)

# Past this many problems a file is not worth reading on: report these, stop, stay fast.
MAX_PROBLEMS = 200
_PLAIN_FIELD = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
_TYPE_ERRORS = {
    "string_type", "list_type", "tuple_type", "dict_type", "model_type", "model_attributes_type",
    "int_type", "int_parsing", "int_from_float",
}  # fmt: skip

_SINGULAR = {
    "sources": "source",
    "actors": "actor",
    "themes": "theme",
    "events": "event",
    "positions": "position",
    "disputes": "dispute",
}


# Where a record's quote stands in its source: (owner kind, owner id, evidence index) -> span.
QuoteSpans = dict[tuple[str, str, int], Span]


class LoadedDataset(Dataset):
    """A checked dataset, with where each evidence quote was found (frames copy it, not search again)."""

    spans: QuoteSpans


class _TooManyProblems(Exception):
    """Raised once MAX_PROBLEMS problems are collected."""


class _Collector:
    """Gathers problems with their positions while a file is checked."""

    def __init__(self, path: str, doc: Document | None = None):
        self.path = path
        self.doc = doc
        self.problems: list[Problem] = []

    def add(self, where: tuple, record: str | None, message: str) -> None:
        line, col = self.doc.mark(where) if self.doc else (None, None)
        self.problems.append(Problem(self.path, line, col, record, message))
        if len(self.problems) >= MAX_PROBLEMS:
            raise _TooManyProblems


def load_dataset(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> LoadedDataset:
    """Read, validate and cross-check a dataset file; raise DatasetError listing every problem."""
    path = Path(path)
    shown = str(path)
    try:
        doc = read_document(decode_text(read_limited(path, limits.max_bytes), limits.max_bytes), limits.max_values)
    except OSError as exc:
        raise DatasetError([Problem(shown, None, None, None, f"cannot read file: {exc.strerror or exc}")]) from None
    except YamlProblem as exc:
        raise DatasetError([Problem(shown, exc.line, exc.column, None, exc.message)]) from None
    check = _Collector(shown, doc)
    spans: QuoteSpans = {}
    try:
        records = _validate_sections(doc, check)
        texts = _read_source_texts(path.parent, records["sources"], check, limits.max_bytes)
        spans = _check_references(records, texts, check)
    except _TooManyProblems:
        stop = f"stopped after {MAX_PROBLEMS} problems: fix these and validate again"
        check.problems.append(Problem(shown, None, None, None, stop))
    if check.problems:
        raise DatasetError(check.problems)
    return LoadedDataset(
        path=shown,
        texts={sid: text.original for sid, text in texts.items()},
        spans=spans,
        **{name: [rec for _, rec in records[name]] for name in SECTIONS},
    )


def _validate_sections(doc: Document, check: _Collector) -> dict:
    data = doc.data
    records: dict = {name: [] for name in SECTIONS}
    records["_broken_ids"] = {}
    if data is None:
        check.add((), None, "the file is empty; expected the sections " + ", ".join(SECTIONS))
        return records
    if not isinstance(data, dict):
        check.add((), None, f"the top level must be a mapping of sections, not {_kind(data)}")
        return records
    for key in data:
        if key not in SECTIONS:
            check.add((key,), None, f"unknown section {key!r}; expected one of " + ", ".join(SECTIONS))
    for name in SECTIONS:
        items = data.get(name)
        if items is None or items == []:
            if name in ("sources", "events"):
                check.add((name,) if name in data else (), None, f"section {name!r} is missing or empty")
            continue
        if not isinstance(items, list):
            check.add((name,), None, f"section {name!r} must be a list, not {_kind(items)}")
            continue
        for index, item in enumerate(items):
            where = (name, index)
            validated = _validate_record(name, item, where, check)
            if validated is not None:
                records[name].append((where, validated))
            elif isinstance(item, dict) and isinstance(item.get("id"), str):
                # Known but broken: its id still counts, so references to it do not
                # add a second, misleading "unknown id" problem.
                records["_broken_ids"].setdefault(name, set()).add(item["id"])
    return records


def _validate_record(section: str, item: object, where: tuple, check: _Collector) -> Record | None:
    label = _record_label(section, item, where[1])
    if not isinstance(item, dict):
        check.add(where, label, f"each entry must be a mapping of fields, not {_kind(item)}")
        return None
    try:
        return MODELS[section].model_validate(item)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            field = ".".join(_shown_field(part) for part in loc)
            message = _error_message(error)
            check.add(where + loc, label, f"{field}: {message}" if field else message)
        return None


def _error_message(error: dict) -> str:
    """Pydantic's message for one field, plus what the file actually holds there."""
    kind, given = error["type"], error.get("input")
    if kind == "extra_forbidden":
        return "unknown field (a typo?)"
    if kind == "missing":
        return "required field is missing"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_pattern_mismatch":
        return f"{_shown(given)} is not an id: use lowercase letters, digits and single hyphens"
    message = error["msg"].removeprefix("Value error, ")
    if kind in ("literal_error", "enum"):
        return f"{message}, not {_shown(given)}"
    if kind in _TYPE_ERRORS:
        # [first, last] is a list in YAML; "tuple" would be pydantic's word, not the curator's.
        return f"{message.replace('valid tuple', 'valid list')}, not {_kind(given)}"
    return message


def _shown_field(part: object) -> str:
    # A field name may be any text the file's author typed: quote it unless it is plain.
    text = str(part)
    return text if _PLAIN_FIELD.match(text) else _shown(text)


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


def _read_source_texts(base: Path, sources: list, check: _Collector, max_bytes: int) -> dict[str, NormalisedText]:
    texts: dict[str, NormalisedText] = {}
    root = base.resolve()
    for where, source in sources:
        label = f"source {source.id!r}"
        try:
            text = _source_text(root, source.file, max_bytes)
        except YamlProblem as exc:
            check.add(where + ("file",), label, f"file: {_shown(source.file)} {exc.message}")
            continue
        if source.lines and source.lines[1] > len(text.splitlines()):
            check.add(where + ("lines",), label, f"lines: {source.file!r} has only {len(text.splitlines())} lines")
            continue
        texts[source.id] = NormalisedText(slice_lines(text, source.lines))
    return texts


def _source_text(root: Path, file: str, max_bytes: int) -> str:
    """The text of a source file inside `root`; raise YamlProblem saying what is wrong."""
    candidate = Path(file)
    if "\x00" in file:
        raise YamlProblem("is not a usable path (it holds a NUL character)")
    try:
        # resolve() follows symlinks, so a link that points outside the folder is caught here.
        target = (root / candidate).resolve()
    except (OSError, RuntimeError):  # a symlink loop
        raise YamlProblem("cannot be resolved (a symlink loop?)") from None
    if candidate.is_absolute() or not target.is_relative_to(root):
        raise YamlProblem("is outside the dataset folder")
    try:
        text = decode_text(read_limited(target, max_bytes), max_bytes)
    except FileNotFoundError:
        raise YamlProblem("does not exist") from None
    except OSError as exc:
        raise YamlProblem(f"cannot be read: {exc.strerror or exc}") from None
    except YamlProblem as exc:
        where = f" at line {exc.line} of that file" if exc.line else ""
        raise YamlProblem(f"is not a usable text file: {exc.message}{where}") from None
    return text


def _check_references(records: dict, texts: dict[str, NormalisedText], check: _Collector) -> QuoteSpans:
    """Check every reference and quote; return where each evidence quote was found."""
    ids = _check_unique_ids(records, check)
    spans: QuoteSpans = {}
    for where, actor in records["actors"]:
        if actor.represents and actor.represents not in ids["actors"]:
            check.add(where + ("represents",), f"actor {actor.id!r}", f"represents: unknown actor {actor.represents!r}")
    for where, event in records["events"]:
        label = f"event {event.id!r}"
        _check_refs(check, where, label, "actors", event.actors, ids["actors"])
        _check_refs(check, where, label, "themes", event.themes, ids["themes"])
        spans |= _check_evidence(check, where, ("event", event.id), event.evidence, ids, texts)
    for where, position in records["positions"]:
        label = f"position {position.id!r}"
        _check_refs(check, where, label, "actor", [position.actor], ids["actors"], single=True)
        _check_refs(check, where, label, "theme", [position.theme], ids["themes"], single=True)
        if position.event:
            _check_refs(check, where, label, "event", [position.event], ids["events"], single=True)
        spans |= _check_evidence(check, where, ("position", position.id), position.evidence, ids, texts)
    for where, dispute in records["disputes"]:
        label = f"dispute {dispute.id!r}"
        about = dispute.about
        if about.target not in ids[about.kind + "s"]:
            check.add(
                where + ("about", about.kind), label, f"about.{about.kind}: unknown {about.kind} {about.target!r}"
            )
        sourced = [(i, c) for i, c in enumerate(dispute.claims) if c.source]
        for index, claim in sourced:
            _check_quote(check, where + ("claims", index), label, f"claims.{index}", claim, ids, texts)
    return spans


def _check_unique_ids(records: dict, check: _Collector) -> dict[str, set[str]]:
    first_seen: dict[str, str] = {}
    ids: dict[str, set[str]] = {name: set() for name in SECTIONS}
    for name in SECTIONS:
        for where, record in records[name]:
            label = f"{_SINGULAR[name]} {record.id!r}"
            if record.id in first_seen:
                check.add(where + ("id",), label, f"id: duplicate id (already used by a {first_seen[record.id]})")
            first_seen.setdefault(record.id, _SINGULAR[name])
            ids[name].add(record.id)
        ids[name] |= records["_broken_ids"].get(name, set())
    return ids


def _check_refs(check, where, label, field, values: Iterable[str], known: set[str], single=False) -> None:
    kind = field.rstrip("s")
    for index, value in enumerate(values):
        if value not in known:
            loc = where + ((field,) if single else (field, index))
            check.add(loc, label, f"{field}: unknown {kind} {value!r}")


def _check_evidence(check, where, owner: tuple[str, str], evidence: list[Evidence], ids, texts) -> QuoteSpans:
    label = f"{owner[0]} {owner[1]!r}"
    spans = {}
    for index, item in enumerate(evidence):
        span = _check_quote(check, where + ("evidence", index), label, f"evidence.{index}", item, ids, texts)
        if span is not None:
            spans[(*owner, index)] = span
    return spans


def _check_quote(check, where, label, field, item: Evidence | Claim, ids, texts) -> Span | None:
    """Where the quote stands in its source, or None (with a problem added) if it cannot be found."""
    if item.source not in ids["sources"]:
        check.add(where + ("source",), label, f"{field}.source: unknown source {item.source!r}")
        return None
    text = texts.get(item.source)
    if text is None:
        return None  # the source's own problem (missing file) is already reported
    span = find_quote(text, item.quote)
    if span is None:
        nearest = closest_passage(text, item.quote)
        hint = f"closest passage: {nearest!r}" if nearest else "no passage resembles it"
        check.add(where + ("quote",), label, f"{field}.quote: not found verbatim in source {item.source!r}; {hint}")
    return span


def _record_label(section: str, item: object, index: int) -> str:
    if isinstance(item, dict) and isinstance(item.get("id"), str) and item["id"]:
        return f"{_SINGULAR[section]} {_shown(item['id'])}"
    return f"{section}[{index}]"


def _kind(value: object) -> str:
    names = {dict: "a mapping", list: "a list", str: "text", int: "a number", float: "a number", bool: "true/false"}
    if isinstance(value, (bool, int, float)):
        return f"{names[type(value)]} ({value})"
    return "nothing (null)" if value is None else names.get(type(value), type(value).__name__)
