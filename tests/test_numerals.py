"""Chinese numerals: written as articles, items and dates print them, read back the same."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.numerals import from_chinese, to_chinese


@pytest.mark.parametrize(("n", "text"), [(0, "零"), (1, "一"), (10, "十"), (15, "十五"), (20, "二十"), (31, "三十一"),
                                         (99, "九十九")])
def test_numbers_as_the_regulation_writes_them(n, text):
    assert to_chinese(n) == text and from_chinese(text) == n


def test_years_and_days_digit_by_digit():
    assert from_chinese("二〇二四") == 2024 and from_chinese("二零一九") == 2019 and from_chinese("三十") == 30


@pytest.mark.parametrize("text", ["", "十十", "百", "二三十", "三十四五", "12"])
def test_what_is_not_a_numeral_is_refused(text):
    with pytest.raises(ValueError):
        from_chinese(text)


def test_out_of_range_is_refused():
    with pytest.raises(ValueError):
        to_chinese(100)


@given(st.integers(0, 99))
def test_round_trip(n):
    assert from_chinese(to_chinese(n)) == n
