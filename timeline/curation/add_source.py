"""`python -m timeline add-source INPUT`: a document's verbatim text under sources/, its record appended to the YAML.

The YAML is edited as text: the new record goes in after the last line of the `sources:` list,
so the user's comments, order and formatting stay exactly as they were. The result is parsed
again before anything is written, and must hold the same records plus the new one; the text
file is written first and removed again if the YAML cannot be replaced.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from timeline.curation.extract import Extracted, extract_input
from timeline.curation.files import one_problem, refuse_existing, replace_text
from timeline.loading.schema import Source, SourceKind
from timeline.loading.yamlsrc import YamlProblem, decode_text, read_document, read_limited
from timeline.timelinejs.importer import slugify

SOURCE_KINDS = typing.get_args(SourceKind)
DEFAULT_KIND = "news"
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # the schema's Id pattern


@dataclass(frozen=True)
class AddedSource:
    """What add-source wrote: the record appended and the text file, and which fields to check."""

    record: dict
    text_file: Path
    to_check: tuple[str, ...]


def add_source(
    given: str, dataset: str | Path, *, today: dt.date, source_id: str | None = None, kind: str | None = None
) -> AddedSource:
    """Extract `given` (a path or URL), write its text and append its source record; raise DatasetError."""
    dataset = Path(dataset)
    yaml_text, doc = _read_dataset(dataset)
    extracted = extract_input(given)
    record, to_check = source_record(extracted, Path(given).name, today=today, kind=kind or DEFAULT_KIND)
    record = {"id": _new_id(source_id, extracted, given, doc.data, dataset), **record}
    record["file"] = f"sources/{record['id']}.txt"
    text_file = dataset.parent / record["file"]
    refuse_existing([text_file], "pass another --id")
    try:
        Source.model_validate(record)
    except ValidationError as exc:
        raise one_problem(given, f"cannot make a source record: {exc.errors()[0]['msg']}") from None
    comment = f"# Added by add-source from {Path(given).name} on {today.isoformat()}; check: {', '.join(to_check)}"
    new_text = insert_source(yaml_text, doc, record, comment, dataset)
    replace_text(text_file, extracted.text)
    try:
        replace_text(dataset, new_text)
    except BaseException:
        text_file.unlink(missing_ok=True)
        raise
    return AddedSource(record, text_file, to_check)


def source_record(extracted: Extracted, name: str, *, today: dt.date, kind: str) -> tuple[dict, tuple[str, ...]]:
    """The source's fields (no id or file yet) from what the document states, and the fields to check."""
    record: dict = {"title": extracted.title or f"[Text of {name}]", "publisher": extracted.publisher or "unidentified"}
    if extracted.author:
        record["author"] = extracted.author
    record["kind"] = kind
    if extracted.published:
        record["published"] = extracted.published.iso()
        record["published_basis"] = "stated"
    else:
        record["published"] = today.isoformat()
        record["published_basis"] = "inferred"
        record["published_note"] = (
            f"The {extracted.kind} states no date; {today.isoformat()}, the day it was added, "
            "is the latest it can have been published. Replace it with the real date."
        )
    if extracted.url:
        record["url"] = extracted.url
    to_check = ["title", "publisher", "author", "kind", "published", "url"]
    return record, tuple(field for field in to_check if field in record)


def insert_source(yaml_text: str, doc, record: dict, comment: str, dataset: Path) -> str:
    """The dataset's text with `record` added at the end of its `sources:` list (or a new one)."""
    data = doc.data if isinstance(doc.data, dict) else {}
    sources = data.get("sources")
    lines = yaml_text.splitlines(keepends=True)
    if "sources" not in data:
        indent, at = 2, len(lines)
        head = ("\n" if yaml_text and not yaml_text.endswith("\n") else "") + "\nsources:\n"
    elif isinstance(sources, list) and sources and _is_block_list(lines, doc.marks[("sources",)]):
        indent = doc.marks[("sources",)][1] - 1
        at, head = _end_of_block(lines, doc.marks[("sources",)][0], indent), "\n"
    else:
        line, column = doc.mark(("sources",))
        raise one_problem(
            dataset, "add-source appends to a `sources:` list written one item per line ('  - id: ...')", line, column
        )
    item = yaml.safe_dump([record], sort_keys=False, allow_unicode=True, width=10**6)
    block = head + "".join(" " * indent + text for text in [comment + "\n", *item.splitlines(keepends=True)])
    new_text = "".join(lines[:at]) + block + "".join(lines[at:])
    _check_only_added(new_text, data, record, dataset)
    return new_text


def _is_block_list(lines: list[str], mark: tuple[int, int]) -> bool:
    line, column = mark
    return lines[line - 1][column - 1 : column] == "-"


def _end_of_block(lines: list[str], first: int, indent: int) -> int:
    """The index of the line after the block list's last content line (comments and blank lines after it excluded)."""
    end = len(lines)
    for index in range(first, len(lines)):
        stripped = lines[index].strip()
        if not stripped or stripped.startswith("#"):
            continue
        depth = len(lines[index]) - len(lines[index].lstrip(" "))
        if depth < indent or (depth == indent and not stripped.startswith("-")):
            end = index
            break
    while end > first and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return end


def _check_only_added(new_text: str, old: dict, record: dict, dataset: Path) -> None:
    # A safety net for unusual layouts: the edited file must parse to the old records plus the new one.
    try:
        new = read_document(new_text).data
    except YamlProblem:
        new = None
    expected = {**old, "sources": [*old.get("sources", []), record]}
    if new != expected:
        raise one_problem(dataset, "could not append to its sources: list without changing it; add the record by hand")


def _read_dataset(dataset: Path):
    try:
        text = decode_text(read_limited(dataset))
        return text, read_document(text)
    except FileNotFoundError:
        raise one_problem(dataset, "no such dataset (create one with: python -m timeline new FOLDER)") from None
    except OSError as exc:
        raise one_problem(dataset, f"cannot read file: {exc.strerror or exc}") from None
    except YamlProblem as exc:
        raise one_problem(dataset, exc.message, exc.line, exc.column) from None


def _new_id(source_id: str | None, extracted: Extracted, given: str, data: object, dataset: Path) -> str:
    if source_id is not None and not _ID.fullmatch(source_id):
        raise one_problem(dataset, f"--id {source_id!r} is not an id: use lowercase letters, digits and single hyphens")
    chosen = source_id or slugify(extracted.title or Path(given).stem, 40) or "source"
    taken = _ids(data)
    if chosen in taken:
        raise one_problem(dataset, f"id {chosen!r} is already taken: pass another with --id")
    return chosen


def _ids(data: object) -> set[str]:
    sections = data.values() if isinstance(data, dict) else []
    return {r["id"] for s in sections if isinstance(s, list) for r in s if isinstance(r, dict) and "id" in r}
