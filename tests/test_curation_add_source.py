"""`python -m timeline add-source`: a document's verbatim text and its record, or one line and nothing written."""

import datetime as dt
import socket
from pathlib import Path

import pytest
from fpdf import FPDF

from timeline.__main__ import main
from timeline.curation.add_source import add_source, insert_source
from timeline.curation.new_dataset import new_dataset
from timeline.errors import DatasetError
from timeline.loading.load import load_dataset
from timeline.loading.yamlsrc import read_document

FIXTURES = Path(__file__).parent / "fixtures" / "curation"
REUTERS = FIXTURES / "reuters-2025-07-26.html"
EDITORIAL = FIXTURES / "frontier-post-ai-must-be-harnessed.html"
TODAY = dt.date(2026, 12, 3)
PDF_LINES = ["The council met on a Tuesday and agreed a new rule.", "The rule takes effect next year."]


def write_pdf(
    path: Path, lines: list[str], *, title: str | None = "Council minutes", author=None, password=None
) -> Path:
    pdf = FPDF()
    if password is not None:  # "" locks only against editing: it opens without a password
        pdf.set_encryption(owner_password="owner", user_password=password)
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    for line in lines:
        pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    if title:
        pdf.set_title(title)
    if author:
        pdf.set_author(author)
    pdf.output(str(path))
    return path


@pytest.fixture
def dataset(tmp_path):
    new_dataset(tmp_path / "mine", today=TODAY)
    return tmp_path / "mine" / "events.yaml"


def test_a_saved_page_becomes_its_main_text_and_a_record_of_what_it_states(dataset):
    added = add_source(str(REUTERS), dataset, today=TODAY)
    text = added.text_file.read_text(encoding="utf-8")
    assert text.startswith(
        "China proposes new global AI cooperation organisation\n\nSHANGHAI, July 26 (Reuters) - China said"
    )
    assert "Most read" not in text and "newsletter" not in text and "dataLayer" not in text  # page furniture dropped
    source = load_dataset(dataset).sources[-1]
    assert (source.id, source.title, source.publisher, source.author) == (
        "china-proposes-new-global-ai-cooperation",
        "China proposes new global AI cooperation organisation",
        "Reuters",
        None,  # the page names no author: left out, not guessed
    )
    assert (source.published.iso(), source.published_basis) == ("2025-07-26", "stated")
    assert source.url.startswith("https://www.reuters.com/world/china/china-proposes-new-global-ai-cooperation")


def test_a_page_that_states_no_date_gets_the_day_it_was_added_as_the_latest_possible(dataset):
    add_source(str(EDITORIAL), dataset, today=TODAY)
    source = load_dataset(dataset).sources[-1]
    assert (source.published.iso(), source.published_basis) == ("2026-12-03", "inferred")
    assert "states no date" in source.published_note


def test_the_users_comments_and_order_are_kept_and_a_comment_says_what_to_check(dataset):
    before = dataset.read_text(encoding="utf-8")
    add_source(str(REUTERS), dataset, today=TODAY, source_id="wire")
    after = dataset.read_text(encoding="utf-8")
    start, end = after.index("\n\n  # Added by"), after.index("\n\nactors:")  # at the end of the sources list
    assert after[:start] + after[end:] == before  # every other character as it was
    block = after[start:end].strip().splitlines()
    assert block[0].startswith("# Added by add-source from reuters-2025-07-26.html on 2026-12-03; check: title,")
    assert block[1] == "  - id: wire"


def test_a_pdf_gives_its_text_and_the_title_and_author_its_metadata_states(dataset, tmp_path):
    pdf = write_pdf(tmp_path / "minutes.pdf", PDF_LINES, author="Town Clerk")
    added = add_source(str(pdf), dataset, today=TODAY, kind="official")
    assert PDF_LINES[0] in added.text_file.read_text(encoding="utf-8")
    source = load_dataset(dataset).sources[-1]
    assert (source.id, source.title, source.author, source.kind, source.publisher) == (
        "council-minutes",
        "Council minutes",
        "Town Clerk",
        "official",
        "unidentified",
    )


def test_a_text_file_is_copied_verbatim_with_a_bracketed_title(dataset, tmp_path):
    note = tmp_path / "statement.txt"
    note.write_text("A statement, “verbatim” — dashes and all.\n", encoding="utf-8")
    added = add_source(str(note), dataset, today=TODAY)
    assert added.text_file.read_text(encoding="utf-8") == note.read_text(encoding="utf-8")
    assert load_dataset(dataset).sources[-1].title == "[Text of statement.txt]"


def closed_loopback_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again on leaving: nothing listens there


