"""The plain-text reader and the assembler on every text shape reports are published and scraped in.

One realistic 2021 report (values below) is written out in each shape by a small writer; each
shape must give back exactly these values. Smaller samples cover units, dashes, glued rows,
dates, eras, narrative traps and truncation.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from gongkai.annual.checks import check, identities_within
from gongkai.annual.formats import APPLICANT_COLUMNS, APPLICATIONS_2021
from gongkai.annual.parse import assemble as assembler
from gongkai.annual.parse import cells, glued, masthead
from gongkai.annual.parse import text as reader
from gongkai.annual.parse.document import Paragraph, TableBlock

ROWS = {  # 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计
    "new": (10, 2, 0, 0, 1, 0, 13),
    "carried_in": (1, 0, 0, 0, 0, 0, 1),
    "granted": (5, 1, 0, 0, 0, 0, 6),
    "partial": (1, 0, 0, 0, 0, 0, 1),
    "denied.third_party": (1, 0, 0, 0, 0, 0, 1),
    "unavailable.not_held": (2, 1, 0, 0, 1, 0, 4),
    "not_processed.duplicate": (1, 0, 0, 0, 0, 0, 1),
    "results_total": (10, 2, 0, 0, 1, 0, 13),
    "carried_forward": (1, 0, 0, 0, 0, 0, 1),
}
PROACTIVE = {
    "rules": {"issued": 0, "repealed": 0, "in_force": 3},
    "normative_documents": {"issued": 2, "repealed": 1, "in_force": 15},
    "licensing": {"decisions": 1234},
    "penalty": {"decisions": 56},
    "coercion": {"decisions": 0},
    "fees": {"amount": Decimal("1.5")},
}
APPEALS = {  # 维持, 纠正, 其他, 尚未审结, 总计
    "review": (1, 0, 0, 0, 1),
    "lawsuit_direct": (0, 1, 0, 1, 2),
    "lawsuit_after_review": (0, 0, 0, 0, 0),
}
HEAD = """台儿庄区民政局2023年政府信息公开工作年度报告
一、总体情况
2023年，我局共收到政府信息公开申请13件，结转下年度继续办理1件。
二、主动公开政府信息情况"""
TAIL = """五、存在的主要问题及改进情况
信息公开的力度有待加强。
六、其他需要报告的事项
本年度未收取信息处理费。
台儿庄区民政局
2024年1月16日"""
_PROACTIVE_GROUPS = (
    (
        "第二十条第（一）项",
        ("本年制发件数", "本年废止件数", "现行有效件数"),
        ("rules", "normative_documents"),
    ),
    ("第二十条第（五）项", ("本年处理决定数量",), ("licensing",)),
    ("第二十条第（六）项", ("本年处理决定数量",), ("penalty", "coercion")),
    ("第二十条第（八）项", ("本年收费金额（单位：万元）",), ("fees",)),
)
_LABELS = {"rules": "规章", "normative_documents": "行政规范性文件", "licensing": "行政许可", "penalty": "行政处罚",
           "coercion": "行政强制", "fees": "行政事业性收费"}  # fmt: skip


def _app_rows():
    """(group cells, label, values) per row of the 2021 table, as printed."""
    for row in APPLICATIONS_2021.rows:
        values = ROWS.get(row.key, (0,) * 7)
        if row.key in ("new", "carried_in", "carried_forward"):
            yield [row.label], values
        elif row.key in ("granted", "partial", "results_total"):
            yield ["", row.label], values
        else:
            yield ["", row.group, row.label], values


def _expected_applications():
    keys = [c.key for c in APPLICANT_COLUMNS]
    return {
        row.key: dict(zip(keys, ROWS.get(row.key, (0,) * 7), strict=True)) for row in APPLICATIONS_2021.rows
    }


def _expected_appeals():
    keys = ["upheld", "corrected", "other", "pending", "total"]
    return {group: dict(zip(keys, values, strict=True)) for group, values in APPEALS.items()}


def _number(value) -> str:
    return str(value)


def write_rows(line, pad: int | None = None) -> str:
    """The report with one table row per line; ``line(cells)`` joins cells; ``pad`` label columns."""

    def cells(labels, values):
        labels = list(labels)
        if pad is not None:
            labels = labels + [""] * (pad - len(labels))
        return line([*labels, *map(_number, values)])

    out = [HEAD]
    for group, headers, rows in _PROACTIVE_GROUPS:
        out.append(line([group] + [""] * len(headers)) if pad else group)
        out.append(line(["信息内容", *headers]))
        for row in rows:
            out.append(line([_LABELS[row], *map(_number, PROACTIVE[row].values())]))
    out.append("三、收到和处理政府信息公开申请情况")
    if pad is not None:
        blank = [""] * pad
        out.append(line([*blank, "自然人", "法人或其他组织", "", "", "", "", "总计"]))
        out.append(line([*blank, "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""]))
    else:
        out.append(line(["", "自然人", "法人或其他组织", "总计"]))
        out.append(line(["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""]))
    for labels, values in _app_rows():
        out.append(cells(labels, values))
    out.append("四、政府信息公开行政复议、行政诉讼情况")
    out.append(line(["行政复议", "行政诉讼"]))
    out.append(line([str(v) for values in APPEALS.values() for v in values]))
    out.append(TAIL)
    return "\n".join(out) + "\n"


def write_cells(text_of=str) -> str:
    """The seeds' shape: one cell per line after a tab, a blank line between rows."""
    body = write_rows(lambda cells: "\n".join("\t" + c for c in cells) + "\n")
    return text_of(body)


