"""The labels of each era's format, indexed for reading: rows, columns and column groups by their
label key, and the section headings; which (table, row) a label cell names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from gongkai.annual.formats import FORMATS, Section, normalize_label
from gongkai.annual.parse.cells import NUMBERING, label_key

#: tables whose rows are found by their label (appeals is one unlabelled row of 15 numbers)
LABELLED = ("proactive", "applications")
#: a section heading is recognised from the start of its line
HEADING_SPAN = 48
#: words a heading may put before the format's title
_HEADING_LEADS = ("", "政府信息公开工作", "政府信息公开")
#: the longest cell or line still searched for the labels that tell the eras apart
LABEL_LINE = 60


@dataclass(frozen=True)
class EraLabels:
    rows: dict[str, tuple[str, str]]  #: label key → (table, row)
    loose_rows: dict[str, tuple[str, str]]  #: the same without numbering, for labels of 4+ characters
    columns: dict[str, dict[str, str]]  #: table → label key → column key
    groups: dict[str, dict[str, tuple[str, ...]]]  #: table → group label key → column keys
    headings: tuple[tuple[str, Section], ...]  #: heading prefix → section


@cache
def era_labels(era: str) -> EraLabels:
    fmt = FORMATS[era]
    rows: dict[str, tuple[str, str]] = {}
    loose: dict[str, tuple[str, str]] = {}
    columns: dict[str, dict[str, str]] = {}
    groups: dict[str, dict[str, tuple[str, ...]]] = {}
    for table in fmt.tables:
        cols = columns.setdefault(table.key, {})
        for _row, column in table.cells():
            for label in column.labels:
                cols.setdefault(label_key(label), column.key)
        groups[table.key] = {label_key(name): keys for name, keys in table.column_groups}
        if table.key not in LABELLED:
            continue
        for row in table.rows:
            for label in row.labels:
                key = label_key(label)
                rows[key] = (table.key, row.key)
                bare = NUMBERING.sub("", key)
                if len(bare) >= 4:
                    loose.setdefault(bare, (table.key, row.key))
    # a heading may name the work first: 一、政府信息公开工作总体情况, 五、政府信息公开存在的主要问题…
    headings = tuple(
        (f"{s.number}{sep}{lead}{normalize_label(title)}", s)
        for s in fmt.sections
        for title in (s.title, *s.variants)
        for lead in _HEADING_LEADS
        if not (lead and normalize_label(title).startswith(lead))
        for sep in ("、", ".")
    )
    return EraLabels(rows, loose, columns, groups, headings)


@cache
def glued_labels(era: str) -> tuple[re.Pattern[str], frozenset[str]]:
    """Every label of the era's tables and section headings, as one pattern over normalized text
    (longest first), for tables whose cells are glued to their labels; and the headings."""
    labels = era_labels(era)
    fmt = FORMATS[era]
    words = set(labels.rows) | set(labels.loose_rows)
    words |= {re.sub(r"^(\d+)\.", r"\1、", key) for key in labels.rows}
    for table in fmt.tables:
        words |= set(labels.columns[table.key]) | set(labels.groups[table.key])
        words |= {normalize_label(row.group) for row in table.rows if row.group}
        if table.key == "appeals":
            words |= {normalize_label(row.label) for row in table.rows}
    words |= {normalize_label(w) for w in _HEADER_WORDS}
    headings = frozenset(prefix for prefix, _ in labels.headings)
    alternation = "|".join(re.escape(w) for w in sorted(words | headings, key=len, reverse=True) if w)
    return re.compile(alternation), headings


#: words of the tables' headers that name no row or column
_HEADER_WORDS = ("信息内容", "申请人情况", "行政诉讼")


SECTION_NUMBERS = frozenset("一二三四五六")


#: a remark in brackets after a label's words (规章（设区的市、自治州人民政府应提供相关数据）)
_REMARK = re.compile(r"(?<=[^\s(])\([^()]*\)")


def _one_letter_off(key: str, labels: EraLabels) -> tuple[str, str] | None:
    """The row whose numbered label differs from ``key`` in one character only (5.属于三类内容事务信息
    for 内部事务): numbered labels of six characters or more, and only one such row."""
    if len(key) < 6 or not NUMBERING.match(key):
        return None
    hits = {
        hit
        for label, hit in labels.rows.items()
        if len(label) == len(key) and sum(a != b for a, b in zip(label, key, strict=True)) == 1
    }
    return hits.pop() if len(hits) == 1 else None


def _row_for_key(labels: EraLabels, key: str) -> tuple[str, str] | None:
    hit = labels.rows.get(key) or labels.loose_rows.get(NUMBERING.sub("", key))
    if hit is None:
        ends = [label for label in labels.rows if key.endswith(label)]
        hit = labels.rows[max(ends, key=len)] if ends else None
    return hit


@lru_cache(maxsize=8192)
def row_for_label(era: str, cell: str) -> tuple[str, str] | None:
    """The (table, row) a label cell names: exactly, without its numbering, or after its group
    printed in the same cell (（三）不予公开1.属于国家秘密); else without a remark in brackets
    after its words, or with one character mistyped in a numbered label."""
    labels = era_labels(era)
    key = label_key(cell)
    if "档案" in key and _row_for_key(labels, key) is None:
        # mirrors that convert to Taiwan phrasing write 文件 as 檔案 (規範性檔案): no row of the
        # format names an 档案
        key = key.replace("档案", "文件")
    hit = _row_for_key(labels, key)
    if hit is None and "(" in key:
        bare = _REMARK.sub("", key)
        if bare and bare != key:
            hit = _row_for_key(labels, bare)
    return hit or _one_letter_off(key, labels)


@cache
def heading_pattern(era: str) -> re.Pattern[str]:
    prefixes = sorted({prefix for prefix, _ in era_labels(era).headings}, key=len, reverse=True)
    return re.compile("|".join(re.escape(p) for p in prefixes))


def is_heading(era: str, text: str) -> bool:
    if text[1:2] not in ("、", ".", "．") or text[:1] not in SECTION_NUMBERS:
        return False
    key = normalize_label(text[:HEADING_SPAN])
    return any(key.startswith(prefix) for prefix, _ in era_labels(era).headings)
