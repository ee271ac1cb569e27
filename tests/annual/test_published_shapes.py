"""Reports as they are really published (issue 14): every text shape seen on government sites and
their mirrors, written here as short excerpts in that shape (made up, not copied from any one
report), and the development set of real reports in ../shared/realworld.
"""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from gongkai.annual.checks import check
from gongkai.annual.cli import report as report_cli
from gongkai.annual.formats import FORMATS
from gongkai.annual.parse import assemble as assembler
from gongkai.annual.parse import read
from gongkai.annual.parse import text as reader

REALWORLD = Path(__file__).resolve().parents[2] / ".." / "shared" / "realworld"
LABELS = Path(__file__).resolve().parent / "data" / "realworld_labels.json"
ZERO7 = dict.fromkeys(
    ("natural_person", "commercial", "research", "nonprofit", "legal_service", "other_org", "total"), 0
)


def read_text(text: str):
    return assembler.assemble(reader.parse(text))


def codes(report) -> list[str]:
    return sorted({f.code for f in check(report)})


def errors(report) -> list[str]:
    return sorted({f.code for f in check(report) if f.severity == "error"})


def app_row(*values: int) -> dict[str, int]:
    return dict(zip(ZERO7, values, strict=True))


# --- one cell per line ending in " |" ------------------------------------------------------------

PIPE_CELLS = """某县民政局2023年政府信息公开工作年度报告
一、总体情况
2023年，我局全年未收到政府信息公开申请。
二、主动公开政府信息情况
第二十条第(一)项 |
|||
信息内容 |
本年制发件数 |
本年废止件数 |
现行有效件数 |
规章 |
0 |
0 |
0 |
行政规范性文件
|
2 |
1 |
7 |
第二十条第(五)项 |
|||
信息内容 |
本年处理决定数量 |
||
行政许可 |
12 |
||
三、收到和处理政府信息公开申请情况
(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) |
申请人情况 |
||||||||
自然人 |
法人或其他组织 |
总计 |
|||||||
商业企业 |
科研机构 |
社会公益组织 |
法律服务机构 |
其他 |
|||||
一、本年新收政府信息公开申请数量 |
|
|
|
|
|
|
0 |
||
二、上年结转政府信息公开申请数量 |
3 |
0 |
0 |
0 |
0 |
0 |
3 |
||
"""


def test_one_cell_per_line_ending_in_a_pipe_with_filler_lines():
    report = read_text(PIPE_CELLS)
    assert report.proactive["rules"] == {"issued": 0, "repealed": 0, "in_force": 0}
    # a label whose pipe fell onto the next line
    assert report.proactive["normative_documents"] == {"issued": 2, "repealed": 1, "in_force": 7}
    assert report.proactive["licensing"] == {"decisions": 12}
    # applicant cells printed empty (bare "|" lines), only 总计 filled
    assert report.applications["new"] == app_row(0, 0, 0, 0, 0, 0, 0)
    assert {
        ("applications", "new", "natural_person"),
        ("applications", "new", "other_org"),
    } <= report.blank_cells
    assert report.applications["carried_in"] == app_row(3, 0, 0, 0, 0, 0, 3)
    assert report.unplaced == []
    # the excerpt stops in table 3: what is there is read, the rest is TABLE_INCOMPLETE, nothing else
    assert errors(report) == ["TABLE_INCOMPLETE"]
    assert ("applications", "granted", "total") in report.missing_cells


# --- one row per line with " | " -----------------------------------------------------------------

