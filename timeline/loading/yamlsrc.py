"""Safe YAML reading that keeps line numbers and refuses what a careful loader should.

PyYAML silently keeps the last of two duplicate keys, can build arbitrary objects, and its
composer recurses once per nesting level: the C one overflows the C stack and kills the
whole process (the app's server with it) near 30,000 levels of `[[[...`. So here the file
is only *parsed* into events with the safe (C when present) parser, and the events are
turned into plain values by hand with an explicit stack. Nesting, size and the number of
values are bounded before anything is built; every value keeps its position; duplicate
keys, keys that are not text, unknown tags and aliases are refused; nothing is executed.
"""

from __future__ import annotations

import codecs
import stat
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.constructor import SafeConstructor
from yaml.reader import Reader
from yaml.resolver import Resolver

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 64
MAX_VALUES = 1_000_000  # a 20 MB file of real records holds about 400,000; this bounds memory


@dataclass(frozen=True)
class Limits:
    """How large one file may be, in bytes and in YAML values: the hardening's bounds on memory.

    The app reads with the defaults; a caller that must read larger files (the benchmark's
    100,000 events) passes its own, so nothing rewrites these module constants.
    """

    max_bytes: int = MAX_BYTES
    max_values: int = MAX_VALUES


DEFAULT_LIMITS = Limits()

_TAG = "tag:yaml.org,2002:"
_STR, _TIMESTAMP, _MERGE, _VALUE = _TAG + "str", _TAG + "timestamp", _TAG + "merge", _TAG + "value"
_MAP, _SEQ = _TAG + "map", _TAG + "seq"
_SCALAR_TAGS = {_STR, _TIMESTAMP, _TAG + "int", _TAG + "float", _TAG + "bool", _TAG + "null"}
_RESOLVER = Resolver()
# Scalar constructors are called directly: SafeConstructor.construct_object would keep
# every node in a cache that is never cleared (a leak in a long-running server).
_CONSTRUCTORS = SafeConstructor.yaml_constructors
_SCALAR_BUILDER = SafeConstructor()
_NO_KEY = object()


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


