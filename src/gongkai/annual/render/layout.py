"""The printed shape of each table: a grid of header and value cells with their merges.

Every renderer (Word, Excel, HTML, Markdown) draws the same `Grid`, so the merged header cells
of the national format are worked out once. The shape follows from the format data: row groups
(``Row.group``), per-row columns (section 二), ``Table.column_groups``; what the data does not
say — how a table is laid out on the page and the wording of header cells that carry no value —
is kept per table (not per era) in `LAYOUTS`, `HEADINGS` and `CORNERS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache, partial
from itertools import groupby

from gongkai.annual.checks import identities
from gongkai.annual.formats import Column, Row, Table
from gongkai.annual.model import CellRef, Number, Report

#: the heading printed over all value columns of a matrix table
HEADINGS = {"applications": "申请人情况"}
#: the top-left header cell of a matrix table
CORNERS = {
    "applications": "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    "legacy": "统计指标",
}
#: the header cell over the row labels of each block of section 二
BLOCK_CORNER = "信息内容"


@dataclass(frozen=True)
class Cell:
    text: str
    rows: int = 1  #: rowspan
    cols: int = 1  #: colspan
    header: bool = False
    #: HTML scope of a header cell: col, colgroup, row or rowgroup
    scope: str = ""
    ref: CellRef | None = None  #: the value cell's (table, row, column)
    value: Number | None = None
    #: the signed cells this value is the total of, by an identity of the format (Excel formulas)
    terms: tuple[tuple[int, CellRef], ...] = ()
    money: bool = False
    #: the outermost group label of a nested table (三、本年度办理结果), printed top to bottom
    vertical: bool = False


@dataclass(frozen=True)
class Covered:
    """A grid position covered by the merged cell at (row, col)."""

    row: int
    col: int


Slot = Cell | Covered


@dataclass
class Grid:
    key: str
    title: str
    width: int
    rows: list[list[Slot]] = field(default_factory=list)
    head: int = 0  #: how many leading rows are the column header
    #: relative column widths (label columns wider)
    widths: list[float] = field(default_factory=list)

    def add(self, cells: list[Cell], covered: dict[tuple[int, int], Covered]) -> None:
        """Append a printed row given its cells in order; positions covered from above are skipped."""
        r = len(self.rows)
        row: list[Slot] = []
        pending = iter(cells)
        c = 0
        while c < self.width:
            if (r, c) in covered:
                row.append(covered.pop((r, c)))
                c += 1
                continue
            cell = next(pending)
            row.append(cell)
            for dr in range(cell.rows):
                for dc in range(cell.cols):
                    if dr or dc:
                        covered[(r + dr, c + dc)] = Covered(r, c)
            row.extend(covered.pop((r, c + dc)) for dc in range(1, cell.cols))
            c += cell.cols
        if next(pending, None) is not None:
            raise ValueError(f"{self.key}: row {r} has more cells than the grid is wide")
        self.rows.append(row)

    def cells(self) -> list[list[str]]:
        """The grid as a `Document` table: covered positions are empty strings."""
        return [[s.text if isinstance(s, Cell) else "" for s in row] for row in self.rows]


def _text(value: Number | None) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
    return str(value)


def _value(report: Report, table: Table, row: Row, column: Column) -> Cell:
    ref = (table.key, row.key, column.key)
    value = report.get(*ref)
    return Cell(_text(value), ref=ref, value=value, terms=totals(report.era).get(ref, ()), money=column.money)


@cache
def totals(era: str) -> dict[CellRef, tuple[tuple[int, CellRef], ...]]:
    """Each printed total → its signed terms: the identities of the checks whose whole is one cell
    (a row's 总计, （七）总计, an appeal group's 总计, 本年增/减). Where two identities give the
    same cell, the first the checks list is kept."""
    out: dict[CellRef, tuple[tuple[int, CellRef], ...]] = {}
    for identity in identities(era):
        if len(identity.whole) == 1:
            [(row, column)] = identity.whole
            terms = tuple((sign, (identity.table, r, c)) for sign, r, c in identity.parts)
            out.setdefault((identity.table, row, column), terms)
    return out


def _present(report: Report, table: Table, rows: list[Row]) -> tuple[Column, ...]:
    """The columns of a run of rows; an optional column only if some row has a value in it."""
    values = report.values(table.key)
    return tuple(
        c
        for c in table.columns_of(rows[0])
        if not c.optional or any(c.key in values.get(r.key, {}) for r in rows)
    )


# --- the three layouts ------------------------------------------------------------------------


def _blocks(report: Report, table: Table) -> Grid:
    """Section 二: a block per row group, its heading across the table, then 信息内容 and columns."""
    runs = [
        (group, rows, _present(report, table, rows))
        for group, run in groupby(table.rows, key=lambda r: r.group)
        for rows in [list(run)]
    ]
    width = 1 + max(len(columns) for _, _, columns in runs)
    grid = Grid(table.key, table.title, width, widths=[2.4] + [1.0] * (width - 1))
    covered: dict[tuple[int, int], Covered] = {}
    for group, rows, columns in runs:
        if group:
            grid.add([Cell(group, cols=width, header=True, scope="colgroup")], covered)
        spans = [1] * (len(columns) - 1) + [width - len(columns)]
        grid.add(
            [Cell(BLOCK_CORNER, header=True, scope="col")]
            + [Cell(c.label, cols=n, header=True, scope="col") for c, n in zip(columns, spans, strict=True)],
            covered,
        )
        for row in rows:
            grid.add(
                [Cell(row.label, header=True, scope="row")]
                + [_with_span(_value(report, table, row, c), n) for c, n in zip(columns, spans, strict=True)],
                covered,
            )
    return grid


def _with_span(cell: Cell, cols: int) -> Cell:
    return Cell(**{**cell.__dict__, "cols": cols})


def _nesting(table: Table) -> list[tuple[str, ...]]:
    """Each row's chain of group headings, outermost first.

    A run of rows of another group that stands between rows of one group is nested in it: the
    format lists （三）不予公开 1.… 8. between （二）部分公开 and （七）总计 of 三、本年度办理结果.
    """
    groups = [r.group for r in table.rows]
    chains: list[tuple[str, ...]] = []
    for i, group in enumerate(groups):
        outer = tuple(g for g in dict.fromkeys(groups[:i]) if g and g != group and g in groups[i + 1 :])
        chains.append((*outer, group) if group else ())
    return chains


def _matrix(report: Report, table: Table, *, sparse: bool = False) -> Grid:
    """Sections 三 and the 2008 table: row labels (nested groups as merged cells) by columns.

    A national table prints every row; a `sparse` one (the local 2008 tables) only the rows the
    report has values for.
    """
    values = report.values(table.key)
    rows = [r for r in table.rows if r.key in values] if sparse else list(table.rows)
    table = replace(table, rows=tuple(rows))
    columns = _present(report, table, rows) if rows else ()
    chains = _nesting(table)
    depth = 1 + max((len(c) for c in chains), default=0)
    width = depth + len(columns)
    label_widths = ([0.9] + [1.5] * (depth - 2) + [3.6]) if depth > 1 else [3.0]
    grid = Grid(table.key, table.title, width, widths=label_widths + [1.0] * len(columns))
    covered: dict[tuple[int, int], Covered] = {}

    heading = HEADINGS.get(table.key)
    grouped = {key: label for label, keys in table.column_groups for key in keys}
    head = (1 if heading else 0) + (2 if grouped else 1)
    corner_scope = "colgroup" if depth > 1 else "col"
    first = [Cell(CORNERS.get(table.key, ""), rows=head, cols=depth, header=True, scope=corner_scope)]
    if heading:
        grid.add(first + [Cell(heading, cols=len(columns), header=True, scope="colgroup")], covered)
        first = []
    tops: list[Cell] = []
    for label, members in groupby(columns, key=lambda c: grouped.get(c.key)):
        run = list(members)
        if label:
            tops.append(Cell(label, cols=len(run), header=True, scope="colgroup"))
        else:
            tops.extend(Cell(c.label, rows=head - len(grid.rows), header=True, scope="col") for c in run)
    grid.add(first + tops, covered)
    if grouped:
        grid.add([Cell(c.label, header=True, scope="col") for c in columns if c.key in grouped], covered)
    grid.head = len(grid.rows)

    for i, (row, chain) in enumerate(zip(table.rows, chains, strict=True)):
        labels: list[Cell] = []
        for level, group in enumerate(chain):
            starts = i == 0 or len(chains[i - 1]) <= level or chains[i - 1][level] != group
            if starts:
                span = 1
                while i + span < len(chains) and group in chains[i + span][: level + 1]:
                    span += 1
                labels.append(
                    Cell(
                        group,
                        rows=span,
                        header=True,
                        scope="rowgroup" if span > 1 else "row",
                        vertical=level == 0 and depth > 2,
                    )
                )
        labels.append(Cell(row.label, cols=depth - len(chain), header=True, scope="row"))
        grid.add(labels + [_value(report, table, row, c) for c in columns], covered)
    return grid


def _transposed(report: Report, table: Table) -> Grid:
    """Section 四: the rows become column groups over one row of values (15 numbers)."""
    columns = table.columns
    width = len(table.rows) * len(columns)
    grid = Grid(table.key, table.title, width, widths=[1.0] * width)
    covered: dict[tuple[int, int], Covered] = {}
    grouped = any(r.group for r in table.rows)
    top: list[Cell] = []
    middle: list[Cell] = []
    bottom: list[Cell] = []
    for group, rows in groupby(table.rows, key=lambda r: r.group):
        run = list(rows)
        if group:
            top.append(Cell(group, cols=len(run) * len(columns), header=True, scope="colgroup"))
            middle.extend(Cell(r.label, cols=len(columns), header=True, scope="colgroup") for r in run)
            bottom.extend(Cell(c.label, header=True, scope="col") for _ in run for c in columns)
        else:
            for r in run:
                top.append(Cell(r.label, cols=len(columns), header=True, scope="colgroup"))
                middle.extend(
                    Cell(c.label, rows=2 if grouped else 1, header=True, scope="col") for c in columns
                )
    for cells in (top, middle, bottom) if grouped else (top, middle):
        grid.add(cells, covered)
    grid.head = len(grid.rows)
    grid.add([_value(report, table, r, c) for r in table.rows for c in columns], covered)
    return grid


LAYOUTS: dict[str, Callable[[Report, Table], Grid]] = {
    "proactive": _blocks,
    "applications": _matrix,
    "appeals": _transposed,
    "legacy": partial(_matrix, sparse=True),
}


def grids(report: Report) -> list[Grid]:
    """The report's tables in the order of its format, ready to draw; a table with no row is left out."""
    drawn = (LAYOUTS[t.key](report, t) for t in report.format.tables)
    return [g for g in drawn if len(g.rows) > g.head]


# --- the whole report -------------------------------------------------------------------------


@dataclass
class Part:
    """One printed section: its heading, its narrative paragraphs, its table."""

    heading: str
    paragraphs: list[str]
    grid: Grid | None = None


def title(report: Report) -> str:
    year = f"{report.year}年" if report.year else ""
    return f"{report.agency or ''}{year}政府信息公开工作年度报告"


def date_line(report: Report) -> str:
    """The publication date as printed under the agency's name, e.g. 2024年1月16日."""
    d = report.published
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def parts(report: Report) -> list[Part]:
    """The report in reading order: the format's sections with their tables, then any table no
    section prints (the 2008 附表) after the body text."""
    drawn = {g.key: g for g in grids(report)}
    out = [
        Part(f"{s.number}、{s.title}", _paragraphs(report.sections.get(s.key, "")), drawn.pop(s.table, None))
        for s in report.format.sections
    ]
    if not report.format.sections:
        out.append(Part("", _paragraphs(report.sections.get("body", ""))))
    out.extend(Part(g.title, [], g) for g in drawn.values())
    return out
