"""`Document` → `Report`: place every printed value by its label, as the format data describes.

The assembler is the one place where labels are interpreted, whatever file the document came
from. It detects the era from the labels used (not from the year: a 2021 report printed in the
2019 format reads as era 2019 and gets FORMAT_ERA; the year decides only where the labels do
not), the agency, the year, the publication date
where printed, and the value of every cell: rows by their label, columns by their header label
(2019-era tables differ in their columns), falling back to the national column order only where
the header is unreadable and the count of values fits. Blank cells read as 0 and are remembered;
a value that cannot be read or placed goes to ``unplaced``; cells never printed go to
``missing_cells``; glued cells (``713000074``) are split with the table's identities, and a row
printed with fewer numbers than cells (blanks dropped, ``5 1 6``) is placed only where those
identities leave one reading: readings that stay ambiguous are listed, never guessed. The
closing signature (agency, date) and page numbers are not narrative.

Before the walk, the shapes scraped pages print tables in are brought back to rows (`stream`):
cells one per line or per paragraph are regrouped at the format's row labels, a table glued to
its labels inside a paragraph (a whole page on one line) is cut at those labels, and section
headings run into the text are cut out. A report whose text holds no table of either kind is
read in the era of its year; sections printed without their table are said so (TABLE_NOT_TEXT),
and an excerpt's missing tail is no missing section.

The package: `items` (the document as paragraphs and rows), `labels` (each era's labels indexed),
`era` (`detect_era`), `headers` (a table's header → its columns), `walk` (the sections and rows in
order), `place` (values → cells, by the identities where glued or gapped) and `legacy` (era 2008).
"""

from __future__ import annotations

from functools import partial

from gongkai.annual.formats import FORMATS
from gongkai.annual.model import Report
from gongkai.annual.parse.assemble.era import detect_era
from gongkai.annual.parse.assemble.items import items_of, unglued
from gongkai.annual.parse.assemble.labels import LABEL_LINE, is_heading, row_for_label
from gongkai.annual.parse.assemble.legacy import read_legacy
from gongkai.annual.parse.assemble.place import Placer
from gongkai.annual.parse.assemble.walk import Walker
from gongkai.annual.parse.cells import norm
from gongkai.annual.parse.document import Document
from gongkai.annual.parse.masthead import (
    agency_kind,
    closing_start,
    detect_agency_in_text,
    detect_opening_year,
    detect_period_year,
    detect_published,
    detect_signature,
    detect_title,
)
from gongkai.annual.parse.stream import restream

__all__ = ["assemble", "detect_era"]


def _row_width(era: str, cell: str) -> int | None:
    """The number of cells of a section 三 row (its width is fixed: six applicants and 总计)."""
    hit = row_for_label(era, norm(cell))
    if hit is None or hit[0] != "applications":
        return None
    return sum(1 for column in FORMATS[era].table("applications").columns_of(hit[1]) if not column.optional)


def assemble(doc: Document) -> Report:
    """The report a document prints."""
    items = items_of(doc)
    lines = [item if isinstance(item, str) else " ".join(c for c in item if c) for item in items]
    lines = [line for line in lines if line]
    agency, year = detect_title(lines)
    if year is None:
        year = detect_period_year(lines) or detect_opening_year(lines)
    signature = detect_signature(lines)
    if signature and (agency is None or (signature != agency and signature.endswith(agency))):
        agency = signature
    if agency is None:
        agency = detect_agency_in_text(lines)
    # labels stand in table cells and short lines: sentences need no normalizing
    labels = [
        norm(c)
        for item in items
        for c in ([item] if isinstance(item, str) else item)
        if c and len(c) <= LABEL_LINE
    ]
    era = detect_era("\n".join(labels), year)
    report = Report(
        era=era,
        agency=agency,
        year=year,
        published=detect_published(lines, year),
        agency_kind=agency_kind(agency),
    )
    # the closing signature (agency and date, read above) ends the text, not the last section
    tail = len(items)
    while tail > 0 and isinstance(items[tail - 1], str):
        tail -= 1
    end = tail + closing_start([item for item in items[tail:] if isinstance(item, str)])
    body_items = items[:end]
    if era == "2008":
        body = "\n".join(item for item in body_items if isinstance(item, str))
        report.sections = {"body": body}
        read_legacy(report, body_items, body)
        return report
    body_items = restream(
        unglued(body_items, era),
        partial(is_heading, era),
        lambda cell: row_for_label(era, norm(cell)) is not None,
        partial(_row_width, era),
    )
    placer = Placer(report, FORMATS[era], body_items)
    Walker(placer).walk()
    placer.resolve_open_rows()
    placer.missing()
    last = FORMATS[era].sections[-1].key
    report.truncated = end == len(items) and last not in report.sections
    return report
