"""Markdown: headings, paragraphs and pipe tables.

Markdown cannot merge cells, so each table is its grid with covered positions left empty — the
"pipe rows padded with empty cells" shape that published Markdown-like reports have and that the
plain-text reader accepts.
"""

from __future__ import annotations

from gongkai.annual.model import Report
from gongkai.annual.render.layout import Grid, date_line, parts, title


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|").replace("\n", "") for c in cells) + " |"


def table(grid: Grid) -> str:
    rows = grid.cells()
    lines = [_row(rows[0]), _row(["---"] * grid.width)]
    lines.extend(_row(r) for r in rows[1:])
    return "\n".join(lines)


def render(report: Report) -> str:
    out = [f"# {title(report)}"]
    for part in parts(report):
        if part.heading:
            out.append(f"## {part.heading}")
        out.extend(part.paragraphs)
        if part.grid is not None:
            out.append(table(part.grid))
    out.extend(line for line in (report.agency, date_line(report)) if line)
    return "\n\n".join(out) + "\n"
