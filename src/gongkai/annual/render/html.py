"""HTML: a standalone, accessible page (caption, thead, th with scope, rowspan/colspan)."""

from __future__ import annotations

from html import escape

from gongkai.annual.model import Report
from gongkai.annual.render.layout import Cell, Grid, date_line, parts, title

CSS = """
body { font-family: "FangSong", "仿宋_GB2312", "仿宋", "Noto Serif CJK SC", serif; font-size: 16px;
       line-height: 1.75; max-width: 48em; margin: 2em auto; padding: 0 1em; color: #111; }
h1 { font-family: "方正小标宋简体", "SimSun", "宋体", "Noto Serif CJK SC", serif; font-size: 1.6em;
     font-weight: normal; text-align: center; }
h2 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-size: 1.1em; font-weight: normal; }
p { text-indent: 2em; margin: 0.3em 0; }
p.signature { text-align: right; text-indent: 0; }
table { border-collapse: separate; border-spacing: 0; width: 100%; margin: 0.8em 0 1.2em; font-size: 12px; line-height: 1.4;
        font-family: "SimSun", "宋体", "Noto Serif CJK SC", serif; }
caption { font-weight: bold; padding: 0.3em; }
th, td { border: 0.5pt solid #000; padding: 0.25em 0.3em; text-align: center; vertical-align: middle; }
th { font-weight: normal; }
thead th, th[scope=colgroup] { background: #f2f2f2; }
tbody th[scope=row] { text-align: left; }
th.vertical { writing-mode: vertical-rl; letter-spacing: 0.1em; }
td { font-variant-numeric: tabular-nums; }
@page { size: A4; margin: 2.5cm 2.2cm; }
@media print { caption.repeats-heading { display: none; } }
tr { break-inside: avoid; }
h2 { break-after: avoid; }
"""


def _cell(cell: Cell) -> str:
    tag = "th" if cell.header else "td"
    attrs = ""
    if cell.scope:
        attrs += f' scope="{cell.scope}"'
    if cell.rows > 1:
        attrs += f' rowspan="{cell.rows}"'
    if cell.cols > 1:
        attrs += f' colspan="{cell.cols}"'
    if cell.vertical:
        attrs += ' class="vertical"'
    text = "<br>".join(escape(line) for line in cell.text.split("\n"))
    return f"<{tag}{attrs}>{text}</{tag}>"


def table(grid: Grid, *, under_heading: bool = False) -> str:
    """A table; its caption is not printed when it only repeats the section heading above it."""
    rows = ["<tr>" + "".join(_cell(s) for s in row if isinstance(s, Cell)) + "</tr>" for row in grid.rows]
    head = f"<thead>{''.join(rows[: grid.head])}</thead>" if grid.head else ""
    caption = '<caption class="repeats-heading">' if under_heading else "<caption>"
    return f"<table>{caption}{escape(grid.title)}</caption>{head}<tbody>{''.join(rows[grid.head :])}</tbody></table>"


def body(report: Report) -> str:
    """The report as an HTML fragment: heading, sections, tables, signature."""
    out = [f"<h1>{escape(title(report))}</h1>"]
    for part in parts(report):
        if part.heading:
            out.append(f"<h2>{escape(part.heading)}</h2>")
        out.extend(f"<p>{escape(p)}</p>" for p in part.paragraphs)
        if part.grid is not None:
            out.append(table(part.grid, under_heading=part.heading == part.grid.title))
    out.extend(
        f'<p class="signature">{escape(line)}</p>' for line in (report.agency, date_line(report)) if line
    )
    return "\n".join(out)


def render(report: Report) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title(report))}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
        f"{body(report)}\n</main>\n</body>\n</html>\n"
    )
