"""Data strings made safe to show: as markdown text, and as links only when http(s)."""

from __future__ import annotations

import re

_ASCII_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")
_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`]+$", re.IGNORECASE)


def escape_markdown(text: str) -> str:
    """Backslash-escape every ASCII punctuation mark, so markdown shows the text literally.

    CommonMark lets any ASCII punctuation be escaped; this also defuses Streamlit's own
    directives (:red[...], :material/icon:, $math$) and raw HTML.
    """
    return _ASCII_PUNCT.sub(r"\\\1", text)


def safe_url(url: str | None) -> str | None:
    """The URL if it is a plain http(s) link, otherwise None (never make it clickable)."""
    if url and _SAFE_URL.match(url):
        return url
    return None
