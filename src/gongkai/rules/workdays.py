"""The official working-day (工作日) calendar every statutory period is counted on.

Working days follow the State Council's yearly holiday notice (国务院办公厅关于节假日安排的通知),
including weekend days made working days (调休上班). Sources, layered in this order:

1. the `chinese_calendar` package (official notices it ships, 2004 onwards);
2. yearly schedule files (JSON or TOML, format in `load_schedule`) shipped in
   `gongkai/rules/data/schedule-*.json|toml`, named in ``GONGKAI_CALENDAR_FILES`` or given by path,
   so an office can load next year's notice the day it is published; a file replaces
   whatever an earlier source said about its year;
3. agency overrides (`Calendar.with_overrides`): a local closure or an extra working day.

The year after the last loaded one (and any gap between loaded years) is *provisional*: weekends
plus the fixed-date holidays of the national holiday measures (全国年节及纪念日放假办法 as revised
by 国务院令第797号: 元旦 1 Jan, 劳动节 1–2 May, 国庆节 1–3 Oct). Lunar-calendar holidays and
make-up working days cannot be known before the notice, so every result that touches such a year
says so and must be recomputed when the schedule is loaded. Dates further out raise
`CalendarError` naming the year: never a silent guess.

Counting convention (《条例》第三十三条 and the spec): the day of the triggering event is not
counted; day 1 is the next working day. `add(d, n)` is the nth working day after d and
`count(a, b)` the number of working days in (a, b], so ``count(d, add(d, n).date) == n``.

The calendar is immutable and precomputed once (a flag per day, prefix sums of working days and
the sorted ordinals of working days), so `add`, `count` and `is_workday` are O(1) lookups.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tomllib
from array import array
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

import chinese_calendar
from chinese_calendar.constants import Holiday
from chinese_calendar.constants import holidays as _CC_HOLIDAYS
from chinese_calendar.constants import workdays as _CC_WORKDAYS

__all__ = [
    "Calendar",
    "CalendarError",
    "CountResult",
    "DateResult",
    "DayInfo",
    "DayReason",
    "FIXED_DATE_HOLIDAYS",
    "Override",
    "YearSchedule",
    "default_calendar",
    "load_calendar",
    "load_schedule",
    "schedule_warning",
]

#: Directory of schedule files shipped with the package (``schedule-<year>.json|toml``).
DATA_DIR = Path(__file__).with_name("data")
#: Environment variable: extra schedule files or directories, separated by os.pathsep.
FILES_ENV = "GONGKAI_CALENDAR_FILES"

#: Holidays on fixed Gregorian dates (全国年节及纪念日放假办法, 国务院令第797号, from 2025):
#: the only holidays assumed for a provisional year. (month, day, name).
FIXED_DATE_HOLIDAYS: tuple[tuple[int, int, str], ...] = (
    (1, 1, "元旦"),
    (5, 1, "劳动节"),
    (5, 2, "劳动节"),
    (10, 1, "国庆节"),
    (10, 2, "国庆节"),
    (10, 3, "国庆节"),
)
_FIXED_DESCRIPTION = "元旦1月1日，劳动节5月1日至2日，国庆节10月1日至3日"
_WEEKDAYS_ZH = "一二三四五六日"


class CalendarError(ValueError):
    """A date outside the calendar's known years, or a malformed schedule file."""


class DayReason(StrEnum):
    """Why a day is or is not a working day."""

    WORKDAY = "workday"  # ordinary Monday–Friday
    WEEKEND = "weekend"  # 周末
    HOLIDAY = "holiday"  # 法定节假日 (including weekend days inside the holiday period)
    MAKEUP = "makeup"  # 调休上班: a weekend day made a working day
    CLOSURE = "closure"  # agency override: closed on a day that is otherwise a working day
    EXTRA_WORKDAY = "extra_workday"  # agency override: open on a day otherwise off


