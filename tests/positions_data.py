"""A dataset rich in positions (two WAIC rounds, ties, partial dates), for the positions tests.

Cells and what they exercise (as of 2025-07-31 unless said):
- china × cooperation: supports in 2024, restated (same stance) at WAIC 2025 -> superseded
- china × open-sharing: first recorded at WAIC 2025 -> appeared
- united-states × cooperation: skeptical in 2024, opposes in 2025 -> changed stance
- united-states × open-sharing: two positions on 2025-07-26 (mixed, then opposes) -> a tie
- li-qiang × safety: dated only "2024-07" -> counts from 1 July 2024, uncertain before 31 July
- eu × cooperation: dated only "2025", no event -> counts from 1 January 2025
- reader × cooperation: skeptical, "2025-07", stated on the forum
- eu × safety, eu × open-sharing, reader × safety...: no recorded position
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from tests.conftest import write_dataset

POSITIONS_TEXT = (
    "WAIC 2024: Premier Li Qiang urged countries to promote international cooperation on AI.\n"
    "Li said AI must be “safe, reliable and controllable”.\n"
    "A US official said Washington was wary of new global bodies.\n"
    "WAIC 2025: China said it wanted to create an organisation to foster global cooperation.\n"
    "Li said China wants AI to be openly shared.\n"
    "The US official called the plan a power play and said Washington opposed it.\n"
    "The same official said some sharing of research could help.\n"
    "Later that day the official said open sharing would only help rivals.\n"
    "The EU said it would study the proposal.\n"
    "A forum reader wrote: this looks like a power play.\n"
)

RICH_YAML = textwrap.dedent(
    """\
    sources:
      - id: report
        title: Two rounds of WAIC
        publisher: Test Wire
        kind: news
        published: 2025-07-28
        published_basis: stated
        url: https://example.org/report
        file: sources/positions.txt
        lines: [1, 9]
      - id: forum
        title: "[Forum comment]"
        publisher: Test Forum
        author: unidentified
        kind: forum
        published: "2025-07"
        published_basis: inferred
        published_note: posted after the report it answers
        file: sources/positions.txt
        lines: [10, 10]
    actors:
      - {id: china, name: China, kind: state}
      - {id: li-qiang, name: Li Qiang, kind: person, role: Premier, represents: china}
      - {id: united-states, name: United States, kind: state}
      - {id: eu, name: European Union, kind: international-body}
      - {id: reader, name: A forum reader, kind: commentator}
      - {id: nobody, name: An actor without positions, kind: organisation}
    themes:
      - {id: cooperation, label: International cooperation, definition: Working together.}
      - {id: open-sharing, label: Open sharing, definition: Sharing AI openly.}
      - {id: safety, label: Safety, definition: Keeping AI safe.}
      - {id: unused, label: A theme without positions, definition: Nothing yet.}
    events:
      - id: waic-2024
        title: WAIC 2024
        date: 2024-07-04
        end: 2024-07-07
        date_basis: stated
        type: conference
        location: Shanghai
        actors: [li-qiang, china]
        themes: [cooperation, safety]
        summary: The 2024 World AI Conference.
        evidence:
          - {source: report, quote: "Premier Li Qiang urged countries to promote international cooperation on AI."}
      - id: us-2024
        title: A US official on global bodies
        date: 2024-07-10
        date_basis: stated
        type: statement
        actors: [united-states]
        themes: [cooperation]
        summary: A US official is wary of new global bodies.
        evidence:
          - {source: report, quote: "A US official said Washington was wary of new global bodies."}
      - id: waic-2025
        title: WAIC 2025
        date: 2025-07-26
        end: 2025-07-28
        date_basis: stated
        type: conference
        location: Shanghai
        actors: [china, li-qiang, united-states]
        themes: [cooperation, open-sharing]
        summary: The 2025 World AI Conference, where China proposes an organisation.
        evidence:
          - {source: report, quote: "China said it wanted to create an organisation to foster global cooperation."}
    positions:
      - id: china-coop-2024
        actor: china
        theme: cooperation
        proposition: Countries should cooperate internationally on AI
        stance: supports
        date: 2024-07-04
        date_basis: stated
        event: waic-2024
        evidence:
          - {source: report, quote: "urged countries to promote international cooperation on AI"}
      - id: li-safety-2024
        actor: li-qiang
        theme: safety
        proposition: AI must be safe, reliable and controllable
        stance: supports
        date: "2024-07"
        date_basis: inferred
        date_note: the report names WAIC 2024 without a day
        evidence:
          - {source: report, quote: "AI must be “safe, reliable and controllable”"}
      - id: us-coop-2024
        actor: united-states
        theme: cooperation
        proposition: Countries should cooperate internationally on AI
        stance: skeptical
        date: 2024-07-10
        date_basis: stated
        event: us-2024
        evidence:
          - {source: report, quote: "Washington was wary of new global bodies"}
      - id: eu-coop-2025
        actor: eu
        theme: cooperation
        proposition: A global AI cooperation organisation should be created
        stance: neutral
        date: 2025
        date_basis: inferred
        date_note: the report gives no date for the EU's answer
        evidence:
          - {source: report, quote: "The EU said it would study the proposal."}
      - id: china-coop-2025
        actor: china
        theme: cooperation
        proposition: A global AI cooperation organisation should be created
        stance: supports
        date: 2025-07-26
        date_basis: stated
        event: waic-2025
        evidence:
          - {source: report, quote: "China said it wanted to create an organisation to foster global cooperation."}
      - id: china-open-2025
        actor: china
        theme: open-sharing
        proposition: AI should be openly shared
        stance: supports
        date: 2025-07-26
        date_basis: stated
        event: waic-2025
        evidence:
          - {source: report, quote: "Li said China wants AI to be openly shared."}
      - id: us-coop-2025
        actor: united-states
        theme: cooperation
        proposition: A global AI cooperation organisation should be created
        stance: opposes
        date: 2025-07-26
        date_basis: stated
        event: waic-2025
        evidence:
          - {source: report, quote: "called the plan a power play and said Washington opposed it"}
      - id: us-open-2025-a
        actor: united-states
        theme: open-sharing
        proposition: AI should be openly shared
        stance: mixed
        date: 2025-07-26
        date_basis: stated
        event: waic-2025
        evidence:
          - {source: report, quote: "some sharing of research could help"}
      - id: us-open-2025-b
        actor: united-states
        theme: open-sharing
        proposition: AI should be openly shared
        stance: opposes
        date: 2025-07-26
        date_basis: stated
        event: waic-2025
        evidence:
          - {source: report, quote: "open sharing would only help rivals"}
      - id: reader-coop-2025
        actor: reader
        theme: cooperation
        proposition: A global AI cooperation organisation should be created
        stance: skeptical
        date: "2025-07"
        date_basis: inferred
        date_note: the forum thread answers the report of 26 July 2025
        evidence:
          - {source: forum, quote: "this looks like a power play"}
    disputes: []
    """
)


def write_rich_dataset(folder: Path) -> Path:
    """Write the positions dataset under `folder`; return its YAML path."""
    return write_dataset(folder, RICH_YAML, {"positions.txt": POSITIONS_TEXT})
