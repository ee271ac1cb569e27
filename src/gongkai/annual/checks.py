"""Checks of an annual-report model (勾稽关系 and the rest of shared/spec) → findings.

The arithmetic identities are stated once, as data over the format description
(`identities`): every row, column and group they cover comes from `formats`, none is written
out here. A cell the report does not contain (cut off, ambiguous) makes its identity unknown,
never false.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any, Literal

from gongkai.annual.formats import (
    APPEAL_OUTCOMES,
    APPEALS,
    APPLICANT_TYPES,
    FORMATS,
    OUTCOME_ROWS,
    era_for_year,
)
from gongkai.annual.model import Number, Report, Values

Severity = Literal["error", "warning"]

SEVERITY: dict[str, Severity] = {
    "APP_BALANCE": "error",
    "APP_RESULTS_SUM": "error",
    "APP_ROW_SUM": "error",
    "APPEAL_SUM": "error",
    "PROACTIVE_CHANGE": "error",
    "FORMAT_ERA": "error",
    "SECTION_MISSING": "error",
    "CROSS_YEAR_CARRY": "warning",
    "CROSS_YEAR_IN_FORCE": "warning",
    "LATE_PUBLICATION": "warning",
    "NARRATIVE_MISMATCH": "warning",
    "BLANK_CELL": "warning",
    "TABLE_INCOMPLETE": "error",
    "AMBIGUOUS_CELLS": "warning",
    "TABLE_NOT_TEXT": "warning",
}

#: Art. 49: departments of county level and above publish last year's report by 31 January …
DEPARTMENT_DEADLINE = (1, 31)
#: … and the disclosure authority of a county-level-or-above government publishes the
#: government's report by 31 March (Art. 49).
GOVERNMENT_DEADLINE = (3, 31)
#: Reports on years before the revised Regulation (in force 2019-05-15) fall under the 2007
#: Regulation, Art. 31: every agency by 31 March.
REVISED_REGULATION_FIRST_REPORT_YEAR = 2019
PREVIOUS_DEADLINE = (3, 31)


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    message: str  #: Chinese, for the people who read the report
    where: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "where": _plain(self.where),
        }


def _plain(value: Any) -> Any:
    """JSON-ready: Decimal → int/float, tuples and sets → lists."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    return value


def _finding(code: str, message: str, **where: Any) -> Finding:
    return Finding(code, SEVERITY[code], message, where)


# --- the identities, as data ------------------------------------------------------------------


@dataclass(frozen=True)
class Identity:
    """sum(sign × part) must equal sum(whole) — in one table, over (row, column) cells."""

    code: str
    table: str
    parts: tuple[tuple[int, str, str], ...]
    whole: tuple[tuple[str, str], ...]
    at: tuple[tuple[str, str], ...]  #: what the identity is about, e.g. (("column", "total"),)


@cache
def identities(era: str) -> tuple[Identity, ...]:
    """Every arithmetic identity of an era's tables (era 2008 has none: local tables differ)."""
    fmt = FORMATS[era]
    out: list[Identity] = []
    if fmt.has_table("applications"):
        apps = fmt.table("applications")
        for col in apps.columns:
            c = col.key
            out.append(
                Identity(
                    "APP_BALANCE",
                    "applications",
                    ((1, "new", c), (1, "carried_in", c)),
                    (("results_total", c), ("carried_forward", c)),
                    (("column", c),),
                )
            )
            out.append(
                Identity(
                    "APP_RESULTS_SUM",
                    "applications",
                    tuple((1, r, c) for r in OUTCOME_ROWS[era]),
                    (("results_total", c),),
                    (("column", c),),
                )
            )
        for row in apps.rows:
            out.append(
                Identity(
                    "APP_ROW_SUM",
                    "applications",
                    tuple((1, row.key, t) for t in APPLICANT_TYPES),
                    ((row.key, "total"),),
                    (("row", row.key),),
                )
            )
    if fmt.has_table("appeals"):
        for group in APPEALS.rows:
            out.append(
                Identity(
                    "APPEAL_SUM",
                    "appeals",
                    tuple((1, group.key, o) for o in APPEAL_OUTCOMES),
                    ((group.key, "total"),),
                    (("group", group.key),),
                )
            )
    if era == "2019":
        proactive = fmt.table("proactive")
        for row in proactive.rows:
            keys = {c.key for c in proactive.columns_of(row)}
            if {"items", "prev_items", "change"} <= keys:
                out.append(
                    Identity(
                        "PROACTIVE_CHANGE",
                        "proactive",
                        ((1, row.key, "items"), (-1, row.key, "prev_items")),
                        ((row.key, "change"),),
                        (("row", row.key),),
                    )
                )
    return tuple(out)


