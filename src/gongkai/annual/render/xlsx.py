"""Excel (.xlsx): one sheet per table with the merged headers of the format, and the totals of
the format as formulas (=SUM(…)) so that a reader sees the arithmetic.

A total is written as a formula only when the report's own value equals that sum: a report
whose printed total is wrong keeps its printed value, so the workbook never hides an error.
"""

from __future__ import annotations

import io
import math
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_to_tuple

from gongkai.annual.model import CellRef, Report
from gongkai.annual.render.layout import Cell, Grid, Slot, grids, title

_SIDE = Side(style="thin", color="000000")
_BORDER = Border(left=_SIDE, right=_SIDE, top=_SIDE, bottom=_SIDE)
_HEAD_FILL = PatternFill("solid", fgColor="F2F2F2")
_FONT = Font(name="宋体", size=10)
_TITLE_FONT = Font(name="宋体", size=14, bold=True)
#: column width units per unit of the layout's relative widths, and points per printed line
COLUMN_UNITS, LINE_HEIGHT = 9, 14
#: sheet names may not hold more than 31 characters nor any of []:*?/\
_SHEET_NAME_LIMIT = 31


def _sheet_name(grid: Grid) -> str:
    name = grid.title.split("、", 1)[-1]
    return "".join(ch for ch in name if ch not in "[]:*?/\\")[:_SHEET_NAME_LIMIT]


def _formula(cell: Cell, where: dict[CellRef, str], report: Report) -> str | None:
    """The arithmetic of a total (=SUM(D7:D27), =C9-B9) when its terms are all on the sheet and
    agree with it."""
    if not cell.terms or cell.value is None or any(ref not in where for _, ref in cell.terms):
        return None
    values = [report.get(*ref) for _, ref in cell.terms]
    if any(v is None for v in values):
        return None
    if sum(sign * v for (sign, _), v in zip(cell.terms, values, strict=True) if v is not None) != cell.value:
        return None
    if all(sign == 1 for sign, _ in cell.terms):
        return "=SUM(" + _span([where[ref] for _, ref in cell.terms]) + ")"
    return "=" + "".join(f"{'+' if sign > 0 else '-'}{where[ref]}" for sign, ref in cell.terms).lstrip("+")


def _span(addresses: list[str]) -> str:
    """D7:D27 for a run of adjacent cells in one row or column, else D7,D9,…"""
    points = [coordinate_to_tuple(a) for a in addresses]
    (r0, c0), (r1, c1) = points[0], points[-1]
    line = [(r0 + i * (r1 - r0 > 0), c0 + i * (c1 - c0 > 0)) for i in range(len(points))]
    if len(points) > 1 and (r0 == r1 or c0 == c1) and points == line:
        return f"{addresses[0]}:{addresses[-1]}"
    return ",".join(addresses)


def _lines(slot: Slot, widths: list[float]) -> int:
    """How many lines a cell's text wraps to (a Chinese character is two width units); a merged
    cell spanning rows or a covered position asks for one."""
    if not isinstance(slot, Cell) or slot.rows > 1:
        return 1
    return max(1, math.ceil(2 * len(slot.text) / max(sum(widths[: slot.cols]) - 1, 1)))


def _sheet(wb: Workbook, report: Report, grid: Grid) -> None:
    ws = wb.create_sheet(_sheet_name(grid))
    ws.cell(1, 1, f"{title(report)} · {grid.title}").font = _TITLE_FONT
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=grid.width)
    top = 2  # the grid starts under the title row
    where: dict[CellRef, str] = {}
    for r, row in enumerate(grid.rows):
        for c, slot in enumerate(row):
            if isinstance(slot, Cell) and slot.ref:
                where[slot.ref] = f"{get_column_letter(c + 1)}{top + r}"
    for r, row in enumerate(grid.rows):
        for c, slot in enumerate(row):
            target = ws.cell(top + r, c + 1)
            target.border = _BORDER
            if not isinstance(slot, Cell):
                continue
            if slot.ref:
                target.value = _formula(slot, where, report) or slot.value
                target.number_format = "0.0000" if slot.money else "0"
            else:
                target.value = slot.text
            target.font = _FONT
            target.alignment = Alignment(
                horizontal="left" if slot.scope == "row" else "center",
                vertical="center",
                wrap_text=True,
                text_rotation=255 if slot.vertical else 0,
            )
            if slot.header and not slot.scope.startswith("row"):
                target.fill = _HEAD_FILL
            if slot.rows > 1 or slot.cols > 1:
                ws.merge_cells(
                    start_row=top + r,
                    start_column=c + 1,
                    end_row=top + r + slot.rows - 1,
                    end_column=c + slot.cols,
                )
    columns = [COLUMN_UNITS * w for w in grid.widths]
    for c, width in enumerate(columns):
        ws.column_dimensions[get_column_letter(c + 1)].width = width
    for r, row in enumerate(grid.rows):
        ws.row_dimensions[top + r].height = LINE_HEIGHT * max(
            _lines(s, columns[c:]) for c, s in enumerate(row)
        )
    heading = ws.cell(1, 1)
    heading.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[1].height = 1.5 * LINE_HEIGHT * _lines(Cell(heading.value, cols=grid.width), columns)
    ws.freeze_panes = ws.cell(top + grid.head, 1)
    # printed as agencies print it: A4, one page wide, the header rows repeated on every page
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if grid.width > 10 else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    if grid.head:
        ws.print_title_rows = f"{top}:{top + grid.head - 1}"


def build(report: Report) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    for grid in grids(report):
        _sheet(wb, report, grid)
    if not wb.worksheets:
        wb.create_sheet("报告").cell(1, 1, title(report))
    wb.properties.title = title(report)
    wb.properties.creator = report.agency or ""
    return wb


def render(report: Report) -> bytes:
    out = io.BytesIO()
    build(report).save(out)
    return out.getvalue()


def write(report: Report, path: Path) -> None:
    Path(path).write_bytes(render(report))
