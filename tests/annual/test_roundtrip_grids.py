"""Property: any pattern of merged cells drawn by the renderers is read back cell for cell.

Random partitions of a table into merged cells go through the Word and HTML table writers and
back through the readers: the origin of each merged cell holds its text, covered positions are
empty, as every reader promises.
"""

from __future__ import annotations

import io

import docx
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.annual.parse import docx as read_docx
from gongkai.annual.parse import html as read_html
from gongkai.annual.parse.document import TableBlock
from gongkai.annual.render import docx as render_docx
from gongkai.annual.render import html as render_html
from gongkai.annual.render.layout import Cell, Grid


@st.composite
def merged_grids(draw) -> Grid:
    """A table of random size cut into random merged cells, each holding its own text."""
    height = draw(st.integers(min_value=1, max_value=6))
    width = draw(st.integers(min_value=1, max_value=7))
    taken: set[tuple[int, int]] = set()
    rows: list[list[Cell]] = [[] for _ in range(height)]
    for r in range(height):
        for c in range(width):
            if (r, c) in taken:
                continue
            cols = 1
            while c + cols < width and (r, c + cols) not in taken and draw(st.booleans()):
                cols += 1
            span = 1
            while r + span < height and draw(st.booleans()):
                span += 1
            taken |= {(r + dr, c + dc) for dr in range(span) for dc in range(cols)}
            rows[r].append(
                Cell(f"格{r}-{c}", rows=span, cols=cols, header=r == 0, scope="col" if r == 0 else "")
            )
    grid = Grid("random", "随机表", width, widths=[1.0] * width)
    covered: dict = {}
    for cells in rows:
        grid.add(cells, covered)
    return grid


def _expected(grid: Grid) -> list[list[str]]:
    """The grid's texts, without the columns where no merged cell starts (the readers drop them)."""
    cells = grid.cells()
    starts = sorted({c for row in grid.rows for c, s in enumerate(row) if isinstance(s, Cell)})
    return [[row[c] for c in starts] for row in cells]


@settings(max_examples=60, deadline=None)
@given(grid=merged_grids())
def test_html_tables_read_back_cell_for_cell(grid):
    [block] = read_html.parse(f"<html><body>{render_html.table(grid)}</body></html>").blocks
    assert block == TableBlock(_expected(grid))


@settings(max_examples=60, deadline=None)
@given(grid=merged_grids())
def test_word_tables_read_back_cell_for_cell(tmp_path_factory, grid):
    document = docx.Document()
    body = document.element.body
    body.insert(len(body) - 1, docx.oxml.parse_xml(render_docx._table_xml(grid)))
    path = tmp_path_factory.mktemp("grid") / "t.docx"
    out = io.BytesIO()
    document.save(out)
    path.write_bytes(out.getvalue())
    [block] = read_docx.read(path).blocks
    assert block == TableBlock(_expected(grid))
