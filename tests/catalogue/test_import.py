"""Bulk import: documented columns, dry run, row-level errors, all-or-nothing, the command."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from click.testing import CliRunner

from gongkai.catalogue.importer import ImportFailed, import_catalogue
from gongkai.catalogue.models import IndexCounter, Item
from gongkai.cli import cli

pytestmark = pytest.mark.django_db

HEADER = [
    "索引号",
    "标题",
    "主题分类",
    "体裁",
    "文号",
    "成文日期",
    "发布日期",
    "有效性",
    "废止日期",
    "公开属性",
]


def write_xlsx(path, rows):
    wb = openpyxl.Workbook()
    wb.active.append(HEADER)
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


def good_rows(agency):
    return [
        [f"{agency.org_code}/2024-00007", "台儿庄区民政局关于2024年城乡低保标准调整的通知", "社会保障", "通知",
         "台民发〔2024〕5号", dt.date(2024, 6, 20), dt.date(2024, 7, 1), "有效", None, "主动公开"],
        [None, "临时救助实施办法", "0202", "行政规范性文件", "台民规〔2023〕1号", "2023-03-01", "2023/03/10", "废止",
         "2025年7月1日", None],
        [None, "内部工作规程", "机构职能", "其他", None, "2024-01-05", "2024-01-10", None, None, "依申请公开"],
        [None, "尚未发布的草稿", "社会保障", "通知", None, "2025-06-01", None, None, None, None],
    ]  # fmt: skip


def test_import_creates_items_with_states_and_index_numbers(tmp_path, agencies):
    path = write_xlsx(tmp_path / "c.xlsx", good_rows(agencies.dept))
    result = import_catalogue(path, agencies.dept)
    assert (result.rows, result.created, result.published) == (4, 4, 2)
    items = {i.title: i for i in Item.objects.filter(agency=agencies.dept)}
    assert items["临时救助实施办法"].state == "published" and items["临时救助实施办法"].validity == "repealed"
    assert items["临时救助实施办法"].index_number == f"{agencies.dept.org_code}/2023-00001"
    assert items["内部工作规程"].state == "filed" and items["内部工作规程"].index_number == ""
    assert items["尚未发布的草稿"].state == "draft"
    assert (
        IndexCounter.objects.get(agency=agencies.dept, year=2024).last == 7
    )  # moved past the imported number
    assert items["台儿庄区民政局关于2024年城乡低保标准调整的通知"].deadline == dt.date(2024, 7, 18)


def test_dry_run_writes_nothing(tmp_path, agencies):
    path = write_xlsx(tmp_path / "c.xlsx", good_rows(agencies.dept))
    result = import_catalogue(path, agencies.dept, dry_run=True)
    assert result.created == 4 and result.dry_run
    assert not Item.objects.exists() and not IndexCounter.objects.exists()


def test_row_errors_name_row_and_column_and_nothing_is_written(tmp_path, agencies):
    rows = good_rows(agencies.dept)
    rows.append([f"{agencies.dept.org_code}/2024-00007", "重复索引号", "社会保障", None, None, "2024-02-01", "2024-02-02",
                 None, None, None])  # fmt: skip
    rows.append(
        [None, "", "没有的分类", "公文", "台民发〔2024〕5号", "2024-13-01", "2024-07-01", "废止", None, None]
    )
    path = write_xlsx(tmp_path / "c.xlsx", rows)
    with pytest.raises(ImportFailed) as failed:
        import_catalogue(path, agencies.dept)
    errors = failed.value.errors
    assert any(e.startswith("row 6, 索引号:") for e in errors)
    assert "row 7, 标题: required" in errors
    assert any(e.startswith("row 7, 主题分类:") for e in errors)
    assert any(e.startswith("row 7, 体裁:") for e in errors)
    assert any(e.startswith("row 7, 成文日期:") for e in errors)
    assert any(e.startswith("row 7, 废止日期:") for e in errors)
    assert not Item.objects.exists()


def test_duplicate_published_document_number_in_file_is_refused(tmp_path, agencies):
    rows = good_rows(agencies.dept)[:1]
    rows.append(
        [
            None,
            "同文号",
            "社会保障",
            "通知",
            "台民发〔2024〕5号",
            "2024-06-20",
            "2024-07-02",
            None,
            None,
            None,
        ]
    )
    with pytest.raises(ImportFailed, match="1 error") as failed:
        import_catalogue(write_xlsx(tmp_path / "c.xlsx", rows), agencies.dept)
    [error] = failed.value.errors
    assert error.startswith("row 3, 文号:") and "台民发〔2024〕5号" in error


def test_csv_import_and_command(tmp_path, agencies):
    path = tmp_path / "c.csv"
    path.write_text("标题,主题分类,成文日期,发布日期\n通知一,社会保障,2025-01-02,2025-01-03\n", "utf-8-sig")
    runner = CliRunner()
    result = runner.invoke(
        cli, ["catalogue", "import", str(path), "--agency", agencies.dept.org_code, "--dry-run"]
    )
    assert result.exit_code == 0, result.output
    assert "would import 1 of 1 rows" in result.output and not Item.objects.exists()
    result = runner.invoke(cli, ["catalogue", "import", str(path), "--agency", agencies.dept.name])
    assert result.exit_code == 0 and Item.objects.get().index_number.endswith("/2025-00001")
    bad = tmp_path / "bad.csv"
    bad.write_text("标题,主题分类,成文日期\n,社会保障,2025-01-02\n", "utf-8")
    result = runner.invoke(cli, ["catalogue", "import", str(bad), "--agency", agencies.dept.name])
    assert result.exit_code == 2 and "row 2, 标题: required" in result.stderr
    assert "Traceback" not in result.output
    for args in (["nope.csv"], [str(tmp_path / "x.txt")]):
        (tmp_path / "x.txt").write_text("x")
        result = runner.invoke(cli, ["catalogue", "import", *args, "--agency", agencies.dept.name])
        assert result.exit_code == 2 and result.stderr.startswith("gongkai: ")
    result = runner.invoke(cli, ["catalogue", "import", str(path), "--agency", "no such agency"])
    assert result.exit_code == 2