PIPE_ROWS_2019 = """2020年,区发改局坚持以人民为中心,现将2020年政府信息公开工作年度报告公布如下。
二、主动公开政府信息情况
第二十条第(一)项 | ||||
信息内容 | 本年新 | 本年新 | 对外公开总数量 | |
规章 | 0 | 0 | 0 | |
规范性文件 | 4 | 2 | 9 | |
第二十条第(五)项 | ||||
信息内容 | 上一年项目数量 | 本年增/减 | 处理决定 数量 | |
行政许可 | 22 | +1 | 23 | |
其他对外管理服务事项 | 1168 | -3 | 1341 | |
第二十条第(九)项 | ||||
信息内容 | 采购项目数量 | 采购总金额 | ||
政府集中采购 | 22 | 184719元 | ||
三、收到和处理政府信息公开申请情况
(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 | ||||||||
自 然 人 | 法人或其他组织 | 总 计 | |||||||
商 业 企 业 | 科 研 机 构 | 社 会 公 益 组 织 | 法 律 服 务 机 构 | 其 他 | |||||
一、本年新收政府信息公开申请数量 | 25 |
|
|
|
|
| 25 |
二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||
三、本年度办理结果 | (一)予以公开 | 7 | 0 | 0 | 0 | 0 | 0 | 7 | ||
(二)部分公开(区分处理的,只计这一情形,不计其他情形) | 1 | — | / | 0 | 0 | 0 | 1 | ||
(三)不予公开 | 1.属于国家秘密 | 0 | 0 | 0 |"""


def test_one_row_per_line_with_cut_headers_merged_labels_units_and_signs():
    report = read_text(PIPE_ROWS_2019)
    assert (report.era, report.year, report.agency) == ("2019", 2020, "区发改局")
    # the header says only 本年新 | 本年新: the format's own column order stands
    assert report.proactive["normative_documents"] == {"made": 4, "published": 2, "total_public": 9}
    assert report.proactive["licensing"] == {"prev_items": 22, "change": 1, "decisions": 23}
    assert report.proactive["other_services"]["change"] == -3
    # 184719元 in the 万元 column
    assert report.proactive["procurement"] == {"items": 22, "amount": Decimal("18.4719")}
    # a row continued over bare "|" lines: 自然人 25, five empty cells, 总计 25
    assert report.applications["new"] == app_row(25, 0, 0, 0, 0, 0, 25)
    # the row label merged with the group label in the first cell; — and / for zero
    assert report.applications["granted"] == app_row(7, 0, 0, 0, 0, 0, 7)
    assert report.applications["partial"] == app_row(1, 0, 0, 0, 0, 0, 1)
    # cut off inside a row: its first cells are reported
    assert report.applications["denied.state_secret"] == {"natural_person": 0, "commercial": 0, "research": 0}
    assert errors(report) == ["TABLE_INCOMPLETE"]


# --- one cell per paragraph, blank lines between ---------------------------------------------------

BLANK_LINE_CELLS = """武汉市某风景区管理委员会 卫生健康办公室2023年政府信息公开工作年度报告

字号 :  |
更新时间:2024-01-16 发布时间: |  来源:区卫健办

打印本页

一、总体情况

政府信息主动公开情况。本年度未收到政府信息公开申请。

二、主动公开政府信息情况

第二十条第(一)项

信息内容

本年制发件数

本年废止件数

现行有效件

规章

  0

  0

0

行政规范性文件

  1

  0

4

三、收到和处理政府信息公开申请情况

(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)

申请人情况

自然人

法人或其他组织

总计

商业

企业

科研

机构

社会公益组织

法律服务机构

其他

一、本年新收政府信息公开申请数量

 2

0

1

0

0

0

3

二、上年结转政府信息公开申请数量

0

0

0

0

0

0

0
"""


def test_one_cell_per_paragraph_with_split_headers_leading_spaces_and_page_chrome():
    report = read_text(BLANK_LINE_CELLS)
    assert report.agency == "武汉市某风景区管理委员会卫生健康办公室"
    assert (report.year, report.era) == (2023, "2021")
    assert report.proactive["normative_documents"] == {"issued": 1, "repealed": 0, "in_force": 4}
    assert report.applications["new"] == app_row(2, 0, 1, 0, 0, 0, 3)
    assert report.applications["carried_in"] == app_row(0, 0, 0, 0, 0, 0, 0)
    assert report.unplaced == []
    assert errors(report) == ["TABLE_INCOMPLETE"]


