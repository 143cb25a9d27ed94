"""Hostile content: every string from a dataset stays text wherever it is shown or exported.

The fixture tests/fixtures/hostile/ is a valid dataset whose every text field carries
payloads (HTML, scripts, javascript: and markdown links, images, Streamlit directives,
math, entities, formulas, a right-to-left override). Each output is parsed the way its
reader would parse it (CommonMark, an HTML parser, a CSV reader, python-pptx) and must
hold no element, link or formula that the data put there.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from pptx import Presentation
from streamlit.testing.v1 import AppTest

from components.briefing import slide_html
from components.keys import K_CHRONO_OPEN
from timeline.charts.figures import PALETTE, POSITION_KEY_COLOUR, SPAN_COLOUR, timeline_figure
from timeline.charts.stance_figures import actor_record_figure, stance_matrix_figure
from timeline.exports.pptx import deck_pptx
from timeline.exports.tables import citations_markdown, events_to_csv, events_to_json, timeline_html
from timeline.loading.frames import build_frames
from timeline.loading.load import load_dataset
from timeline.positions.stances import matrix_axes, position_chronology, stance_matrix
from timeline.present.briefing import build_deck
from timeline.present.citations import source_html
from timeline.textsafe import close_bidi, escape_markdown, safe_url
from timeline.timelinejs.export import timelinejs_document
from timeline.timelinejs.htmltext import html_to_line

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = ROOT / "tests" / "fixtures" / "hostile" / "events.yaml"
# The payloads the fixture carries in every text field (see its events.yaml).
PAYLOADS = (
    "<script>alert('xss-script')</script>",
    "<img src=x onerror=alert('xss-img')>",
    "<svg onload=alert('xss-svg')>",
    "[md-link](javascript:alert('xss-md'))",
    "<javascript:alert('xss-autolink')>",
    "![md-image](http://127.0.0.1:1/pixel.png)",
    ":red[red-directive] :material/home: $x^2$ &lt;b&gt;entity&lt;/b&gt;",
    "mail evil@example.com www.example.com",
)
DANGEROUS_TAGS = {"script", "img", "svg", "iframe", "object", "embed", "details", "math", "form", "input", "base", "link"}  # fmt: skip
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
WORD_JOINER = "\u2060"


class _Html(HTMLParser):
    """Every start tag with its attributes, and the text outside script and style."""

    def __init__(self, hidden: tuple[str, ...] = ("script", "style")) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self._hiding = hidden
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._hidden += tag in self._hiding

    def handle_endtag(self, tag):
        self._hidden -= tag in self._hiding and self._hidden > 0

    def handle_data(self, data):
        if not self._hidden:
            self.text.append(data)


def parsed(fragment: str, hidden: tuple[str, ...] = ("script", "style")) -> _Html:
    parser = _Html(hidden)
    parser.feed(fragment)
    parser.close()
    return parser


def assert_inert(fragment: str, allowed: set[str] | None = None, denied: set[str] = DANGEROUS_TAGS) -> _Html:
    """No tag outside `allowed` (or in `denied`), no event handler, only http(s) or #links."""
    found = parsed(fragment)
    for tag, attrs in found.tags:
        assert (tag in allowed) if allowed is not None else (tag not in denied), (tag, attrs)
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        for name in ("href", "src", "action", "formaction", "xlink:href"):
            if name in attrs:
                assert attrs[name].startswith("#") or safe_url(attrs[name]), (tag, attrs)
    return found


def visible(text: str) -> str:
    """Text as a reader sees it: without the invisible word joiners."""
    return text.replace(WORD_JOINER, "")


def same_words(shown: str, text: str) -> bool:
    """Whether markdown showed `text` word for word (direction controls closed at its end)."""
    return " ".join(visible(shown).split()) == " ".join(close_bidi(text).split())


@pytest.fixture(scope="module")
def frames():
    return build_frames(load_dataset(HOSTILE))


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(HOSTILE)


def test_the_fixture_carries_every_payload_in_every_text_field(dataset):
    texts = [dataset.events[0].title, dataset.events[0].summary, dataset.sources[0].title, dataset.actors[0].name]
    texts += [dataset.themes[0].label, dataset.positions[0].proposition, dataset.disputes[0].decision]
    assert all(payload in text for payload in PAYLOADS for text in texts)


