"""The printed table shapes: merged header cells exactly as in the national format."""

from __future__ import annotations

import pytest

from gongkai.annual.model import template
from gongkai.annual.render.layout import Cell, Covered, grids, parts, title
from tests.annual.report_models import realistic


def _grid(era: str, key: str):
    return next(g for g in grids(realistic(era)) if g.key == key)


def _cell(grid, text: str) -> tuple[int, int, Cell]:
    for r, row in enumerate(grid.rows):
        for c, slot in enumerate(row):
            if isinstance(slot, Cell) and slot.text == text:
                return r, c, slot
    raise AssertionError(f"{text} not in {grid.key}")


@pytest.mark.parametrize("era", ["2021", "2019"])
def test_applications_header_merges_as_in_the_format(era):
    grid = _grid(era, "applications")
    assert grid.width == 10 and grid.head == 3
    r, c, corner = _cell(grid, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
    assert (r, c, corner.rows, corner.cols) == (0, 0, 3, 3)
    assert _cell(grid, "申请人情况")[:2] == (0, 3) and _cell(grid, "申请人情况")[2].cols == 7
    r, c, natural = _cell(grid, "自然人")
    assert (r, c, natural.rows) == (1, 3, 2)
    r, c, org = _cell(grid, "法人或其他组织")
    assert (r, c, org.cols, org.scope) == (1, 4, 5, "colgroup")
    assert [grid.rows[2][i].text for i in range(4, 9)] == [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    assert _cell(grid, "总计")[:2] == (1, 9) and isinstance(grid.rows[2][9], Covered)


@pytest.mark.parametrize(("era", "rows"), [("2021", 22), ("2019", 20)])
def test_results_block_is_one_vertical_cell(era, rows):
    grid = _grid(era, "applications")
    r, c, block = _cell(grid, "三、本年度办理结果")
    assert (c, block.rows, block.vertical, block.scope) == (0, rows, True, "rowgroup")
    assert _cell(grid, "（一）予以公开")[2].cols == 2
    r, c, denied = _cell(grid, "（三）不予公开")
    assert (c, denied.rows, denied.vertical) == (1, 8, False)
    assert _cell(grid, "1.属于国家秘密")[1] == 2
    assert _cell(grid, "一、本年新收政府信息公开申请数量")[2].cols == 3
    assert _cell(grid, "四、结转下年度继续办理")[0] == len(grid.rows) - 1


def test_results_total_and_row_totals_know_their_sums():
    grid = _grid("2021", "applications")
    r, _, label = _cell(grid, "（七）总计")
    total = grid.rows[r][-1]
    assert total.ref == ("applications", "results_total", "total")
    assert [ref[1] for _, ref in total.terms][:2] == ["granted", "partial"]  # the results sum comes first
    assert len(total.terms) == 21
    row_total = grid.rows[r - 1][-1]  # 3.其他: its row total
    assert [ref[2] for _, ref in row_total.terms] == [
        "natural_person",
        "commercial",
        "research",
        "nonprofit",
        "legal_service",
        "other_org",
    ]
    change = next(
        s
        for row in grids(realistic("2019"))[0].rows
        for s in row
        if isinstance(s, Cell) and s.ref == ("proactive", "licensing", "change")
    )
    assert change.terms == (
        (1, ("proactive", "licensing", "items")),
        (-1, ("proactive", "licensing", "prev_items")),
    )


def test_appeals_two_level_header_and_fifteen_numbers():
    grid = _grid("2021", "appeals")
    assert grid.width == 15 and grid.head == 3
    assert [(s.text, s.cols) for s in grid.rows[0] if isinstance(s, Cell)] == [
        ("行政复议", 5),
        ("行政诉讼", 10),
    ]
    second = [(s.text, s.rows, s.cols) for s in grid.rows[1] if isinstance(s, Cell)]
    assert second[:5] == [
        ("结果维持", 2, 1),
        ("结果纠正", 2, 1),
        ("其他结果", 2, 1),
        ("尚未审结", 2, 1),
        ("总计", 2, 1),
    ]
    assert second[5:] == [("未经复议直接起诉", 1, 5), ("复议后起诉", 1, 5)]
    assert all(isinstance(s, Covered) for s in grid.rows[2][:5])
    assert [s.text for s in grid.rows[3]] == [
        "1",
        "0",
        "0",
        "0",
        "1",
        "0",
        "0",
        "0",
        "1",
        "1",
        "0",
        "0",
        "0",
        "0",
        "0",
    ]


def test_proactive_blocks_2021():
    cells = _grid("2021", "proactive").cells()
    assert cells[0] == ["第二十条第（一）项", "", "", ""]
    assert cells[1] == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    assert ["行政许可", "156", "", ""] in cells
    assert cells[-2:] == [
        ["信息内容", "本年收费金额（单位：万元）", "", ""],
        ["行政事业性收费", "434.936", "", ""],
    ]


def test_proactive_2019_optional_column_only_when_present():
    with_items = _grid("2019", "proactive").cells()
    assert ["信息内容", "上一年项目数量", "本年项目数量", "本年增/减", "本年处理决定数量"] in with_items
    assert ["行政事业性收费", "3", "-1", "", ""] in with_items
    without = grids(template("2019"))[0].cells()
    assert ["信息内容", "上一年项目数量", "本年增/减", "本年处理决定数量"] in without


def test_legacy_table_prints_only_present_rows():
    grid = _grid("2008", "legacy")
    cells = grid.cells()
    assert cells[0] == ["统计指标", "本年度", "历年累计"]
    assert cells[1] == ["主动公开文件数", "205", "1429"]
    assert len(cells) == 1 + 7
    empty = template("2008")
    empty.legacy = {}
    assert grids(empty) == []


def test_parts_follow_the_format_sections():
    report = realistic("2021")
    headings = [p.heading for p in parts(report)]
    assert headings == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    assert [p.grid.key if p.grid else None for p in parts(report)] == [
        None, "proactive", "applications", "appeals", None, None
    ]  # fmt: skip
    legacy = parts(realistic("2008"))
    assert [(p.heading, p.grid.key if p.grid else None) for p in legacy] == [("", None), ("附表", "legacy")]
    assert title(report) == "台儿庄区民政局2023年政府信息公开工作年度报告"