# --- Markdown, escaped HTML ----------------------------------------------------------------------

MARKDOWN = """| 第二十条第(一)项 | | | |
|---|---|---|---|
| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
| 规章 | / | / | / |
| 行政规范性文件 | 3 | 0 | 12 |
"""

ESCAPED = (
    "&lt;tr&gt;&lt;td&gt;信息内容&lt;/td&gt;&lt;td&gt;本年制发件数&lt;/td&gt;&lt;td&gt;本年废止件数&lt;/td&gt;"
    "&lt;td&gt;现行有效件数&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;规章&lt;/td&gt;&lt;td&gt;—&lt;/td&gt;"
    "&lt;td&gt;—&lt;/td&gt;&lt;td&gt;—&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;行政规范性文件&lt;/td&gt;"
    "&lt;td&gt;3&lt;/td&gt;&lt;td&gt;0&lt;/td&gt;&lt;td&gt;12&lt;/td&gt;&lt;/tr&gt;\n"
)


@pytest.mark.parametrize("table", [MARKDOWN, ESCAPED], ids=["markdown", "escaped-html"])
def test_markdown_and_escaped_html_tables_with_dashes_and_slashes_for_zero(table):
    head = "某市统计局2022年政府信息公开工作年度报告\n二、主动公开政府信息情况\n"
    report = read_text(head + table)
    assert report.proactive["rules"] == {"issued": 0, "repealed": 0, "in_force": 0}
    assert report.proactive["normative_documents"] == {"issued": 3, "repealed": 0, "in_force": 12}


# --- the whole page on one line ------------------------------------------------------------------

ONE_LINE_PIPES = (
    "一、总体情况 根据《条例》要求,桂山街道办事处公布2021年度政府信息公开年度报告。 (一)主动公开。"
    "2021年主动公开信息133条。 二、主动公开政府信息情况 第二十条第(一)项 | 信息内容 | 本年制发件数 | "
    "本年废止件数 | 现行有效件数 | 规章 | 0 | 0 | 0 | 行政规范性文件 | 2 | 0 | 5 | 第二十条第(五)项 | "
    "信息内容 | 本年处理决定数量 | 行政许可 | 8 |"
)


def test_whole_page_on_one_line_with_pipe_separated_cells():
    report = read_text(ONE_LINE_PIPES)
    assert (report.year, report.era) == (2021, "2021")
    assert report.proactive["normative_documents"] == {"issued": 2, "repealed": 0, "in_force": 5}
    assert report.proactive["licensing"] == {"decisions": 8}
    assert "2021年主动公开信息133条" in report.sections["overview"]


def glued_page(new: str, narrative: str = "") -> str:
    return (
        f"某区民政局2023年政府信息公开工作年度报告 一、总体情况 2023年,我局依法做好依申请公开工作。{narrative} "
        "二、主动公开政府信息情况 第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000"
        "行政规范性文件124317第二十条第（五）项信息内容本年处理决定数量行政许可5第二十条第（六）项信息内容"
        "本年处理决定数量行政处罚12行政强制0第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费0"
        "三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
        "申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"
        f"一、本年新收政府信息公开申请数量{new}二、上年结转政府信息公开申请数量0000000"
    )


def test_glued_cells_split_by_the_row_identity():
    report = read_text(glued_page("5210000062"))
    assert report.proactive["rules"] == {"issued": 0, "repealed": 0, "in_force": 0}
    assert report.proactive["licensing"] == {"decisions": 5}
    assert report.proactive["penalty"] == {"decisions": 12}
    # 52 + 10 = 62 is the one split of 5210000062 into seven cells whose total is the sum
    assert report.applications["new"] == app_row(52, 10, 0, 0, 0, 0, 62)
    assert report.applications["carried_in"] == app_row(0, 0, 0, 0, 0, 0, 0)
    assert not report.blank_cells


