"""Property tests: whatever is thrown at the loader, the answer is a Dataset or a DatasetError.

Random YAML structures (of any shape, and shaped like a dataset), random bytes, YAML-ish
punctuation soup and random edits of a good file. Nothing else may come out: no
RecursionError, ValueError, KeyError or crash. When a file does load, the app's tables
are built from it too.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import GOOD_YAML, SOURCE_TEXT
from timeline.errors import DatasetError
from timeline.loading.frames import build_frames
from timeline.loading.load import load_dataset
from timeline.loading.schema import MODELS, SECTIONS

PROPERTY_SETTINGS = settings(
    max_examples=int(os.environ.get("HARDENING_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
FIELD_NAMES = sorted({name for model in MODELS.values() for name in model.model_fields} | {"about", "claims"})

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["2024-02-30", "2024-07", "2024", "2024-07-04", "wire", "china", "li-proposes", "news", "stated"]),
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.text(max_size=12), st.sampled_from(FIELD_NAMES)), children, max_size=5),
    ),
    max_leaves=25,
)
records = st.dictionaries(st.sampled_from(FIELD_NAMES), values, max_size=8)
datasets = st.dictionaries(
    st.sampled_from([*SECTIONS, "extra"]), st.one_of(st.lists(records, max_size=3), values), max_size=7
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """One dataset folder whose events.yaml each example overwrites (sources/wire.txt stays)."""
    base = tmp_path_factory.mktemp("props")
    (base / "sources").mkdir()
    (base / "sources" / "wire.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    return base


def check_loads_or_refuses_cleanly(path: Path, data: bytes) -> None:
    """The contract under test: a Dataset (whose frames build) or a located DatasetError."""
    path.write_bytes(data)
    try:
        dataset = load_dataset(path)
    except DatasetError as error:
        assert error.problems
        for problem in error.problems:
            assert str(problem).startswith(str(path))
            assert not _CONTROL.search(str(problem)), str(problem)
        return
    build_frames(dataset)


def dumped(value: object, flow: bool | None, unicode: bool) -> bytes:
    return yaml.safe_dump(value, default_flow_style=flow, allow_unicode=unicode, sort_keys=False).encode("utf-8")


@PROPERTY_SETTINGS
@given(value=values, flow=st.sampled_from([None, True, False]), unicode=st.booleans())
def test_random_yaml_structures(folder, value, flow, unicode):
    check_loads_or_refuses_cleanly(folder / "events.yaml", dumped(value, flow, unicode))


@PROPERTY_SETTINGS
@given(value=datasets, flow=st.sampled_from([None, False]))
def test_random_structures_shaped_like_a_dataset(folder, value, flow):
    check_loads_or_refuses_cleanly(folder / "events.yaml", dumped(value, flow, True))


@PROPERTY_SETTINGS
@given(data=st.binary(max_size=3000))
def test_random_bytes(folder, data):
    check_loads_or_refuses_cleanly(folder / "events.yaml", data)


@PROPERTY_SETTINGS
@given(soup=st.text(alphabet="[]{}:-,&*!|>'\"%@`#?~<=.\\\n\t abc019é\u202e\x00\x07\ufeff", max_size=400))
def test_yaml_punctuation_soup(folder, soup):
    check_loads_or_refuses_cleanly(folder / "events.yaml", soup.encode("utf-8"))


@PROPERTY_SETTINGS
@given(
    start=st.integers(min_value=0, max_value=len(GOOD_YAML)),
    length=st.integers(min_value=0, max_value=40),
    insert=st.text(max_size=40),
)
def test_random_edits_of_a_good_file(folder, start, length, insert):
    edited = GOOD_YAML[:start] + insert + GOOD_YAML[start + length :]
    check_loads_or_refuses_cleanly(folder / "events.yaml", edited.encode("utf-8", "surrogatepass"))


@PROPERTY_SETTINGS
@given(start=st.integers(min_value=0, max_value=len(GOOD_YAML.encode())), data=st.binary(min_size=1, max_size=8))
def test_random_bytes_spliced_into_a_good_file(folder, start, data):
    raw = GOOD_YAML.encode()
    check_loads_or_refuses_cleanly(folder / "events.yaml", raw[:start] + data + raw[start + len(data) :])
