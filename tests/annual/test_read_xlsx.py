"""The auditor reads Excel workbooks: our own export (totals as formulas with no stored value) and a
workbook an agency made by hand (its formulas' values stored as Excel stores them, blanks, text
numbers, a hidden draft sheet); formulas it cannot evaluate are never guessed; bounded like every
reader; and `gongkai report audit` takes a workbook from the command line."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from click.testing import CliRunner
from lxml import etree
from openpyxl.utils import get_column_letter

from gongkai import limits
from gongkai.annual.checks import check
from gongkai.annual.formats import FORMATS
from gongkai.annual.model import to_dict
from gongkai.annual.parse import ReadError, read, read_document
from gongkai.annual.parse import xlsx as read_xlsx
from gongkai.annual.parse.document import Paragraph, TableBlock
from gongkai.annual.render import xlsx
from gongkai.cli import cli
from tests.annual.report_models import realistic, same_model

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def errors(report) -> list[str]:
    return [f.code for f in check(report) if f.severity == "error"]


# --- our own export -----------------------------------------------------------------------------


@pytest.mark.parametrize("era", ["2021", "2019", "2008"])
def test_our_export_reads_back_to_the_same_model_without_errors(tmp_path, era):
    report = realistic(era)
    path = tmp_path / "report.xlsx"
    path.write_bytes(xlsx.render(report))
    back = read(path)
    assert same_model(report, back) == {}
    assert (back.agency, back.year, back.era) == (report.agency, report.year, report.era)
    assert errors(back) == []
    assert back.tables_only


def test_our_exports_totals_are_formulas_without_stored_values_and_are_evaluated(tmp_path):
    """openpyxl writes no value beside a formula: the reader computes the SUMs it wrote."""
    report = realistic("2021")
    path = tmp_path / "report.xlsx"
    path.write_bytes(xlsx.render(report))
    stored = openpyxl.load_workbook(path, data_only=True)["收到和处理政府信息公开申请情况"]
    formulas = openpyxl.load_workbook(path)["收到和处理政府信息公开申请情况"]
    totals = [c.coordinate for row in formulas.iter_rows() for c in row if str(c.value).startswith("=SUM")]
    assert totals and all(stored[a].value is None for a in totals)
    back = read(path)
    assert back.applications["new"]["total"] == report.applications["new"]["total"] == 12
    assert back.applications["results_total"]["total"] == report.applications["results_total"]["total"]


def test_file_name_does_not_matter(tmp_path):
    """Read by its bytes: an upload stored without an extension is still a workbook."""
    path = tmp_path / "report"
    path.write_bytes(xlsx.render(realistic("2021")))
    assert read_document(path).kind == "xlsx"
    assert read(path).applications["new"]["total"] == 12


# --- formulas -----------------------------------------------------------------------------------


def rows_of(values: dict[str, object], formulas: dict[str, str], formats: dict[str, str] | None = None):
    def at(address: str) -> tuple[int, int]:
        r, c = openpyxl.utils.cell.coordinate_to_tuple(address)
        return r, c

    return read_xlsx.sheet_rows(
        {at(a): v for a, v in values.items()},
        {at(a): f for a, f in (formats or {}).items()},
        {at(a): f for a, f in formulas.items()},
    )


def test_sum_and_plus_minus_forms_are_evaluated_in_decimal():
    rows = rows_of(
        {"A1": 1, "B1": 2.1, "C1": "说明", "D1": 0.2},
        {
            "E1": "=SUM(A1:D1)",  # text in a SUM counts nothing; 2.1 + 0.2 is 2.3, not 2.3000000000000003
            "F1": "=SUM(A1,B1,$D$1, 4)",
            "G1": "=E1-A1+D1",  # a formula on formulas
            "H1": "=sum(e1:f1)",
            "I1": "=-A1+10",
        },
    )
    assert rows == [["1", "2.1", "说明", "0.2", "3.3", "7.3", "2.5", "10.6", "9"]]


def test_a_formula_of_another_form_is_kept_as_its_text_never_guessed():
    rows = rows_of(
        {"A1": 5, "B1": "五"},
        {
            "C1": "=IF(A1>0,A1,0)",
            "D1": "=Sheet2!A1+1",
            "E1": "=A1+B1",  # text added with + is #VALUE! in Excel
            "F1": "=G1+1",
            "G1": "=F1+1",  # a cycle
            "H1": "=C1+1",  # refers to a formula not evaluated
            "I1": "=SUM(A1",
        },
    )
    assert rows == [
        ["5", "五", "=IF(A1>0,A1,0)", "=Sheet2!A1+1", "=A1+B1", "=G1+1", "=F1+1", "=C1+1", "=SUM(A1"]
    ]


def test_numbers_as_excel_shows_them():
    rows = rows_of(
        {"A1": 3.0, "B1": 1.25, "C1": 0.1 + 0.2, "D1": 1234, "E1": dt.datetime(2025, 1, 20)},
        {"F1": "=B1+B1"},
        {"B1": "0.0000", "F1": "0.00"},
    )
    assert rows == [["3", "1.2500", "0.3", "1234", "2025年1月20日", "2.50"]]


def test_blocks_single_cell_rows_around_the_table_are_paragraphs():
    blocks = read_xlsx.blocks_of(
        [["标题", "", ""], ["二、主动公开政府信息情况", "", ""], ["信息内容", "本年制发件数", ""],
         ["三、收到和处理政府信息公开申请情况", "", ""], ["规章", "1", "2"], ["", "", "2025年1月20日"]]
    )  # fmt: skip
    assert blocks[:2] == [Paragraph("标题"), Paragraph("二、主动公开政府信息情况")]
    assert isinstance(blocks[2], TableBlock) and len(blocks[2].rows) == 3
    assert blocks[3] == Paragraph("2025年1月20日")


# --- a workbook an agency made ------------------------------------------------------------------

AGENCY = "临沂市兰山区民政局"
#: section 三's values by row and applicant column (natural_person … other_org), hand-balanced:
#: natural persons 20 new + 2 carried in = 20 results + 2 carried forward; companies 3 + 0 = 3 + 0;
#: legal services 1 + 0 = 1 + 0; None is a cell the agency left blank
APPLICATIONS = {
    "new": [20, 3, 0, 0, 1, 0],
    "carried_in": [2, 0, 0, 0, 0, 0],
    "granted": [10, 2, 0, 0, 1, 0],
    "partial": [3, 0, 0, 0, 0, 0],
    "denied.state_secret": [1, 0, 0, 0, 0, 0],
    "unavailable.not_held": [4, 1, 0, 0, 0, 0],
    "not_processed.duplicate": [1, 0, 0, 0, 0, 0],
    "other.no_correction": [1, 0, None, 0, 0, 0],
    "carried_forward": [2, 0, 0, 0, 0, 0],
}
APPEALS = [1, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1]


def _merge(ws, cells: str, value=None) -> None:
    ws[cells.split(":")[0]] = value
    ws.merge_cells(cells)


def agency_workbook() -> tuple[bytes, dict[str, object]]:
    """The tables as an office types them into one sheet (the national template's labels and
    merged headers, totals as =SUM formulas), with a hidden draft sheet and an empty one; and the
    values Excel would store for its formulas."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2024年报统计表"
    cached: dict[str, object] = {}
    _merge(ws, "A1:O1", f"{AGENCY}2024年政府信息公开工作年度报告统计表")
    _merge(ws, "A3:O3", "二、主动公开政府信息情况")
    r = 4
    for group, header, rows in (
        ("第二十条第（一）项", ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
         [("规章", 0, 0, 2), ("行政规范性文件", 3, 1, 15)]),
        ("第二十条第（五）项", ["信息内容", "本年处理决定数量"], [("行政许可", 1234)]),
        ("第二十条第（六）项", ["信息内容", "本年处理决定数量"], [("行政处罚", 56), ("行政强制", "7")]),
        ("第二十条第（八）项", ["信息内容", "本年收费金额（单位：万元）"], [("行政事业性收费", 12.5)]),
    ):  # fmt: skip
        _merge(ws, f"A{r}:D{r}", group)
        r += 1
        for c, text in enumerate(header, 1):
            ws.cell(r, c, text)
        if len(header) == 2:
            ws.merge_cells(f"B{r}:D{r}")
        r += 1
        for label, *values in rows:
            ws.cell(r, 1, label)
            for c, v in enumerate(values, 2):
                ws.cell(r, c, v)
            if len(values) == 1:
                ws.merge_cells(f"B{r}:D{r}")
            if label == "行政许可":
                ws.cell(r, 2).number_format = "#,##0"
            if label == "行政事业性收费":
                ws.cell(r, 2).number_format = "0.00"
            r += 1
    r += 1  # a blank row between the tables
    _merge(ws, f"A{r}:O{r}", "三、收到和处理政府信息公开申请情况")
    top = r + 1
    _merge(ws, f"A{top}:C{top + 2}", "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
    _merge(ws, f"D{top}:J{top}", "申请人情况")
    _merge(ws, f"D{top + 1}:D{top + 2}", "自然人")
    _merge(ws, f"E{top + 1}:I{top + 1}", "法人或其他组织")
    _merge(ws, f"J{top + 1}:J{top + 2}", "总计")
    for c, text in enumerate(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"], 5):
        ws.cell(top + 2, c, text)
    r = top + 3
    table = FORMATS["2021"].table("applications")
    expected = expected_applications()
    first_result, groups = 0, set()
    for row in table.rows:
        if row.key in ("new", "carried_in", "carried_forward"):
            _merge(ws, f"A{r}:C{r}", row.label)
        elif "." in row.key:
            if row.group not in groups:
                groups.add(row.group)
                span = sum(1 for x in table.rows if x.group == row.group)
                _merge(ws, f"B{r}:B{r + span - 1}", row.group)
            ws.cell(r, 3, row.label)
        else:
            _merge(ws, f"B{r}:C{r}", row.label)
        if row.key == "granted":
            first_result = r
            _merge(ws, f"A{r}:A{r + 21}", "三、本年度办理结果")  # granted … results_total
        if row.key == "results_total":  # the column sums of the result rows above
            for c in range(4, 11):
                letter = get_column_letter(c)
                ws.cell(r, c, f"=SUM({letter}{first_result}:{letter}{r - 1})")
        else:
            for c, v in enumerate(APPLICATIONS.get(row.key, [0] * 6), 4):
                if v is not None:
                    ws.cell(r, c, v)
            ws.cell(r, 10, f"=SUM(D{r}:I{r})")
        for c, column in enumerate(COLUMNS, 4):
            if ws.cell(r, c).data_type == "f":
                cached[f"{get_column_letter(c)}{r}"] = expected[row.key][column]
        r += 1
    r += 1
    _merge(ws, f"A{r}:O{r}", "四、政府信息公开行政复议、行政诉讼情况")
    top = r + 1
    _merge(ws, f"A{top}:E{top + 1}", "行政复议")
    _merge(ws, f"F{top}:O{top}", "行政诉讼")
    _merge(ws, f"F{top + 1}:J{top + 1}", "未经复议直接起诉")
    _merge(ws, f"K{top + 1}:O{top + 1}", "复议后起诉")
    for c in range(1, 16):
        ws.cell(top + 2, c, ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"][(c - 1) % 5])
    for c, v in enumerate(APPEALS, 1):
        if c % 5:
            ws.cell(top + 3, c, v)
        else:
            first, last = get_column_letter(c - 4), get_column_letter(c - 1)
            ws.cell(top + 3, c, f"=SUM({first}{top + 3}:{last}{top + 3})")
            cached[f"{get_column_letter(c)}{top + 3}"] = v
    r = top + 5
    ws.cell(r, 1, "注：本表数据统计期限为2024年1月1日至2024年12月31日。")
    ws.cell(r + 2, 12, AGENCY)
    ws.cell(r + 3, 12, dt.datetime(2025, 1, 20)).number_format = "yyyy年m月d日"
    draft = wb.create_sheet("底稿")  # the working draft, hidden: other (wrong) numbers
    draft.append(["一、本年新收政府信息公开申请数量", "", "", 99, 0, 0, 0, 0, 0, 99])
    draft.sheet_state = "hidden"
    wb.create_sheet("Sheet3")
    wb.properties.creator = "办公室"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue(), cached


def new_row(data: bytes) -> int:
    """The row of 本年新收 in the agency's workbook."""
    ws = openpyxl.load_workbook(io.BytesIO(data))["2024年报统计表"]
    return next(c.row for row in ws.iter_rows() for c in row if c.value == "一、本年新收政府信息公开申请数量")


def with_stored_values(
    data: bytes, values: dict[str, object], sheet: str = "xl/worksheets/sheet1.xml"
) -> bytes:
    """The workbook as Excel saves it: each formula cell with its computed value (<v>)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info)
            if info.filename == sheet:
                root = etree.fromstring(content)
                for cell in root.iter(f"{{{MAIN}}}c"):
                    if cell.find(f"{{{MAIN}}}f") is not None and values.get(cell.get("r")) is not None:
                        for old in cell.findall(f"{{{MAIN}}}v"):
                            cell.remove(old)
                        etree.SubElement(cell, f"{{{MAIN}}}v").text = str(values[cell.get("r")])
                content = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(info, content)
    return out.getvalue()


COLUMNS = ["natural_person", "commercial", "research", "nonprofit", "legal_service", "other_org", "total"]


def expected_applications() -> dict[str, dict[str, int]]:
    columns = COLUMNS[:-1]
    out = {}
    for row in FORMATS["2021"].table("applications").rows:
        values = APPLICATIONS.get(row.key, [0] * 6)
        if row.key == "results_total":
            values = [sum((APPLICATIONS[k][i] or 0) for k in APPLICATIONS
                          if k not in ("new", "carried_in", "carried_forward")) for i in range(6)]  # fmt: skip
        cells = {c: v or 0 for c, v in zip(columns, values, strict=True)}
        out[row.key] = {**cells, "total": sum(cells.values())}
    return out


@pytest.fixture
def agency_file(tmp_path):
    data, cached = agency_workbook()
    path = tmp_path / "兰山区民政局2024年报表.xlsx"
    path.write_bytes(with_stored_values(data, cached))
    return path


def test_an_agency_workbook_reads_to_its_figures_without_errors(agency_file):
    report = read(agency_file)
    assert (report.agency, report.year, report.era, report.published) == (
        AGENCY,
        2024,
        "2021",
        dt.date(2025, 1, 20),
    )
    data = json.loads(json.dumps(to_dict(report), default=str))
    assert data["proactive"] == {
        "rules": {"issued": 0, "repealed": 0, "in_force": 2},
        "normative_documents": {"issued": 3, "repealed": 1, "in_force": 15},
        "licensing": {"decisions": 1234},
        "penalty": {"decisions": 56},
        "coercion": {"decisions": 7},
        "fees": {"amount": 12.5},
    }
    assert report.proactive["fees"]["amount"] == Decimal("12.5")
    # hand-counted: 20 + 3 + 1 new; 10 + 2 + 1 granted; 20 + 3 + 1 results
    assert data["applications"] == expected_applications()
    assert data["applications"]["new"]["total"] == 24 and data["applications"]["results_total"]["total"] == 24
    assert data["appeals"] == {
        "review": {"upheld": 1, "corrected": 0, "other": 0, "pending": 1, "total": 2},
        "lawsuit_direct": {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0},
        "lawsuit_after_review": {"upheld": 0, "corrected": 1, "other": 0, "pending": 0, "total": 1},
    }
    assert report.blank_cells == {("applications", "other.no_correction", "research")}
    assert report.unplaced == [] and report.missing_cells == []
    assert errors(report) == []
    assert [f.code for f in check(report)] == ["BLANK_CELL"]
    # the hidden draft sheet is not read: its 99 is nowhere
    document = read_document(agency_file)
    cells = [c for b in document.blocks if isinstance(b, TableBlock) for row in b.rows for c in row]
    assert "99" not in cells and "1234" in cells and "12.50" in cells
    assert document.metadata == {"author": "办公室"}


def test_a_stored_value_is_what_the_workbook_shows(tmp_path):
    """Excel's stored value wins over the reader's own arithmetic: it is what the file shows."""
    data, cached = agency_workbook()
    path = tmp_path / "r.xlsx"
    path.write_bytes(with_stored_values(data, {**cached, f"J{new_row(data)}": 25}))
    report = read(path)
    assert report.applications["new"]["total"] == 25
    assert "APP_ROW_SUM" in errors(report)


def test_a_formula_not_evaluated_leaves_its_cell_unread_and_the_table_incomplete(tmp_path):
    data, cached = agency_workbook()
    r = new_row(data)
    book = openpyxl.load_workbook(io.BytesIO(data))
    book["2024年报统计表"][f"J{r}"] = f"=IF(D{r}>0,SUM(D{r}:I{r}),0)"
    out = io.BytesIO()
    book.save(out)
    path = tmp_path / "r.xlsx"  # saved by a library: no formula has a stored value
    path.write_bytes(out.getvalue())
    report = read(path)
    assert ("applications", "new", "total") in report.missing_cells
    assert any(f"=IF(D{r}>0" in text for text in report.unplaced)
    # the SUMs around it are evaluated
    assert report.applications["results_total"]["total"] == 24
    assert "TABLE_INCOMPLETE" in errors(report)


def test_a_workbook_that_is_no_report_is_refused(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["姓名", "电话"])
    book.active.append(["张三", "13800000000"])
    path = tmp_path / "名单.xlsx"
    book.save(path)
    with pytest.raises(ReadError, match="not a government information disclosure annual report"):
        read(path)


def test_a_damaged_workbook_is_refused_with_one_line(tmp_path):
    path = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook>not closed")
        z.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(ReadError, match="not a readable Excel .xlsx workbook"):
        read(path)


def test_rows_and_cells_are_bounded(tmp_path, monkeypatch):
    book = openpyxl.Workbook()
    book.active["A1"] = "某局2024年政府信息公开工作年度报告"
    book.active["XFD3"] = 1  # one cell in the last column: the row is 16,384 positions wide
    path = tmp_path / "wide.xlsx"
    book.save(path)
    monkeypatch.setattr(limits, "MAX_SHEET_CELLS", 10_000)
    with pytest.raises(ReadError, match="more than 10,000 cells"):
        read(path)
    monkeypatch.undo()
    book = openpyxl.Workbook()
    for r in range(1, 60):
        book.active.cell(r, 1, f"第{r}行")
    path = tmp_path / "long.xlsx"
    book.save(path)
    monkeypatch.setattr(limits, "MAX_SHEET_ROWS", 50)
    with pytest.raises(ReadError, match="more than 50 rows"):
        read(path)


def test_worksheets_over_the_size_cap_are_refused(tmp_path, monkeypatch):
    path = tmp_path / "report.xlsx"
    path.write_bytes(xlsx.render(realistic("2021")))
    monkeypatch.setattr(limits, "MAX_SHEET_BYTES", 1000)
    with pytest.raises(ReadError, match="worksheets inflate to more than"):
        read(path)


def test_audit_cli_reads_a_workbook(agency_file, tmp_path):
    ours = tmp_path / "export.xlsx"
    ours.write_bytes(xlsx.render(realistic("2021")))
    result = CliRunner().invoke(cli, ["report", "audit", "--json", str(agency_file), str(ours)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [d["source"] for d in data] == [str(agency_file), str(ours)]
    assert data[0]["agency"] == AGENCY and data[0]["year"] == 2024 and data[0]["published"] == "2025-01-20"
    assert data[0]["applications"]["new"]["total"] == 24
    assert data[1]["applications"]["new"]["total"] == 12
    for d in data:
        assert [f for f in d["findings"] if f["severity"] == "error"] == []
    folder = CliRunner().invoke(cli, ["report", "audit", "--json", str(tmp_path)])
    assert folder.exit_code == 0, folder.output
    assert {d["source"] for d in json.loads(folder.stdout)} == {str(agency_file), str(ours)}