def assert_the_report(report):
    assert report.agency == "台儿庄区民政局"
    assert report.year == 2023
    assert report.era == "2021"
    assert report.published == date(2024, 1, 16)
    assert report.proactive == PROACTIVE
    assert report.applications == _expected_applications()
    assert report.appeals == _expected_appeals()
    assert report.missing_cells == [] and report.unplaced == [] and report.ambiguous == []
    assert [f.code for f in check(report)] == []


def read_text(text: str):
    return assembler.assemble(reader.parse(text))


SHAPES = {
    "cells": write_cells(),
    "pipes": write_rows(lambda cells: " | ".join(cells)),
    "markdown": write_rows(lambda cells: "| " + " | ".join(cells) + " |", pad=3),
    "tabs": write_rows(lambda cells: "\t".join(cells)),
    "spaces": write_rows(lambda cells: "   ".join(c for c in cells if c)),
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_every_row_shape_reads_the_same_report(shape):
    assert_the_report(read_text(SHAPES[shape]))


def test_markdown_separator_lines_and_padding_cells_are_not_data():
    text = SHAPES["markdown"].replace(
        "|  |  |  | 自然人", "|---|---|---|---|---|---|---|---|---|---|\n|  |  |  | 自然人", 1
    )
    assert "|---|" in text
    assert_the_report(read_text(text))


def test_header_cells_split_over_several_lines():
    text = SHAPES["pipes"].replace(
        "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数",
        "信息内容 | 本年制发 | 本年废止 | 现行有效\n | 件数 | 件数 | 件数",
    )
    assert "本年制发件数" not in text
    assert_the_report(read_text(text))


def test_cells_continued_on_the_next_line_are_one_cell():
    doc = reader.parse(
        "三、收到和处理政府信息公开申请情况\n\t信息内容\n\t本年新\n  公开数量\n\t对外公开\n总数量\n\n"
    )
    table = next(b for b in doc.blocks if isinstance(b, TableBlock))
    assert table.rows == [["信息内容", "本年新\n公开数量", "对外公开\n总数量"]]


PDF = """台儿庄区民政局2023年政府信息公开工作年度报告
一、总体情况
2023年，我局共收到政府信息公开申请13件。
二、主动公开政府信息情况
第二十条第（一）项
信息内容 本年制发件数 本年废止件数 现行有效件数
规章 0 0 3
行政规范性文件 2 1 15
第二十条第（五）项
信息内容 本年处理决定数量
行政许可 1,234
第二十条第（六）项
信息内容 本年处理决定数量
行政处罚 56
行政强制 0
第二十条第（八）项
信息内容 本年收费金额（单位：万元）
行政事业性收费 1.5
三、收到和处理政府信息公开申请情况
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
申请人情况
法人或其他组织
自 商 科 社 法 其 总
然 业 研 会 律 他 计
人 企 机 公 服
业 构 益 务
组 机
织 构
一、本年新收政府信息公开申请数量 10 2 0 0 1 0 13
二、上年结转政府信息公开申请数量 1 0 0 0 0 0 1
三、本年度办理结果 （一）予以公开 5 1 0 0 0 0 6
（二）部分公开（区分处理的，只计这一情形，不计其他
情形） 1 0 0 0 0 0 1
（三）不予公开 1.属于国家秘密 0 0 0 0 0 0 0
2.其他法律行政法规禁止公开 0 0 0 0 0 0 0
3.危及“三安全一稳定” 0 0 0 0 0 0 0
4.保护第三方合法权益 1 0 0 0 0 0 1
5.属于三类内部事务信息 0 0 0 0 0 0 0
6.属于四类过程性信息 0 0 0 0 0 0 0
7.属于行政执法案卷 0 0 0 0 0 0 0
8.属于行政查询事项 0 0 0 0 0 0 0
（四）无法提供 1.本机关不掌握相关政府信息 2 1 0 0 1 0 4
2.没有现成信息需要另行制作 0 0 0 0 0 0 0
3.补正后申请内容仍不明确 0 0 0 0 0 0 0
（五）不予处理 1.信访举报投诉类申请 0 0 0 0 0 0 0
2.重复申请 1 0 0 0 0 0 1
3.要求提供公开出版物 0 0 0 0 0 0 0
4.无正当理由大量反复申请 0 0 0 0 0 0 0
5.要求行政机关确认或重新出具已获取信息 0 0 0 0 0 0 0
（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0
2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0
3.其他 0 0 0 0 0 0 0
（七）总计 10 2 0 0 1 0 13
四、结转下年度继续办理 1 0 0 0 0 0 1
四、政府信息公开行政复议、行政诉讼情况
行政复议 行政诉讼
结 结 其 尚 总 未经复议直接起诉 复议后起诉
果 果 他 未 计
维 纠 结 审
持 正 果 结
1 0 0 0 1 0 1 0 1 2 0 0 0 0 0
五、存在的主要问题及改进情况
信息公开的力度有待加强。
六、其他需要报告的事项
本年度未收取信息处理费。
台儿庄区民政局
2024年1月16日
— 3 —
"""


def test_pdf_text_with_vertical_headers_and_numbers_on_one_line():
    assert_the_report(read_text(PDF))


def test_vertical_header_characters_are_joined_into_column_prefixes():
    doc = reader.parse("自 商 科 社 法 其 总\n然 业 研 会 律 他 计\n人 企 机 公 服\n")
    table = next(b for b in doc.blocks if isinstance(b, TableBlock))
    assert table.rows == [["自然", "商业", "科研", "社会", "法律", "其他", "总计"]]


def test_traditional_characters_are_read_as_simplified():
    import opencc

    traditional = write_cells(opencc.OpenCC("s2t").convert)
    assert "收到和處理政府信息公開申請情況" in traditional
    assert_the_report(read_text(traditional))


def test_html_entities_and_tags_in_scraped_text():
    scraped = (
        SHAPES["pipes"]
        .replace("\n", "<br/>\n")
        .replace("3.危及“三安全一稳定”", "3.危及&quot;三安全一稳定&quot;")
        .replace(" | 0 | 0 | 0 | 0 | 0 | 0 | 0", " | &nbsp; | 0 | 0 | 0 | 0 | 0 | 0", 1)
    )
    assert "&quot;" in scraped and "&nbsp;" in scraped
    report = read_text(scraped)
    assert report.applications["denied.security_stability"]["total"] == 0
    first_zero_row = next(key for key, values in _expected_applications().items() if not any(values.values()))
    assert (("applications", first_zero_row, "natural_person")) in report.blank_cells
    report.blank_cells.clear()
    assert_the_report(report)


def test_debris_and_full_width_spaces_are_ignored():
    text = (
        write_cells()
        .replace("\t一、本年新收", "\t[bookmark: _Hlk66973412]一、本年新收")
        .replace("\t10\n", "\t　10　\n", 1)
    )
    text = text.replace("一、总体情况", "一、总体情况\n[image: 微信截图_20210128082349]")
    assert "[bookmark:" in text and "　10　" in text
    assert_the_report(read_text(text))


def test_one_document_repeated_twice_is_read_once():
    once = write_cells()
    doc = reader.parse("来源:台儿庄区民政局 时间:2024-01-17 09:11\n" + once + "\n\n" + once)
    assert sum(1 for b in doc.blocks if isinstance(b, Paragraph) and b.text == "一、总体情况") == 1
    report = assembler.assemble(doc)
    assert report.published == date(2024, 1, 17)  # the 时间 line wins over the signature date
    assert_the_report(report.__class__(**{**report.__dict__, "published": date(2024, 1, 16)}))


# --- numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "money", "value"),
    [
        ("0", False, 0),
        ("", False, None),
        ("　", False, None),
        ("—", False, 0),
        ("-", False, 0),
        ("/", False, 0),
        ("无", False, 0),
        ("１２", False, 12),
        ("-85", False, -85),
        ("1,234", False, 1234),
        ("6件", False, 6),
        ("434.936万元", True, Decimal("434.936")),
        ("251000元", True, Decimal("25.1")),
        ("1.5", True, Decimal("1.5")),
        ("0", True, Decimal(0)),
    ],
)
def test_cell_values(text, money, value):
    assert cells.cell_value(text, money) == value


