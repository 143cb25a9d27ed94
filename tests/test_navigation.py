"""The navigation API is the only writer of the selection keys: no other module assigns them."""

from __future__ import annotations

import ast
from pathlib import Path

from components import keys
from components.navigation import SELECTION_KEYS

ROOT = Path(__file__).resolve().parents[1]
NAMES = {name for name in dir(keys) if getattr(keys, name) in SELECTION_KEYS}
WRITERS_ALLOWED = {"components/navigation.py"}


def selection_key_writes(path: Path) -> list[str]:
    """'file:line KEY' for each `...[K_X] = ...` (or del, or +=) naming a selection key."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets = []
        if isinstance(node, (ast.Assign, ast.Delete)):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        for target in targets:
            for sub in ast.walk(target):
                if isinstance(sub, ast.Subscript) and isinstance(sub.slice, ast.Name) and sub.slice.id in NAMES:
                    found.append(f"{path.relative_to(ROOT)}:{sub.lineno} {sub.slice.id}")
    return found


def shell_modules() -> list[Path]:
    return [ROOT / "app.py", *sorted((ROOT / "components").glob("*.py"))]


def test_every_selection_key_has_a_name_to_look_for():
    assert len(NAMES) == len(SELECTION_KEYS)


def test_only_the_navigation_module_writes_the_selection_keys():
    writes = [
        w
        for path in shell_modules()
        if str(path.relative_to(ROOT)) not in WRITERS_ALLOWED
        for w in selection_key_writes(path)
    ]
    assert writes == []


def test_the_check_sees_a_write_when_there_is_one():
    assert selection_key_writes(ROOT / "components" / "navigation.py")  # it does write them