def _evaluate(identity: Identity, values: Values) -> tuple[Number, Number] | None:
    """(expected, found), or None when a cell is absent."""
    expected: Number = 0
    for sign, row, col in identity.parts:
        v = values.get(row, {}).get(col)
        if v is None:
            return None
        expected += sign * v
    found: Number = 0
    for row, col in identity.whole:
        v = values.get(row, {}).get(col)
        if v is None:
            return None
        found += v
    return expected, found


@cache
def identities_within(
    era: str, table: str, cells: tuple[tuple[str, str], ...]
) -> Callable[[tuple[int, ...]], bool]:
    """Whether values printed for ``cells`` (row, column), in that order, keep every identity of the
    table that lies wholly within them (a row's total, the appeals groups, a 2019 row's change):
    the test the assembler reads glued and gapped rows with."""
    position = {cell: i for i, cell in enumerate(cells)}
    rules = [
        (
            tuple((sign, position[(row, col)]) for sign, row, col in identity.parts),
            tuple(position[cell] for cell in identity.whole),
        )
        for identity in identities(era)
        if identity.table == table
        and all((row, col) in position for _, row, col in identity.parts)
        and all(cell in position for cell in identity.whole)
    ]

    def hold(values: tuple[int, ...]) -> bool:
        return all(
            sum(sign * values[i] for sign, i in parts) == sum(values[i] for i in whole)
            for parts, whole in rules
        )

    return hold


def application_identities_hold(applications: Values, era: str) -> bool:
    """Whether no applications identity fails (the assembler splits glued rows with this)."""
    for identity in identities(era):
        if identity.table == "applications":
            result = _evaluate(identity, applications)
            if result is not None and result[0] != result[1]:
                return False
    return True


# --- labels for messages ----------------------------------------------------------------------


def _row_label(report: Report, table: str, row: str) -> str:
    t = report.format.table(table)
    r = t.row(row)
    return f"{r.group}{r.label}" if r.group and r.label[:1].isdigit() else r.label


def _column_label(report: Report, table: str, column: str) -> str:
    for col in report.format.table(table).columns:
        if col.key == column:
            return col.label
    return column


def _cell_label(report: Report, table: str, row: str, column: str) -> str:
    t = report.format.table(table)
    col = next((c.label for c in t.columns_of(row) if c.key == column), column)
    return f"“{_row_label(report, table, row)}”的“{col}”"


def _identity_message(report: Report, identity: Identity, expected: Number, found: Number) -> str:
    kind, key = identity.at[0]
    if identity.code == "APP_BALANCE":
        return (
            f"申请情况表“{_column_label(report, 'applications', key)}”列：本年新收与上年结转之和为{expected}，"
            f"办理结果总计与结转下年度之和为{found}，两者应相等"
        )
    if identity.code == "APP_RESULTS_SUM":
        return (
            f"申请情况表“{_column_label(report, 'applications', key)}”列：（七）总计为{found}，"
            f"各项办理结果之和为{expected}"
        )
    if identity.code == "APP_ROW_SUM":
        return f"申请情况表“{_row_label(report, 'applications', key)}”行：总计为{found}，六类申请人之和为{expected}"
    if identity.code == "APPEAL_SUM":
        group = APPEALS.row(key)
        name = f"{group.group}（{group.label}）" if group.group else group.label
        return f"{name}：总计为{found}，结果维持、结果纠正、其他结果、尚未审结之和为{expected}"
    return f"“{_row_label(report, 'proactive', key)}”：本年增/减为{found}，本年项目数量减上一年项目数量为{expected}"


# --- single-report checks ---------------------------------------------------------------------


def _identity_findings(report: Report) -> Iterator[Finding]:
    for identity in identities(report.era):
        values = report.values(identity.table)
        result = _evaluate(identity, values)
        if result is None or result[0] == result[1]:
            continue
        expected, found = result
        cells = {f"{r}.{c}": values[r][c] for _, r, c in identity.parts}
        cells.update({f"{r}.{c}": values[r][c] for r, c in identity.whole})
        yield _finding(
            identity.code,
            _identity_message(report, identity, expected, found),
            table=identity.table,
            **dict(identity.at),
            expected=expected,
            found=found,
            cells=cells,
        )