@pytest.mark.parametrize(
    ("text", "money"), [("434.936万元", False), ("约5件", False), ("见附件", True), ("1.5", False)]
)
def test_unreadable_cells_raise(text, money):
    with pytest.raises(cells.Unreadable):
        cells.cell_value(text, money)


PROACTIVE_2019 = """聊城市民政局
2020年政府信息公开工作年度报告
二、主动公开政府信息情况
第二十条第（五）项
信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量
行政许可 | 6 | -6 | 0
其他对外管理服务事项 | 92 | -85 | 45
第二十条第（六）项
信息内容 | 上一年项目数量 | 本年项目数量 | 本年增/减 | 处理决定数量
行政处罚 | 42 | 3 | -39 | 3
行政强制 | 4 | 0 | -4 | 约5件
第二十条第（九）项
信息内容 | 采购项目数量 | 采购总金额
政府集中采购 | 11 | 251000元
"""


def test_2019_columns_are_mapped_by_their_header_labels():
    report = read_text(PROACTIVE_2019)
    assert report.era == "2019"
    assert report.proactive["licensing"] == {"prev_items": 6, "change": -6, "decisions": 0}
    assert report.proactive["penalty"] == {"prev_items": 42, "items": 3, "change": -39, "decisions": 3}
    assert report.proactive["procurement"] == {"items": 11, "amount": Decimal("25.1")}
    # a value that is not a number of its column is reported, never dropped silently
    assert report.proactive["coercion"] == {"prev_items": 4, "items": 0, "change": -4}
    assert "proactive.coercion.decisions: 约5件" in report.unplaced
    assert ("proactive", "coercion", "decisions") in report.missing_cells
    incomplete = [f for f in check(report) if f.code == "TABLE_INCOMPLETE"]
    assert any("proactive.coercion.decisions: 约5件" in f.where["unplaced"] for f in incomplete)


