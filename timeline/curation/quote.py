"""`python -m timeline quote SOURCE_ID "words"`: the closest passages of a source, and an evidence entry to paste.

The source is read straight from the YAML, without validating the rest of the dataset: a
curator runs this precisely while a quote elsewhere still fails to validate.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from timeline.curation.files import one_problem
from timeline.loading.passages import Passage, closest_passages
from timeline.loading.provenance import normalise_whitespace, slice_lines
from timeline.loading.schema import Source
from timeline.loading.yamlsrc import YamlProblem, decode_text, read_document, read_limited


@dataclass(frozen=True)
class SourceText:
    """The text a source's quotes are checked against, and where it stands in its file."""

    id: str
    file: str  # as the YAML names it, relative to the dataset's folder
    text: str  # only its `lines`, when it has them
    first_line: int  # the file's line number of the text's first line


def read_source_text(dataset: str | Path, source_id: str) -> SourceText:
    """The text of source `source_id` of the dataset file; raise a one-line DatasetError."""
    dataset = Path(dataset)
    try:
        doc = read_document(decode_text(read_limited(dataset)))
    except OSError as exc:
        raise one_problem(dataset, f"cannot read file: {exc.strerror or exc}") from None
    except YamlProblem as exc:
        raise one_problem(dataset, exc.message, exc.line, exc.column) from None
    sources = doc.data.get("sources") if isinstance(doc.data, dict) else None
    records = [s for s in sources if isinstance(s, dict)] if isinstance(sources, list) else []
    found = [(i, s) for i, s in enumerate(records) if s.get("id") == source_id]
    if not found:
        known = ", ".join(str(s.get("id")) for s in records) or "none"
        raise one_problem(dataset, f"no source {source_id!r} (the sources are: {known})")
    index, record = found[0]
    try:
        source = Source.model_validate(record)
    except ValidationError:
        line, column = doc.mark(("sources", index))
        raise one_problem(dataset, f"source {source_id!r} is not valid: run validate", line, column) from None
    return SourceText(source.id, source.file, _file_text(dataset, source), source.lines[0] if source.lines else 1)


def _file_text(dataset: Path, source: Source) -> str:
    root = dataset.parent.resolve()
    target = (root / source.file).resolve()
    if Path(source.file).is_absolute() or not target.is_relative_to(root):
        raise one_problem(dataset, f"source {source.id!r}: file {source.file!r} is outside the dataset folder")
    try:
        return slice_lines(decode_text(read_limited(target)), source.lines)
    except (OSError, YamlProblem) as exc:
        said = getattr(exc, "message", None) or getattr(exc, "strerror", None) or str(exc)
        raise one_problem(target, f"cannot read source {source.id!r}: {said}") from None


def quoted_passage(passage: Passage) -> str:
    """A passage as a quote: its white-space runs made single spaces, which the validator accepts."""
    return normalise_whitespace(passage.text)


def evidence_yaml(source_id: str, quote: str) -> str:
    """A ready-to-paste `evidence:` entry quoting `quote` from `source_id`."""
    # A JSON string is a YAML double-quoted scalar: every quote mark and backslash stays exact.
    return f"evidence:\n  - source: {source_id}\n    quote: {json.dumps(quote, ensure_ascii=False)}\n"


def quote_report(source: SourceText, words: str, limit: int = 3) -> tuple[str, bool]:
    """What `quote` prints: the closest passages with their file lines, then the best one's
    evidence entry; and whether any passage was found."""
    passages = closest_passages(source.text, words, limit=limit)
    if not passages:
        return f"no passage of {source.id!r} ({source.file}) resembles {words!r}", False
    lines = [f"Closest passages in {source.id!r} ({source.file}), best first:", ""]
    for rank, passage in enumerate(passages, start=1):
        line = source.first_line + passage.line - 1
        lines.append(f"{rank}. {source.file}:{line} (score {passage.score:.0f})")
        lines.extend(f"   {text}" for text in passage.text.splitlines())
        lines.append("")
    lines.append("Paste under the event (the best passage, its white space made single spaces):")
    lines.append("")
    lines.append(evidence_yaml(source.id, quoted_passage(passages[0])))
    return "\n".join(lines), True
