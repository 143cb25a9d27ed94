"""A saved web page, a PDF, a text file or a URL -> its verbatim text and what it states about itself.

Well-kept libraries do the reading: trafilatura finds a web article's main text, title, author,
site and date; pypdf reads a PDF's text and its title and author. A field the document does
not state is left out (None), never guessed. Every failure is a one-line DatasetError.
"""

from __future__ import annotations

import io
import logging
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from timeline.curation.files import one_problem, read_input
from timeline.dates import PartialDate, parse_partial_date
from timeline.errors import DatasetError
from timeline.loading.yamlsrc import MAX_BYTES, YamlProblem, decode_text

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
TEXT_SUFFIXES = (".txt", ".text", ".md")
PDF_SUFFIXES = (".pdf",)
FETCH_TIMEOUT = 20  # seconds
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_HTTP = re.compile(r"^https?://", re.IGNORECASE)


@dataclass(frozen=True)
class Extracted:
    """A document's text and the metadata it states (None where it states none)."""

    text: str
    kind: str  # "web page", "PDF" or "text file", for messages
    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    published: PartialDate | None = None
    url: str | None = None


def extract_input(given: str) -> Extracted:
    """Read `given` (a URL or a path) by its kind; raise a one-line DatasetError when it cannot be used."""
    if _HTTP.match(given):
        return extract_html(fetch_url(given), given, url=given)
    path = Path(given)
    suffix = path.suffix.lower()
    if suffix not in HTML_SUFFIXES + TEXT_SUFFIXES + PDF_SUFFIXES:
        known = ", ".join(HTML_SUFFIXES + PDF_SUFFIXES + TEXT_SUFFIXES)
        raise one_problem(path, f"unknown file type {suffix or '(none)'!r}: add-source reads {known} or a URL")
    raw = read_input(path)
    if suffix in PDF_SUFFIXES:
        return extract_pdf(raw, str(path))
    if suffix in HTML_SUFFIXES:
        return extract_html(raw, str(path))
    return Extracted(text=_non_empty(_decoded(raw, path), path), kind="text file")


def fetch_url(url: str, timeout: float = FETCH_TIMEOUT) -> bytes:
    """The bytes at `url`; offline or unreachable, a one-line DatasetError that says to save the page."""
    request = urllib.request.Request(url, headers={"User-Agent": "timeline-add-source/1"})  # noqa: S310 (http(s) only)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.read(MAX_BYTES + 1)
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise one_problem(
            url,
            f"cannot fetch the page ({reason}); add-source needs network access for a URL: "
            "save the page in your browser (File > Save Page As, .html) and pass the saved file",
        ) from None


def extract_html(raw: bytes, name: str, url: str | None = None) -> Extracted:
    """A web page's main text (paragraphs separated by blank lines) and the metadata it states."""
    import trafilatura  # imported here: it takes a second, and only add-source needs it

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # its warnings are not the user's problem
    if len(raw) > MAX_BYTES:
        raise one_problem(name, f"file is over {MAX_BYTES:,} bytes")
    text = trafilatura.extract(raw, output_format="txt", include_comments=False, include_tables=True, favor_recall=True)
    paragraphs = [line.strip() for line in (text or "").splitlines() if line.strip()]
    meta = trafilatura.extract_metadata(raw, extensive=False)
    stated_url = meta.url if meta and meta.url and _HTTP.match(meta.url) else None
    return Extracted(
        text=_non_empty("\n\n".join(paragraphs), name),
        kind="web page",
        title=_field(meta.title if meta else None),
        author=_field(meta.author if meta else None),
        publisher=_field(meta.sitename if meta else None),
        published=_day(meta.date if meta else None),
        url=url or stated_url,
    )


def extract_pdf(raw: bytes, name: str) -> Extracted:
    """A PDF's text, page after page, and the title and author its metadata states."""
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    try:
        reader = PdfReader(io.BytesIO(raw))
        # Many PDFs restrict only editing (an owner password) and open with an empty user password.
        if reader.is_encrypted and not reader.decrypt(""):
            raise one_problem(name, "the PDF is password-protected: save an unprotected copy and add that")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except DatasetError:
        raise
    except Exception as exc:  # noqa: BLE001 a damaged or encrypted file fails in many ways inside pypdf
        raise one_problem(name, f"not a readable PDF ({' '.join(str(exc).split()) or type(exc).__name__})") from None
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    return Extracted(
        text=_non_empty(text, name, "a scanned PDF holds images, not text: run it through OCR first"),
        kind="PDF",
        title=_field(info.title if info else None),
        author=_field(info.author if info else None),
    )


def _decoded(raw: bytes, path: Path) -> str:
    try:
        return decode_text(raw)
    except YamlProblem as exc:
        raise one_problem(path, exc.message, exc.line) from None


def _non_empty(text: str, name: str | Path, hint: str = "") -> str:
    if not text.strip():
        raise one_problem(name, "no text found in it" + (f" ({hint})" if hint else ""))
    return text if text.endswith("\n") else text + "\n"


def _field(value: object) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text or None


def _day(value: object) -> PartialDate | None:
    if not isinstance(value, str) or not _DAY.match(value):
        return None
    try:
        return parse_partial_date(value[:10])
    except ValueError:
        return None
