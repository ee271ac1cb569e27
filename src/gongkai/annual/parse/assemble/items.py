"""A `Document` as the assembler reads it: paragraphs and table rows, with the shapes scraped
pages print tables in (a page on one line, cells glued to their labels, headings run into the
text) cut back into them."""

from __future__ import annotations

import re
from functools import cache

from gongkai.annual.formats import APPEAL_COLUMNS, APPEALS, normalize_chars, normalize_label
from gongkai.annual.parse import stream
from gongkai.annual.parse.assemble.labels import LABEL_LINE, glued_labels, heading_pattern, row_for_label
from gongkai.annual.parse.cells import norm
from gongkai.annual.parse.document import Document, Paragraph
from gongkai.annual.parse.stream import split_page, unglue

#: a paragraph's text, or a table row's cells
Item = str | list[str]


#: a page number left standing as a paragraph of its own (— 3 —, -3-, 第3页 共5页): never narrative
_PAGE_DEBRIS = re.compile(
    r"^(?:[-—–－]+\s*\d{1,3}\s*[-—–－]+|第\s*\d{1,3}\s*页(?:\s*[，,/]?\s*共\s*\d{1,3}\s*页)?)$"
)


#: a paragraph this long may be a whole page printed on one line: it is cut into its parts
_PAGE_LINE = 200


def items_of(doc: Document) -> list[Item]:
    items: list[Item] = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            text = block.text.strip()
            if len(text) > _PAGE_LINE:
                items.extend(split_page(text))
            elif text and not _PAGE_DEBRIS.match(text):
                items.append(text)
            continue
        for row in block.rows:
            cells = [str(c) for c in row]
            first = cells[0].strip() if cells else ""
            if len(first) > LABEL_LINE and len(cells) > 1:
                # a page on one line whose table cells are pipe-separated: the narrative before
                # the table ends in the first cell, whose last word is the table's first label
                head, _, label = first.rpartition(" ")
                items.extend(split_page(head))
                cells[0] = label
            items.append(cells)
    return items


def unglued(items: list[Item], era: str) -> list[Item]:
    """Paragraphs printing a table with cells glued to labels, as paragraphs and rows."""
    pattern, headings = glued_labels(era)
    appeals = _appeals_words()
    out: list[Item] = []
    for item in items:
        found = None
        if isinstance(item, str) and stream.may_be_glued(item):
            found = unglue(
                normalize_chars(item),
                pattern,
                headings.__contains__,
                lambda cell: row_for_label(era, norm(cell)) is not None,
                appeals.__contains__,
            )
        elif isinstance(item, str) and len(item) > stream.CELL_LINE and _NUMBER_INSIDE.search(item, 1):
            found = _cut_at_headings(item, era)
        out.extend(found if found is not None else [item])
    return out


@cache
def _appeals_words() -> frozenset[str]:
    """The labels of the appeals table's header, after which its one row of numbers follows."""
    return frozenset(
        normalize_label(label)
        for label in (*(c.label for c in APPEAL_COLUMNS), *(r.label for r in APPEALS.rows), "行政诉讼")
    )


#: a section number inside a paragraph, where a heading may have been run into the text
_NUMBER_INSIDE = re.compile(r"[一二三四五六][、.．]")


def _cut_at_headings(text: str, era: str) -> list[Item] | None:
    """A long paragraph with section headings run into it (…年度报告一、总体情况2023年…), cut there."""
    normal = normalize_chars(text)
    cuts = [m.start() for m in heading_pattern(era).finditer(normal) if m.start() > 0]
    if not cuts:
        return None
    bounds = [0, *cuts, len(normal)]
    return [normal[a:b].strip() for a, b in zip(bounds, bounds[1:], strict=False) if normal[a:b].strip()]
