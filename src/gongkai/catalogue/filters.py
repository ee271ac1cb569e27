"""The staff list's filters (django-filter): the query parameters ``q``, ``category``, ``year``,
``genre``, ``attribute``, ``state`` and ``validity``, as bookmarked lists have always used them."""

from __future__ import annotations

import datetime as dt

import django_filters as filters
from django import forms
from django.db.models import Q, QuerySet

from gongkai.catalogue.forms import CategoryChoiceField, NoSuffix
from gongkai.catalogue.models import Attribute, Genre, Item, SubjectCategory, Validity
from gongkai.catalogue.workflow import STATE_LABELS, State

ALL = "全部"


class _Form(NoSuffix, forms.Form):
    pass


class CategoryFilter(filters.ModelChoiceFilter):
    """Categories with their code, children indented (the drafting form's field)."""

    field_class = CategoryChoiceField


class YearFilter(filters.NumberFilter):
    field_class = forms.IntegerField


class ItemFilter(filters.FilterSet):
    """Narrows an agency's items; a value that does not parse is the form's Chinese error."""

    q = filters.CharFilter(label="标题、文号或索引号", method="_text", max_length=100)
    category = CategoryFilter(
        label="主题分类", queryset=SubjectCategory.objects.none(), method="_category", empty_label=ALL
    )
    year = YearFilter(label="年度（成文）", method="_year", min_value=1949, max_value=2100)
    genre = filters.ChoiceFilter(label="体裁", choices=Genre.choices, empty_label=ALL)
    attribute = filters.ChoiceFilter(label="公开属性", choices=Attribute.choices, empty_label=ALL)
    state = filters.ChoiceFilter(label="状态", choices=[(s.value, STATE_LABELS[s]) for s in State], empty_label=ALL)
    validity = filters.ChoiceFilter(label="有效性", choices=Validity.choices, empty_label=ALL)

    class Meta:
        model = Item
        fields: list[str] = []
        form = _Form

    def __init__(self, data, queryset: QuerySet[Item], *, categories: QuerySet[SubjectCategory]):
        super().__init__(data, queryset)
        self.filters["category"].queryset = categories

    def _text(self, items: QuerySet[Item], name: str, text: str) -> QuerySet[Item]:
        text = text.strip()
        return items.filter(Q(title__icontains=text) | Q(doc_number__icontains=text) | Q(index_number__icontains=text))

    def _category(self, items: QuerySet[Item], name: str, category: SubjectCategory) -> QuerySet[Item]:
        # a parent category also lists the items filed under its children (ids first: the
        # staff-list index is agency, category, date_made)
        children = SubjectCategory.objects.filter(agency_id=category.agency_id, parent=category).order_by()
        return items.filter(category_id__in=[category.pk, *children.values_list("pk", flat=True)])

    def _year(self, items: QuerySet[Item], name: str, year: int) -> QuerySet[Item]:
        return items.filter(date_made__gte=dt.date(year, 1, 1), date_made__lt=dt.date(year + 1, 1, 1))
