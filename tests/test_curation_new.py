"""`python -m timeline new DIR`: a dataset folder that validates, and never over an existing one."""

import datetime as dt

import pytest

from timeline.__main__ import main
from timeline.curation.new_dataset import new_dataset
from timeline.errors import DatasetError
from timeline.loading.load import load_dataset

TODAY = dt.date(2026, 12, 3)


def test_new_dataset_validates_with_one_example_of_each_record_kind(tmp_path):
    dataset = new_dataset(tmp_path / "mine", today=TODAY)
    for section in ("sources", "actors", "themes", "events", "positions", "disputes"):
        assert len(getattr(dataset, section)) == 1, section
    assert load_dataset(tmp_path / "mine" / "events.yaml").events[0].date.iso() == "2026-12-03"


def test_new_example_quotes_stand_in_its_own_note(tmp_path):
    dataset = new_dataset(tmp_path / "mine", today=TODAY)
    note = (tmp_path / "mine" / "sources" / "example-note.txt").read_text(encoding="utf-8")
    assert "on 3 December 2026." in note
    assert dataset.events[0].evidence[0].quote in note


def test_new_refuses_a_folder_that_holds_a_dataset_and_leaves_it_untouched(tmp_path, capsys):
    (tmp_path / "events.yaml").write_text("# mine\n", encoding="utf-8")
    assert main(["new", str(tmp_path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"{tmp_path / 'events.yaml'}: already exists (choose an empty folder)"]
    assert (tmp_path / "events.yaml").read_text(encoding="utf-8") == "# mine\n"
    assert not (tmp_path / "sources").exists()


def test_new_leaves_no_scratch_folder_behind(tmp_path):
    new_dataset(tmp_path / "mine", today=TODAY)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine"]
    assert sorted(p.name for p in (tmp_path / "mine").iterdir()) == ["events.yaml", "sources"]


def test_new_from_the_command_line_says_what_to_do_next(tmp_path, capsys):
    assert main(["new", str(tmp_path / "mine")]) == 0
    out = capsys.readouterr().out
    assert "it validates" in out and "add-source" in out
    with pytest.raises(DatasetError):
        new_dataset(tmp_path / "mine", today=TODAY)
