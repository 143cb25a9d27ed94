"""The loaded dataset is exempt from the collector's walk after every run, and still freed on reload."""

from __future__ import annotations

import gc
import weakref

import pytest

from components.cached import file_version, load_frames
from tests.conftest import GOOD_YAML, write_dataset


@pytest.fixture
def fresh_collector():
    """Each test starts with nothing frozen and leaves nothing frozen for the tests after it."""
    load_frames.clear()
    gc.unfreeze()
    yield
    load_frames.clear()
    gc.unfreeze()


def test_loading_freezes_the_loaded_data_and_what_was_imported(fresh_collector, tmp_path):
    path = write_dataset(tmp_path, GOOD_YAML)
    frames, _ = load_frames(str(path), file_version(path))
    assert gc.get_freeze_count() > 10_000  # the imported libraries' objects, at least
    tracked = {id(o) for o in gc.get_objects()}  # what the collector still walks
    assert id(frames.events) not in tracked
    assert id(gc) not in tracked


def test_garbage_made_after_loading_is_still_collected(fresh_collector, tmp_path):
    path = write_dataset(tmp_path, GOOD_YAML)
    load_frames(str(path), file_version(path))
    alive = weakref.ref(_Node(None))
    gc.collect(2)
    assert alive() is None


def test_a_reload_collects_what_was_frozen_and_has_died_since(fresh_collector, tmp_path):
    # Frozen cycles are never collected: a dataset evicted for a newer file version would
    # stay in memory if each load did not first thaw what the load before had frozen.
    path = write_dataset(tmp_path, GOOD_YAML)
    cycle = _Node(None)
    load_frames(str(path), file_version(path))
    died_frozen = weakref.ref(cycle)
    del cycle
    gc.collect(2)
    assert died_frozen() is not None  # frozen: the collector skips it
    load_frames.clear()
    path.write_text(GOOD_YAML + "\n", encoding="utf-8")  # a new version of the file
    load_frames(str(path), file_version(path))
    assert died_frozen() is None


class _Node:
    def __init__(self, payload):
        self.payload = payload
        self.me = self
