"""HTML fragments (as TimelineJS stores its text) turned into plain text, with the stdlib parser.

Nothing is ever rendered or executed: the parser only reports tags and text. The content of
script, style and template elements is dropped; links keep their text (their http(s)
targets are returned apart, never inlined); entities become the characters they stand for,
so `&lt;b&gt;` becomes the four characters `<b>`: text, which every view escapes again.
Block elements (p, div, li, blockquote, ...) separate paragraphs with a blank line, `<br>`
breaks a line, and every other run of white space becomes one space, as a browser shows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from timeline.textsafe import safe_url

_SKIPPED = frozenset({"script", "style", "template"})
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure",
        "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
        "pre", "section", "table", "tr", "ul",
    }
)  # fmt: skip
# C0/C1 controls (but tab and line breaks) and lone surrogates: they cannot be written as UTF-8 or YAML.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_WS_RUN = re.compile(r"\s+")
_BREAK, _PARAGRAPH = object(), object()


@dataclass(frozen=True)
class PlainText:
    """The text of an HTML fragment, and the http(s) links it held as (link text, url)."""

    text: str
    links: tuple[tuple[str, str], ...] = ()


def clean_text(text: str) -> str:
    """Drop control characters and lone surrogates (nothing else changes)."""
    return _UNPRINTABLE.sub("", text)


def html_to_plain(fragment: str) -> PlainText:
    """Plain text and links of an HTML fragment; never raises on malformed HTML."""
    parser = _TextParser()
    parser.feed(clean_text(fragment))
    parser.close()
    return PlainText(_assemble(parser.tokens), tuple(parser.links))


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: paragraphs separated by a blank line."""
    return html_to_plain(fragment).text


def html_to_line(fragment: str) -> str:
    """Plain text of an HTML fragment on one line (for headlines, names and labels)."""
    return _WS_RUN.sub(" ", html_to_text(fragment)).strip()


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list = []
        self.links: list[tuple[str, str]] = []
        self._skipping = 0
        self._link: tuple[str | None, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skipping += 1
        elif tag == "br":
            self.tokens.append(_BREAK)
        elif tag in _BLOCKS:
            self.tokens.append(_PARAGRAPH)
        elif tag == "a":
            self._end_link()
            self._link = (dict(attrs).get("href"), [])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _SKIPPED:  # <script/> opens nothing
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCKS:
            self.tokens.append(_PARAGRAPH)
        elif tag == "a":
            self._end_link()

    def handle_data(self, data: str) -> None:
        if self._skipping:
            return
        self.tokens.append(data)
        if self._link is not None:
            self._link[1].append(data)

    def close(self) -> None:
        super().close()
        self._end_link()

    def _end_link(self) -> None:
        if self._link is None:
            return
        href, parts = self._link
        self._link = None
        url = safe_url((href or "").strip())
        if url:
            self.links.append((_WS_RUN.sub(" ", "".join(parts)).strip(), url))


def _assemble(tokens: list) -> str:
    paragraphs: list[str] = []
    lines: list[str] = []
    current: list[str] = []
    for token in [*tokens, _PARAGRAPH]:
        if isinstance(token, str):
            current.append(token)
            continue
        lines.append(_WS_RUN.sub(" ", "".join(current)).strip())
        current = []
        if token is _PARAGRAPH:
            paragraph = "\n".join(line for line in lines if line)
            if paragraph:
                paragraphs.append(paragraph)
            lines = []
    return "\n\n".join(paragraphs)