# --- glued rows -------------------------------------------------------------------------------


def _glued(rows: dict[str, str], base: dict | None = None) -> str:
    """Section 三 with one line per row: the label, then the ``rows`` text or the ``base`` values glued."""
    base = ROWS if base is None else base
    lines = [HEAD.replace("二、主动公开政府信息情况", ""), "三、收到和处理政府信息公开申请情况"]
    for labels, _values in _app_rows():
        key = next(r.key for r in APPLICATIONS_2021.rows if r.label == labels[-1])
        lines.append(" ".join([labels[-1], rows.get(key, "".join(map(str, base.get(key, (0,) * 7))))]))
    return "\n".join(lines)


def test_glued_row_is_split_with_the_row_identity():
    assert glued.split_glued(
        ["713000074"],
        7,
        identities_within("2021", "applications", tuple(("new", c.key) for c in APPLICANT_COLUMNS)),
    ) == [(71, 3, 0, 0, 0, 0, 74)]
    report = read_text(_glued({}))
    assert report.applications == _expected_applications()
    assert report.ambiguous == []


def test_glued_row_left_open_by_its_row_is_settled_by_the_column_identities():
    # 110000011 is 1,10,0,0,0,0,11 or 11,0,0,0,0,0,11: only 11 自然人 balances with the rest of the table
    printed = "11 0 0 0 0 0 11"
    report = read_text(_glued({"new": "110000011", "granted": printed, "results_total": printed}, base={}))
    assert report.applications["new"] == dict(
        zip([c.key for c in APPLICANT_COLUMNS], (11, 0, 0, 0, 0, 0, 11), strict=True)
    )
    assert report.ambiguous == []


def test_glued_rows_that_stay_ambiguous_are_listed_and_omitted():
    glued = "110000011"
    report = read_text(_glued({"new": glued, "granted": glued, "results_total": glued}, base={}))
    ambiguous = {a.row: a.candidates for a in report.ambiguous}
    assert ambiguous == {
        row: ((1, 10, 0, 0, 0, 0, 11), (11, 0, 0, 0, 0, 0, 11)) for row in ("new", "granted", "results_total")
    }
    for row in ambiguous:
        assert row not in report.applications
    assert [cell for cell in report.missing_cells if cell[0] == "applications"] == []
    findings = check(report)
    assert [f.code for f in findings].count("AMBIGUOUS_CELLS") == 3
    assert not {"APP_BALANCE", "APP_RESULTS_SUM", "APP_ROW_SUM"} & {f.code for f in findings}
    assert [f.where["table"] for f in findings if f.code == "TABLE_INCOMPLETE"] == ["proactive", "appeals"]