def test_glued_cells_with_several_readings_are_ambiguous_and_unread():
    report = read_text(glued_page("5210000062"))
    [amb] = report.ambiguous
    assert (amb.table, amb.row, amb.text) == ("proactive", "normative_documents", "124317")
    assert (1, 24, 317) in amb.candidates and (12, 4, 317) in amb.candidates and len(amb.candidates) > 2
    assert "normative_documents" not in report.proactive
    assert ("proactive", "normative_documents", "issued") not in report.missing_cells
    finding = next(f for f in check(report) if f.code == "AMBIGUOUS_CELLS")
    assert [1, 24, 317] in finding.to_dict()["where"]["candidates"]


def test_glued_cells_narrowed_by_the_narratives_own_numbers():
    report = read_text(glued_page("5210000062", "现行有效规范性文件317件。"))
    # two readings keep 317 in force: still ambiguous, never guessed
    assert report.ambiguous[0].candidates == ((1, 24, 317), (12, 4, 317))
    assert "normative_documents" not in report.proactive


# --- excerpts, image tables ----------------------------------------------------------------------

IMAGE_TABLES = """某镇人民政府2024年政府信息公开工作年度报告
一、总体情况
2024年,我镇主动公开政府信息21条,无依申请公开政府信息。
二、主动公开政府信息情况
三、收到和处理政府信息公开申请情况
四、政府信息公开行政复议、行政诉讼情况
五、存在的主要问题及改进情况
一是公开内容较为单一。
六、其他需要报告的事项
本单位无其他需要报告的事项。
"""


def test_sections_printed_without_their_tables_say_so_and_nothing_else():
    report = read_text(IMAGE_TABLES)
    assert report.era == "2021"
    assert sorted(report.absent_tables) == ["appeals", "applications", "proactive"]
    assert report.missing_cells == []
    assert codes(report) == ["TABLE_NOT_TEXT"]
    assert {f.severity for f in check(report)} == {"warning"}


def test_an_excerpt_cut_before_the_last_sections_is_not_missing_them():
    cut = (
        IMAGE_TABLES.split("四、")[0]
        + "第二十条第（一）项 | 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数\n规章 | 0 | 0"
    )
    report = read_text(cut)
    assert report.truncated
    assert "SECTION_MISSING" not in codes(report)
    complete = IMAGE_TABLES.replace("三、收到和处理政府信息公开申请情况\n", "")
    assert "SECTION_MISSING" in codes(read_text(complete))


def test_narrative_only_report_of_2024_is_never_read_as_the_2008_era():
    text = "现公布某县人民政府2024年政府信息公开工作年度报告。\n一、总体情况\n全年主动公开政府信息2548条。\n"
    report = read_text(text)
    assert (report.year, report.era) == (2024, "2021")
    assert "FORMAT_ERA" not in codes(report)


# --- before 2019 ---------------------------------------------------------------------------------

LEGACY = """兴华乡2010年政府信息公开报告
发布日期:2011-01-01    点击数:
截止20101231日,全乡累计主动公开政府信息65条。其中,网上公开信息20条,政务公开揭示板上公开45条。
2010年度我乡没有接到群众要求公开政府信息的申请。
我乡2010年度未发生针对本单位有关政府信息公开事务的行政复议案、行政诉讼案和有关的申诉案。
"""


def test_pre_2019_numbers_in_sentences_and_a_date_glued_to_its_number():
    report = read_text(LEGACY)
    assert (report.era, report.year, report.agency) == ("2008", 2010, "兴华乡")
    assert report.legacy == {
        "proactive_total": {"year": 65},
        "applications_total": {"year": 0},
        "reviews": {"year": 0},
        "lawsuits": {"year": 0},
        "complaints": {"year": 0},
    }
    # the sub-counts in the same sentences are no contradiction of a table
    assert codes(report) == []


# --- mirrors, agencies ---------------------------------------------------------------------------