# ---- markdown (st.markdown, captions, headings, labels) --------------------------------------

COMMONMARK = MarkdownIt("commonmark").enable(["table", "strikethrough"])
ALLOWED_MARKDOWN_TAGS = {"p", "br", "pre", "code"}  # paragraphs; indented lines become code blocks


@pytest.mark.parametrize(
    "text",
    [
        # markup and links
        *PAYLOADS,
        "**bold** _em_ `code` ~~gone~~ <b>raw</b> <!-- comment -->",
        "# heading\n\n> quote\n\n- item\n1. item\n\n---\n\ntext\n===",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "[ref]\n\n[ref]: javascript:alert(1)",
        "<http://127.0.0.1:1/> and <evil@example.com>",
        "trailing backslash \\",
        # Streamlit's own syntax
        ":red[red] :blue-background[x] :material/home: :smile: $$x$$ $x$",
        # entities and bidi
        "&lt;script&gt; &#60;img&#62; &amp;",
        "\u202eevil.exe\u202c fine \u2067isolate",
    ],
)
def test_escaped_markdown_renders_as_exactly_the_text(text):
    rendered = COMMONMARK.render(escape_markdown(text))
    found = assert_inert(rendered, ALLOWED_MARKDOWN_TAGS)
    assert same_words("".join(found.text), text)


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("<>[]()!:*_`~#|\\&;$-=+.@/ \n\taxé\u202e")), max_size=80))
def test_any_text_escaped_renders_as_itself(text):
    rendered = COMMONMARK.render(escape_markdown(text))
    found = assert_inert(rendered, ALLOWED_MARKDOWN_TAGS)
    assert same_words("".join(found.text), text)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=80))
def test_escaped_text_holds_nothing_gfm_would_link(text):
    plain = escape_markdown(text).replace("\\", "")
    assert not re.search(r"(?i)(https?|mailto|xmpp):|www\.|@[\w-]", plain)


@pytest.mark.parametrize(
    ("text", "closed"),
    [
        ("plain", "plain"),
        ("a\u202eb", "a\u202eb\u202c"),
        ("a\u202eb\u202cc", "a\u202eb\u202cc"),
        ("\u2067\u202ex", "\u2067\u202ex\u202c\u2069"),
        ("stray closer \u202c", "stray closer \u202c"),
    ],
)
def test_direction_overrides_end_with_their_string(text, closed):
    assert close_bidi(text) == closed


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        # http(s) only
        ("https://example.org/a?b=c#d", True),
        ("HTTP://EXAMPLE.ORG", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        (" javascript:alert(1)", False),
        ("\njavascript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox(1)", False),
        ("file:///etc/passwd", False),
        ("mailto:evil@example.com", False),
        ("//evil.example.org", False),
        ("https:evil.example.org", False),
        ("https://", False),
        # nothing that could leave an attribute or a markdown destination
        ('https://x.org/"onmouseover="alert(1)', False),
        ("https://x.org/'x", False),
        ("https://x.org/<script>", False),
        ("https://x.org/ space", False),
        ("https://x.org/`x`", False),
        ("", False),
        (None, False),
    ],
)
def test_only_plain_http_links_are_made_clickable(url, allowed):
    assert (safe_url(url) is not None) == allowed


def markdown_in_app(at: AppTest) -> list[str]:
    """Every piece of markdown the app sent: bodies, headings, captions, labels, alerts."""
    bodies = [e.value for kind in ("markdown", "caption", "subheader", "header", "title") for e in at.get(kind)]
    bodies += [e.value for kind in ("info", "warning", "error", "success") for e in at.get(kind)]
    bodies += [option for radio in at.get("radio") for option in radio.options]  # e.g. the chronology's rows
    return bodies + [e.label for kind in ("expander", "button") for e in at.get(kind)]