@pytest.mark.parametrize(
    ("make_input", "extra", "message"),
    [
        (lambda d: str(d / "page.docx"), [], "unknown file type '.docx'"),
        (lambda d: str(d / "missing.html"), [], "no such file"),
        (
            lambda d: _write(d / "empty.html", b"<html><body><script>render()</script></body></html>"),
            [],
            "no text found",
        ),
        (lambda d: _write(d / "broken.pdf", b"%PDF-1.4 this is not really a PDF"), [], "not a readable PDF"),
        (lambda d: str(write_pdf(d / "blank.pdf", [])), [], "no text found in it (a scanned PDF"),
        (lambda d: str(write_pdf(d / "locked.pdf", PDF_LINES, password="u")), [], "the PDF is password-protected"),
        (lambda d: str(REUTERS), ["--id", "example-note"], "id 'example-note' is already taken"),
        (lambda d: str(REUTERS), ["--id", "Not An Id"], "is not an id"),
        (
            lambda d: f"http://127.0.0.1:{closed_loopback_port()}/article.html",
            [],
            "needs network access for a URL: save the page",
        ),
    ],
    ids=[
        "unknown-type",
        "missing",
        "empty-extraction",
        "unreadable-pdf",
        "pdf-without-text",
        "pdf-with-password",
        "id-taken",
        "bad-id",
        "offline",
    ],
)
def test_bad_input_is_refused_in_one_line_and_nothing_is_written(dataset, tmp_path, capsys, make_input, extra, message):
    (tmp_path / "page.docx").write_bytes(b"PK")
    before = dataset.read_bytes()
    sources_before = sorted(p.name for p in (dataset.parent / "sources").iterdir())
    assert main(["add-source", make_input(tmp_path), "--data", str(dataset), *extra]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0], err
    assert dataset.read_bytes() == before
    assert sorted(p.name for p in (dataset.parent / "sources").iterdir()) == sources_before


def _write(path: Path, raw: bytes) -> str:
    path.write_bytes(raw)
    return str(path)


def test_a_source_file_already_there_is_not_replaced(dataset):
    (dataset.parent / "sources" / "wire.txt").write_text("mine\n", encoding="utf-8")
    with pytest.raises(DatasetError, match=r"wire\.txt: already exists"):
        add_source(str(REUTERS), dataset, today=TODAY, source_id="wire")
    assert (dataset.parent / "sources" / "wire.txt").read_text(encoding="utf-8") == "mine\n"


RECORD = {"id": "new", "title": "T", "publisher": "P", "kind": "news", "published": "2025", "file": "sources/new.txt"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the list indented, a comment before the next section stays with that section
        (
            "sources:\n  - id: a\n\n# --- people ---\nactors: []\n",
            "sources:\n  - id: a\n\n  # c\n  - id: new\n",
        ),
        # the list at the left margin, as the last section
        ("events: []\nsources:\n- id: a\n  title: x\n", "sources:\n- id: a\n  title: x\n\n# c\n- id: new\n"),
        # no sources section yet: one is added at the end
        ("events: []\n", "events: []\n\nsources:\n  # c\n  - id: new\n"),
    ],
)
def test_the_record_goes_at_the_end_of_the_sources_list_whatever_its_layout(text, expected):
    new_text = insert_source(text, read_document(text), RECORD, "# c", Path("x.yaml"))
    assert expected in new_text
    assert read_document(new_text).data["sources"][-1] == RECORD


def test_a_sources_list_written_on_one_line_is_refused():
    text = "sources: [{id: a}]\n"
    with pytest.raises(DatasetError, match="written one item per line"):
        insert_source(text, read_document(text), RECORD, "# c", Path("x.yaml"))


def test_after_add_source_quote_finds_the_passage_to_cite(dataset, capsys):
    assert main(["add-source", str(REUTERS), "--data", str(dataset), "--id", "wire"]) == 0
    assert main(["quote", "wire", "china wants an organisation for global AI cooperation", "--data", str(dataset)]) == 0
    assert "China said on Saturday it wanted to create an organisation" in capsys.readouterr().out


def test_a_pdf_locked_only_against_editing_is_read(dataset, tmp_path):
    pdf = write_pdf(tmp_path / "owner-only.pdf", PDF_LINES, password="")
    assert PDF_LINES[1] in add_source(str(pdf), dataset, today=TODAY).text_file.read_text(encoding="utf-8")


def test_a_dataset_that_does_not_exist_is_refused_with_what_to_do(tmp_path, capsys):
    assert main(["add-source", str(REUTERS), "--data", str(tmp_path / "none.yaml")]) == 1
    assert "create one with: python -m timeline new FOLDER" in capsys.readouterr().err