def _format_era(report: Report) -> Iterator[Finding]:
    if report.year is None:
        return
    try:
        expected = era_for_year(report.year)
    except ValueError:
        return
    if expected != report.era:
        fmt, used = FORMATS[expected], FORMATS[report.era]
        what = "未使用全国统一格式的统计表" if report.era == "2008" else f"使用的是{used.source}的格式"
        yield _finding(
            "FORMAT_ERA",
            f"{report.year}年度报告应使用{fmt.source}规定的格式，实际{what}",
            year=report.year,
            expected=expected,
            found=report.era,
        )


def _sections(report: Report) -> Iterator[Finding]:
    if report.era != "2021" or report.tables_only:
        return
    sections = report.format.sections
    if report.truncated:
        # an excerpt: only a section missing between the first and the last one printed is
        # missing (a page from the middle of a report, 四、… to 五、…, lacks nothing before 四)
        printed = [i for i, s in enumerate(sections) if s.key in report.sections]
        sections = sections[min(printed, default=0) : max(printed, default=-1) + 1]
    for section in sections:
        if section.key not in report.sections:
            yield _finding(
                "SECTION_MISSING",
                f"缺少第{section.number}部分“{section.title}”",
                section=section.key,
                expected=f"{section.number}、{section.title}",
                found=None,
            )


def publication_deadline(report: Report) -> date | None:
    """The last day the report may be published (Art. 49; 2007 Art. 31 before the 2019 reports);
    the later one when the kind is unknown."""
    if report.year is None:
        return None
    if report.year < REVISED_REGULATION_FIRST_REPORT_YEAR:
        month, day = PREVIOUS_DEADLINE
    else:
        month, day = DEPARTMENT_DEADLINE if report.agency_kind == "department" else GOVERNMENT_DEADLINE
    return date(report.year + 1, month, day)


def _late(report: Report) -> Iterator[Finding]:
    deadline = publication_deadline(report)
    if deadline is None or report.published is None or report.published <= deadline:
        return
    if report.year is not None and report.year < REVISED_REGULATION_FIRST_REPORT_YEAR:
        who, article = "行政机关", "2007年《条例》第三十一条"
    else:
        who = {"department": "政府部门", "government": "人民政府"}.get(report.agency_kind or "", "报告机关")
        article = "《条例》第四十九条"
    yield _finding(
        "LATE_PUBLICATION",
        f"{report.year}年度报告于{report.published.isoformat()}公布，晚于{who}的法定期限"
        f"{deadline.isoformat()}（{article}）",
        expected=deadline.isoformat(),
        found=report.published.isoformat(),
        agency_kind=report.agency_kind,
    )


def _narrative(report: Report) -> Iterator[Finding]:
    from gongkai.annual.parse.narrative import facts  # the sentence patterns live with the parser

    text = "\n".join(report.sections.values())
    if not text:
        return
    for fact in facts(report.era, text):
        if (
            not report.format.has_table(fact.table)
            or (fact.table, fact.row, fact.column) in report.stated_cells
        ):
            continue
        value = report.get(fact.table, fact.row, fact.column)
        if value is None or value == fact.value:
            continue
        label = (
            _cell_label(report, fact.table, fact.row, fact.column)
            if fact.table != "legacy"
            else f"“{report.format.table('legacy').row(fact.row).label}”"
        )
        yield _finding(
            "NARRATIVE_MISMATCH",
            f"正文“{fact.quote}”与表格中{label}（{value}）不一致",
            table=fact.table,
            row=fact.row,
            column=fact.column,
            expected=value,
            found=fact.value,
            quote=fact.quote,
        )


