"""The queue's filters and sort order (django-filter), with the query parameters bookmarked
queues have always used: ``q``, ``state``, ``channel``, ``applicant_type``, ``due_from``,
``due_to`` and ``sort``."""

from __future__ import annotations

import django_filters as filters
from django import forms
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import Combinable

from gongkai.applications import vocab
from gongkai.applications.forms import BLANK, DateInput
from gongkai.applications.models import STATE_CHOICES, Application

#: Each sort order of the queue (finished cases have no due date: they sort last).
SORT_FIELDS: dict[str, tuple[str | Combinable, ...]] = {
    "due": (F("due_on").asc(nulls_last=True), "id"),
    "-due": (F("due_on").desc(nulls_last=True), "-id"),
    "received": ("received_on", "id"),
    "-received": ("-received_on", "-id"),
    "tracking": ("tracking_number",),
    "state": ("state", "due_on", "id"),
}
SORTS = [
    ("due", "答复期限（近→远）"),
    ("-due", "答复期限（远→近）"),
    ("-received", "收到日期（新→旧）"),
    ("received", "收到日期（旧→新）"),
    ("tracking", "受理编号"),
    ("state", "状态"),
]
EMPTY = BLANK[0][1]


class _Form(forms.Form):
    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("due_from") and data.get("due_to") and data["due_from"] > data["due_to"]:
            self.add_error("due_to", "“期限至”不能早于“期限自”")
        return data


class QueueFilter(filters.FilterSet):
    """Narrows and orders a queue; every parameter is optional. `personal`: the agencies whose
    applicants' names the user may read (``None``: all) — a name is searched only there."""

    q = filters.CharFilter(label="受理编号或申请人", method="_text", max_length=100)
    state = filters.ChoiceFilter(label="状态", choices=STATE_CHOICES, empty_label=EMPTY)
    channel = filters.ChoiceFilter(label="申请方式", choices=vocab.Channel.choices, empty_label=EMPTY)
    applicant_type = filters.ChoiceFilter(label="申请人类型", choices=vocab.ApplicantType.choices, empty_label=EMPTY)
    due_from = filters.DateFilter(label="期限自", field_name="due_on", lookup_expr="gte", widget=DateInput())
    due_to = filters.DateFilter(label="期限至", field_name="due_on", lookup_expr="lte", widget=DateInput())
    sort = filters.ChoiceFilter(label="排序", choices=SORTS, empty_label="默认排序", method="_sort")

    class Meta:
        model = Application
        fields: list[str] = []
        form = _Form

    def __init__(self, data, queryset: QuerySet[Application], *, personal: set[int] | None):
        super().__init__(data, queryset)
        self.personal = personal

    def _text(self, qs: QuerySet[Application], name: str, text: str) -> QuerySet[Application]:
        # a name is searched only where the user may read names: no probing who applied
        by_name = Q(applicant_name__icontains=text)
        if self.personal is not None:
            by_name &= Q(agency_id__in=self.personal)
        return qs.filter(Q(tracking_number__icontains=text) | by_name | Q(organisation_name__icontains=text))

    def _sort(self, qs: QuerySet[Application], name: str, sort: str) -> QuerySet[Application]:
        return qs.order_by(*SORT_FIELDS[sort])