def test_glued_appeals_row_of_fifteen_cells():
    report = read_text(PDF.replace("1 0 0 0 1 0 1 0 1 2 0 0 0 0 0", "100010101200000"))
    assert report.appeals == _expected_appeals()


# --- what the document says about itself ------------------------------------------------------


def test_2021_report_printed_in_the_2019_format_reads_as_era_2019():
    text = PROACTIVE_2019.replace("2020年政府信息公开", "2021年政府信息公开")
    report = read_text(text)
    assert (report.year, report.era) == (2021, "2019")
    assert "FORMAT_ERA" in [f.code for f in check(report)]


@pytest.mark.parametrize(
    "signature",
    [
        "台儿庄区民政局\n2024年1月16日",
        "台儿庄区民政局\n2024年1月16日\n— 3 —",
        "台儿庄区民政局\n二〇二四年一月十六日\n-3-",
        "台儿庄区民政局\n台儿庄区民政局办公室\u3000\u3000 2024年1月16日印发",
        "2024年1月16日",
        "台儿庄区民政局\n2024年1月16日\n（此件公开发布）",
    ],
)
def test_closing_signature_and_page_debris_stay_out_of_section_six(signature):
    text = SHAPES["pipes"].replace("台儿庄区民政局\n2024年1月16日", signature)
    report = read_text(text)
    assert report.sections["other"] == "本年度未收取信息处理费。"
    assert report.agency == "台儿庄区民政局"


def test_page_numbers_inside_a_section_are_debris_and_its_last_words_are_kept():
    text = SHAPES["pipes"].replace(
        "信息公开的力度有待加强。", "信息公开的力度有待加强。\n第2页 共3页\n— 2 —\n宣传不够深入。"
    )
    text = text.replace("台儿庄区民政局\n2024年1月16日", "")
    report = read_text(text)
    assert report.sections["problems"] == "信息公开的力度有待加强。\n宣传不够深入。"
    assert report.sections["other"] == "本年度未收取信息处理费。"


def test_era_2008_body_ends_before_its_signature(seeds_dir):
    [source] = seeds_dir.glob("003_*.txt")
    report = assembler.assemble(reader.parse(source.read_text(encoding="utf-8")))
    assert report.sections["body"].endswith("我局无其他报告事项。")
    assert report.agency == "旅顺口区民政局"


@pytest.mark.parametrize(
    ("tail", "published"),
    [
        ("台儿庄区民政局\n201813", None),  # characters lost: no date rather than a wrong one
        ("台儿庄区民政局\n2024年1月16日", date(2024, 1, 16)),
        ("台儿庄区民政局\n二〇二四年一月十六日", date(2024, 1, 16)),
        ("台儿庄区民政局\n2023年6月19日", None),  # before the year ended: not this report's publication
        ("台儿庄区民政局\n2024年2月30日", None),
    ],
)
def test_publication_date(tail, published):
    report = read_text(SHAPES["pipes"].replace("台儿庄区民政局\n2024年1月16日", tail))
    assert report.published == published


@pytest.mark.parametrize(
    ("agency", "kind"),
    [
        ("台儿庄区民政局", "department"),
        ("枣庄市人民政府", "government"),
        ("运河街道办事处", "government"),
        (None, None),
    ],
)
def test_agency_kind_from_the_name(agency, kind):
    assert masthead.agency_kind(agency) == kind


LEGACY_NARRATIVE = """某县民政局2016年政府信息公开工作年度报告
一、主动公开政府信息情况
2016年，我局主动公开政府信息42条。目录中依申请公开信息459条，依申请公开政府信息12条。
二、依申请公开情况
2016年，我局共收到政府信息公开申请3件，均已按时答复。
"""


def test_era_2008_facts_from_sentences_and_the_catalogue_trap():
    report = read_text(LEGACY_NARRATIVE)
    assert report.era == "2008"
    assert report.legacy == {"proactive_total": {"year": 42}, "applications_total": {"year": 3}}


def test_era_2008_nothing_received():
    report = read_text(
        LEGACY_NARRATIVE.replace("共收到政府信息公开申请3件，均已按时答复", "未收到政府信息公开申请")
    )
    assert report.legacy["applications_total"] == {"year": 0}


