"""The Word reader on documents made as an agency's clerk would make them (python-docx merges)."""

from __future__ import annotations

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from gongkai.annual.parse import ReadError, read, read_document
from gongkai.annual.parse import docx as read_docx
from gongkai.annual.parse.document import Paragraph, TableBlock

MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
WPS = 'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'


def _clerk_document(path):
    """Paragraphs, an appeals table merged with Word's own merge, a content control, a text box."""
    document = docx.Document()
    document.add_paragraph("台儿庄区民政局2023年政府信息公开工作年度报告")
    document.add_paragraph("二、主动公开政府信息情况")
    proactive = document.add_table(rows=4, cols=4)
    proactive.cell(0, 0).merge(proactive.cell(0, 3)).text = "第二十条第（一）项"
    for c, label in enumerate(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]):
        proactive.cell(1, c).text = label
    for r, row in enumerate([["规章", "0", "0", "0"], ["行政规范性文件", "2", "1", "9"]], start=2):
        for c, text in enumerate(row):
            proactive.cell(r, c).text = text
    document.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    table = document.add_table(rows=4, cols=15)
    table.cell(0, 0).merge(table.cell(0, 4)).text = "行政复议"
    table.cell(0, 5).merge(table.cell(0, 14)).text = "行政诉讼"
    for c, label in enumerate(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]):
        table.cell(1, c).merge(table.cell(2, c)).text = label
        table.cell(2, 5 + c).text = label
        table.cell(2, 10 + c).text = label
    table.cell(1, 5).merge(table.cell(1, 9)).text = "未经复议直接起诉"
    table.cell(1, 10).merge(table.cell(1, 14)).text = "复议后起诉"
    for c, value in enumerate("100010000100000"):
        table.cell(3, c).text = value
    body = document.element.body
    tail = body[-1]  # sectPr
    tail.addprevious(
        parse_xml(
            f"<w:sdt {nsdecls('w')}><w:sdtContent><w:p><w:r><w:t>五、存在的主要问题及改进情况</w:t></w:r></w:p>"
            "</w:sdtContent></w:sdt>"
        )
    )
    tail.addprevious(
        parse_xml(
            f"<w:p {nsdecls('w')} {MC} {WPS}><w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent>"
            '<mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p>'
            "</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><w:p><w:r><w:t>框内</w:t>"
            "</w:r></w:p></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
            "<w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del><w:r><w:t>文字</w:t><w:br/><w:t>第二行</w:t></w:r></w:p>"
        )
    )
    document.core_properties.title = "年度报告"
    document.save(path)
    return path


@pytest.fixture
def clerk(tmp_path):
    return _clerk_document(tmp_path / "clerk.docx")


def test_paragraphs_and_tables_in_document_order(clerk):
    blocks = read_docx.read(clerk).blocks
    kinds = [type(b).__name__ for b in blocks]
    assert kinds == ["Paragraph", "Paragraph", "TableBlock", "Paragraph", "TableBlock"] + ["Paragraph"] * 3
    assert blocks[2].rows[0] == ["第二十条第（一）项", "", "", ""]  # gridSpan
    assert blocks[5] == Paragraph("五、存在的主要问题及改进情况")  # inside a content control
    assert [blocks[6].text, blocks[7].text] == ["正文框内文字", "第二行"]  # text box once, deletion dropped


def test_merged_cells_leave_empty_covered_positions(clerk):
    rows = [b for b in read_docx.read(clerk).blocks if isinstance(b, TableBlock)][1].rows
    labels = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert rows[0] == ["行政复议", "", "", "", "", "行政诉讼"] + [""] * 9
    assert rows[1] == labels + ["未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""]
    assert rows[2] == [""] * 5 + labels + labels  # vMerge continuations are blank
    assert rows[3] == list("100010000100000")


def test_metadata(clerk):
    document = read_docx.read(clerk)
    assert document.kind == "docx" and document.metadata["title"] == "年度报告"


def test_grid_before_and_ragged_rows(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    table.cell(0, 0).text = "甲"
    table._tbl.append(
        parse_xml(
            f'<w:tr {nsdecls("w")}><w:trPr><w:gridBefore w:val="1"/></w:trPr>'
            "<w:tc><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:tc></w:tr>"
        )
    )
    document.save(tmp_path / "t.docx")
    [block] = read_docx.read(tmp_path / "t.docx").blocks
    assert block.rows == [["甲", "", ""], ["", "乙", ""]]  # skipped grid column, short row padded


def test_tables_read_through_the_assembler(clerk):
    report = read(clerk)
    assert report.era == "2021"
    assert report.proactive["normative_documents"] == {"issued": 2, "repealed": 1, "in_force": 9}
    assert report.appeals["review"] == {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1}
    assert report.appeals["lawsuit_direct"]["total"] == 1
    assert (report.agency, report.year) == ("台儿庄区民政局", 2023)


def test_broken_files_raise_read_error(tmp_path):
    fake = tmp_path / "fake.docx"
    fake.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ReadError, match="not a readable Word .docx file"):
        read_docx.read(fake)
    with pytest.raises(ReadError, match="truncated or damaged"):
        read_document(fake)


def test_tab_stops_and_field_codes_are_not_text(tmp_path):
    document = docx.Document()
    document.element.body[-1].addprevious(
        parse_xml(
            f'<w:p {nsdecls("w")}><w:pPr><w:tabs><w:tab w:val="left" w:pos="2000"/></w:tabs></w:pPr>'
            "<w:r><w:t>项目</w:t></w:r><w:r><w:tab/><w:t>5</w:t></w:r>"
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        )
    )
    document.save(tmp_path / "tabs.docx")
    assert read_docx.read(tmp_path / "tabs.docx").blocks == [Paragraph("项目\t53")]


def test_sliver_columns_are_dropped(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=2, cols=4)
    table.cell(0, 1).merge(table.cell(0, 2)).text = "总计"
    table.cell(1, 1).merge(table.cell(1, 2)).text = "1"
    table.cell(0, 0).text, table.cell(0, 3).text = "结果维持", "复议后起诉"
    table.cell(1, 0).text, table.cell(1, 3).text = "1", "0"
    document.save(tmp_path / "sliver.docx")
    [block] = read_docx.read(tmp_path / "sliver.docx").blocks
    assert block.rows == [["结果维持", "总计", "复议后起诉"], ["1", "1", "0"]]
