"""Which format era a report's labels belong to (2008, 2019, 2021), the report year deciding only
where the labels do not."""

from __future__ import annotations

from functools import cache

from gongkai.annual.formats import APPEAL_COLUMNS, APPEALS, FORMATS, LEGACY, era_for_year, normalize_label
from gongkai.annual.parse.assemble.labels import LABELLED


@cache
def _era_markers() -> dict[str, tuple[str, ...]]:
    """Labels printed in one modern era's tables and not the other's: they tell the eras apart."""
    seen: dict[str, set[str]] = {}
    for era in ("2019", "2021"):
        labels: set[str] = set()
        for table in FORMATS[era].tables:
            if table.key not in LABELLED:
                continue
            for row in table.rows:
                labels.update(normalize_label(x) for x in row.labels)
                if row.group:
                    labels.add(normalize_label(row.group))
                for column in table.columns_of(row):
                    labels.update(normalize_label(x) for x in column.labels)
        seen[era] = labels
    return {
        "2019": tuple(x for x in seen["2019"] - seen["2021"] if len(x) >= 5),
        "2021": tuple(x for x in seen["2021"] - seen["2019"] if len(x) >= 5),
    }


_OTHER_2019 = normalize_label(FORMATS["2019"].table("applications").row("other").label)


@cache
def _table_signs() -> dict[str, tuple[str, ...]]:
    """Labels that show a table of the national format ("modern", either era: the section 三 and
    四 tables), its section headings ("headings") or a local era-2008 table ("2008")."""
    appeals = {normalize_label(x) for c in APPEAL_COLUMNS for x in c.labels} | {
        normalize_label(r.label) for r in APPEALS.rows if r.group
    }
    tabled = [s for s in FORMATS["2021"].sections if s.table in ("applications", "appeals")]
    return {
        "modern": (
            normalize_label("本年新收政府信息公开申请数量"),
            normalize_label("第二十条第（一）项"),
            *sorted(x for x in appeals if len(x) >= 4),
        ),
        "headings": tuple(normalize_label(t) for s in tabled for t in (s.title, *s.variants)),
        "2008": tuple(sorted({normalize_label(x) for r in LEGACY.rows for x in r.labels if len(x) >= 5})),
    }


def detect_era(flat: str, year: int | None) -> str:
    """The era of the labels in ``flat`` (normalized text). Where they do not tell the two modern
    eras apart, the era of the report year decides, unless the tables printed belong to another
    era: the labels win and the report gets FORMAT_ERA. A text printing no table of either kind
    is read in the era of its year; without a year, as era 2008 unless it prints the national
    section headings."""
    markers = _era_markers()
    s2019 = sum(1 for m in markers["2019"] if m in flat)
    s2021 = sum(1 for m in markers["2021"] if m in flat)
    if s2019 != s2021:
        return "2019" if s2019 > s2021 else "2021"
    signs = _table_signs()
    modern = any(m in flat for m in signs["modern"])
    legacy = any(m in flat for m in signs["2008"])
    by_year = era_for_year(year) if year is not None else None
    if modern and not legacy:
        # no label of either era's own: a single 其他处理 row (no sub-rows) is the 2019 table
        if _OTHER_2019 in flat:
            return "2019"
        return by_year if by_year in ("2019", "2021") else "2021"
    if legacy and not modern:
        # a modern report printing the national section headings, with a count named like a
        # local table's row somewhere in it, is still of its year's era
        if by_year in ("2019", "2021") and any(m in flat for m in signs["headings"]):
            return by_year
        return "2008"
    # no table of either kind: the report year decides (a 2024 report whose labels are unusual or
    # whose tables were images is still a 2024 report); without a year, the national section
    # headings show a modern report
    if by_year is not None:
        return by_year
    return "2021" if modern or any(m in flat for m in signs["headings"]) else "2008"