@dataclass(frozen=True, slots=True)
class YearSchedule:
    """One year's official schedule: holidays and make-up working days, with where it came from."""

    year: int
    holidays: Mapping[dt.date, str]  # date → Chinese holiday name
    workdays: Mapping[dt.date, str]  # weekend date made a working day → holiday it makes up for
    source: str


@dataclass(frozen=True, slots=True)
class Override:
    """An agency's own change to the official calendar (e.g. a local closure), with a note why."""

    date: dt.date
    workday: bool
    note: str


@dataclass(frozen=True, slots=True)
class DayInfo:
    """`Calendar.explain`: whether a day is a working day and why."""

    date: dt.date
    workday: bool
    reason: DayReason
    name: str  # holiday name, or the holiday a 调休 day makes up for, or the override note
    provisional: bool
    provisional_reason: str
    calendar_version: str

    @property
    def text(self) -> str:
        d = self.date
        head = f"{d.year}年{d.month}月{d.day}日（星期{_WEEKDAYS_ZH[d.weekday()]}）"
        body = {
            DayReason.WORKDAY: "是工作日",
            DayReason.WEEKEND: "是周末休息日",
            DayReason.HOLIDAY: f"是法定节假日（{self.name}）",
            DayReason.MAKEUP: f"是调休工作日（{self.name}调休上班）",
            DayReason.CLOSURE: f"是本机关休息日（{self.name}）",
            DayReason.EXTRA_WORKDAY: f"是本机关工作日（{self.name}）",
        }[self.reason]
        tail = f"；暂定：{self.provisional_reason}" if self.provisional else ""
        return head + body + tail


@dataclass(frozen=True, slots=True)
class DateResult:
    """A date computed on the calendar, marked provisional when it relied on an unloaded year."""

    date: dt.date
    provisional: bool
    provisional_reason: str
    calendar_version: str


@dataclass(frozen=True, slots=True)
class CountResult:
    """A number of working days counted on the calendar, with the same provisional marking."""

    days: int
    provisional: bool
    provisional_reason: str
    calendar_version: str