def test_era_2008_attached_table_in_rows():
    text = (
        LEGACY_NARRATIVE
        + "附表\n指标 | 2016年度 | 历年累计\n主动公开信息数 | 42 | 300\n其中：1.网上申请数 | 2 | 9\n"
    )
    report = read_text(text)
    assert report.legacy == {
        "proactive_total": {"year": 42, "cumulative": 300},
        "applications_online": {"year": 2, "cumulative": 9},
    }


def test_narrative_contradicting_the_table_is_a_warning():
    report = read_text(SHAPES["pipes"].replace("共收到政府信息公开申请13件", "共收到政府信息公开申请15件"))
    findings = [f for f in check(report) if f.code == "NARRATIVE_MISMATCH"]
    assert [(f.severity, f.where["row"], f.where["expected"], f.where["found"]) for f in findings] == [
        ("warning", "new", 13, 15)
    ]


def test_truncated_table_keeps_what_was_read_and_lists_the_rest():
    text = SHAPES["tabs"]
    cut = text.index("（五）不予处理")
    report = read_text(text[:cut])
    assert report.applications["granted"] == _expected_applications()["granted"]
    assert ("applications", "carried_forward", "total") in report.missing_cells
    assert ("appeals", "review", "total") in report.missing_cells
    codes = {f.code for f in check(report)}
    assert "TABLE_INCOMPLETE" in codes
    assert not {"APP_BALANCE", "APP_RESULTS_SUM"} & codes  # unknown, not false


def test_row_cut_off_mid_way_at_the_end_of_the_file_keeps_its_first_cells():
    text = SHAPES["tabs"]
    cut = text.index("（七）总计") + len("（七）总计\t10\t2")
    report = read_text(text[:cut])
    assert report.applications["results_total"] == {"natural_person": 10, "commercial": 2}
    assert ("applications", "results_total", "research") in report.missing_cells


def test_lost_blank_cells_in_pdf_text_are_not_guessed():
    report = read_text(PDF.replace("（一）予以公开 5 1 0 0 0 0 6", "（一）予以公开 5 6"))
    assert "granted" not in report.applications
    assert "applications.granted: 5 6" in report.unplaced
    assert ("applications", "granted", "natural_person") in report.missing_cells


def test_gapped_row_placed_where_the_row_identity_allows_one_placement_only():
    rule = identities_within("2021", "applications", tuple(("new", c.key) for c in APPLICANT_COLUMNS))
    # 5 … 5: any applicant column could hold the 5; 5 0 5 settles nothing more; 3 9 fits nowhere
    assert len(glued.place_gapped([5, 5], 7, rule)) == 6
    assert glued.place_gapped([3, 9], 7, rule) == {}
    # 0: every placement reads the same row, all its cells but one printed blank
    assert glued.place_gapped([0], 7, rule) == {(0,) * 7: frozenset(range(7))}
    assert glued.place_gapped([4, 0, 0, 0, 0, 0, 4], 7, rule) == {}  # a full row is not gapped


def test_gapped_row_is_settled_by_the_column_identities_and_its_blanks_flagged():
    # 5 1 6 (the four blank 法人 cells dropped): fifteen placements fit the row; the columns keep one
    report = read_text(PDF.replace("（一）予以公开 5 1 0 0 0 0 6", "（一）予以公开 5 1 6"))
    assert report.applications == _expected_applications()
    assert report.unplaced == [] and report.ambiguous == []
    assert {c for c in report.blank_cells if c[1] == "granted"} == {
        ("applications", "granted", key) for key in ("research", "nonprofit", "legal_service", "other_org")
    }
    assert [f.code for f in check(report)] == ["BLANK_CELL"]


def test_several_gapped_rows_are_settled_together():
    text = PDF.replace("（一）予以公开 5 1 0 0 0 0 6", "（一）予以公开 5 1 6")
    text = text.replace("情形） 1 0 0 0 0 0 1", "情形） 1 1").replace(
        "（七）总计 10 2 0 0 1 0 13", "（七）总计 10 2 1 13"
    )
    report = read_text(text)
    assert report.applications == _expected_applications()
    assert report.ambiguous == [] and report.missing_cells == []


