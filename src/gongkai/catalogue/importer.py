"""Bulk import of an existing catalogue from .xlsx/.csv (columns in docs/import-catalogue.md).

Every row is checked first; any error (named by row and column) means nothing is written. A dry
run does all the checks, including the database constraints, inside a transaction that is then
rolled back. Imported items were reviewed in the system they come from: a row with a 发布日期
is imported as published (主动公开) or filed (other attributes) without a new review; a row
without one is imported as a draft. An agency without categories gets the default tree first. Index numbers given in the file are kept (and the agency's
counter moved past them); published rows without one get the next number of their year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction

from gongkai.agencies import audit
from gongkai.agencies.models import Agency, User
from gongkai.catalogue import content, indexing
from gongkai.catalogue.models import (
    WITHHELD_REASONS,
    Attribute,
    Genre,
    Item,
    SubjectCategory,
    Validity,
)
from gongkai.catalogue.services import seed_categories
from gongkai.catalogue.workflow import State
from gongkai.rules.proactive import publication_deadline
from gongkai.rules.workdays import CalendarError
from gongkai.search import catalogue as search_index
from gongkai.sheets import cell_date, read_rows

#: Header (Chinese as printed in catalogues, or the English key) → field. See docs/import-catalogue.md.
COLUMNS: dict[str, str] = {
    "索引号": "index_number", "标题": "title", "内容概述": "summary", "主题分类": "category", "体裁": "genre",
    "第二十条事项": "art20_item", "文号": "doc_number", "成文日期": "date_made", "发布日期": "date_published",
    "有效性": "validity", "废止日期": "validity_changed_on", "主题词": "keywords", "公开属性": "attribute",
    "不予公开理由": "withheld_reason", "正文": "body",
}  # fmt: skip
FIELDS = frozenset(COLUMNS.values())
REQUIRED = ("title", "category", "date_made")
_LABELS = {v: k for k, v in COLUMNS.items()}


class ImportFailed(ValueError):
    """The file has errors; nothing was imported. `errors` lists them, one per row and column."""

    def __init__(self, errors: list[str]):
        super().__init__(f"{len(errors)} error(s); nothing imported")
        self.errors = errors


@dataclass
class ImportResult:
    rows: int
    created: int
    published: int
    dry_run: bool
    warnings: list[str] = field(default_factory=list)


def _choice(value: str, choices, what: str) -> str:
    for key, label in choices:
        if value in (key, label):
            return key
    raise ValueError(f"unknown {what} {value!r} (one of: {', '.join(label for _, label in choices)})")


def _date(value: Any) -> dt.date | None:
    """`cell_date`, its refusal worded for the import's error list."""
    try:
        return cell_date(value)
    except ValueError:
        raise ValueError(f"not a date: {value!r} (use YYYY-MM-DD)") from None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


class _Row:
    def __init__(self, agency: Agency, categories: dict[str, SubjectCategory]):
        self.agency = agency
        self.categories = categories

    def build(self, raw: dict[str, Any]) -> tuple[Item, list[tuple[str, str]]]:
        """An unsaved item from one row, and the (field, message) errors found in it."""
        values = {COLUMNS.get(k.strip(), k.strip()): v for k, v in raw.items() if k}
        errors: list[tuple[str, str]] = []
        item = Item(agency=self.agency)
        for name in REQUIRED:
            if _text(values.get(name)) == "":
                errors.append((name, "required"))
        converters: dict[str, Callable[[Any], Any]] = {
            "index_number": _text, "title": _text, "summary": _text, "doc_number": _text, "keywords": _text,
            "date_made": _date, "date_published": _date, "validity_changed_on": _date,
            "body": lambda v: content.clean_html(_text(v)),
            "genre": lambda v: _choice(_text(v), Genre.choices, "genre") if _text(v) else Genre.OTHER,
            "validity": lambda v: _choice(_text(v), Validity.choices, "validity") if _text(v) else Validity.VALID,
            "attribute": lambda v: _choice(_text(v), Attribute.choices, "attribute") if _text(v) else Attribute.PROACTIVE,
            "withheld_reason": lambda v: _choice(_text(v), WITHHELD_REASONS, "reason") if _text(v) else "",
            "art20_item": self._art20,
            "category": self._category,
        }  # fmt: skip
        for name, convert in converters.items():
            if name in values and not (name in REQUIRED and _text(values[name]) == ""):
                try:
                    value = convert(values[name])
                except ValueError as exc:
                    errors.append((name, str(exc)))
                    continue
                if value is not None and value != "":
                    setattr(item, name, value)
        if len(item.title) > 300:
            errors.append(("title", "longer than 300 characters"))
        if item.attribute == Attribute.WITHHELD and not item.withheld_reason:
            errors.append(("withheld_reason", "required when 公开属性 is 不予公开"))
        if item.date_made and item.date_published and item.date_published < item.date_made:
            errors.append(("date_published", "before 成文日期"))
        if item.validity != Validity.VALID and not item.validity_changed_on:
            errors.append(("validity_changed_on", "required when 有效性 is 废止 or 失效"))
        if item.genre == Genre.INTERPRETATION:
            item.genre = Genre.OTHER  # the link to the policy cannot come from a flat file
        return item, errors

    @staticmethod
    def _art20(value: Any) -> int | None:
        text = _text(value)
        if not text:
            return None
        if not text.isdigit() or not 1 <= int(text) <= 15:
            raise ValueError(f"must be a number 1–15, not {value!r}")
        return int(text)

    def _category(self, value: Any) -> SubjectCategory:
        text = _text(value)
        category = self.categories.get(text)
        if category is None:
            raise ValueError(f"no category with code or name {text!r} in this agency")
        return category


