"""Property tests: random valid models pass every check; a single broken identity is always caught;
random reports written as text (the seeds' shape, pipes, PDF text) are read back exactly; glued
rows are never guessed.

Valid models are built the way the arithmetic runs: outcome counts per applicant column are
chosen, and every total, the carried-over rows and the new applications follow from them.
"""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.annual.checks import check, identities
from gongkai.annual.formats import APPEAL_OUTCOMES, APPEALS, APPLICANT_TYPES, FORMATS, OUTCOME_ROWS
from gongkai.annual.model import Report, template
from gongkai.annual.parse.assemble import assemble
from gongkai.annual.parse.text import parse

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
count = st.one_of(st.just(0), st.just(0), st.integers(0, 30))


@st.composite
def valid_reports(draw, eras=("2021", "2019")) -> Report:
    era = draw(st.sampled_from(eras))
    report = template(era)
    report.agency, report.agency_kind = "台儿庄区民政局", "department"
    report.year = draw(st.integers(2021, 2024) if era == "2021" else st.integers(2019, 2020))
    report.published = date(report.year + 1, 1, draw(st.integers(1, 31)))
    report.sections = {s.key: "" for s in report.format.sections}
    outcome_rows = OUTCOME_ROWS[era]
    rows: dict[str, list[int]] = {
        key: [] for key in (*outcome_rows, "results_total", "new", "carried_in", "carried_forward")
    }
    for _ in APPLICANT_TYPES:
        results = 0
        for key in outcome_rows:
            value = draw(count)
            rows[key].append(value)
            results += value
        carried_in = draw(st.integers(0, 5))
        carried_forward = draw(st.integers(max(0, carried_in - results), max(0, carried_in - results) + 5))
        rows["results_total"].append(results)
        rows["carried_in"].append(carried_in)
        rows["carried_forward"].append(carried_forward)
        rows["new"].append(results + carried_forward - carried_in)
    for key, values in rows.items():
        report.applications[key] = {**dict(zip(APPLICANT_TYPES, values, strict=True)), "total": sum(values)}
    for group in APPEALS.rows:
        outcomes = {o: draw(st.integers(0, 4)) for o in APPEAL_OUTCOMES}
        report.appeals[group.key] = {**outcomes, "total": sum(outcomes.values())}
    table = report.format.table("proactive")
    for row in table.rows:
        for column in table.columns_of(row):
            if column.money:
                report.proactive[row.key][column.key] = draw(st.decimals(0, 999, places=2))
            else:
                report.proactive.setdefault(row.key, {})[column.key] = draw(st.integers(0, 300))
        cells = report.proactive[row.key]
        if {"items", "prev_items", "change"} <= set(cells):
            cells["change"] = cells["items"] - cells["prev_items"]
    return report


@SETTINGS
@given(valid_reports())
def test_random_valid_models_pass_every_check(report):
    assert check(report) == []


def _identity_cells(report: Report) -> list[tuple[str, str, str]]:
    cells = set()
    for identity in identities(report.era):
        cells.update((identity.table, r, c) for _, r, c in identity.parts)
        cells.update((identity.table, r, c) for r, c in identity.whole)
    return sorted(cells)


@SETTINGS
@given(valid_reports(), st.data())
def test_a_single_cell_change_that_breaks_an_identity_is_an_error(report, data):
    table, row, column = data.draw(st.sampled_from(_identity_cells(report)))
    delta = data.draw(st.integers(1, 9))
    report.set(table, row, column, report.get(table, row, column) + delta)
    # every identity cell is in at least one identity whose other cells are unchanged
    errors = [f for f in check(report) if f.severity == "error"]
    assert errors, (table, row, column)
    assert {f.where["table"] for f in errors} == {table}


@SETTINGS
@given(valid_reports(), st.data())
def test_a_change_outside_every_identity_is_no_error(report, data):
    involved = set(_identity_cells(report))
    free = [
        ("proactive", row, column)
        for row, cells in report.proactive.items()
        for column in cells
        if ("proactive", row, column) not in involved
    ]
    table, row, column = data.draw(st.sampled_from(free))
    report.set(table, row, column, report.get(table, row, column) + 1)
    assert [f for f in check(report) if f.severity == "error"] == []


# --- the seeds' text shape, written from a model -----------------------------------------------


#: how one table row is printed: the seeds' one cell per line after a tab (a blank line after
#: the row), pipes between cells, or PDF text (single spaces, blank cells lost)
ROW_SHAPES = {
    "cells": lambda cells: "".join(f"\t{c}\n" for c in cells) + "\n",
    "pipes": lambda cells: "| " + " | ".join(cells) + " |\n",
    "pdf": lambda cells: " ".join(c for c in cells if c) + "\n",
}


