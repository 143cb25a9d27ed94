"""Exports of a view: CSV and JSON round-trip, citation blocks, the offline HTML file, images, PPTX."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
from pathlib import Path

import plotly.graph_objects as go
import pytest
from plotly.offline import get_plotlyjs
from pptx import Presentation

from tests.conftest import GOOD_YAML, SOURCE_TEXT, write_dataset
from timeline.charts.figures import timeline_figure
from timeline.exports.pptx import deck_pptx
from timeline.exports.tables import (
    FORMULA_TRIGGERS,
    ExportError,
    citations_markdown,
    citations_text,
    events_to_csv,
    events_to_json,
    export_figure,
    figure_image,
    neutralise_cell,
    timeline_html,
)
from timeline.loading.frames import Frames, build_frames
from timeline.loading.load import load_dataset
from timeline.present.briefing import build_deck
from timeline.state.filtering import Filters, filter_events

ROOT = Path(__file__).parents[1]
HOSTILE_LINE = "=HYPERLINK(\"http://evil.example/x\") said <script>alert('x')</script> & </textarea> today."
HOSTILE_SOURCE = """\
  - id: hostile
    title: "<b>Bold</b> & [link](javascript:alert(1)) *stars*"
    publisher: "@Attacker"
    kind: forum
    published: 2025-08-01
    published_basis: stated
    url: https://example.net/hostile?a=1&b=2
    file: sources/hostile.txt