def import_catalogue(
    path: Path,
    agency: Agency,
    *,
    dry_run: bool = False,
    actor: User | None = None,
    progress: Callable[[int], None] = lambda n: None,
) -> ImportResult:
    """Import the rows of `path` into `agency`'s catalogue, all or nothing.

    `progress(n)` is called after each row (for a progress bar). Raises `ImportFailed` with
    every error, or `gongkai.sheets.SheetError` when the file cannot be read.
    """
    rows = read_rows(path)
    with transaction.atomic():
        if not SubjectCategory.objects.filter(agency=agency).exists():
            seed_categories(agency)
    categories: dict[str, SubjectCategory] = {}
    for c in SubjectCategory.objects.filter(agency=agency).order_by("code"):
        categories[c.code] = c
        categories.setdefault(c.name, c)
    builder = _Row(agency, categories)
    errors: list[str] = []
    result = ImportResult(rows=len(rows), created=0, published=0, dry_run=dry_run)
    seen_index: dict[str, int] = {}
    seen_docs: dict[str, int] = {}
    existing_index = set(
        Item.objects.filter(agency=agency).exclude(index_number="").values_list("index_number", flat=True)
    )
    existing_docs = set(
        Item.objects.filter(agency=agency, state=State.PUBLISHED)
        .exclude(doc_number="")
        .values_list("doc_number", flat=True)
    )
    with transaction.atomic():
        for n, raw in enumerate(rows, 2):
            item, row_errors = builder.build(raw)
            if item.index_number:
                if item.index_number in existing_index:
                    row_errors.append(("index_number", f"{item.index_number} already exists"))
                elif item.index_number in seen_index:
                    row_errors.append(
                        ("index_number", f"{item.index_number} repeats row {seen_index[item.index_number]}")
                    )
                seen_index.setdefault(item.index_number, n)
            publishing = item.date_published is not None and item.attribute == Attribute.PROACTIVE
            if publishing and item.doc_number:
                if item.doc_number in existing_docs:
                    row_errors.append(
                        ("doc_number", f"{item.doc_number} is already published by this agency")
                    )
                elif item.doc_number in seen_docs:
                    row_errors.append(
                        ("doc_number", f"{item.doc_number} repeats row {seen_docs[item.doc_number]}")
                    )
                seen_docs.setdefault(item.doc_number, n)
            if row_errors:
                errors.extend(f"row {n}, {_LABELS.get(f, f)}: {m}" for f, m in row_errors)
            elif not errors:
                _save(item, publishing)
                result.created += 1
                result.published += publishing
            progress(n - 1)
        if errors:
            transaction.set_rollback(True)
            raise ImportFailed(errors)
        audit.record(
            actor, "catalogue.item.import", None, agency=agency, mask=(),
            after={"file": path.name, "rows": result.rows, "created": result.created, "published": result.published},
            note="dry run (rolled back)" if dry_run else "",
        )  # fmt: skip
        if dry_run:
            transaction.set_rollback(True)
    return result


def _save(item: Item, publishing: bool) -> None:
    try:
        due = publication_deadline(item.date_changed or item.date_made)
        item.deadline, item.deadline_provisional = due.date, due.provisional
    except CalendarError:
        item.deadline = None
    if item.date_published is None:
        item.state = State.DRAFT
    elif publishing:
        item.state = State.PUBLISHED
    else:
        item.state = State.FILED
        item.date_published = None
    if item.index_number:
        item.index_year = indexing.note_existing(item.agency, item.index_number)
    elif publishing and item.date_published is not None:
        item.index_number, _ = indexing.next_index_number(item.agency, item.date_published.year)
        item.index_year = item.date_published.year
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError as exc:
        raise ImportFailed([f"{item.title}: {exc}"]) from exc
    search_index.sync(item)  # published rows are searchable when the import commits, not before
