"""Dates keep their precision from YAML to label."""

import datetime as dt

import pytest

from timeline.dates import PartialDate, Precision, parse_partial_date


@pytest.mark.parametrize(
    ("raw", "iso", "precision", "label"),
    [
        # what PyYAML hands over: a date, a string, an int
        (dt.date(2024, 7, 4), "2024-07-04", Precision.DAY, "4 July 2024"),
        ("2024-07", "2024-07", Precision.MONTH, "July 2024"),
        (2024, "2024", Precision.YEAR, "2024"),
        # strings of every precision, and a three-digit year
        ("2024-07-04", "2024-07-04", Precision.DAY, "4 July 2024"),
        ("2024", "2024", Precision.YEAR, "2024"),
        (602, "0602", Precision.YEAR, "602"),
        ("2024-02-29", "2024-02-29", Precision.DAY, "29 February 2024"),
    ],
)
def test_parse_keeps_precision(raw, iso, precision, label):
    date = parse_partial_date(raw)
    assert (date.iso(), date.precision, date.label()) == (iso, precision, label)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("2024-02-30", "2024-02-30 does not exist"),
        ("2023-02-29", "2023-02-29 does not exist"),
        ("2024-13", "month 13 does not exist"),
        ("2024-7-4", "is not a date"),
        ("July 2024", "is not a date"),
        (True, "must be written"),
        (0, "out of range"),
        (dt.datetime(2024, 7, 4, 10, 0), "time of day"),
        (None, "is not a date"),
    ],
)
def test_parse_rejects(raw, message):
    with pytest.raises(ValueError, match=message):
        parse_partial_date(raw)


@pytest.mark.parametrize(
    ("date", "first", "last"),
    [
        (PartialDate(2024, 7, 4), dt.date(2024, 7, 4), dt.date(2024, 7, 4)),
        (PartialDate(2024, 2), dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        (PartialDate(2023), dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
    ],
)
def test_first_and_last_day_span_the_uncertainty(date, first, last):
    assert (date.first_day(), date.last_day()) == (first, last)


def test_dates_order_by_calendar():
    assert PartialDate(2023, 11, 8) < PartialDate(2024) < PartialDate(2024, 7) < PartialDate(2024, 7, 4)
