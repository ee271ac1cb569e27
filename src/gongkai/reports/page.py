"""The report as staff see it: the national layout of `gongkai.annual.render` (same parts and
tables as the published Word file), every value cell a link to the records it counts, marked
where it was entered by hand or where the records have moved since drafting; in the drafted
paragraphs staff have not changed, each number that counts records outside the tables (the
service desk's cases) a link to them too."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from html import escape
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from gongkai.annual.model import CellRef, Report
from gongkai.annual.render.layout import Cell, Grid, date_line, grids, parts, title


def _cell(cell: Cell, link: Callable[[CellRef], str] | None, manual: Collection[CellRef], moved: Collection[CellRef],
          flagged: Collection[CellRef]) -> str:
    tag = "th" if cell.header else "td"
    attrs = f' scope="{cell.scope}"' if cell.scope else ""
    if cell.rows > 1:
        attrs += f' rowspan="{cell.rows}"'
    if cell.cols > 1:
        attrs += f' colspan="{cell.cols}"'
    classes = ["vertical"] if cell.vertical else []
    text = "<br>".join(escape(line) for line in cell.text.split("\n"))
    if cell.ref is not None and not cell.header:
        ref = cell.ref
        classes += [c for c, on in (("manual", ref in manual), ("moved", ref in moved), ("flagged", ref in flagged)) if on]
        attrs += f' id="cell-{".".join(ref)}"'
        if link is not None:
            text = f'<a href="{escape(link(ref))}" data-cell="{escape(".".join(ref))}">{text or "0"}</a>'
    if classes:
        attrs += f' class="{" ".join(classes)}"'
    return f"<{tag}{attrs}>{text}</{tag}>"


#: One number to link in a paragraph: the words before it, the number as written, the address.
Phrase = tuple[str, str, str]


def _linked(text: str, phrases: Sequence[Phrase]) -> str:
    """The paragraph escaped, each phrase's number (the first not yet linked after the words
    before it, in order) an ``<a>`` to its records; a phrase not found is left as text."""
    spans: list[tuple[int, int, str, str]] = []  # start, end of the number, href, the words' key
    cursor = 0
    for before, value, href in phrases:
        pattern = re.compile(re.escape(before + value) + r"(?![\d.])")
        found = pattern.search(text, cursor) or pattern.search(text)
        while found is not None and any(s < found.end() and found.start() + len(before) < e for s, e, _, _ in spans):
            found = pattern.search(text, found.end())
        if found is None:
            continue
        start = found.start() + len(before)
        spans.append((start, found.end(), href, before))
        cursor = found.end()
    out, at = [], 0
    for start, end, href, before in sorted(spans):
        out += [escape(text[at:start]),
                f'<a href="{escape(href)}" class="figure-link" data-figure="{escape(before)}">{escape(text[start:end])}</a>']
        at = end
    out.append(escape(text[at:]))
    return "".join(out)


def _table(grid: Grid, **marks) -> str:
    rows = ["<tr>" + "".join(_cell(s, **marks) for s in row if isinstance(s, Cell)) + "</tr>" for row in grid.rows]
    head = f"<thead>{''.join(rows[: grid.head])}</thead>" if grid.head else ""
    return f"<table><caption>{escape(grid.title)}</caption>{head}<tbody>{''.join(rows[grid.head :])}</tbody></table>"


def paper(report: Report, link: Callable[[CellRef], str], *, manual: Collection[CellRef] = (),
          moved: Collection[CellRef] = (), flagged: Collection[CellRef] = (),
          phrases: Mapping[str, Sequence[Phrase]] | None = None) -> SafeString:
    """The report body as HTML with linked cells (escaped text; safe to put in a page), and the
    numbers of `phrases` (paragraph text → its numbers to link) linked in their paragraphs."""
    marks = {"link": link, "manual": set(manual), "moved": set(moved), "flagged": set(flagged)}
    out = [f"<h1>{escape(title(report))}</h1>"]
    for index, part in enumerate(parts(report)):
        if part.heading:
            out.append(f'<h2 id="section-{index}">{escape(part.heading)}</h2>')
        for p in part.paragraphs:
            css = ' class="sub"' if p.startswith("（") and "。" not in p and len(p) <= 30 else ""
            out.append(f"<p{css}>{_linked(p, phrases[p]) if phrases and p in phrases else escape(p)}</p>")
        if part.grid is not None:
            out.append(_table(part.grid, **marks))
    out.extend(f'<p class="signature">{escape(line)}</p>' for line in (report.agency, date_line(report)) if line)
    return mark_safe("\n".join(out))  # noqa: S308 - every text above is escaped


def tables(report: Report) -> SafeString:
    """The report's tables only, without links (figures of a period, not a report: 季度统计)."""
    marks: dict[str, Any] = {"link": None, "manual": set(), "moved": set(), "flagged": set()}
    return mark_safe("\n".join(_table(grid, **marks) for grid in grids(report)))  # noqa: S308 - escaped in _cell
