"""Era 2008: the counts of a local table (any shape), else of the report's sentences."""

from __future__ import annotations

import re
from functools import lru_cache

from gongkai.annual.formats import LEGACY, normalize_label
from gongkai.annual.model import Report
from gongkai.annual.parse import narrative
from gongkai.annual.parse.assemble.items import Item
from gongkai.annual.parse.cells import Unreadable, cell_value, is_value, norm

_UNITS = frozenset(("条", "件", "个", "项", "次", "份", "人次", "元", "万元"))
_LEGACY_YEAR_COLUMN = re.compile(r"^(?:(?:19|20)\d{2}年度?|本年度?|年度|本期)数?$")
_LEGACY_PREFIX = re.compile(r"^(?:其中[:：]?)?(?:\d+[.、]|\(\d+\))?")


@lru_cache(maxsize=1)
def _legacy_index() -> dict[str, str]:
    return {normalize_label(label): row.key for row in LEGACY.rows for label in row.labels}


def read_legacy(report: Report, items: list[Item], body: str) -> None:
    """The legacy facts of an attached table (any shape), else of the sentences."""
    index = _legacy_index()
    tokens: list[str] = []
    for item in items:
        if isinstance(item, list):
            tokens.extend(c for c in item if c)
        elif len(item) <= 40 and "。" not in item:
            tokens.append(item)
    header: list[str] = []
    i = 0
    while i < len(tokens):
        label = norm(tokens[i])
        i += 1
        if _LEGACY_YEAR_COLUMN.match(label):
            if "year" not in header:
                header.append("year")
            continue
        if "累计" in label and len(label) <= 6:
            if "cumulative" not in header:
                header.append("cumulative")
            continue
        row = index.get(_LEGACY_PREFIX.sub("", label))
        if row is None:
            continue
        keys = header or ["year", "cumulative"]
        values: list[str] = []
        if i < len(tokens) and norm(tokens[i]) in _UNITS:  # a 计量单位 column: 条, 件, 万元
            i += 1
        while (
            i < len(tokens)
            and len(values) < len(keys)
            and tokens[i].strip()
            and is_value(norm(tokens[i]))
        ):
            values.append(tokens[i])
            i += 1
        for key, text in zip(keys, values, strict=False):
            try:
                value = cell_value(text, money=row.endswith("amount"))
            except Unreadable:
                report.unplaced.append(f"legacy.{row}.{key}: {text}")
                continue
            report.set("legacy", row, key, value if value is not None else 0)
            if value is None:
                report.blank_cells.add(("legacy", row, key))
    if report.legacy:
        return
    for fact in narrative.facts("2008", body):
        if report.get(fact.table, fact.row, fact.column) is None:
            report.set(fact.table, fact.row, fact.column, fact.value)
            report.stated_cells.add((fact.table, fact.row, fact.column))
