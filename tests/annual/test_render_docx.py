"""Word rendering: A4, named Chinese fonts, page numbers, the sections and merged table headers."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.oxml.ns import qn

from gongkai.annual.model import template
from gongkai.annual.render import docx as render_docx
from tests.annual.report_models import realistic


def _open(report):
    return docx.Document(io.BytesIO(render_docx.render(report)))


@pytest.mark.parametrize("era", ["2021", "2019", "2008"])
def test_every_era_renders_a_word_file(era):
    document = _open(realistic(era))
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert (round(section.left_margin.cm, 1), round(section.top_margin.cm, 1)) == (2.8, 3.7)
    assert (
        document.paragraphs[0].text
        == {
            "2021": "台儿庄区民政局2023年政府信息公开工作年度报告",
            "2019": "台儿庄区民政局2020年政府信息公开工作年度报告",
            "2008": "台儿庄区民政局2015年政府信息公开工作年度报告",
        }[era]
    )
    assert len(document.tables) == {"2021": 3, "2019": 3, "2008": 1}[era]
    assert (
        document.paragraphs[-1].text
        == {"2021": "2024年1月16日", "2019": "2021年1月16日", "2008": "2016年1月16日"}[era]
    )
    assert document.core_properties.title == document.paragraphs[0].text


def test_sections_in_order_with_narrative():
    texts = [p.text for p in _open(realistic("2021")).paragraphs]
    headings = [t for t in texts if t[:2] in ("一、", "二、", "三、", "四、", "五、", "六、")]
    assert headings == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    assert "2023年通过政府信息公开网站主动公开信息277条。" in texts
    assert texts.index("（一）存在的主要问题") > texts.index("五、存在的主要问题及改进情况")


def test_fonts_are_named_for_east_asian_text():
    document = _open(realistic("2021"))
    fonts = {el.get(qn("w:eastAsia")) for el in document.element.body.iter(qn("w:rFonts"))}
    assert {"方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体"} <= fonts
    normal = document.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == "仿宋_GB2312"
    title_run = document.paragraphs[0].runs[0]
    assert title_run._r.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    assert title_run.font.size.pt == 22


def test_footer_has_a_page_number_field():
    footer = _open(realistic("2021")).sections[0].footer
    instructions = [el.text for el in footer._element.iter(qn("w:instrText"))]
    assert instructions == [" PAGE "]
    assert footer.paragraphs[0].text.startswith("— ")


def _tcs(table):
    return [list(tr.iterchildren(qn("w:tc"))) for tr in table._tbl.iterchildren(qn("w:tr"))]


def _span(tc) -> int:
    span = tc.tcPr.find(qn("w:gridSpan"))
    return int(span.get(qn("w:val"))) if span is not None else 1


def _vmerge(tc) -> str | None:
    merge = tc.tcPr.find(qn("w:vMerge"))
    return None if merge is None else merge.get(qn("w:val"), "continue")


def test_applications_header_is_merged_with_gridspan_and_vmerge():
    table = _open(realistic("2021")).tables[1]
    rows = _tcs(table)
    first, second, third = rows[:3]
    assert [(_span(tc), _vmerge(tc)) for tc in first] == [(3, "restart"), (7, None)]
    assert [(_span(tc), _vmerge(tc)) for tc in second] == [
        (3, "continue"),
        (1, "restart"),
        (5, None),
        (1, "restart"),
    ]
    assert [(_span(tc), _vmerge(tc)) for tc in third][:2] == [(3, "continue"), (1, "continue")]
    assert [tc.xpath("string(.)") for tc in second] == ["", "自然人", "法人或其他组织", "总计"]
    results = rows[5]  # 三、本年度办理结果 / （一）予以公开 / 7 numbers
    assert [tc.xpath("string(.)") for tc in results][:2] == ["三、本年度办理结果", "（一）予以公开"]
    assert (_vmerge(results[0]), _span(results[1])) == ("restart", 2)
    grid_columns = table._tbl.tblGrid.findall(qn("w:gridCol"))
    assert len(grid_columns) == 10
    assert all(sum(_span(tc) for tc in row) == 10 for row in rows)


def test_appeals_header_has_two_levels():
    rows = _tcs(_open(realistic("2021")).tables[2])
    assert [(tc.xpath("string(.)"), _span(tc)) for tc in rows[0]] == [("行政复议", 5), ("行政诉讼", 10)]
    assert [tc.xpath("string(.)") for tc in rows[1]][5:] == ["未经复议直接起诉", "复议后起诉"]
    assert [_vmerge(tc) for tc in rows[2]][:5] == ["continue"] * 5
    assert len(rows[3]) == 15


def test_header_rows_repeat_on_a_new_page():
    table = _open(realistic("2021")).tables[1]
    headers = [
        tr
        for tr in table._tbl.iterchildren(qn("w:tr"))
        if tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    ]
    assert len(headers) == 3


def test_legacy_table_and_body_of_era_2008():
    document = _open(realistic("2008"))
    cells = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert cells[0] == ["统计指标", "本年度", "历年累计"]
    assert ["主动公开文件数", "205", "1429"] in cells
    assert "2015年，我局主动公开信息205条。" in [p.text for p in document.paragraphs]


def test_empty_template_renders_and_is_a_valid_package():
    data = render_docx.render(template("2021"))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.testzip() is None
        assert "word/footer1.xml" in package.namelist() or any("footer" in n for n in package.namelist())
    assert _open(template("2021")).paragraphs[0].text == "政府信息公开工作年度报告"


def test_text_is_escaped():
    report = realistic("2021")
    report.agency = "A&B<局>"
    assert _open(report).paragraphs[0].text.startswith("A&B<局>")
