"""The PDF reader: ruled tables (merged cells, continued over pages), paragraphs, refused files."""

from __future__ import annotations

import pytest

from gongkai.annual.parse import ReadError, read_document
from gongkai.annual.parse import pdf as read_pdf
from gongkai.annual.parse.document import Paragraph, TableBlock

STYLE = """<style>@page { size: A4; margin: 2cm; @bottom-center { content: "— " counter(page) " —"; } }
body { font-family: "Noto Serif CJK SC"; font-size: 14px; }
table { border-collapse: separate; border-spacing: 0; } td, th { border: 0.5pt solid #000; padding: 2px; }</style>"""


def _pdf(tmp_path, body: str):
    import weasyprint

    path = tmp_path / "report.pdf"
    weasyprint.HTML(string=f"<html><head>{STYLE}</head><body>{body}</body></html>").write_pdf(path)
    return path


def _encrypted(path):
    """A minimal PDF under the standard security handler whose password is not empty."""
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        f"<< /Filter /Standard /V 1 /R 2 /O <{'ab' * 32}> /U <{'cd' * 32}> /P -44 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<{'01' * 16}> <{'01' * 16}>] >>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()
    path.write_bytes(bytes(out))
    return path


def test_merged_cells_and_paragraphs(tmp_path):
    path = _pdf(
        tmp_path,
        "<h1>某局2023年政府信息公开工作年度报告</h1><p>四、政府信息公开行政复议、行政诉讼情况</p>"
        "<table><tr><th colspan='5'>行政复议</th><th colspan='10'>行政诉讼</th></tr>"
        "<tr>"
        + "".join(f"<th rowspan='2'>{t}</th>" for t in ["维持", "纠正", "其他", "未结", "总计"])
        + "<th colspan='5'>未经复议直接起诉</th><th colspan='5'>复议后起诉</th></tr>"
        "<tr>" + "<th>维持</th><th>纠正</th><th>其他</th><th>未结</th><th>总计</th>" * 2 + "</tr>"
        "<tr>"
        + "".join(f"<td>{d}</td>" for d in "100010000100000")
        + "</tr></table><p>五、存在的主要问题及改进情况</p>",
    )
    document = read_pdf.read(path)
    assert document.kind == "pdf"
    assert [type(b) for b in document.blocks] == [Paragraph, Paragraph, TableBlock, Paragraph]
    assert document.blocks[0].text == "某局2023年政府信息公开工作年度报告"  # page number "— 1 —" dropped
    rows = document.blocks[2].rows
    assert rows[0] == ["行政复议", "", "", "", "", "行政诉讼"] + [""] * 9
    assert rows[1][5:] == ["未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""]
    assert rows[2][:5] == [""] * 5
    assert rows[3] == list("100010000100000")


def test_a_table_continued_over_pages_is_one_table_without_the_repeated_header(tmp_path):
    rows = "".join(f"<tr><td>第{i}行</td><td>{i}</td></tr>" for i in range(90))
    path = _pdf(
        tmp_path,
        f"<p>表格之前</p><table><thead><tr><th>项目</th><th>数量</th></tr></thead><tbody>{rows}</tbody></table><p>表格之后</p>",
    )
    blocks = read_pdf.read(path).blocks
    assert [type(b) for b in blocks] == [Paragraph, TableBlock, Paragraph]
    table = blocks[1].rows
    assert table[0] == ["项目", "数量"]
    assert table[1:] == [[f"第{i}行", str(i)] for i in range(90)]


def test_wrapped_lines_join_into_one_paragraph(tmp_path):
    sentence = "我局认真开展依申请公开政府信息工作，" * 8 + "方便群众查询和申请。"
    path = _pdf(
        tmp_path,
        f"<p>一、总体情况</p><p>{sentence}</p><p style='text-align:right'>某局</p><p style='text-align:right'>2024年1月16日</p>",
    )
    texts = [b.text for b in read_pdf.read(path).blocks]
    assert texts == ["一、总体情况", sentence, "某局", "2024年1月16日"]


def test_image_only_pdf_is_refused(tmp_path):
    import numpy as np
    from matplotlib.figure import Figure

    figure = Figure(figsize=(3, 3))
    figure.figimage(np.random.default_rng(1).random((40, 40)))
    figure.savefig(tmp_path / "scan.pdf")
    with pytest.raises(ReadError, match="image-only PDF"):
        read_pdf.read(tmp_path / "scan.pdf")


def test_password_protected_pdf_is_refused(tmp_path):
    with pytest.raises(ReadError, match="password-protected PDF"):
        read_document(_encrypted(tmp_path / "locked.pdf"))


def test_damaged_pdf_is_refused(tmp_path):
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.4\n\x00\x01 garbage")
    with pytest.raises(ReadError, match="not a readable PDF"):
        read_pdf.read(tmp_path / "bad.pdf")


def test_tables_printed_without_rules_are_read_from_the_page_text(tmp_path):
    """No ruled table to find: the lines go to the plain-text reader, columns kept apart."""
    import weasyprint

    from gongkai.annual.parse import read
    from gongkai.annual.render import html
    from tests.annual.report_models import realistic

    report = realistic("2021")
    page = html.render(report).replace("th, td { border: 0.5pt solid #000;", "th, td { border: none;")
    weasyprint.HTML(string=page).write_pdf(tmp_path / "unruled.pdf")
    document = read_pdf.read(tmp_path / "unruled.pdf")
    assert (
        TableBlock(
            [
                ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                ["规章", "0", "0", "0"],
                ["行政规范性文件", "3", "1", "12"],
            ]
        )
        in document.blocks
    )
    back = read(tmp_path / "unruled.pdf")
    assert back.proactive == {k: {c: v for c, v in cols.items()} for k, cols in report.proactive.items()}
    assert back.appeals == report.appeals


def test_latin_and_chinese_spacing_is_dropped_but_columns_stay_apart():
    def chars(*spec):
        return [{"text": t, "x0": x, "x1": x + 10, "size": 10} for t, x in spec]

    assert read_pdf._line_text(chars(("年", 0), ("2", 12.5), ("0", 22.5), ("份", 35))) == "年20份"
    assert read_pdf._line_text(chars(("规", 0), ("章", 10), ("0", 60), ("1", 100))) == "规章  0  1"
    assert read_pdf._line_text(chars(("a", 0), ("b", 12), (" ", 22), ("c", 30))) == "a b c"