def test_gapped_rows_the_identities_cannot_settle_stay_ambiguous():
    # 3 and 3 applications from two applicant types, granted 3 and partly granted 3: which type got which?
    report = read_text(
        _glued({"new": "3 3 6", "granted": "3 3", "partial": "3 3", "results_total": "3 3 6"}, base={})
    )
    ambiguous = {a.row: a for a in report.ambiguous}
    assert set(ambiguous) == {"new", "granted", "partial", "results_total"}
    assert all(a.gapped for a in ambiguous.values())
    for row in ambiguous:
        assert row not in report.applications
    findings = [f for f in check(report) if f.code == "AMBIGUOUS_CELLS"]
    assert len(findings) == 4 and all("少于栏数" in f.message for f in findings)
    # rows of a table without identities: 3 could be any of the three columns
    report = read_text(PDF.replace("规章 0 0 3", "规章 3"))
    assert "rules" not in report.proactive
    [rules] = report.ambiguous
    assert (rules.row, rules.candidates, rules.gapped) == ("rules", ((0, 0, 3), (0, 3, 0), (3, 0, 0)), True)


def test_gapped_row_of_zeros_reads_as_zeros_left_blank():
    report = read_text(PDF.replace("规章 0 0 3", "规章 0"))
    assert report.proactive["rules"] == {"issued": 0, "repealed": 0, "in_force": 0}
    assert {c for c in report.blank_cells if c[1] == "rules"} == {
        ("proactive", "rules", key) for key in ("issued", "repealed", "in_force")
    }


def test_pdf_label_alone_on_its_line_and_the_numbers_on_the_next():
    text = PDF.replace(
        "一、本年新收政府信息公开申请数量 10 2 0 0 1 0 13",
        "一、本年新收政府信息公开申请数量\n10 2 0 0 1 0 13",
    )
    assert "数量\n10 2" in text
    assert_the_report(read_text(text))


def test_entities_escaped_twice_by_a_crawler():
    doc = reader.parse("行政许可 | &amp;nbsp; | 3.危及&amp;quot;三安全一稳定&amp;quot;\n")
    table = next(b for b in doc.blocks if isinstance(b, TableBlock))
    assert table.rows == [["行政许可", "", '3.危及"三安全一稳定"']]


def test_era_from_the_application_rows_alone(seeds_dir):
    seed = (seeds_dir / "002_9d95345f879c4801.txt").read_text(encoding="utf-8")
    start, end = seed.index("二、主动公开政府信息情况"), seed.index("三、收到和处理政府信息公开申请情况")
    text = (seed[:start] + seed[end:]).replace(
        "2020年政府信息公开工作年度报告", "2021年政府信息公开工作年度报告"
    )
    report = read_text(text)
    # one 其他处理 row without the 2021 sub-rows: the 2019 table, whatever the year says
    assert (report.year, report.era) == (2021, "2019")
    assert report.applications["other"]["total"] == 0
    assert {"FORMAT_ERA", "TABLE_INCOMPLETE"} <= {f.code for f in check(report)}


def _sections(text: str, *keep: str) -> str:
    """The report with only the sections ``keep`` (by their headings' numbers) after section 一."""
    heads = {
        n: text.index(h)
        for n, h in (
            ("二", "二、主动公开"),
            ("三", "三、收到"),
            ("四", "四、政府信息公开行政"),
            ("五", "五、存在"),
        )
    }
    order = ["二", "三", "四", "五"]
    out = text[: heads["二"]]
    for i, n in enumerate(order[:-1]):
        if n in keep:
            out += text[heads[n] : heads[order[i + 1]]]
    return out + text[heads["五"] :]


@pytest.mark.parametrize(("year", "era"), [(2023, "2021"), (2020, "2019")])
def test_era_of_a_report_with_only_the_appeals_table_is_its_years(year, era):
    text = _sections(SHAPES["spaces"], "四").replace("2023年政府信息公开", f"{year}年政府信息公开")
    report = read_text(text)
    assert (report.year, report.era) == (year, era)
    assert report.appeals == _expected_appeals()
    assert "FORMAT_ERA" not in {f.code for f in check(report)}


def test_era_of_a_report_with_only_rows_both_modern_formats_share_is_its_years():
    # section 三 cut after （五）: no 其他处理 row of either era, no 本年新收 row
    text = _sections(SHAPES["tabs"], "三")
    start, end = text.index("（一）予以公开"), text.index("（六）其他处理")
    text = (
        text[: text.index("三、收到") + len("三、收到和处理政府信息公开申请情况\n")]
        + text[start:end]
        + text[text.index("五、存在") :]
    )
    report = read_text(text)
    assert report.era == "2021"
    assert report.applications["granted"] == _expected_applications()["granted"]


