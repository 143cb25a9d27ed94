"""Data strings made safe to show: as markdown text, and as links only when http(s)."""

from __future__ import annotations

import html
import re

_ASCII_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")
_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`]+$", re.IGNORECASE)
# Where GFM's autolink literals begin: a scheme's colon, "www." and an e-mail's "@".
_AUTOLINK_AT = re.compile(
    r"(?<=https)(?=:)|(?<=http)(?=:)|(?<=mailto)(?=:)|(?<=xmpp)(?=:)|(?<=www)(?=\.)|(?<=@)(?=[\w-])", re.IGNORECASE
)
_WORD_JOINER = "\u2060"
_LINE_INDENT = re.compile(r"(?:^|(?<=[\r\n]))[ \t]+")
# Direction embeddings and overrides end at PDF (U+202C); isolates at PDI (U+2069).
_BIDI_OPENERS = {"\u202a": "\u202c", "\u202b": "\u202c", "\u202d": "\u202c", "\u202e": "\u202c"}
_BIDI_OPENERS |= {"\u2066": "\u2069", "\u2067": "\u2069", "\u2068": "\u2069"}


def escape_markdown(text: str) -> str:
    """Backslash-escape every ASCII punctuation mark, so markdown shows the text literally.

    CommonMark lets any ASCII punctuation be escaped; this also defuses Streamlit's own
    directives (:red[...], :material/icon:, $math$) and raw HTML. Two things escapes cannot
    stop are handled too: GFM turns bare URLs and e-mail addresses into links *after*
    escapes are resolved, so an invisible word joiner breaks `http:`, `www.` and `x@y`;
    and direction overrides (U+202E...) left open are closed, so a string cannot
    reverse the text shown after it.
    """
    # Indentation at a line start would make a code block, where escapes show as backslashes.
    text = _LINE_INDENT.sub("", text)
    return _ASCII_PUNCT.sub(r"\\\1", no_autolinks(close_bidi(text)))


def no_autolinks(text: str) -> str:
    """The text with a word joiner (U+2060, invisible) where GFM would start an autolink."""
    return _AUTOLINK_AT.sub(_WORD_JOINER, text)


def close_bidi(text: str) -> str:
    """The text followed by the closers of any direction embedding, override or isolate left open."""
    closers = []
    for char in text:
        if char in _BIDI_OPENERS:
            closers.append(_BIDI_OPENERS[char])
        elif char in ("\u202c", "\u2069") and char in closers:
            # A closer ends the innermost open control of its kind.
            del closers[len(closers) - 1 - closers[::-1].index(char)]
    return text + "".join(reversed(closers))


def safe_url(url: str | None) -> str | None:
    """The URL if it is a plain http(s) link, otherwise None (never make it clickable)."""
    if url and _SAFE_URL.match(url):
        return url
    return None


def escape_plotly(text: str) -> str:
    """Text for Plotly labels, which render a little HTML: escape <, > and & only.

    Plotly decodes those three entities but would show "&quot;" literally; without a
    "<" no tag (and so no attribute) can be formed, so quote marks are safe as they are.
    """
    return html.escape(text, quote=False)
