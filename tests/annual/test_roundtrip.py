"""Render → read gives back the same model (values, agency, year, era) in every format with a reader.

The readers are checked twice: at the `Document` level (the grid read back is the grid drawn,
merged cells and all) and through `gongkai.annual.parse.read` (the assembled model).
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings

from gongkai.annual.parse import docx as read_docx
from gongkai.annual.parse import html as read_html
from gongkai.annual.parse import read
from gongkai.annual.parse.document import TableBlock
from gongkai.annual.render import docx, html, markdown
from gongkai.annual.render.layout import grids
from tests.annual.report_models import realistic, reports, same_model

ERAS = ["2021", "2019", "2008"]


def write(report, fmt: str, path):
    """The report rendered to a file of a format the readers take; PDF through WeasyPrint."""
    if fmt == "docx":
        path.write_bytes(docx.render(report))
    elif fmt == "html":
        path.write_text(html.render(report), encoding="utf-8")
    elif fmt == "md":
        path.write_text(markdown.render(report), encoding="utf-8")
    else:
        import weasyprint

        weasyprint.HTML(string=html.render(report)).write_pdf(path)
    return path


def _tables(document) -> list[list[list[str]]]:
    return [b.rows for b in document.blocks if isinstance(b, TableBlock)]


@pytest.mark.parametrize("era", ERAS)
@pytest.mark.parametrize("fmt", ["docx", "html", "md", "pdf"])
def test_realistic_report_round_trips(tmp_path, era, fmt):
    report = realistic(era)
    back = read(write(report, fmt, tmp_path / f"report.{fmt}"))
    assert same_model(report, back) == {}
    assert back.published == report.published


@pytest.mark.parametrize("era", ERAS)
@pytest.mark.parametrize("reader", [read_docx, read_html], ids=["docx", "html"])
def test_readers_give_back_the_drawn_grid(tmp_path, era, reader):
    report = realistic(era)
    fmt = reader.__name__.rsplit(".", 1)[-1]
    document = reader.read(write(report, fmt, tmp_path / f"report.{fmt}"))
    assert _tables(document) == [g.cells() for g in grids(report)]
    assert document.blocks[0].text == "台儿庄区民政局" + str(report.year) + "年政府信息公开工作年度报告"


@pytest.mark.parametrize("era", ERAS)
def test_pdf_reader_gives_back_the_drawn_grid(tmp_path, era):
    from gongkai.annual.parse import pdf

    report = realistic(era)
    document = pdf.read(write(report, "pdf", tmp_path / "report.pdf"))
    tables = [[[cell.replace("\n", "") for cell in row] for row in t] for t in _tables(document)]
    drawn = [g.cells() for g in grids(report)]
    assert len(tables) == len(drawn)
    for read_back, expected in zip(tables, drawn, strict=True):
        assert len(read_back) == len(expected)
        # a row-spanning label broken by a page end may be printed on the next page's part
        assert [row[-1] for row in read_back] == [row[-1] for row in expected]
        assert sorted(c for row in read_back for c in row) == sorted(c for row in expected for c in row)


PROPERTY = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@PROPERTY
@given(report=reports())
def test_random_models_survive_docx(tmp_path, report):
    assert same_model(report, read(write(report, "docx", tmp_path / "r.docx"))) == {}


@PROPERTY
@given(report=reports())
def test_random_models_survive_html(tmp_path, report):
    assert same_model(report, read(write(report, "html", tmp_path / "r.html"))) == {}


@PROPERTY
@given(report=reports())
def test_random_models_survive_markdown(tmp_path, report):
    assert same_model(report, read(write(report, "md", tmp_path / "r.md"))) == {}


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(report=reports())
def test_random_models_survive_pdf(tmp_path, report):
    assert same_model(report, read(write(report, "pdf", tmp_path / "r.pdf"))) == {}


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(report=reports())
def test_rendered_valid_reports_read_back_without_error_findings(tmp_path, report):
    from gongkai.annual.checks import check

    for fmt in ("docx", "html", "md"):
        back = read(write(report, fmt, tmp_path / f"r.{fmt}"))
        assert [f.code for f in check(back) if f.severity == "error"] == [], fmt


@pytest.mark.skipif(shutil.which("libreoffice") is None, reason="LibreOffice is not installed")
def test_word_printed_to_pdf_by_libreoffice_reads_back(tmp_path):
    """What an agency does: the Word file printed to PDF, the PDF published and read back."""
    report = realistic("2021")
    source = write(report, "docx", tmp_path / "report.docx")
    subprocess.run(
        ["libreoffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    back = read(tmp_path / "report.pdf")
    assert same_model(report, back) == {}
    assert back.published == report.published
