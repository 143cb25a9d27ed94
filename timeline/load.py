"""YAML file -> validated Dataset, reporting every problem of the file at once."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pydantic import ValidationError

from timeline.errors import DatasetError, Problem
from timeline.provenance import NormalisedText, closest_passage, slice_lines
from timeline.schema import MODELS, SECTIONS, Claim, Dataset, Evidence, Record
from timeline.yamlsrc import Document, YamlProblem, decode_text, read_document

_SINGULAR = {
    "sources": "source",
    "actors": "actor",
    "themes": "theme",
    "events": "event",
    "positions": "position",
    "disputes": "dispute",
}


class _Collector:
    """Gathers problems with their positions while a file is checked."""

    def __init__(self, path: str, doc: Document | None = None):
        self.path = path
        self.doc = doc
        self.problems: list[Problem] = []

    def add(self, where: tuple, record: str | None, message: str) -> None:
        line, col = self.doc.mark(where) if self.doc else (None, None)
        self.problems.append(Problem(self.path, line, col, record, message))


def load_dataset(path: str | Path) -> Dataset:
    """Read, validate and cross-check a dataset file; raise DatasetError listing every problem."""
    path = Path(path)
    shown = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DatasetError([Problem(shown, None, None, None, f"cannot read file: {exc.strerror}")]) from None
    try:
        doc = read_document(decode_text(raw))
    except YamlProblem as exc:
        raise DatasetError([Problem(shown, exc.line, exc.column, None, exc.message)]) from None
    check = _Collector(shown, doc)
    records = _validate_sections(doc, check)
    texts = _read_source_texts(path.parent, records["sources"], check)
    _check_references(records, texts, check)
    if check.problems:
        raise DatasetError(check.problems)
    return Dataset(
        path=shown,
        texts={sid: text.original for sid, text in texts.items()},
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
        if items is None:
            if name in ("sources", "events"):
                check.add((), None, f"section {name!r} is missing or empty")
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
            field = ".".join(str(part) for part in loc)
            message = error["msg"].removeprefix("Value error, ")
            if error["type"] == "extra_forbidden":
                message = "unknown field (a typo?)"
            elif error["type"] == "missing":
                message = "required field is missing"
            check.add(where + loc, label, f"{field}: {message}" if field else message)
        return None


def _read_source_texts(base: Path, sources: list, check: _Collector) -> dict[str, NormalisedText]:
    texts: dict[str, NormalisedText] = {}
    root = base.resolve()
    for where, source in sources:
        label = f"source {source.id!r}"
        candidate = Path(source.file)
        target = (root / candidate).resolve()
        if candidate.is_absolute() or not target.is_relative_to(root):
            check.add(where + ("file",), label, f"file: {source.file!r} is outside the dataset folder")
            continue
        try:
            text = target.read_bytes().decode("utf-8-sig")
        except FileNotFoundError:
            check.add(where + ("file",), label, f"file: {source.file!r} does not exist")
            continue
        except (OSError, UnicodeDecodeError) as exc:
            check.add(where + ("file",), label, f"file: {source.file!r} cannot be read as UTF-8 text ({exc})")
            continue
        if source.lines and source.lines[1] > len(text.splitlines()):
            check.add(where + ("lines",), label, f"lines: {source.file!r} has only {len(text.splitlines())} lines")
            continue
        texts[source.id] = NormalisedText(slice_lines(text, source.lines))
    return texts


def _check_references(records: dict, texts: dict[str, NormalisedText], check: _Collector) -> None:
    ids = _check_unique_ids(records, check)
    for where, actor in records["actors"]:
        if actor.represents and actor.represents not in ids["actors"]:
            check.add(where + ("represents",), f"actor {actor.id!r}", f"represents: unknown actor {actor.represents!r}")
    for where, event in records["events"]:
        label = f"event {event.id!r}"
        _check_refs(check, where, label, "actors", event.actors, ids["actors"])
        _check_refs(check, where, label, "themes", event.themes, ids["themes"])
        _check_evidence(check, where, label, event.evidence, ids, texts)
    for where, position in records["positions"]:
        label = f"position {position.id!r}"
        _check_refs(check, where, label, "actor", [position.actor], ids["actors"], single=True)
        _check_refs(check, where, label, "theme", [position.theme], ids["themes"], single=True)
        if position.event:
            _check_refs(check, where, label, "event", [position.event], ids["events"], single=True)
        _check_evidence(check, where, label, position.evidence, ids, texts)
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


def _check_evidence(check, where, label, evidence: list[Evidence], ids, texts) -> None:
    for index, item in enumerate(evidence):
        _check_quote(check, where + ("evidence", index), label, f"evidence.{index}", item, ids, texts)


def _check_quote(check, where, label, field, item: Evidence | Claim, ids, texts) -> None:
    if item.source not in ids["sources"]:
        check.add(where + ("source",), label, f"{field}.source: unknown source {item.source!r}")
        return
    text = texts.get(item.source)
    if text is None:
        return  # the source's own problem (missing file) is already reported
    if not text.contains(item.quote):
        nearest = closest_passage(text, item.quote)
        check.add(
            where + ("quote",),
            label,
            f"{field}.quote: not found verbatim in source {item.source!r}; closest passage: {nearest!r}",
        )


def _record_label(section: str, item: object, index: int) -> str:
    if isinstance(item, dict) and isinstance(item.get("id"), str) and item["id"]:
        return f"{_SINGULAR[section]} {item['id']!r}"
    return f"{section}[{index}]"


def _kind(value: object) -> str:
    names = {dict: "a mapping", list: "a list", str: "a string", int: "a number", float: "a number", bool: "true/false"}
    return "nothing (null)" if value is None else names.get(type(value), type(value).__name__)