def _by_table(cells: Iterable[tuple[str, str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for table, row, column in cells:
        out.setdefault(table, []).append(f"{row}.{column}")
    return out


def _table_title(report: Report, table: str) -> str:
    title = report.format.table(table).title if report.format.has_table(table) else table
    return f"“{title}”表"


def _blank(report: Report) -> Iterator[Finding]:
    for table, cells in _by_table(sorted(report.blank_cells)).items():
        yield _finding(
            "BLANK_CELL",
            f"{_table_title(report, table)}有{len(cells)}个单元格留空，未填写0",
            table=table,
            cells=cells,
            expected=0,
            found="",
        )


def _incomplete(report: Report) -> Iterator[Finding]:
    for table, cells in _by_table(report.missing_cells).items():
        yield _finding(
            "TABLE_INCOMPLETE",
            f"{_table_title(report, table)}不完整：{len(cells)}个单元格未能读到（表格被截断、缺行或无法识别）",
            table=table,
            missing=cells,
            unplaced=[u for u in report.unplaced if u.startswith(f"{table}.") or u.startswith(f"{table}:")],
        )


def _not_text(report: Report) -> Iterator[Finding]:
    for table in report.absent_tables:
        section = next(s for s in report.format.sections if s.table == table)
        yield _finding(
            "TABLE_NOT_TEXT",
            f"第{section.number}部分“{section.title}”印有标题但没有文字表格（表格可能以图片发布），"
            f"表中数值无法读取",
            table=table,
            section=section.key,
        )


def _ambiguous(report: Report) -> Iterator[Finding]:
    for amb in report.ambiguous:
        row = (
            "、".join(_row_label(report, amb.table, g.key) for g in APPEALS.rows) if amb.row == "*" else None
        )
        name = row or _row_label(report, amb.table, amb.row)
        yield _finding(
            "AMBIGUOUS_CELLS",
            (
                f"“{name}”印出的数字“{amb.text}”少于栏数（空白单元格被略去），"
                f"有{len(amb.candidates)}种符合勾稽关系的填法，已略去未读"
                if amb.gapped
                else f"“{name}”的数字粘连为“{amb.text}”，有{len(amb.candidates)}种符合勾稽关系的拆分，已略去未读"
            ),
            table=amb.table,
            row=amb.row,
            text=amb.text,
            candidates=[list(c) for c in amb.candidates],
        )


_CHECKS = (
    _format_era,
    _sections,
    _identity_findings,
    _incomplete,
    _not_text,
    _ambiguous,
    _blank,
    _late,
    _narrative,
)


def check(report: Report) -> list[Finding]:
    """Every finding about one report, errors first."""
    findings = [f for run in _CHECKS for f in run(report)]
    return sorted(findings, key=lambda f: f.severity != "error")


# --- series -----------------------------------------------------------------------------------


def check_series(reports: Sequence[Report]) -> list[Finding]:
    """Cross-year findings for consecutive years of one agency; each names the later ``year``."""
    by_year = {r.year: r for r in reports if r.year is not None}
    findings: list[Finding] = []
    for year in sorted(by_year):
        prev, cur = by_year.get(year - 1), by_year[year]
        if prev is None:
            continue
        columns = cur.format.table("applications").columns if cur.format.has_table("applications") else ()
        for column in (c.key for c in columns):
            carried_in = cur.get("applications", "carried_in", column)
            carried_forward = prev.get("applications", "carried_forward", column)
            if carried_in is None or carried_forward is None or carried_in == carried_forward:
                continue
            findings.append(
                _finding(
                    "CROSS_YEAR_CARRY",
                    f"“{_column_label(cur, 'applications', column)}”列：{year}年上年结转为{carried_in}，"
                    f"{year - 1}年结转下年度为{carried_forward}",
                    year=year,
                    previous_year=year - 1,
                    column=column,
                    expected=carried_forward,
                    found=carried_in,
                )
            )
        for row in ("rules", "normative_documents"):
            in_force = cur.get("proactive", row, "in_force")
            before = prev.get("proactive", row, "in_force")
            issued = cur.get("proactive", row, "issued")
            repealed = cur.get("proactive", row, "repealed")
            if None in (in_force, before, issued, repealed):
                continue
            expected = before + issued - repealed  # type: ignore[operator]
            if expected != in_force:
                findings.append(
                    _finding(
                        "CROSS_YEAR_IN_FORCE",
                        f"“{_row_label(cur, 'proactive', row)}”：{year}年现行有效件数为{in_force}，"
                        f"按{year - 1}年现行有效件数{before}加本年制发{issued}减本年废止{repealed}应为{expected}",
                        year=year,
                        previous_year=year - 1,
                        row=row,
                        expected=expected,
                        found=in_force,
                    )
                )
    return findings