def test_traditional_characters_with_pinyin_glosses_inside_words():
    text = (
        "本年度報告由國家機(jī)關(guān)事務(wù)管理局根據(jù)《中華人民共和國政府信息公開條例》編制而成。"
        "本年度報告中所列數(shù)據(jù)統(tǒng)計期限從2021年1月1日起至2021年12月31日止。\n一、總體情況\n"
    )
    report = read_text(text)
    assert (report.agency, report.year, report.era) == ("国家机关事务管理局", 2021, "2021")


@pytest.mark.parametrize(
    ("opening", "agency"),
    [
        ("根据《条例》规定,现公布区统计局2023年政府信息公开工作年度报告。", "区统计局"),
        (
            "本报告由区政府办公室根据《条例》编制。本报告所列数据统计期限为2023年1月1日至12月31日。",
            "区政府办公室",
        ),
        ("2023年,新华街道办事处高度重视政府信息公开工作。", "新华街道办事处"),
        ("硚口区审计局2023年政府\n信息公开工作年度报告", "硚口区审计局"),
    ],
)
def test_agency_and_year_from_the_opening_sentences_and_a_broken_title(opening, agency):
    report = read_text(opening + "\n一、总体情况\n2023年,我单位依法公开政府信息。\n")
    assert (report.agency, report.year) == (agency, 2023)


# --- the development set of real reports ---------------------------------------------------------


def realworld_files() -> list[Path]:
    files = sorted(REALWORLD.glob("*.txt"))
    if not files:
        pytest.fail(
            f"real reports not found at {REALWORLD.resolve()}: the repository must sit beside shared/"
        )
    return files