"""
HOSTILE_EVENT = """\
  - id: hostile-event
    title: "</script><script>alert('title')</script>"
    date: 2025-08-01
    date_basis: stated
    type: statement
    actors: [reader]
    summary: "-2+3 looks like a formula, and so does @SUM(A1)"
    location: "+44 London"
    evidence:
      - {source: hostile, quote: "=HYPERLINK(\\"http://evil.example/x\\") said <script>alert('x')</script>"}
"""


def hostile_yaml() -> str:
    text = GOOD_YAML.replace("sources:\n", "sources:\n" + HOSTILE_SOURCE, 1)
    return text.replace("events:\n", "events:\n" + HOSTILE_EVENT, 1)


@pytest.fixture
def frames(tmp_path) -> Frames:
    path = write_dataset(tmp_path, hostile_yaml(), {"wire.txt": SOURCE_TEXT, "hostile.txt": HOSTILE_LINE + "\n"})
    return build_frames(load_dataset(path))


@pytest.fixture
def shown(frames):
    return filter_events(frames, Filters())


def figure_for(frames, shown):
    names = dict(zip(frames.actors["id"], frames.actors["name"], strict=False))
    return timeline_figure(shown, lane_labels=names, actor_names=names)


def unneutralise(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_TRIGGERS) else cell


# ---- CSV ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # each trigger character is neutralised
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        # harmless text, a trigger later in the text, numbers and empty cells stay as they are
        ("2024-07-04", "2024-07-04"),
        ("a=b", "a=b"),
        ("", ""),
        (3, 3),
    ],
)
def test_neutralise_cell(value, expected):
    assert neutralise_cell(value) == expected


def test_csv_round_trips_every_event_with_its_quotes(frames, shown):
    data = events_to_csv(frames, shown)
    assert data.startswith(b"\xef\xbb\xbf"), "a byte-order mark, so spreadsheets read UTF-8"
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r["id"] for r in rows] == list(shown["id"])
    by_id = {r["id"]: r for r in rows}
    evidence = frames.evidence[frames.evidence["owner_kind"] == "event"]
    for event in shown.itertuples():
        row = by_id[event.id]
        assert unneutralise(row["title"]) == event.title
        assert unneutralise(row["summary"]) == event.summary
        assert row["date_label"] == event.date_label
        quotes = list(evidence.loc[evidence["owner_id"] == event.id, "quote"])
        assert int(row["evidence_count"]) == len(quotes)
        assert [unneutralise(row[f"quote_{n}"]) for n in range(1, len(quotes) + 1)] == quotes
        assert all(row[f"citation_{n}"] for n in range(1, len(quotes) + 1))


def test_csv_neutralises_formula_cells(frames, shown):
    rows = list(csv.DictReader(io.StringIO(events_to_csv(frames, shown).decode("utf-8-sig"))))
    hostile = next(r for r in rows if r["id"] == "hostile-event")
    assert hostile["summary"].startswith("'-2+3")
    assert hostile["quote_1"].startswith("'=HYPERLINK")
    assert hostile["location"] == "'+44 London"  # (the loader strips leading tabs and CRs)
    assert "@Attacker" in hostile["citation_1"] and not hostile["citation_1"].startswith("@")
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(FORMULA_TRIGGERS), cell


def test_csv_of_no_events_has_only_the_header(frames):
    data = events_to_csv(frames, frames.events.iloc[0:0])
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [rows[0]] and rows[0][0] == "id"


# ---- JSON -----------------------------------------------------------------------------------


def test_json_round_trips_events_evidence_and_sources(frames, shown):
    document = json.loads(events_to_json(frames, shown, view={"q": "x"}))
    assert document["view"] == {"q": "x"}
    assert document["event_count"] == len(shown)
    assert [e["id"] for e in document["events"]] == list(shown["id"])
    li = next(e for e in document["events"] if e["id"] == "li-proposes")
    assert li["date"] == "2025-07-26" and li["precision"] == "day"
    assert {a["id"] for a in li["actors"]} == {"li-qiang", "china"}
    assert li["evidence"][0]["quote"] == "China said on Saturday it wanted to create an organisation"
    assert li["evidence"][0]["reference"].startswith("Test Wire, “China proposes an AI organisation”")
    conference = next(e for e in document["events"] if e["id"] == "conference-2025")
    assert (conference["date"], conference["end"], conference["precision"]) == ("2025-07", "2025-08", "month")
    hostile = next(e for e in document["events"] if e["id"] == "hostile-event")
    assert hostile["title"] == "</script><script>alert('title')</script>", "JSON keeps text as it is"
    cited = {item["source"] for e in document["events"] for item in e["evidence"]}
    assert {s["id"] for s in document["sources"]} == cited


def test_json_of_a_filtered_view_holds_only_those_events(frames):
    shown = filter_events(frames, Filters(actors=frozenset({"china"})))
    document = json.loads(events_to_json(frames, shown))
    assert {e["id"] for e in document["events"]} == {"li-proposes", "conference-2025"}
    assert [s["id"] for s in document["sources"]] == ["wire"]


# ---- citation blocks ------------------------------------------------------------------------


def test_citations_text_numbers_each_source_once(frames, shown):
    text = citations_text(frames, shown)
    assert (
        len(re.findall(r"^\[\d\] Test Wire, “China proposes an AI organisation”, news, 26 July 2025\.", text, re.M))
        == 1
    )
    assert "https://example.org/wire" in text
    assert "A forum reader comments (2024)" in text
    assert "  “this looks like a power play” [" in text
    references = re.findall(r"^\[(\d+)\] ", text, flags=re.MULTILINE)
    assert references == [str(n) for n in range(1, 4)]


def test_citations_markdown_escapes_the_data(frames, shown):
    markdown = citations_markdown(frames, shown)
    assert "> “China said on Saturday it wanted to create an organisation” \\[" in markdown
    assert "<https://example.org/wire>" in markdown
    # markup in the data is shown literally, never as links, HTML or emphasis
    assert "\\<script\\>" in markdown and "<script>" not in markdown
    assert "\\[link\\]\\(javascript\\:alert\\(1\\)\\) \\*stars\\*" in markdown
    assert "](<https://example.net/hostile?a=1&b=2>)" in markdown  # the title links to its source


# ---- standalone HTML ------------------------------------------------------------------------


URL = r"https?://[^\s\"'<>]+"


def page_without_plotlyjs(document: str) -> str:
    """An exported page less plotly.js's own bundled code (which names map-tile servers it never calls here)."""
    bundle = get_plotlyjs()
    assert document.count(bundle) <= 1
    return document.replace(bundle, "")


def data_text_urls(frames: Frames) -> set[str]:
    """Addresses written inside the data's own text (quotes, titles): shown as text, never fetched."""
    texts = [*frames.evidence["quote"], *frames.events["title"], *frames.events["summary"], *frames.sources["title"]]
    return {url for text in texts for url in re.findall(URL, text)}


def test_html_holds_every_event_and_references_no_outside_url(frames, shown):
    document = timeline_html(frames, shown, figure_for(frames, shown))
    assert get_plotlyjs() in document, "plotly.js embedded: the file works offline"
    for event in shown.itertuples():
        assert f'id="event-{event.id}"' in document
        assert html.escape(event.title) in document
    for quote in frames.evidence.loc[frames.evidence["owner_kind"] == "event", "quote"]:
        assert html.escape(quote) in document
    page = page_without_plotlyjs(document)
    source_urls = {u for u in frames.sources["url"] if u} | {u for u in frames.claims["url"] if u}
    # links and resources: only the sources' own pages (and a dispute's public record), as links
    linked = set(re.findall(r"(?:src|href|action)\s*=\s*[\"']?(" + URL + ")", html.unescape(page), flags=re.IGNORECASE))
    assert linked == source_urls
    assert not re.search(r"<(script|link|img|iframe|embed|object)[^>]+(src|href|data)=", page, flags=re.IGNORECASE)
    assert "url(" not in page.lower() and "@import" not in page.lower()
    # any other address is text from the data, shown escaped
    assert set(re.findall(URL, html.unescape(page))) <= source_urls | data_text_urls(frames)
    assert "Content-Security-Policy" in document and "default-src 'none'" in document


def test_html_escapes_everything_from_the_data(frames, shown):
    document = timeline_html(frames, shown, figure_for(frames, shown), title="<Briefing> & co")
    assert "<title>&lt;Briefing&gt; &amp; co</title>" in document
    assert "<script>alert(" not in document
    assert "</script><script>alert('title')" not in document
    assert "&lt;/script&gt;&lt;script&gt;alert(&#x27;title&#x27;)" in document
    # scripts: our click handler and plotly's own; none comes from the data
    assert len(re.findall(r"<script", document)) == 4


def test_html_click_script_listens_to_plotly_click(frames, shown):
    document = timeline_html(frames, shown, figure_for(frames, shown))
    assert 'plot.on("plotly_click"' in document
    assert 'id="timeline-chart"' in document


def test_html_without_a_chart_still_lists_the_events(frames, shown):
    document = timeline_html(frames, shown, None)
    assert "plotly_click" in document and get_plotlyjs() not in document
    assert all(f'id="event-{event_id}"' in document for event_id in shown["id"])


# ---- chart images ---------------------------------------------------------------------------


def test_export_figure_is_white_and_leaves_the_original_alone(frames, shown):
    dark = go.Figure(figure_for(frames, shown), layout_template="plotly_dark")
    copy = export_figure(dark)
    assert copy.layout.template.layout.paper_bgcolor == "white"
    assert copy.layout.xaxis.rangeslider.visible is False
    assert dark.layout.template.layout.paper_bgcolor != "white"
    # the app's own figure (built unvalidated, and cached): exported, it is not changed
    shown_fig = timeline_figure(shown, range_slider=True)
    before = shown_fig.to_json()
    assert export_figure(shown_fig).layout.xaxis.rangeslider.visible is False
    assert shown_fig.to_json() == before


def test_figure_image_refuses_unknown_formats(frames, shown):
    with pytest.raises(ExportError, match="unknown image format 'gif'"):
        figure_image(figure_for(frames, shown), "gif")


@pytest.mark.skipif(shutil.which("chromium") is None, reason="kaleido needs Debian's chromium (make test installs it)")
@pytest.mark.parametrize(("fmt", "magic"), [("png", b"\x89PNG\r\n\x1a\n"), ("svg", b"<svg")])
def test_figure_image_draws_png_and_svg_with_kaleido(frames, shown, fmt, magic):
    data = figure_image(figure_for(frames, shown), fmt)
    assert data.startswith(magic)
    if fmt == "svg":
        assert "Li Qiang" in data.decode("utf-8")
        assert 'class="textpoint"' in data.decode("utf-8")  # the event labels are drawn
        assert "US releases AI blueprint" in data.decode("utf-8")  # a label: hover texts are not in an SVG


def test_html_chart_carries_the_event_labels(frames, shown):
    document = timeline_html(frames, shown, figure_for(frames, shown))
    assert re.search(r'"meta":\s*"labels"', document)


# ---- PowerPoint -----------------------------------------------------------------------------


def slide_texts(slide) -> str:
    return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def test_pptx_has_one_slide_per_event_with_its_quote(frames, shown):
    deck = build_deck(frames, shown)
    prs = Presentation(io.BytesIO(deck_pptx(deck)))
    assert len(prs.slides) == len(shown)
    for slide, planned in zip(prs.slides, deck.slides, strict=True):
        text = slide_texts(slide)
        assert planned.title in text
        assert f"“{planned.quote.text}”" in text
        assert f"{planned.number} / {len(shown)}" in text
        assert "Source: " in text
        assert planned.summary in slide.notes_slide.notes_text_frame.text


def test_pptx_footnote_links_the_source_url(frames, shown):
    prs = Presentation(io.BytesIO(deck_pptx(build_deck(frames, shown))))
    links = {
        run.hyperlink.address
        for slide in prs.slides
        for shape in slide.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
        if run.hyperlink.address
    }
    assert "https://example.org/wire" in links


def test_pptx_of_the_bundled_data_opens():
    frames = build_frames(load_dataset(ROOT / "data" / "events.yaml"))
    shown = filter_events(frames, Filters())
    prs = Presentation(io.BytesIO(deck_pptx(build_deck(frames, shown))))
    assert len(prs.slides) == len(shown)
