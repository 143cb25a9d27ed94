"""Small datasets built inline, written to tmp_path for the loader and the app."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.keys import K_CHRONO_OPEN, K_EXPORTS_OPEN, K_FINDER_OPEN, K_MORE_OPEN

APP = str(Path(__file__).parents[1] / "app.py")

SOURCE_TEXT = (
    "SHANGHAI, July 26 - China said on Saturday it wanted to create an organisation.\n"
    "Premier Li Qiang told the annual conference that AI must be “openly shared”.\n"
    "The U.S. on Wednesday released an AI blueprint.\n"
    "A forum reader wrote: this looks like a power play.\n"
)

GOOD_YAML = textwrap.dedent(
    """\
    sources:
      - id: wire
        title: China proposes an AI organisation
        publisher: Test Wire
        kind: news
        published: 2025-07-26
        published_basis: stated
        url: https://example.org/wire
        file: sources/wire.txt
        lines: [1, 3]
      - id: forum
        title: "[Forum comment]"
        publisher: Test Forum
        author: unidentified
        kind: forum
        published: "2025-07"
        published_basis: inferred
        published_note: posted after the report it answers
        file: sources/wire.txt
        lines: [4, 4]
    actors:
      - {id: china, name: China, kind: state}
      - {id: li-qiang, name: Li Qiang, kind: person, role: Premier, represents: china}
      - {id: united-states, name: United States, kind: state}
      - {id: reader, name: A forum reader, kind: commentator}
    themes:
      - {id: cooperation, label: International cooperation, definition: Working together.}
      - {id: open-sharing, label: Open sharing, definition: Sharing AI openly.}
    events:
      - id: li-proposes
        title: Li proposes an organisation
        date: 2025-07-26
        date_basis: stated
        type: proposal
        location: Shanghai
        actors: [li-qiang, china]
        themes: [cooperation, open-sharing]
        summary: Li Qiang proposes a global AI cooperation organisation.
        evidence:
          - {source: wire, quote: "China said on Saturday it wanted to create an organisation"}
      - id: us-plan
        title: US releases AI blueprint
        date: 2025-07-23
        date_basis: inferred
        date_note: "'on Wednesday' in a report dated Saturday 26 July 2025"
        type: policy
        actors: [united-states]
        summary: The US administration releases an AI action plan.
        evidence:
          - {source: wire, quote: "on Wednesday released an AI blueprint"}
      - id: conference-2025
        title: The annual conference
        date: "2025-07"
        end: "2025-08"
        date_basis: external
        date_note: the conference's own site
        type: conference
        actors: [china]
        themes: [cooperation]
        summary: The annual conference in Shanghai.
        evidence:
          - {source: wire, quote: "told the annual conference"}
      - id: forum-2024
        title: A forum reader comments
        date: 2024
        date_basis: stated
        type: statement
        actors: [reader]
        summary: A reader calls it a power play.
        evidence:
          - {source: forum, quote: "this looks like a power play"}
    positions:
      - id: china-open-sharing
        actor: china
        theme: open-sharing
        proposition: AI should be openly shared
        stance: supports
        date: 2025-07-26
        date_basis: stated
        event: li-proposes
        evidence:
          - {source: wire, quote: "AI must be “openly shared”"}
    disputes:
      - id: plan-date
        about: {event: us-plan, field: date}
        summary: Which day the plan came out
        claims:
          - {value: "2025-07-23", source: wire, quote: "on Wednesday released"}
          - {value: "2025-07-23", external: "The White House, 23 July 2025", url: "https://example.org/plan"}
        decision: Both agree; recorded as 23 July 2025.
    """
)


def write_dataset(tmp_path: Path, yaml_text: str = GOOD_YAML, sources: dict[str, str] | None = None) -> Path:
    """Write a dataset and its source files under tmp_path; return the YAML path."""
    (tmp_path / "sources").mkdir(exist_ok=True)
    for name, text in (sources or {"wire.txt": SOURCE_TEXT}).items():
        (tmp_path / "sources" / name).write_text(text, encoding="utf-8")
    path = tmp_path / "events.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    return path


@pytest.fixture
def good_path(tmp_path: Path) -> Path:
    return write_dataset(tmp_path)


def open_exports(at: AppTest) -> AppTest:
    """Open "Export this view": its buttons are made only while it is open."""
    at.session_state[K_EXPORTS_OPEN] = True
    return at.run()


def open_more(at: AppTest) -> AppTest:
    """Open the sidebar's "More filters and display": its widgets are made only while it is open."""
    at.session_state[K_MORE_OPEN] = True
    return at.run()


def open_finder(at: AppTest) -> AppTest:
    """Open "Find an event by name": the event selector is made only while it is open."""
    at.session_state[K_FINDER_OPEN] = True
    return at.run()


def open_list(at: AppTest) -> AppTest:
    """Open the chronology list under the chart: its rows are made only while it is open."""
    at.session_state[K_CHRONO_OPEN] = True
    return at.run()


def run_app(monkeypatch, data: Path | None, params: dict | None = None) -> AppTest:
    """Run the app under AppTest on `data` (None: the bundled data) with these link parameters."""
    if data is not None:
        monkeypatch.setenv("TIMELINE_DATA", str(data))
    else:
        monkeypatch.delenv("TIMELINE_DATA", raising=False)
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    return at.run()


# GOOD_YAML with its two sources graded: the wire B (usually reliable), the forum E (unreliable).
GRADED_YAML = GOOD_YAML.replace(
    "    kind: news\n", "    kind: news\n    reliability: B\n    reliability_reason: a wire service\n", 1
).replace(
    "    kind: forum\n", "    kind: forum\n    reliability: E\n    reliability_reason: an anonymous forum reader\n", 1
)