@pytest.mark.parametrize(
    ("params", "needle"),
    [
        ({"event": "hostile-point", "source": "hostile-source"}, "xss-img"),
        ({"event": "hostile-range"}, "xss-img"),
        ({"view": "sources"}, "xss-img"),
        ({"view": "positions", "cell": "hostile-state.hostile-theme"}, "xss-img"),
        ({"view": "briefing"}, None),  # its slides are HTML, tested below
        ({"event": "<img src=x onerror=alert(1)>", "q": ":red[x] $y$"}, "onerror=alert(1)"),  # in the notice
    ],
    ids=["event-and-source", "range-event", "sources", "positions", "briefing", "hostile-link"],
)
def test_every_markdown_the_app_sends_is_inert(monkeypatch, dataset, params, needle):
    monkeypatch.setenv("TIMELINE_DATA", str(HOSTILE))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.session_state[K_CHRONO_OPEN] = True  # the chronology's rows are markdown from the data too
    at.run()
    assert not at.exception
    urls = {s.url for s in dataset.sources} | {c.url for d in dataset.disputes for c in d.claims if c.url}
    urls = {COMMONMARK.normalizeLink(url) for url in urls}
    bodies = markdown_in_app(at)
    if needle:  # the hostile text is there, as text
        assert any(needle in visible(body.replace("\\", "")) for body in bodies), bodies
    for body in bodies:
        rendered = COMMONMARK.render(body)
        found = assert_inert(rendered, ALLOWED_MARKDOWN_TAGS | {"strong", "em", "blockquote", "ul", "ol", "li", "a"})
        assert {attrs["href"] for tag, attrs in found.tags if tag == "a"} <= urls
        assert not re.search(r"(?i)(https?|mailto|xmpp):|www\.|@[\w-]", "".join(found.text)), body


# ---- HTML: hover labels, the source viewer, exports ------------------------------------------

PLOTLY_TAGS = {"b", "br", "extra", "i", "em", "sup", "sub"}


