"""The queue's filters (django-filter), with the query parameters bookmarked queues have always
used: ``kind``, ``state``, ``office`` and ``q``."""

from __future__ import annotations

import django_filters as filters
from django.db.models import Q, QuerySet

from gongkai.applications.forms import BLANK
from gongkai.desk.models import Case, Kind
from gongkai.desk.workflow import LABELS, State

EMPTY = BLANK[0][1]


class CaseFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(label="类别", choices=Kind.choices, empty_label=EMPTY)
    state = filters.ChoiceFilter(label="状态", choices=[(s.value, LABELS[s]) for s in State], empty_label=EMPTY)
    office = filters.CharFilter(label="承办科室/单位", lookup_expr="icontains", max_length=100)
    q = filters.CharFilter(label="编号或标题", method="_text", max_length=100)

    class Meta:
        model = Case
        fields: list[str] = []

    def _text(self, cases: QuerySet[Case], name: str, text: str) -> QuerySet[Case]:
        return cases.filter(Q(number__icontains=text) | Q(title__icontains=text))
