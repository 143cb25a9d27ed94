"""The README's walkthrough, run end to end: an empty folder -> three saved articles -> a timeline that validates and runs.

The commands are the README's, run as a user runs them (subprocesses, in an empty folder); the
events a user writes by hand are written here, each with the evidence entry `quote` printed.
"""

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from streamlit.testing.v1 import AppTest

from components.keys import K_VIEW
from tests.conftest import APP

REPO = Path(__file__).parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "curation"
DATA = "my-timeline/events.yaml"

ACTORS = """\
  - {id: china, name: People's Republic of China, kind: state}
  - {id: li-qiang, name: Li Qiang, kind: person, role: Premier of the State Council, represents: china}
  - {id: xi-jinping, name: Xi Jinping, kind: person, role: President of the People's Republic of China, represents: china}
"""

# (saved page, --id, --kind, words as remembered, the passage `quote` must find, the event the user writes)
ARTICLES = [
    (
        "reuters-2025-07-26.html",
        "reuters-china-ai-organisation",
        "news",
        "china wants an organisation for global AI cooperation",
        "SHANGHAI, July 26 (Reuters) - China said on Saturday it wanted to create an organisation",
        """\
        - id: china-proposes-ai-organisation
          title: China proposes a global AI cooperation organisation
          date: 2025-07-26
          date_basis: stated
          type: proposal
          actors: [china, li-qiang]
          summary: China says it wants to create an organisation to foster global cooperation on AI.
        """,
    ),
    (
        "frontier-post-ai-must-be-harnessed.html",
        "frontier-post-ai-must-be-harnessed",
        "editorial",
        "Li Qiang urged countries to adopt more open mindsets",
        "This was stressed in his opening speech by Premier Li Qiang, who urged countries",
        """\
        - id: li-qiang-waic-2024-speech
          title: Li Qiang's opening speech at WAIC 2024
          date: 2024-07-04
          date_basis: inferred
          date_note: The editorial places the speech at the conference's opening "on Thursday", which was Thursday 4 July 2024.
          type: speech
          actors: [li-qiang, china]
          summary: Li Qiang urges countries to adopt more open mindsets and to cooperate on AI.
        """,
    ),
    (
        "cointelegraph-xi-world-internet-conference.html",
        "cointelegraph-xi-wic-2023",
        "news",
        "Xi speech pre-recorded stressed deepened exchanges",
        "Xi’s speech, pre-recorded and broadcast at the conference, stressed the need for “deepened” exchanges",
        """\
        - id: xi-wic-2023-speech
          title: Xi Jinping's video speech to the World Internet Conference Wuzhen Summit
          date: 2023-11-08
          date_basis: stated
          date_note: '"Nov. 8" in the text; the year from the caption "World Internet Conference Summit 2023".'
          type: speech
          actors: [xi-jinping, china]
          summary: In a pre-recorded speech, Xi calls for international cooperation on the risks of AI.
        """,
    ),
]


def timeline(folder: Path, *args: str) -> str:
    """Run `python -m timeline ARGS` in `folder` as the README does; its standard output."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-m", "timeline", *args], cwd=folder, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


def test_the_readme_walkthrough_runs_from_an_empty_folder_to_a_running_timeline(tmp_path, monkeypatch):
    downloads = tmp_path / "Downloads"
    downloads.mkdir()
    for page, *_ in ARTICLES:
        shutil.copy(FIXTURES / page, downloads / page)

    timeline(tmp_path, "new", "my-timeline")
    events = []
    for page, source_id, kind, words, passage, event in ARTICLES:
        timeline(tmp_path, "add-source", f"Downloads/{page}", "--data", DATA, "--id", source_id, "--kind", kind)
        printed = timeline(tmp_path, "quote", source_id, words, "--data", DATA)
        entry = printed[printed.index("evidence:\n") :]
        assert passage in entry.splitlines()[2]  # the best passage is the one meant
        events.append(textwrap.indent(textwrap.dedent(event), "  ") + textwrap.indent(entry, "    "))

    dataset = tmp_path / DATA
    text = dataset.read_text(encoding="utf-8")
    text = text.replace("\nactors:\n", "\nactors:\n" + ACTORS, 1).replace(
        "\npositions:", "\n" + "".join(events) + "\npositions:", 1
    )
    dataset.write_text(text, encoding="utf-8")
    validated = timeline(tmp_path, "validate", DATA)
    assert "4 sources, 4 actors, 1 themes, 4 events" in validated and "all found verbatim" in validated

    monkeypatch.setenv("TIMELINE_DATA", str(dataset))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert any("4 / 4" in caption.value for caption in at.caption)
    at = at.segmented_control(key=K_VIEW).set_value("sources").run()
    assert not at.exception and len(at.main.expander) == 4