def seeds_text(report: Report, blank_zeros: bool = False, glue: bool = False, shape: str = "cells") -> str:
    """A report printed as published: title, the six sections, the tables in the given row shape."""
    _cells = ROW_SHAPES[shape]

    def show(value) -> str:
        return "" if blank_zeros and value == 0 else str(value)

    fmt = FORMATS[report.era]
    out = [f"{report.agency}{report.year}年政府信息公开工作年度报告\n"]
    for section in fmt.sections:
        out.append(f"{section.number}、{section.title}\n")
        if section.table == "proactive":
            table = fmt.table("proactive")
            group = None
            for row in table.rows:
                columns = table.columns_of(row)
                if row.group != group:
                    group = row.group
                    out.append(_cells([group]))
                    out.append(_cells(["信息内容", *(c.label for c in columns)]))
                out.append(_cells([row.label, *(show(report.proactive[row.key][c.key]) for c in columns)]))
        elif section.table == "applications":
            table = fmt.table("applications")
            out.append(
                _cells(["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"])
            )
            out.append(_cells(["", "自然人", "法人或其他组织", "总计"]))
            out.append(_cells(["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""]))
            for row in table.rows:
                values = [report.applications[row.key][c.key] for c in table.columns]
                labels = (
                    [row.label]
                    if not row.group
                    else ["", row.label]
                    if row.group.startswith("三")
                    else ["", row.group, row.label]
                )
                printed = ["".join(map(str, values))] if glue else [show(v) for v in values]
                out.append(_cells([*labels, *printed]))
        elif section.table == "appeals":
            out.append(_cells(["行政复议", "行政诉讼"]))
            out.append(
                _cells(
                    [
                        show(report.appeals[g.key][c])
                        for g in APPEALS.rows
                        for c in (*APPEAL_OUTCOMES, "total")
                    ]
                )
            )
        else:
            out.append("本部分无需说明的数字。\n")
    out.append(
        f"{report.agency}\n{report.published.year}年{report.published.month}月{report.published.day}日\n"
    )
    return "".join(out)


@SETTINGS
@given(valid_reports(), st.booleans(), st.sampled_from(sorted(ROW_SHAPES)))
def test_text_in_every_row_shape_reads_back_the_model(report, blank_zeros, shape):
    blank_zeros = blank_zeros and shape != "pdf"  # PDF text loses blank cells altogether
    back = assemble(parse(seeds_text(report, blank_zeros=blank_zeros, shape=shape)))
    assert (back.agency, back.year, back.era, back.published) == (
        report.agency,
        report.year,
        report.era,
        report.published,
    )
    assert back.proactive == report.proactive
    assert back.applications == report.applications
    assert back.appeals == report.appeals
    assert back.missing_cells == [] and back.unplaced == []
    zeros = {
        (t, r, c)
        for t in ("proactive", "applications", "appeals")
        for r, cells in report.values(t).items()
        for c, v in cells.items()
        if v == 0
    }
    assert back.blank_cells == (zeros if blank_zeros else set())


@SETTINGS
@given(valid_reports(eras=("2021",)))
def test_glued_rows_are_read_or_reported_never_guessed(report):
    back = assemble(parse(seeds_text(report, glue=True)))
    ambiguous = {a.row: a.candidates for a in back.ambiguous}
    truth = {row: tuple(cells.values()) for row, cells in report.applications.items()}
    for row, values in truth.items():
        if row in ambiguous:
            assert row not in back.applications
            assert values in ambiguous[row]
        else:
            assert tuple(back.applications[row].values()) == values, row
    assert [f for f in check(back) if f.code in ("APP_BALANCE", "APP_RESULTS_SUM", "APP_ROW_SUM")] == []


_PIECES = st.sampled_from(
    [
        "\n", "\t", " | ", "  ", " ", "0", "7", "13", "-", "—", "无", "万元", "元", "（", "）", "、", "，", "。",
        "一、本年新收政府信息公开申请数量", "（七）总计", "1.属于国家秘密", "（六）其他处理", "3.其他",
        "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况",
        "行政许可", "本年增/减", "上一年项目数量", "本年制发件数", "自然人", "法人或其他组织", "总计",
        "主动公开文件数", "2017年度", "历年累计", "某局2023年政府信息公开工作年度报告", "2024年1月16日",
        "[image: x]", "&nbsp;", "&quot;", "處理", "自 商 科", "713000074", "110000011",
    ]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=120))
def test_any_text_is_read_or_refused_never_a_crash(pieces):
    report = assemble(parse("".join(pieces)))
    for finding in check(report):
        assert finding.code and finding.message
