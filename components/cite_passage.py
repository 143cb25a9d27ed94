""" "Cite a passage" in the Sources view: type a few words, see the closest passages marked in the
source's text, copy a ready-to-paste `evidence:` entry. Read-only: the app never writes the dataset.

The same matcher and entry as `python -m timeline quote` (timeline/loading/passages.py, timeline/curation/quote.py).
"""

from __future__ import annotations

import streamlit as st

from timeline.curation.quote import evidence_yaml, quoted_passage
from timeline.loading.frames import Frames
from timeline.loading.passages import Passage, closest_passages
from timeline.loading.provenance import Mark, Span, highlight_html
from timeline.textsafe import escape_markdown as md

LIMIT = 3
LABEL_LENGTH = 90

_STYLE = """
<style>
  body { font-family: "Source Serif Pro", Georgia, serif; font-size: 15px; line-height: 1.5; color: #1a1a1a;
         margin: 0; }
  .scroll { height: 260px; overflow-y: auto; border: 1px solid #ddd; border-radius: 6px; }
  .text { white-space: pre-wrap; padding: 0.5rem 0.75rem; }
  mark.quote { background: #d7ecff; border-bottom: 2px solid #0072b2; padding: 0 1px; }
  mark.quote.current { background: #9fd0ff; outline: 3px solid #0072b2; }
  sup.ref { font-family: sans-serif; font-size: 0.7em; color: #00436b; margin-left: 2px; }
</style>
"""
_SCROLL = "<script>const c=document.getElementById('cite-current');if(c){c.scrollIntoView({block:'center'});}</script>"


def words_key(source_id: str) -> str:
    """The key of a source's "Cite a passage" text box."""
    return f"cite-words-{source_id}"


def choice_key(source_id: str) -> str:
    """The key of the radio choosing among a source's closest passages."""
    return f"cite-choice-{source_id}"


def render_cite_passage(frames: Frames, source_id: str) -> None:
    """A search box; under it the closest passages marked in the text, and the chosen one's YAML."""
    words = st.text_input(
        "Cite a passage",
        key=words_key(source_id),
        placeholder="a few words you remember from this source",
        help="Finds the closest passages, like `python -m timeline quote`; copy the YAML into your dataset.",
    )
    if not words.strip():
        return
    text = frames.texts[source_id]
    passages = closest_passages(text, words, limit=LIMIT)
    if not passages:
        st.info(f"No passage of this source resembles “{md(words)}”.")
        return
    first_line = _first_line(frames, source_id)
    chosen = st.radio(
        "Closest passages, best first",
        range(len(passages)),
        format_func=lambda i: _label(i, passages[i], first_line),
        key=choice_key(source_id),
    )
    chosen = chosen if chosen is not None and chosen < len(passages) else 0
    marks = [
        Mark(Span(p.start, p.end), str(i + 1), current=i == chosen, anchor="cite-current" if i == chosen else "")
        for i, p in enumerate(passages)
    ]
    st.iframe(
        f'{_STYLE}<div class="scroll"><div class="text">{highlight_html(text, marks)}</div></div>{_SCROLL}', height=280
    )
    st.caption("Paste under the event in your YAML (the copy button is at the block's top right):")
    st.code(evidence_yaml(source_id, quoted_passage(passages[chosen])), language="yaml", wrap_lines=True)


def _first_line(frames: Frames, source_id: str) -> int:
    lines = frames.sources.loc[frames.sources["id"] == source_id, "lines"].iloc[0]
    return int(lines.split("-")[0]) if lines else 1


def _label(index: int, passage: Passage, first_line: int) -> str:
    words = " ".join(passage.text.split())
    shown = words if len(words) <= LABEL_LENGTH else words[: LABEL_LENGTH - 1] + "…"
    return f"{index + 1}. line {first_line + passage.line - 1}: {md(shown)}"