def figure_strings(value: object):
    """Every string anywhere in a figure's JSON (texts, names, tick labels, templates...)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from figure_strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from figure_strings(item)
    elif hasattr(value, "tolist"):
        yield from figure_strings(value.tolist())


# The timeline legend's glyphs: the only styled text, in colours of the app's own.
LEGEND_SPAN = re.compile(r'<span style="color:([^;"]+);font-size:\d+px">.</span>')
OWN_COLOURS = {*PALETTE, SPAN_COLOUR, POSITION_KEY_COLOUR}


def assert_plotly_text_inert(fig) -> None:
    strings = list(figure_strings(fig.to_plotly_json()))
    for text in strings:
        assert set(LEGEND_SPAN.findall(text)) <= OWN_COLOURS, text
        tags = {tag.lower() for tag in re.findall(r"<\s*/?\s*([a-zA-Z][\w:-]*)", LEGEND_SPAN.sub("", text))}
        assert tags <= PLOTLY_TAGS, (tags, text)
    assert any("&lt;img src=x onerror=alert('xss-img')&gt;" in text for text in strings)


def test_timeline_hover_labels_lanes_and_legend_are_text(frames):
    actor_names = dict(zip(frames.actors["id"], frames.actors["name"], strict=True))
    theme_labels = dict(zip(frames.themes["id"], frames.themes["label"], strict=True))
    for lane_by, labels in (("actor", actor_names), ("theme", theme_labels)):
        fig = timeline_figure(
            frames.events,
            lane_by=lane_by,
            colour_by="theme",
            lane_labels=labels,
            colour_labels=theme_labels,
            actor_names=actor_names,
            positions=frames.positions,
            theme_labels=theme_labels,
        )
        assert_plotly_text_inert(fig)


def test_position_figures_hover_labels_are_text(frames):
    actor_names = dict(zip(frames.actors["id"], frames.actors["name"], strict=True))
    theme_labels = dict(zip(frames.themes["id"], frames.themes["label"], strict=True))
    chronology = position_chronology(frames.positions)
    actors, themes = matrix_axes(frames)
    matrix = stance_matrix(chronology, chronology["last_day"].max().date(), actors, themes)
    assert_plotly_text_inert(stance_matrix_figure(matrix, actor_labels=actor_names, theme_labels=theme_labels))
    history = chronology[chronology["actor"] == "hostile-state"]
    record = actor_record_figure(history, theme_labels=theme_labels, until=chronology["last_day"].max().date())
    for text in figure_strings(record.to_plotly_json()):
        assert {t.lower() for t in re.findall(r"<\s*/?\s*([a-zA-Z][\w:-]*)", text)} <= PLOTLY_TAGS, text


@pytest.mark.parametrize("current", [None, "hostile-point"])
def test_the_source_viewer_shows_the_source_text_and_only_marks(frames, current):
    fragment = source_html(frames, "hostile-source", current)
    assert_inert(fragment, {"mark", "sup"})
    # the text reads back exactly, leaving out the passage numbers in <sup>
    assert "".join(parsed(fragment, hidden=("sup",)).text) == frames.texts["hostile-source"]


def test_the_standalone_html_export_runs_only_its_own_scripts(frames):
    exported = timeline_html(frames, frames.events, None)
    found = assert_inert(exported, denied=DANGEROUS_TAGS - {"script"})
    assert [tag for tag, _ in found.tags if tag == "script"] == ["script"]  # the exporter's own, one
    text = "".join(found.text)
    assert all(payload in text for payload in PAYLOADS)


def test_the_html_export_with_its_chart_keeps_the_data_inside_strings(frames):
    fig = timeline_figure(frames.events, actor_names=dict(zip(frames.actors["id"], frames.actors["name"], strict=True)))
    without_chart = parsed(timeline_html(frames, frames.events, None))
    with_chart = assert_inert(timeline_html(frames, frames.events, fig), denied=DANGEROUS_TAGS - {"script"})
    # plotly.js and the figure add scripts and divs; data that closed a <script> would add more
    assert {tag for tag, _ in with_chart.tags} <= {tag for tag, _ in without_chart.tags} | {"script", "div"}


def test_csv_export_neutralises_formulas_and_keeps_the_text(frames, dataset):
    rows = list(csv.reader(io.StringIO(events_to_csv(frames, frames.events).decode("utf-8-sig"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_TRIGGERS)]
    titles = {row[rows[0].index("title")] for row in rows[1:]}
    assert "'" + dataset.events[0].title in titles  # '=HYPERLINK(...' is shown, never run


def test_json_export_round_trips_every_string(frames, dataset):
    document = json.loads(events_to_json(frames, frames.events))
    assert [e["title"] for e in document["events"]] == [e.title for e in dataset.events]
    assert document["sources"][0]["title"] == dataset.sources[0].title


def test_citations_markdown_renders_no_link_image_or_html_from_the_data(frames, dataset):
    rendered = COMMONMARK.render(citations_markdown(frames, frames.events))
    found = assert_inert(rendered, {"h2", "p", "strong", "em", "blockquote", "ol", "li", "a", "br"})
    assert {attrs["href"] for tag, attrs in found.tags if tag == "a"} <= {
        COMMONMARK.normalizeLink(dataset.sources[0].url)
    }
    assert "<img src=x onerror=alert('xss-img')>" in "".join(found.text)


def test_timelinejs_text_is_escaped_html(frames, dataset):
    document = timelinejs_document(frames)
    for slide in document["events"]:
        for key in ("headline", "text"):
            assert_inert(slide["text"][key], {"p", "em", "strong", "blockquote", "ul", "li", "a"})
        assert_inert(slide.get("group", ""), set())
    # what TimelineJS shows as the headline is exactly the title
    assert [html_to_line(s["text"]["headline"]) for s in document["events"]] == [e.title for e in dataset.events]


def test_briefing_slides_are_escaped_html(frames):
    deck = build_deck(frames, frames.events)
    for number in range(1, len(deck) + 1):
        found = assert_inert(slide_html(deck, number))
        assert "<img src=x onerror=alert('xss-img')>" in "".join(found.text)


def test_pptx_slides_hold_the_text_and_only_http_links(frames, dataset):
    deck = build_deck(frames, frames.events)
    prs = Presentation(io.BytesIO(deck_pptx(deck)))
    texts, links = [], []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                for paragraph in shape.text_frame.paragraphs:
                    for run in paragraph.runs:
                        texts.append(run.text)
                        links.append(run.hyperlink.address)
    assert {link for link in links if link} <= {dataset.sources[0].url}
    assert any(html.unescape("&lt;img src=x onerror=alert('xss-img')&gt;") in text for text in texts)
