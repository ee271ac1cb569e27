"""A counting period: a whole year (the annual report) or any date range within one (季度统计).

The statistics of each app take an ``int`` year or a `Span`; `Span.of` turns either into the
first and last day counted, so one counting rule serves both.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

#: quarter number → (first month, last month, last day)
_QUARTERS = {1: (1, 3, 31), 2: (4, 6, 30), 3: (7, 9, 30), 4: (10, 12, 31)}
_QUARTER_NAMES = {1: "一", 2: "二", 3: "三", 4: "四"}


@dataclass(frozen=True)
class Span:
    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("the period ends before it starts")

    @classmethod
    def of(cls, when: int | Span) -> Span:
        return when if isinstance(when, Span) else cls(dt.date(when, 1, 1), dt.date(when, 12, 31))

    @classmethod
    def quarter(cls, year: int, number: int) -> Span:
        first, last, day = _QUARTERS[number]
        return cls(dt.date(year, first, 1), dt.date(year, last, day))

    @property
    def whole_year(self) -> bool:
        return self == Span.of(self.start.year)

    @property
    def label(self) -> str:
        """In Chinese: 2026年第一季度, 2025年度, or 2026年2月1日至2026年5月15日."""
        if self.whole_year:
            return f"{self.start.year}年度"
        for number in _QUARTERS:
            if self == Span.quarter(self.start.year, number):
                return f"{self.start.year}年第{_QUARTER_NAMES[number]}季度"
        return f"{self.start:%Y}年{self.start.month}月{self.start.day}日至{self.end:%Y}年{self.end.month}月{self.end.day}日"
