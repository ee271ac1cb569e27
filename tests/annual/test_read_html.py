"""The HTML reader on pages as government websites publish them."""

from __future__ import annotations

import pytest

from gongkai.annual.parse import html as read_html
from gongkai.annual.parse import read, read_document
from gongkai.annual.parse.document import Paragraph, TableBlock

#: a report as scraped from a portal: navigation around it, GBK, <br> paragraphs, &nbsp; blanks,
#: entities a crawler escaped twice, spans in the table
SCRAPED = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>台儿庄区民政局2023年政府信息公开工作年度报告_台儿庄区人民政府</title>
<script>var nav = "<p>不是正文</p>";</script><style>p { color: red }</style></head>
<body>
<nav><a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a></nav>
<div class="header">台儿庄区人民政府</div>
<div class="content">
<h1>台儿庄区民政局2023年政府信息公开工作年度报告</h1>
<p>&nbsp;&nbsp;本报告由总体情况等六个部分组成。</p>
<div>一、总体情况<br>（一）主动公开情况<br>2023年我局以&amp;quot;公开为原则&amp;quot;主动公开信息277条。</div>
<p><strong>三、收到和处理政府信息公开申请情况</strong></p>
<table border="1">
<tr><td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>
    <td colspan="7">申请人情况</td></tr>
<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
<tr><td>商业<br>企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
<tr><td colspan="3">一、本年新收政府信息公开申请数量</td><td>3</td><td>&nbsp;</td><td>0</td><td>0</td><td>0</td><td>0</td><td>3</td></tr>
<tr><td rowspan="2">三、本年度办理结果</td><td colspan="2">（一）予以公开</td><td>2</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>2</td></tr>
<tr><td>（三）不予公开</td><td>1.属于国家秘密</td><td>&amp;nbsp;</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
</table>
<p>台儿庄区民政局<br>2024年1月16日</p>
</div>
<div class="footer"><p>主办：台儿庄区人民政府办公室</p></div>
</body></html>
"""


@pytest.fixture
def scraped(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(SCRAPED.encode("gb18030"))
    return path


def test_paragraphs_in_order_without_page_furniture(scraped):
    document = read_html.read(scraped)
    texts = [b.text for b in document.blocks if isinstance(b, Paragraph)]
    assert texts[:6] == [
        "台儿庄区人民政府",
        "台儿庄区民政局2023年政府信息公开工作年度报告",
        "本报告由总体情况等六个部分组成。",
        "一、总体情况",
        "（一）主动公开情况",
        '2023年我局以"公开为原则"主动公开信息277条。',
    ]
    assert texts[-3:] == ["台儿庄区民政局", "2024年1月16日", "主办：台儿庄区人民政府办公室"]
    assert not any("首页" in t or "不是正文" in t or "color" in t for t in texts)
    assert document.kind == "html"
    assert document.metadata["title"].startswith("台儿庄区民政局2023年")


def test_table_spans_expand_into_the_grid(scraped):
    blocks = read_html.read(scraped).blocks
    assert isinstance(blocks[7], TableBlock)  # after its heading, before the signature
    assert blocks[6].text == "三、收到和处理政府信息公开申请情况"
    rows = blocks[7].rows
    assert (
        rows[0]
        == ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "", "", "申请人情况"]
        + [""] * 6
    )
    assert rows[1] == ["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"]
    assert rows[2] == ["", "", "", "", "商业\n企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""]
    assert rows[3] == [
        "一、本年新收政府信息公开申请数量",
        "",
        "",
        "3",
        "",
        "0",
        "0",
        "0",
        "0",
        "3",
    ]  # &nbsp; is blank
    assert rows[4] == ["三、本年度办理结果", "（一）予以公开", "", "2", "0", "0", "0", "0", "0", "2"]
    assert rows[5] == ["", "（三）不予公开", "1.属于国家秘密", "", "0", "0", "0", "0", "0", "0"]
    assert {len(r) for r in rows} == {10}


def test_dispatcher_sends_html_here_and_the_assembler_reads_it(scraped):
    assert read_document(scraped).kind == "html"
    report = read(scraped)
    assert (report.agency, report.year, report.era) == ("台儿庄区民政局", 2023, "2021")
    assert report.applications["new"]["natural_person"] == 3
    assert report.applications["granted"]["total"] == 2


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("<p>年度报告</p>".encode(), "年度报告"),
        (b'<meta charset="gbk"><p>' + "年度报告".encode("gbk") + b"</p>", "年度报告"),
        (b"\xef\xbb\xbf<p>" + "年度报告".encode() + b"</p>", "年度报告"),
        ("<p>年度报告</p>".encode("utf-16-le").join([b"\xff\xfe", b""]), "年度报告"),
        ("<p>年度报告</p>".encode("gb18030"), "年度报告"),  # undeclared legacy encoding
    ],
    ids=["utf8", "meta-gbk", "bom", "utf16", "undeclared-gb18030"],
)
def test_encodings(data, text):
    assert read_html.parse(read_html.decode(data)).blocks == [Paragraph(text)]


def test_odd_tables():
    source = """<table><thead><tr><th colspan="x">a</th><th rowspan="9">b</th></tr></thead>
    <tbody><tr><td>c<table><tr><td>inner</td></tr></table></td></tr></tbody>
    <tfoot><tr><td colspan="2">d</td></tr></tfoot></table>"""
    [table] = read_html.parse(source).blocks
    # a bad span reads as 1, a rowspan past the last row stops there, a nested table is cell text
    assert table.rows == [["a", "b"], ["c\ninner", ""], ["d", ""]]


def test_nothing_readable():
    assert read_html.parse("<html><body><script>x</script></body></html>").blocks == []
    assert read_html.parse("").blocks == []


def test_page_kept_inside_a_json_string():
    source = r"""<div class=\"c\"><p>3.危及\"三安全一稳定\"</p>\n<table><tr><td colspan=\"2\">甲</td></tr>\n<tr><td>1</td><td>2</td></tr></table></div>"""
    assert read_html.parse(source).blocks == [
        Paragraph('3.危及"三安全一稳定"'),
        TableBlock([["甲", ""], ["1", "2"]]),
    ]


def test_sliver_columns_left_by_converters_are_dropped():
    source = """<table>
    <tr><td>结果维持</td><td colspan="2">总计</td><td>复议后起诉</td></tr>
    <tr><td>1</td><td colspan="2">1</td><td>0</td></tr></table>"""
    [table] = read_html.parse(source).blocks
    assert table.rows == [["结果维持", "总计", "复议后起诉"], ["1", "1", "0"]]
