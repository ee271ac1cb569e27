"""The working-day calendar against the real 2024–2026 notices (chinese_calendar 1.11.0 data)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.rules.workdays import (
    Calendar,
    CalendarError,
    DayReason,
    Override,
    default_calendar,
    load_calendar,
    load_schedule,
    schedule_warning,
)

D = dt.date.fromisoformat


@pytest.fixture(scope="module")
def cal() -> Calendar:
    return default_calendar()


@pytest.mark.parametrize(
    ("day", "workday", "reason", "name"),
    [
        ("2024-02-04", True, DayReason.MAKEUP, "春节"),  # Sunday made a working day before 春节
        ("2024-02-12", False, DayReason.HOLIDAY, "春节"),  # Monday inside the 春节 holiday
        ("2024-02-10", False, DayReason.HOLIDAY, "春节"),  # Saturday inside the holiday period
        ("2024-10-12", True, DayReason.MAKEUP, "国庆节"),  # Saturday made a working day after 国庆
        ("2025-10-06", False, DayReason.HOLIDAY, "中秋"),  # 2025: 中秋 inside the 国庆 week
        ("2026-01-04", True, DayReason.MAKEUP, "元旦"),  # Sunday made a working day after 元旦
        ("2025-03-16", False, DayReason.WEEKEND, ""),  # an ordinary Sunday
        ("2025-03-17", True, DayReason.WORKDAY, ""),  # an ordinary Monday
    ],
)
def test_explain_real_days(cal, day, workday, reason, name):
    info = cal.explain(D(day))
    assert (info.workday, info.reason, info.name, info.provisional) == (workday, reason, name, False)
    assert cal.is_workday(D(day)) is workday


def test_explain_text_is_chinese_sentence(cal):
    assert cal.explain(D("2024-02-04")).text == "2024年2月4日（星期日）是调休工作日（春节调休上班）"


def test_working_days_in_2024_match_the_notice(cal):
    # 366 days − 104 weekend days − 19 holiday weekdays + 8 make-up weekend days = 251.
    assert cal.count(D("2023-12-31"), D("2024-12-31")).days == 251


def test_add_skips_spring_festival_and_uses_makeup_sunday(cal):
    # Friday 2024-02-09; 2/10–2/17 holiday; Sunday 2/18 is a 调休 working day, so it is day 1.
    assert cal.add(D("2024-02-09"), 1).date == D("2024-02-18")
    assert cal.next_workday(D("2024-02-09")).date == D("2024-02-18")
    assert cal.add(D("2024-02-09"), 0).date == D("2024-02-09")


def test_count_excludes_start_and_includes_end(cal):
    assert cal.count(D("2024-09-27"), D("2024-09-30")).days == 2  # Sunday 9/29 (调休) and Monday 9/30
    assert cal.count(D("2024-09-30"), D("2024-09-27")).days == -2


def test_negative_n_is_rejected(cal):
    with pytest.raises(ValueError, match="negative"):
        cal.add(D("2024-01-02"), -1)


def test_version_names_the_package(cal):
    assert cal.version == "chinese_calendar 1.11.0"
    assert {2004, 2024, 2025, 2026} <= cal.official_years and 2027 not in cal.official_years


# --- provisional year and errors ------------------------------------------------------------


def test_next_year_is_provisional_with_fixed_date_holidays(cal):
    # 2026-12-10 (Thu) + 20: 12/11, 12/14–18, 12/21–25, 12/28–31 = 15; 2027-01-01 is 元旦
    # (fixed date); 1/4–1/8 = 20.
    r = cal.add(D("2026-12-10"), 20)
    assert r.date == D("2027-01-08")
    assert r.provisional and "2027年节假日安排尚未载入" in r.provisional_reason
    assert "元旦1月1日" in r.provisional_reason
    may2 = cal.explain(D("2027-05-03"))  # Monday, not a fixed holiday: provisional working day
    assert may2.workday and may2.provisional
    assert not cal.is_workday(D("2027-05-01")) and not cal.is_workday(D("2027-10-01"))
    assert not cal.add(D("2026-11-02"), 20).provisional


def test_two_years_out_is_an_error_naming_the_year(cal):
    with pytest.raises(CalendarError, match="2028"):
        cal.add(D("2027-12-20"), 20)
    with pytest.raises(CalendarError, match="2028"):
        cal.is_workday(D("2028-03-01"))
    with pytest.raises(CalendarError, match="2003"):
        cal.explain(D("2003-06-01"))


def test_schedule_warning_from_november(cal):
    assert schedule_warning(D("2026-10-31"), cal) is None
    warning = schedule_warning(D("2026-11-22"), cal)
    assert warning is not None and "2027" in warning


# --- schedule files -------------------------------------------------------------------------

# A fictitious 2027 schedule written by the tests: NOT the official one, which is not published.
TEST_2027 = {
    "year": 2027,
    "source": "test schedule",
    "holidays": [
        {"name": "元旦", "start": "2027-01-01", "end": "2027-01-03"},
        {"name": "春节", "start": "2027-02-05", "end": "2027-02-12"},
    ],
    "working_days": [{"date": "2027-02-13", "for": "春节"}],
}


def test_loading_a_json_schedule_makes_the_year_official(tmp_path):
    path = tmp_path / "schedule-2027.json"
    path.write_text(json.dumps(TEST_2027, ensure_ascii=False), encoding="utf-8")
    cal = load_calendar([path])
    assert 2027 in cal.official_years and cal.provisional_years == (2028,)
    assert cal.version == "chinese_calendar 1.11.0 + test schedule"
    assert cal.explain(D("2027-02-08")).reason is DayReason.HOLIDAY
    assert cal.explain(D("2027-02-13")).reason is DayReason.MAKEUP and cal.is_workday(D("2027-02-13"))
    assert not cal.add(D("2026-12-10"), 20).provisional
    assert cal.add(D("2027-12-20"), 20).provisional  # now 2028 is the provisional year


def test_a_file_replaces_what_the_package_said_about_its_year(tmp_path):
    path = tmp_path / "schedule-2026.json"
    path.write_text(
        json.dumps(
            {"year": 2026, "source": "corrected 2026", "holidays": [{"name": "元旦", "start": "2026-01-01"}]}
        ),
        encoding="utf-8",
    )
    cal = load_calendar([path])
    assert cal.is_workday(D("2026-02-16")), "the package's 春节 2026 is replaced by the file"
    assert not cal.is_workday(D("2025-01-28")), "other years keep the package data"
    assert cal.version == "chinese_calendar 1.11.0 + corrected 2026"


def test_loading_a_toml_directory(tmp_path, monkeypatch):
    (tmp_path / "schedule-2027.toml").write_text(
        'year = 2027\n[[holidays]]\nname = "元旦"\nstart = 2027-01-01\n'
        '[[working_days]]\ndate = 2027-01-09\nfor = "元旦"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("GONGKAI_CALENDAR_FILES", str(tmp_path))
    cal = load_calendar()
    assert cal.is_workday(D("2027-01-09")) and "schedule-2027.toml" in cal.version


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ({**TEST_2027, "working_days": [{"date": "2027-02-10", "for": "春节"}]}, "weekday"),
        ({**TEST_2027, "holidays": [{"name": "元旦", "start": "2027-13-01"}]}, "not a date"),
        ({**TEST_2027, "holidays": []}, "no holidays"),
        ({**TEST_2027, "year": "next"}, "'year'"),
        ({**TEST_2027, "holidays": [{"name": "x", "start": "2029-01-01"}]}, "outside"),
    ],
)
def test_malformed_schedule_files_are_rejected(tmp_path, content, message):
    path = tmp_path / "schedule-2027.json"
    path.write_text(json.dumps(content), encoding="utf-8")
    with pytest.raises(CalendarError, match=message):
        load_schedule(path)


def test_missing_schedule_file_is_an_error(tmp_path):
    with pytest.raises(CalendarError, match="does not exist"):
        load_calendar([tmp_path / "nope.json"])


# --- agency overrides -----------------------------------------------------------------------


def test_overrides_layer_on_top_and_name_themselves(cal):
    closed = cal.with_overrides([Override(D("2024-10-14"), False, "台风停工")])
    assert cal.is_workday(D("2024-10-14")), "the original calendar is unchanged"
    info = closed.explain(D("2024-10-14"))
    assert (info.workday, info.reason, info.name) == (False, DayReason.CLOSURE, "台风停工")
    assert closed.add(D("2024-10-12"), 1).date == D("2024-10-15")
    assert closed.version == "chinese_calendar 1.11.0 + 1 agency override"
    opened = closed.with_overrides([Override(D("2024-10-14"), True, "恢复办公")])
    assert opened.explain(D("2024-10-14")).reason is DayReason.EXTRA_WORKDAY
    with pytest.raises(CalendarError, match="2030"):
        cal.with_overrides([Override(D("2030-01-02"), False, "x")])


# --- properties -----------------------------------------------------------------------------

days = st.dates(min_value=dt.date(2004, 1, 1), max_value=dt.date(2026, 10, 31))


@settings(max_examples=300, deadline=None)
@given(d=days, n=st.integers(min_value=0, max_value=250))
def test_add_then_count_back_gives_n(cal, d, n):
    result = cal.add(d, n)
    assert cal.count(d, result.date).days == n
    if n:
        assert cal.is_workday(result.date)
        assert result.date > d


@settings(max_examples=200, deadline=None)
@given(d=days, n=st.integers(min_value=1, max_value=60))
def test_add_is_the_first_date_reaching_n(cal, d, n):
    result = cal.add(d, n).date
    assert cal.count(d, result - dt.timedelta(days=1)).days == n - 1
