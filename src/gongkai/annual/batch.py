"""Audits of many published reports at once, for supervisors: the files under folders, and the
results as a spreadsheet (one row per report, one row per cell read).

The summary row of a report gives its agency, year, era, publication date, how complete its
tables could be read, and the result of every check (通过, or how many errors or warnings); the
cells sheet gives every value read, with the cells printed blank marked.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from gongkai.annual.checks import SEVERITY
from gongkai.annual.model import TABLES, Report

#: the files a folder is searched for: every type the readers take (the content is sniffed)
REPORT_SUFFIXES = frozenset(
    {".txt", ".text", ".md", ".htm", ".html", ".shtml", ".xhtml", ".docx", ".pdf", ".xlsx", ".xlsm"}
)
ERA_NAMES = {"2021": "2021年版", "2019": "2019年版", "2008": "2019年以前"}
SUMMARY_HEADER = ["来源文件", "机关", "年度", "格式", "发布日期", "完整性", *SEVERITY]
CELLS_HEADER = ["来源文件", "机关", "年度", "表格", "行", "列", "数值", "留空"]


def expand(paths: Iterable[str], recursive: bool) -> list[str]:
    """The files named, and the report files in the folders named (in their subfolders too with
    ``recursive``), each folder's files in name order."""
    out: list[str] = []
    for name in paths:
        path = Path(name)
        if not path.is_dir():
            out.append(name)
            continue
        found = path.rglob("*") if recursive else path.glob("*")
        out.extend(str(p) for p in sorted(found) if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES)
    return out


def completeness(report: Report | None, error: str | None) -> str:
    """In words, how much of the report's tables could be read."""
    if report is None:
        return f"无法读取：{error}"
    parts = []
    if report.missing_cells:
        parts.append(f"表格不完整（{len(report.missing_cells)}格未读到）")
    if report.ambiguous:
        cells = sum(len(a.candidates[0]) for a in report.ambiguous if a.candidates)
        parts.append(f"数字粘连无法唯一拆分（{cells}格）")
    if report.absent_tables:
        parts.append(f"{len(report.absent_tables)}个表格无文字（图片）")
    return "；".join(parts) or "完整"


def check_results(findings: Iterable[Any]) -> dict[str, str]:
    """Per check code: 通过, or the number of findings it gave (错误×N / 提示×N)."""
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.code] = counts.get(finding.code, 0) + 1
    kind = {"error": "错误", "warning": "提示"}
    return {
        code: f"{kind[sev]}×{counts[code]}" if code in counts else "通过" for code, sev in SEVERITY.items()
    }


def summary_rows(results: Iterable[Any]) -> Iterator[list[Any]]:
    for a in results:
        r = a.report
        if r is None:
            yield [a.source, "", "", "", "", completeness(None, a.error), *([""] * len(SEVERITY))]
            continue
        checks = check_results(a.findings)
        yield [
            a.source,
            r.agency or "",
            r.year or "",
            ERA_NAMES[r.era],
            r.published.isoformat() if r.published else "",
            completeness(r, None),
            *(checks[code] for code in SEVERITY),
        ]


def cell_rows(results: Iterable[Any]) -> Iterator[list[Any]]:
    for a in results:
        r = a.report
        if r is None:
            continue
        for table in TABLES:
            for row, columns in r.values(table).items():
                for column, value in columns.items():
                    blank = "是" if (table, row, column) in r.blank_cells else ""
                    yield [a.source, r.agency or "", r.year or "", table, row, column, value, blank]


def write(results: list[Any], target: str, output: str) -> list[str]:
    """Write the summary and the cells as ``target`` (csv: two files, the second named
    ``<name>-cells.csv``; xlsx: two sheets); the paths written."""
    out = Path(output)
    if target == "csv":
        cells = out.with_name(f"{out.stem}-cells{out.suffix or '.csv'}")
        for path, header, rows in (
            (out, SUMMARY_HEADER, summary_rows(results)),
            (cells, CELLS_HEADER, cell_rows(results)),
        ):
            with open(path, "w", encoding="utf-8-sig", newline="") as fh:  # BOM: Excel opens it as UTF-8
                writer = csv.writer(fh)
                writer.writerow(header)
                writer.writerows([_plain(v) for v in row] for row in rows)
        return [str(out), str(cells)]
    if target == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = "报告"
        for title, header, rows in (
            ("报告", SUMMARY_HEADER, summary_rows(results)),
            ("单元格", CELLS_HEADER, cell_rows(results)),
        ):
            sheet = book[title] if title in book.sheetnames else book.create_sheet(title)
            sheet.append(header)
            for row in rows:
                sheet.append([_plain(v) for v in row])
            sheet.freeze_panes = "A2"
        book.save(out)
        return [str(out)]
    raise ValueError(f"--to must be csv or xlsx, not {target!r}")


def _plain(value: Any) -> Any:
    """Numbers stay numbers (a money cell as its decimal text in CSV, a float in Excel)."""
    from decimal import Decimal

    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value
