"""HTML rendering: a standalone page whose tables are accessible (caption, thead, th scope, spans)."""

from __future__ import annotations

import lxml.html
import pytest

from gongkai.annual.render import html as render_html
from tests.annual.report_models import realistic


def _page(era: str):
    return lxml.html.document_fromstring(render_html.render(realistic(era)))


@pytest.mark.parametrize("era", ["2021", "2019", "2008"])
def test_standalone_page(era):
    page = _page(era)
    assert page.get("lang") == "zh-CN"
    assert page.find(".//meta[@charset]").get("charset") == "utf-8"
    assert "border" in page.findtext(".//style")
    assert page.findtext(".//h1") == page.findtext(".//title")
    tables = page.findall(".//table")
    assert len(tables) == {"2021": 3, "2019": 3, "2008": 1}[era]
    for table in tables:
        assert table.findtext("caption") and table.find("tbody") is not None
        headers = list(table.iter("th"))
        assert headers and all(
            th.get("scope") for th in headers if not th.text_content().startswith("（本列")
        )
    assert all(
        t.find("thead") is not None for t in tables if t.findtext("caption") != "二、主动公开政府信息情况"
    )


def test_applications_table_headers():
    table = _page("2021").findall(".//table")[1]
    head = table.find("thead")
    first = head.findall("tr")[0].findall("th")
    assert (first[0].get("rowspan"), first[0].get("colspan")) == ("3", "3")
    assert (first[1].text, first[1].get("colspan"), first[1].get("scope")) == ("申请人情况", "7", "colgroup")
    second = head.findall("tr")[1].findall("th")
    assert [(th.text, th.get("rowspan"), th.get("colspan")) for th in second] == [
        ("自然人", "2", None),
        ("法人或其他组织", None, "5"),
        ("总计", "2", None),
    ]
    block = table.xpath(".//tbody//th[.='三、本年度办理结果']")[0]
    assert (block.get("rowspan"), block.get("scope"), block.get("class")) == ("22", "rowgroup", "vertical")
    row_header = table.xpath(".//tbody//th[.='1.属于国家秘密']")[0]
    assert row_header.get("scope") == "row"
    assert [td.text for td in row_header.getparent().findall("td")] == ["0"] * 7


def test_section_headings_and_paragraphs():
    page = _page("2021")
    assert [h.text for h in page.iter("h2")][0] == "一、总体情况"
    assert "2023年通过政府信息公开网站主动公开信息277条。" in [p.text for p in page.iter("p")]
    assert [p.text for p in page.xpath("//p[@class='signature']")] == ["台儿庄区民政局", "2024年1月16日"]


def test_caption_repeating_the_heading_is_not_printed():
    source = render_html.render(realistic("2021"))
    assert '<caption class="repeats-heading">二、主动公开政府信息情况</caption>' in source
    assert "@media print { caption.repeats-heading { display: none; } }" in source


def test_markup_in_values_is_escaped():
    report = realistic("2021")
    report.agency = "<script>alert(1)</script>局"
    page = render_html.render(report)
    assert "<script>" not in page and "&lt;script&gt;" in page
