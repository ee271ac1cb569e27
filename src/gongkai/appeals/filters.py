"""The appeals list's filters (django-filter), with the query parameters the list has always
used: ``year`` (the year filed: the annual report's counting year) and ``result``."""

from __future__ import annotations

import django_filters as filters

from gongkai.appeals.models import Appeal
from gongkai.applications.forms import BLANK

EMPTY = BLANK[0][1]


class AppealFilter(filters.FilterSet):
    year = filters.TypedChoiceFilter(
        label="申请/立案年度", field_name="filed_on", lookup_expr="year", coerce=int, empty_value=None
    )
    result = filters.ChoiceFilter(label="结果", choices=Appeal.Result.choices, empty_label=EMPTY)

    class Meta:
        model = Appeal
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, years: list[int], **kwargs) -> None:
        """`years`: the years offered (those the visible appeals were filed in)."""
        super().__init__(data, queryset, **kwargs)
        self.filters["year"].extra["choices"] = [("", "全部年度")] + [(y, f"{y}年") for y in years]
