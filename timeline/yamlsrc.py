"""Safe YAML reading that keeps line numbers and refuses what a careful loader should.

PyYAML silently keeps the last of two duplicate keys and can build arbitrary objects;
here the file is only *composed* into nodes with the safe (C when present) loader, and
the nodes are turned into plain values by hand, so that every value keeps its position,
duplicate keys, unknown tags and aliases are refused, and nothing is ever executed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml
from yaml.constructor import SafeConstructor

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 64

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}
_SCALAR_BUILDER = SafeConstructor()

Path_ = tuple  # a path into the document: ("events", 3, "date")


class YamlProblem(Exception):
    """A problem found while reading YAML, with its 1-based position."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass
class Document:
    """Plain values of a YAML file plus the position of every key and value."""

    data: object
    marks: dict[tuple, tuple[int, int]] = field(default_factory=dict)

    def mark(self, path: tuple) -> tuple[int | None, int | None]:
        """Position of the value at `path`, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            found = self.marks.get(tuple(path[:end]))
            if found:
                return found
        return (None, None)


def decode_text(raw: bytes) -> str:
    """Bytes to text: UTF-8 (a byte-order mark is allowed), size-limited."""
    if len(raw) > MAX_BYTES:
        raise YamlProblem(f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlProblem(f"not UTF-8 text (byte {exc.start})", line, None) from None
    return text


def read_document(text: str) -> Document:
    """Compose YAML text into plain values with positions; raise YamlProblem."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise YamlProblem(f"YAML syntax error: {exc.problem or exc}", line, col) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"YAML error: {exc}") from None
    except RecursionError:
        raise YamlProblem("YAML nesting is too deep") from None
    doc = Document(data=None)
    if root is not None:
        doc.data = _to_plain(root, (), doc.marks, set(), 0)
    return doc


def _position(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _to_plain(node: yaml.Node, path: tuple, marks: dict, seen: set, depth: int) -> object:
    if depth > MAX_DEPTH:
        raise YamlProblem(f"nesting deeper than {MAX_DEPTH} levels", *_position(node))
    if id(node) in seen:
        # An alias: refusing it keeps "billion laughs" documents from expanding.
        raise YamlProblem("YAML aliases (*name) are not allowed", *_position(node))
    if node.tag not in _PLAIN_TAGS:
        raise YamlProblem(f"tag {node.tag!r} is not allowed", *_position(node))
    marks[path] = _position(node)
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    seen.add(id(node))
    if isinstance(node, yaml.SequenceNode):
        return [_to_plain(item, path + (i,), marks, seen, depth + 1) for i, item in enumerate(node.value)]
    mapping: dict = {}
    for key_node, value_node in node.value:
        key = _to_plain(key_node, path + ("<key>",), marks, seen, depth + 1)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise YamlProblem("a mapping key must be a plain value", *_position(key_node))
        if key in mapping:
            raise YamlProblem(f"duplicate key {key!r}", *_position(key_node))
        mapping[key] = _to_plain(value_node, path + (key,), marks, seen, depth + 1)
    marks.pop(path + ("<key>",), None)
    return mapping


def _scalar(node: yaml.ScalarNode) -> object:
    if node.tag == "tag:yaml.org,2002:timestamp":
        # Keep the text: dates are parsed with their precision by the schema.
        return node.value
    if node.tag == "tag:yaml.org,2002:str":
        return node.value
    return _SCALAR_BUILDER.construct_object(node, deep=True)