def _as_date(value: object, where: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise CalendarError(f"{where}: {value!r} is not a date (YYYY-MM-DD)")


def load_schedule(path: str | os.PathLike[str]) -> YearSchedule:
    """Read one year's schedule from a JSON or TOML file.

    Format (JSON shown; TOML uses the same keys, ``[[holidays]]`` / ``[[working_days]]`` tables
    and may write dates bare)::

        {"year": 2027,
         "source": "国办发明电〔2026〕…号",
         "holidays": [{"name": "元旦", "start": "2027-01-01", "end": "2027-01-03"}, …],
         "working_days": [{"date": "2027-02-06", "for": "春节"}, …]}

    ``end`` defaults to ``start``; ``source`` defaults to the file name. Dates may spill into the
    neighbouring December/January (a New Year holiday can straddle years). A make-up working day
    must be a Saturday or Sunday, and no day may be both a holiday and a working day.
    """
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise CalendarError(f"cannot read schedule file {p}: {exc.strerror}") from exc
    try:
        if p.suffix.lower() == ".toml":
            data = tomllib.loads(raw.decode("utf-8"))
        elif p.suffix.lower() == ".json":
            data = json.loads(raw.decode("utf-8"))
        else:
            raise CalendarError(f"{p}: schedule files must end in .json or .toml")
    except (UnicodeDecodeError, json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CalendarError(f"{p}: not valid {p.suffix[1:].upper()}: {exc}") from exc
    if not isinstance(data, dict):
        raise CalendarError(f"{p}: expected an object with year, holidays, working_days")
    year = data.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not 1949 < year < 2200:
        raise CalendarError(f"{p}: 'year' must be a year such as 2027")
    lo, hi = dt.date(year - 1, 12, 1), dt.date(year + 1, 1, 31)

    def in_window(d: dt.date, where: str) -> dt.date:
        if not lo <= d <= hi:
            raise CalendarError(f"{p}: {where} {d.isoformat()} is outside the {year} schedule")
        return d

    holidays: dict[dt.date, str] = {}
    for i, item in enumerate(data.get("holidays") or []):
        where = f"{p}: holidays[{i}]"
        if not isinstance(item, dict) or not str(item.get("name") or "").strip():
            raise CalendarError(f"{where} needs a name and a start date")
        start = in_window(_as_date(item.get("start"), where), "holiday")
        end = in_window(_as_date(item.get("end", start), where), "holiday")
        if end < start:
            raise CalendarError(f"{where}: end {end} is before start {start}")
        for k in range((end - start).days + 1):
            holidays[start + dt.timedelta(days=k)] = str(item["name"]).strip()
    workdays: dict[dt.date, str] = {}
    for i, item in enumerate(data.get("working_days") or []):
        where = f"{p}: working_days[{i}]"
        if not isinstance(item, dict):
            raise CalendarError(f"{where} must be an object with date and for")
        d = in_window(_as_date(item.get("date"), where), "working day")
        if d.weekday() < 5:
            raise CalendarError(f"{where}: {d.isoformat()} is a weekday, not a 调休 weekend working day")
        if d in holidays:
            raise CalendarError(f"{where}: {d.isoformat()} is also listed as a holiday")
        workdays[d] = str(item.get("for") or "").strip()
    if not holidays:
        raise CalendarError(f"{p}: the {year} schedule lists no holidays")
    return YearSchedule(year, holidays, workdays, str(data.get("source") or p.name))


def _package_schedules() -> list[YearSchedule]:
    """The official notices shipped in chinese_calendar, one YearSchedule per year."""
    by_year: dict[int, tuple[dict[dt.date, str], dict[dt.date, str]]] = {}
    for table, slot in ((_CC_HOLIDAYS, 0), (_CC_WORKDAYS, 1)):
        for d, english in table.items():
            by_year.setdefault(d.year, ({}, {}))[slot][d] = Holiday(english).chinese
    source = f"chinese_calendar {chinese_calendar.__version__}"
    return [YearSchedule(y, h, w, source) for y, (h, w) in sorted(by_year.items())]


class Calendar:
    """An immutable working-day calendar; build with `load_calendar` or `default_calendar`."""

    __slots__ = (
        "_schedules",
        "_overrides",
        "_sources",
        "_holidays",
        "_makeups",
        "_first",
        "_last",
        "_provisional",
        "_start",
        "_flags",
        "_cum",
        "_wd",
        "_n",
        "_min_provisional",
        "official_years",
        "version",
    )

    def __init__(
        self,
        schedules: Iterable[YearSchedule],
        overrides: Iterable[Override] = (),
    ) -> None:
        """Layer `schedules` (later ones replace earlier ones for the same year), then `overrides`."""
        by_year: dict[int, YearSchedule] = {}
        sources: list[str] = []
        for s in schedules:
            by_year[s.year] = s
            if s.source not in sources:
                sources.append(s.source)
        if not by_year:
            raise CalendarError("a calendar needs at least one year's official schedule")
        self._schedules = tuple(by_year[y] for y in sorted(by_year))
        self.official_years = frozenset(by_year)
        self._first, self._last = min(by_year), max(by_year)
        self._provisional = tuple(
            y for y in range(self._first, self._last + 2) if y not in self.official_years
        )
        first_day, last_day = dt.date(self._first, 1, 1), dt.date(self._last + 1, 12, 31)
        self._start = first_day.toordinal()
        n = self._n = last_day.toordinal() - self._start + 1
        self._min_provisional = min(self._provisional)

        holidays: dict[dt.date, str] = {}
        makeups: dict[dt.date, str] = {}
        for y in self._provisional:
            for month, day, name in FIXED_DATE_HOLIDAYS:
                holidays[dt.date(y, month, day)] = name
        for s in self._schedules:  # ascending years: a later notice wins on straddling dates
            for d, name in s.holidays.items():
                holidays[d] = name
                makeups.pop(d, None)
            for d, name in s.workdays.items():
                makeups[d] = name
                holidays.pop(d, None)
        self._holidays, self._makeups = holidays, makeups

        flags = bytearray(1 if (self._start + i) % 7 not in (0, 6) else 0 for i in range(n))
        # date.toordinal() % 7: 0 is Sunday, 6 is Saturday.
        for table, value in ((holidays, 0), (makeups, 1)):
            for d in table:
                i = d.toordinal() - self._start
                if 0 <= i < n:
                    flags[i] = value
        ov: dict[dt.date, Override] = {}
        for o in overrides:
            self._check_range(o.date)
            ov[o.date] = o
            flags[o.date.toordinal() - self._start] = 1 if o.workday else 0
        self._overrides = ov
        self._flags = bytes(flags)

        cum = array("i", [0]) * (n + 1)
        wd = array("i")
        total = 0
        for i, f in enumerate(self._flags):
            if f:
                total += 1
                wd.append(self._start + i)
            cum[i + 1] = total
        self._cum, self._wd = cum, wd
        self._sources = tuple(sources)
        names = list(sources)
        if ov:
            names.append(f"{len(ov)} agency override{'s' if len(ov) > 1 else ''}")
        self.version = " + ".join(names)

    # --- layering -------------------------------------------------------------------------

    def with_overrides(self, overrides: Iterable[Override]) -> Calendar:
        """A new calendar with agency overrides layered on top (a later override of a day wins)."""
        return Calendar(self._schedules, [*self._overrides.values(), *overrides])

    @property
    def overrides(self) -> tuple[Override, ...]:
        return tuple(self._overrides.values())

    @property
    def provisional_years(self) -> tuple[int, ...]:
        """Years counted on weekends and fixed-date holidays only (no official schedule loaded)."""
        return self._provisional

    @property
    def last_day(self) -> dt.date:
        """The last date the calendar can count on (31 December of the provisional year)."""
        return dt.date(self._last + 1, 12, 31)

    # --- range and provisional bookkeeping ------------------------------------------------

    def _range_message(self, year: int) -> str:
        if year < self._first:
            return f"no holiday schedule for {year}: the working-day calendar begins in {self._first}"
        return (
            f"no holiday schedule for {year}: the working-day calendar is official to {self._last}"
            f" and provisional for {self._last + 1}; load the {year} schedule file"
            f" ({FILES_ENV} or gongkai/rules/data) before counting into {year}"
        )

    def _check_range(self, d: dt.date) -> int:
        i = d.toordinal() - self._start
        if 0 <= i < self._n:
            return i
        raise CalendarError(self._range_message(d.year))

    def provisional_reason(self, first: dt.date, last: dt.date | None = None) -> str:
        """Why a computation over first..last is provisional; empty when it is not."""
        lo, hi = first, last or first
        if hi < lo:
            lo, hi = hi, lo
        if hi.year < self._min_provisional:
            return ""
        years = [y for y in self._provisional if lo.year <= y <= hi.year]
        if not years:
            return ""
        listed = "、".join(f"{y}年" for y in years)
        return (
            f"{listed}节假日安排尚未载入，暂按周末及固定日期节假日（{_FIXED_DESCRIPTION}）计算，"
            "正式安排载入后须重新计算"
        )

    # --- O(1) primitives ------------------------------------------------------------------

    def rank(self, d: dt.date) -> int:
        """The number of working days from the calendar's start up to and including d."""
        i = d.toordinal() - self._start
        if 0 <= i < self._n:
            return self._cum[i + 1]
        raise CalendarError(self._range_message(d.year))

    def workday_at(self, k: int) -> dt.date:
        """The kth working day of the calendar (k = rank of that day)."""
        if k < 1:
            raise CalendarError(self._range_message(self._first - 1))
        if k > len(self._wd):
            raise CalendarError(self._range_message(self._last + 2))
        return dt.date.fromordinal(self._wd[k - 1])

    # --- public queries -------------------------------------------------------------------

    def is_workday(self, d: dt.date) -> bool:
        """True when d is a working day (official schedule, 调休 and agency overrides applied)."""
        return bool(self._flags[self._check_range(d)])

    def explain(self, d: dt.date) -> DayInfo:
        """Whether d is a working day and why: weekend, holiday name, 调休 day or override."""
        workday = self.is_workday(d)
        reason_text = self.provisional_reason(d)
        if d in self._overrides:
            o = self._overrides[d]
            reason, name = (DayReason.EXTRA_WORKDAY if o.workday else DayReason.CLOSURE), o.note
        elif d in self._holidays:
            reason, name = DayReason.HOLIDAY, self._holidays[d]
        elif d in self._makeups:
            reason, name = DayReason.MAKEUP, self._makeups[d]
        elif d.weekday() >= 5:
            reason, name = DayReason.WEEKEND, ""
        else:
            reason, name = DayReason.WORKDAY, ""
        return DayInfo(d, workday, reason, name, bool(reason_text), reason_text, self.version)

    def add(self, d: dt.date, n: int) -> DateResult:
        """The nth working day after d (the day after d is day 1); d itself when n is 0."""
        if n < 0:
            raise ValueError(f"the number of working days must not be negative (got {n})")
        result = self.workday_at(self.rank(d) + n) if n else d
        reason = self.provisional_reason(d, result)
        return DateResult(result, bool(reason), reason, self.version)

    def count(self, start: dt.date, end: dt.date) -> CountResult:
        """Working days in (start, end]: start is not counted, end is. Negative when end < start."""
        days = self.rank(end) - self.rank(start)
        reason = self.provisional_reason(start, end)
        return CountResult(days, bool(reason), reason, self.version)

    def next_workday(self, d: dt.date) -> DateResult:
        """The first working day strictly after d."""
        return self.add(d, 1)


def _schedule_paths(extra: Iterable[str | os.PathLike[str]]) -> list[Path]:
    paths: list[Path] = []
    env = [p for p in os.environ.get(FILES_ENV, "").split(os.pathsep) if p]
    for entry in [DATA_DIR, *env, *extra]:
        p = Path(entry)
        if p.is_dir():
            paths.extend(sorted(q for q in p.glob("schedule-*") if q.suffix in (".json", ".toml")))
        elif p.exists():
            paths.append(p)
        elif p != DATA_DIR:
            raise CalendarError(f"schedule file {p} does not exist")
    return paths


def load_calendar(
    paths: Iterable[str | os.PathLike[str]] = (), overrides: Iterable[Override] = ()
) -> Calendar:
    """A fresh calendar: chinese_calendar + shipped/``GONGKAI_CALENDAR_FILES`` files + `paths`."""
    files = _schedule_paths(paths)
    return Calendar([*_package_schedules(), *(load_schedule(p) for p in files)], overrides)


@lru_cache(maxsize=1)
def default_calendar() -> Calendar:
    """The process-wide calendar, built once (see `load_calendar`)."""
    return load_calendar()


def schedule_warning(today: dt.date, calendar: Calendar | None = None) -> str | None:
    """From 1 November, a warning when next year's official schedule is not loaded (for `check`)."""
    cal = calendar or default_calendar()
    nxt = today.year + 1
    if today.month < 11 or nxt in cal.official_years:
        return None
    return (
        f"the {nxt} holiday schedule is not loaded: deadlines running into {nxt} are provisional;"
        f" add schedule-{nxt}.json to {FILES_ENV} or gongkai/rules/data once the State Council"
        " publishes its notice"
    )
