"""The README's schema reference says what timeline/loading/schema.py accepts: every field, and every allowed value."""

from __future__ import annotations

import enum
import re
import typing
from pathlib import Path

import pytest

from timeline.loading import schema

README = Path(__file__).resolve().parents[1] / "README.md"
MODELS = {
    "sources": schema.Source,
    "actors": schema.Actor,
    "events": schema.Event,
    "positions": schema.Position,
    "disputes": schema.Dispute,
}


def schema_section(name: str) -> str:
    """The text of one '### name' section of the README's schema reference."""
    text = README.read_text(encoding="utf-8")
    reference = text[text.index("## Schema reference") :]
    match = re.search(rf"^### {name}\n(.*?)(?=^##)", reference, re.S | re.M)
    assert match, f"README has no '### {name}' section under 'Schema reference'"
    return match.group(1)


def table_rows(section: str) -> dict[str, str]:
    """Each table row's field names (a cell may name several: `date`, `date_basis`) -> its other cells."""
    rows = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) < 3 or set(cells[0]) <= {"-"} or cells[0] == "field":
            continue
        for name in re.findall(r"`([a-z_]+)`", cells[0]):
            rows[name] = " | ".join(cells[1:])
    return rows


def allowed_values(annotation) -> set[str] | None:
    """The words a field accepts, when it accepts a fixed list (a Literal or an enum, maybe optional)."""
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return {member.value for member in annotation}
    if typing.get_origin(annotation) is typing.Literal:
        return set(typing.get_args(annotation))
    for arg in typing.get_args(annotation):
        found = allowed_values(arg)
        if found:
            return found
    return None


@pytest.mark.parametrize("section", list(MODELS))
def test_the_readme_lists_every_field_of_each_record_kind_and_no_other(section):
    model = MODELS[section]
    assert set(table_rows(schema_section(section))) == set(model.model_fields)


@pytest.mark.parametrize("section", list(MODELS))
def test_the_readme_names_exactly_the_values_a_fixed_list_field_accepts(section):
    rows = table_rows(schema_section(section))
    events = table_rows(schema_section("events"))
    rows = {name: events[name] if "as for events" in meaning else meaning for name, meaning in rows.items()}
    checked = 0
    for name, info in MODELS[section].model_fields.items():
        allowed = allowed_values(info.annotation)
        if allowed is None or name not in rows:
            continue
        checked += 1
        documented = set(re.findall(r"`([A-Za-z-]+)`", rows[name]))
        assert documented == allowed, f"README's {section}.{name}: {sorted(documented)} != schema's {sorted(allowed)}"
    assert checked or section == "disputes"  # every other kind has at least one fixed-list field


def test_the_readme_names_the_fields_of_a_theme():
    themes = schema_section("themes")
    assert set(re.findall(r"`([a-z_]+)`", themes)) == set(schema.Theme.model_fields)


def test_every_export_file_is_named_in_docs_exports_md_as_it_is_downloaded():
    from timeline.exports.files import EXPORT_FILES

    exports_doc = (README.parent / "docs" / "exports.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`(ai-governance-[a-z.-]+)`", exports_doc))
    named |= {name.rsplit(".", 1)[0] + ext for name in named for ext in re.findall(r"` / `(\.[a-z]+)`", exports_doc)}
    assert {spec.file_name for spec in EXPORT_FILES} <= named