def read_real(path: Path, tmp_path: Path):
    """The report as published: the development set's first line (SOURCE: …) is left out."""
    copy = tmp_path / path.name
    copy.write_text(path.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    return read(copy)


def assert_every_cell_accounted_for(files: list[Path], tmp_path: Path) -> None:
    """Each table cell of each report (files of a development set) is read, reported missing,
    or in a row reported ambiguous — never silently dropped."""
    for path in files:
        report = read_real(path, tmp_path)
        if report.era == "2008":
            continue
        ambiguous = {(a.table, a.row) for a in report.ambiguous}
        missing = set(report.missing_cells)
        for table in FORMATS[report.era].tables:
            if table.key in report.absent_tables:
                continue
            for row, column in table.cells():
                if column.optional:
                    continue
                cell = (table.key, row.key, column.key)
                assert (
                    report.get(*cell) is not None or cell in missing or (table.key, row.key) in ambiguous
                ), f"{path.name}: {cell} neither read nor reported"


def assert_labelled_reports_read_right(
    folder: Path, labels_path: Path, tmp_path: Path, known_wrong: dict[str, dict[str, str]] | None = None
) -> None:
    """Each labelled report reads to its hand-read cells, agency, year and era, with no error
    finding its label does not list. ``known_wrong`` names, per report, cells still read wrong
    and why: they are reported, not hidden, and must come off the list once they read right."""
    from scripts.annual_realworld import expected_cells, read_cells

    labels = json.loads(labels_path.read_text(encoding="utf-8"))
    known_wrong = known_wrong or {}
    for name, label in labels.items():
        report = read_real(folder / name, tmp_path)
        got = read_cells(report)
        for cell, value in expected_cells(label["era"], label).items():
            if cell in known_wrong.get(name, {}):
                assert got.get(cell) != float(value), f"{name}: {cell} reads right now: take it off the list"
                continue
            assert got.get(cell) == float(value), f"{name}: {cell}"
        assert (report.agency, report.year, report.era) == (label["agency"], label["year"], label["era"]), (
            name
        )
        assert set(errors(report)) <= set(label["errors"]), name


def test_every_real_report_is_read_and_every_cell_accounted_for(tmp_path):
    assert_every_cell_accounted_for(realworld_files(), tmp_path)


def test_labelled_real_reports_are_read_right(tmp_path):
    assert_labelled_reports_read_right(REALWORLD, LABELS, tmp_path)


# --- batch audits --------------------------------------------------------------------------------


def test_batch_audit_of_folders_to_csv_and_xlsx(tmp_path):
    folder = tmp_path / "reports" / "2023"
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text(PIPE_CELLS, encoding="utf-8")
    (folder / "b.txt").write_text(IMAGE_TABLES, encoding="utf-8")
    (folder / "picture.jpg").write_bytes(b"\xff\xd8\xff")
    runner = CliRunner()
    flat = runner.invoke(
        report_cli, ["audit", str(tmp_path / "reports"), "--to", "csv", "-o", str(tmp_path / "x.csv")]
    )
    assert "no report files" in flat.stderr  # the files are one folder down: --recursive reads them
    result = runner.invoke(
        report_cli,
        ["audit", str(tmp_path / "reports"), "--recursive", "--to", "csv", "-o", str(tmp_path / "s.csv")],
    )
    assert "2 reports audited" in result.stderr
    with open(tmp_path / "s.csv", encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert [Path(r["来源文件"]).name for r in rows] == ["a.txt", "b.txt"]
    a, b = rows
    assert (a["机关"], a["年度"], a["格式"]) == ("某县民政局", "2023", "2021年版")
    assert (
        a["完整性"].startswith("表格不完整")
        and a["TABLE_INCOMPLETE"] == "错误×3"
        and a["APP_BALANCE"] == "通过"
    )
    assert b["完整性"] == "3个表格无文字（图片）" and b["TABLE_NOT_TEXT"] == "提示×3"
    with open(tmp_path / "s-cells.csv", encoding="utf-8-sig") as fh:
        cells = list(csv.DictReader(fh))
    assert {"表格": "proactive", "行": "licensing", "列": "decisions", "数值": "12"}.items() <= next(
        c for c in cells if c["行"] == "licensing"
    ).items()
    runner.invoke(report_cli, ["audit", str(folder), "--to", "xlsx", "-o", str(tmp_path / "s.xlsx")])
    book = openpyxl.load_workbook(tmp_path / "s.xlsx")
    assert book.sheetnames == ["报告", "单元格"]
    assert book["报告"].max_row == 3 and book["单元格"]["G2"].value is not None


def test_batch_audit_refuses_an_unknown_spreadsheet_type(tmp_path):
    result = CliRunner().invoke(
        report_cli, ["audit", str(tmp_path), "--to", "ods", "-o", str(tmp_path / "x.ods")]
    )
    assert result.exit_code == 2 and "csv or xlsx" in result.output


@pytest.mark.parametrize("between", ["", " "], ids=["no-space", "space-between-rows"])
def test_complete_report_glued_on_one_line_is_decoded_with_the_column_identities(between):
    """Every row's cells glued to its label, the whole report on one line: the applications rows are
    split by their row totals and, where two splits remain (102001013: 1+0+2+0+0+10 = 13 or
    10+2+0+0+1+0 = 13), by the columns' identities (results sum, balance); the appeals row by its
    group totals; 2115 (规范性文件: no identity holds within the row) stays ambiguous."""
    from tests.annual.test_parse_text import SHAPES, _expected_appeals, _expected_applications

    lines = [line.replace(" | ", "").strip() for line in SHAPES["pipes"].split("\n")]
    report = read_text(between.join(lines).replace("报告 ", "报告"))
    assert report.applications == _expected_applications()
    assert report.appeals == _expected_appeals()
    assert [(a.row, a.text) for a in report.ambiguous] == [("normative_documents", "2115")]
    assert list(report.sections) == ["overview", "proactive", "applications", "appeals", "problems", "other"]
    assert codes(report) == ["AMBIGUOUS_CELLS"]


SUB_ROWS = """北京市某街道办事处2019年政府信息公开工作年度报告
二、主动公开政府信息情况
第二十条第(五)项 |
|||||
信息内容 |
上一年项目数量 |
本年增/减 |
处理决定数量 |
||
行政许可 |
4 |
1 |
5 |
||
其他对外管理服务事项 |
行政检查 |
6 |
0 |
30 |
|
行政确认 |
2 |
-1 |
7 |
||
第二十条第(六)项 |
|||||
信息内容 |
上一年项目数量 |
本年增/减 |
处理决定数量 |
||
行政处罚 |
3 |
0 |
9 |
"""


def test_a_row_printed_over_sub_rows_is_their_sum():
    report = read_text(SUB_ROWS)
    # 其他对外管理服务事项 = 行政检查 + 行政确认
    assert report.proactive["other_services"] == {"prev_items": 8, "change": -1, "decisions": 37}
    assert report.proactive["licensing"] == {"prev_items": 4, "change": 1, "decisions": 5}
    assert report.proactive["penalty"] == {"prev_items": 3, "change": 0, "decisions": 9}
    assert report.unplaced == []


def test_section_headings_as_real_reports_word_them():
    text = IMAGE_TABLES.replace("一、总体情况", "一、基本情况").replace(
        "五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况"
    )
    text = text.replace("三、收到和处理政府信息公开申请情况", "三、收到和处理政府信息公开的申请情况")
    report = read_text(text)
    assert list(report.sections) == ["overview", "proactive", "applications", "appeals", "problems", "other"]
    assert "SECTION_MISSING" not in codes(report)


@pytest.mark.parametrize(
    "cell",
    [lambda c: f"{c} |" if c else "|", lambda c: f"\n  {c}" if c else ""],
    ids=["one-cell-per-line-with-pipe", "one-cell-per-paragraph"],
)
def test_complete_report_one_cell_per_line_reads_every_table(cell):
    """The whole report (every row of section 三, the appeals row of fifteen numbers) printed one
    cell per line: read exactly as the seeds' shape."""
    from tests.annual.test_parse_text import PROACTIVE, _expected_appeals, _expected_applications, write_rows

    report = read_text(write_rows(lambda cells: "\n".join(cell(c) for c in cells) + "\n||"))
    assert report.proactive == PROACTIVE
    assert report.applications == _expected_applications()
    assert report.appeals == _expected_appeals()
    assert report.unplaced == [] and report.missing_cells == []
    assert codes(report) == []


def test_glued_2019_rows_with_signed_changes_split_by_the_change_identity():
    """第二十条第（五）项 of the 2019 format glued on one line: 本年增/减 carries its sign, and the
    change = 本年项目数量 − 上一年项目数量 identity leaves one split (927-8545: 92, 7, -85, 45)."""
    text = (
        "某市民政局2020年政府信息公开工作年度报告 二、主动公开政府信息情况 第二十条第（五）项信息内容"
        "上一年项目数量本年项目数量本年增/减本年处理决定数量行政许可60-60其他对外管理服务事项927-8545"
        "第二十条第（六）项信息内容上一年项目数量本年项目数量本年增/减处理决定数量行政处罚423-393行政强制40-40"
    )
    report = read_text(text)
    assert report.era == "2019"
    assert report.proactive["licensing"] == {"prev_items": 6, "items": 0, "change": -6, "decisions": 0}
    assert report.proactive["other_services"] == {
        "prev_items": 92,
        "items": 7,
        "change": -85,
        "decisions": 45,
    }
    assert report.proactive["penalty"] == {"prev_items": 42, "items": 3, "change": -39, "decisions": 3}
    assert report.proactive["coercion"] == {"prev_items": 4, "items": 0, "change": -4, "decisions": 0}


def test_a_row_label_wrapped_onto_the_next_line_among_cells_printed_one_per_line():
    text = PIPE_CELLS.replace("二、上年结转政府信息公开申请数量 |", "二、上年结转政府信息 |\n公开申请数量 |")
    assert read_text(text).applications["carried_in"] == app_row(3, 0, 0, 0, 0, 0, 3)