def test_era_of_the_labels_present_wins_over_the_year_and_is_reported():
    old_year = _sections(SHAPES["spaces"], "四").replace("2023年政府信息公开", "2017年政府信息公开")
    old_year = old_year.replace(
        "行政复议   行政诉讼\n",
        "行政复议   行政诉讼\n未经复议直接起诉   复议后起诉\n"
        + "   ".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3)
        + "\n",
    )
    report = read_text(old_year)
    assert (report.year, report.era) == (2017, "2021")
    assert report.appeals == _expected_appeals()
    assert "FORMAT_ERA" in {f.code for f in check(report)}
    legacy_table = (
        "台儿庄区民政局2023年政府信息公开工作年度报告\n主动公开信息数 | 23 | 429\n行政复议数 | 0 | 0\n"
    )
    report = read_text(legacy_table)
    assert (report.year, report.era) == (2023, "2008")
    assert report.legacy["proactive_total"] == {"year": 23, "cumulative": 429}
    assert "FORMAT_ERA" in {f.code for f in check(report)}


def test_a_work_plan_is_not_an_annual_report(tmp_path):
    from gongkai.annual.parse import ReadError, read

    plan = tmp_path / "plan.txt"
    plan.write_text(
        "2023年度政务公开工作要点\n一、推进政府信息公开\n做好政府信息公开工作。\n", encoding="utf-8"
    )
    with pytest.raises(ReadError, match="not a government information disclosure annual report"):
        read(plan)


def test_glued_rows_that_fit_no_split_or_too_many_are_reported():
    rule = identities_within("2021", "applications", tuple(("new", c.key) for c in APPLICANT_COLUMNS))
    assert glued.split_glued(["1234567"], 7, rule) == []  # 7 ≠ 1+2+3+4+5+6
    assert glued.split_glued(["1" * 60], 15, lambda values: False) is None  # too many cuts to try
    report = read_text(_glued({"new": "1234567"}))
    assert "new" not in report.applications
    assert any(u.startswith("applications.new: 1234567") for u in report.unplaced)
    assert ("applications", "new", "total") in report.missing_cells


def test_money_column_whose_header_says_yuan():
    text = PROACTIVE_2019.replace("采购总金额", "采购总金额（元）").replace("251000元", "251000")
    assert "| 251000\n" in text
    assert read_text(text).proactive["procurement"] == {"items": 11, "amount": Decimal("25.1")}


def test_header_repeated_after_a_page_break_keeps_the_columns_it_does_not_name():
    text = SHAPES["markdown"]
    at = text.index("| （三）不予公开 | 2.其他法律")
    repeated = "|  |  |  |  | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |  |\n"
    at = text.rindex("\n", 0, at) + 1
    assert_the_report(read_text(text[:at] + repeated + text[at:]))


def test_section_headings_printed_with_small_variations():
    text = (
        SHAPES["tabs"]
        .replace("三、收到和处理政府信息公开申请情况", "三、收到和处理政府信息公开申请的情况")
        .replace("五、存在的主要问题及改进情况", "五、存在的主要问题和改进情况")
        .replace("六、其他需要报告的事项", "六、其他需要报告事项")
    )
    report = read_text(text)
    assert list(report.sections) == ["overview", "proactive", "applications", "appeals", "problems", "other"]
    assert "SECTION_MISSING" not in [f.code for f in check(report)]


def test_era_2008_table_with_a_unit_column():
    text = LEGACY_NARRATIVE + (
        "附表\n指标\t计量单位\t本年度\t累计\n主动公开文件数\t条\t42\t300\n"
        "受理政府信息公开申请总数\t件\t3\t—\n政府信息公开收费减免金额\t万元\t0.5\t1.25\n"
    )
    report = read_text(text)
    assert report.legacy == {
        "proactive_total": {"year": 42, "cumulative": 300},
        "applications_total": {"year": 3, "cumulative": 0},
        "fee_waiver_amount": {"year": Decimal("0.5"), "cumulative": Decimal("1.25")},
    }
    assert [f.code for f in check(report)] == []


def test_markdown_headings_and_bold_lines():
    text = SHAPES["markdown"].replace("台儿庄区民政局2023年", "# 台儿庄区民政局2023年", 1)
    for heading in (
        "一、总体情况",
        "二、主动公开",
        "三、收到和处理",
        "四、政府信息公开行政复议",
        "五、存在",
        "六、其他",
    ):
        text = text.replace(heading, "## " + heading, 1)
    text = text.replace("信息公开的力度有待加强。", "**信息公开的力度有待加强。**")
    assert text.startswith("# 台儿庄区民政局") and "## 四、" in text
    report = read_text(text)
    assert report.sections["problems"] == "信息公开的力度有待加强。"
    assert_the_report(report)