def read_limited(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file, at most max_bytes + 1 of them; raise OSError or YamlProblem.

    Checked before reading, so that a directory, a FIFO (which would block) or a device
    such as /dev/zero (which never ends) is refused instead of read.
    """
    info = path.stat()
    if stat.S_ISDIR(info.st_mode):
        raise YamlProblem("this is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise YamlProblem("not a regular file")
    if info.st_size > max_bytes:
        raise YamlProblem(f"file is {info.st_size:,} bytes; the limit is {max_bytes:,}")
    with path.open("rb") as handle:
        # One byte more than stat saw, so a file that grew since is still caught by the limit.
        return handle.read(info.st_size + 1)


def decode_text(raw: bytes, max_bytes: int = MAX_BYTES) -> str:
    """Bytes to text: UTF-8 (a byte-order mark is allowed), size-limited; raise YamlProblem."""
    if len(raw) > max_bytes:
        raise YamlProblem(f"file is {len(raw):,} bytes; the limit is {max_bytes:,}")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise YamlProblem("the file is UTF-16 text; save it as UTF-8")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlProblem(f"not UTF-8 text (byte {exc.start}: 0x{raw[exc.start]:02x})", line, None) from None


def read_document(text: str, max_values: int = MAX_VALUES) -> Document:
    """Parse YAML text into plain values with positions; raise YamlProblem."""
    if not text.strip():
        return Document(data=None)
    builder = _Builder(max_values)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.add(event)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_problem(exc, text) from None
    except yaml.reader.ReaderError:
        raise _unreadable_character(text) from None
    except yaml.YAMLError as exc:
        raise YamlProblem("YAML error: " + " ".join(str(exc).split())) from None
    return Document(builder.root, builder.marks)


class _Open:
    """A mapping or list being filled, where it sits, and the key waiting for its value."""

    __slots__ = ("container", "path", "key")

    def __init__(self, container: dict | list, path: tuple):
        self.container = container
        self.path = path
        self.key: object = _NO_KEY


class _Builder:
    """Plain values from parser events, built with an explicit stack instead of recursion."""

    def __init__(self, max_values: int) -> None:
        self._max_values = max_values
        self.root: object = None
        self.marks: dict[tuple, tuple[int, int]] = {}
        self._stack: list[_Open] = []
        self._documents = 0
        self._values = 0

    def add(self, event: yaml.Event) -> None:
        kind = type(event)
        if kind is yaml.ScalarEvent:
            self._place(event, _scalar(event))
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            self._open(event, {} if kind is yaml.MappingStartEvent else [])
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            self._stack.pop()
        elif kind is yaml.AliasEvent:
            # Refusing aliases keeps "billion laughs" documents from expanding.
            raise YamlProblem("YAML aliases (*name) are not allowed", *_position(event))
        elif kind is yaml.DocumentStartEvent:
            self._documents += 1
            if self._documents > 1:
                raise YamlProblem("the file holds more than one YAML document (---)", *_position(event))

    def _open(self, event: yaml.CollectionStartEvent, container: dict | list) -> None:
        if len(self._stack) >= MAX_DEPTH:
            raise YamlProblem(f"nesting deeper than {MAX_DEPTH} levels", *_position(event))
        expected = _MAP if isinstance(container, dict) else _SEQ
        if event.tag not in (None, "!", expected):
            raise YamlProblem(f"tag {_shown_tag(event.tag)} is not allowed", *_position(event))
        path = self._place(event, container)
        self._stack.append(_Open(container, path))

    def _place(self, event: yaml.NodeEvent, value: object) -> tuple:
        """Put a value where the document is at; return its path."""
        self._values += 1
        if self._values > self._max_values:
            raise YamlProblem(f"more than {self._max_values:,} values in one file", *_position(event))
        if not self._stack:
            self.root, path = value, ()
        else:
            top = self._stack[-1]
            if isinstance(top.container, list):
                path = top.path + (len(top.container),)
                top.container.append(value)
            elif top.key is _NO_KEY:
                top.key = _checked_key(event, value, top.container)
                return top.path
            else:
                path = top.path + (top.key,)
                top.container[top.key] = value
                top.key = _NO_KEY
        self.marks[path] = _position(event)
        return path


def _checked_key(event: yaml.NodeEvent, key: object, mapping: dict) -> str:
    if not isinstance(key, str):
        raise YamlProblem(f"a key must be text, not {_kind(key)}: put it in quotes", *_position(event))
    if key in mapping:
        raise YamlProblem(f"duplicate key {key!r}", *_position(event))
    return key


def _scalar(event: yaml.ScalarEvent) -> object:
    tag = event.tag
    if tag is None or tag == "!":
        tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == _MERGE:
            raise YamlProblem("merge keys (<<) are not allowed", *_position(event))
        if tag == _VALUE:
            tag = _STR  # a lone '=' is just text
    elif tag not in _SCALAR_TAGS:
        raise YamlProblem(f"tag {_shown_tag(tag)} is not allowed", *_position(event))
    if tag == _STR or tag == _TIMESTAMP:
        # Dates keep their text: the schema reads them with their precision.
        return event.value
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    try:
        return _CONSTRUCTORS[tag](_SCALAR_BUILDER, node)
    except (ValueError, KeyError, yaml.YAMLError):
        # e.g. `!!int abc`, `!!bool maybe`, or an integer of more than 4,300 digits
        shown = event.value if len(event.value) <= 40 else event.value[:39] + "…"
        raise YamlProblem(f"{shown!r} cannot be read as {_shown_tag(tag)}", *_position(event)) from None


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return YamlProblem(f"YAML syntax error: {exc.problem or exc}")
    if text[mark.index : mark.index + 1] == "\t":
        return YamlProblem("a tab character: YAML indents with spaces only", mark.line + 1, mark.column + 1)
    said = exc.problem or str(exc)
    if "maximum nesting depth" in said:
        # libyaml 0.2.6 (PyYAML 6.0.4's wheels) refuses 1,000 flow levels in its scanner, which
        # reads ahead of the events this module bounds at MAX_DEPTH: the same refusal, in our words.
        return YamlProblem(f"nesting deeper than {MAX_DEPTH} levels", mark.line + 1, mark.column + 1)
    if exc.context and exc.context_mark is not None:
        said += f" ({exc.context} at line {exc.context_mark.line + 1})"
    return YamlProblem(f"YAML syntax error: {said}", mark.line + 1, mark.column + 1)


def _unreadable_character(text: str) -> YamlProblem:
    # The C reader reports a byte offset; finding the character again gives line and column.
    found = Reader.NON_PRINTABLE.search(text)
    if found is None:
        return YamlProblem("YAML error: an unacceptable character")
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    return YamlProblem(f"control character U+{ord(found.group()):04X} is not allowed in YAML", line, column)


def _position(event: yaml.Event) -> tuple[int, int]:
    return (event.start_mark.line + 1, event.start_mark.column + 1)


def _shown_tag(tag: str) -> str:
    return repr(tag if len(tag) <= 80 else tag[:79] + "…")


def _kind(value: object) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"true/false ({value})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    return "a mapping" if isinstance(value, dict) else "a list" if isinstance(value, list) else type(value).__name__
