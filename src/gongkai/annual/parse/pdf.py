"""Read a text-layer PDF into a `Document` with pdfplumber.

Ruled tables are taken from pdfplumber's table finder and rebuilt on the column edges they are
drawn with, so a merged cell leaves empty covered positions like every other reader; a table
that runs on over a page break is joined back into one, without the header rows the next page
repeats. The text outside the tables is rebuilt line by line (blanks only where the page has
gaps, wrapped lines joined again, page numbers dropped) and handed to the plain-text reader,
which also finds the tables printed without rules. A password-protected PDF or one without a
text layer (a scan) is refused with the reason, never read as an empty report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from gongkai import limits
from gongkai.annual.parse import MAX_REPORT_CHARS, ReadError
from gongkai.annual.parse import text as text_reader
from gongkai.annual.parse.document import Document, Paragraph, TableBlock
from gongkai.annual.parse.grid import drop_sliver_columns

#: — 3 —, -3-, 第3页, 3/12 at the foot of a page
PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–]*\s*\d+\s*[-—–]*|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)\s*$"
)
#: a wrapped line that ends a sentence or a heading is not continued by the next one
_ENDS = tuple("。！？；：:;!?）)")
#: blanks a PDF's spacing puts between Chinese and Latin text in a cell (台儿庄区民政局 2023 年)
_CJK_GAP = re.compile(
    r"(?<=[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f])[ \t]+|[ \t]+(?=[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f])"
)
_CJK = re.compile(r"[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]")
#: gaps between two characters, in font sizes: a column gap (two blanks, as the text reader splits
#: cells), a gap between words, and the narrower gap between Latin words
COLUMN_GAP, WORD_GAP, LATIN_WORD_GAP = 1.5, 0.6, 0.15
#: x positions closer than this (points) are the same column edge
EDGE_TOLERANCE = 2.0


@dataclass
class _Table:
    top: float
    bbox: tuple[float, float, float, float]
    #: cells as (x0, x1, text) per printed row; text None for positions pdfplumber leaves empty
    rows: list[list[tuple[float, float, str]]] = field(default_factory=list)


@dataclass
class _Line:
    top: float
    bottom: float
    x0: float
    x1: float
    text: str


def _tables(page) -> list[_Table]:
    out = []
    for found in page.find_tables():
        table = _Table(top=found.bbox[1], bbox=found.bbox)
        for row, texts in zip(found.rows, found.extract(), strict=True):
            table.rows.append(
                [
                    (cell[0], cell[2], text or "")
                    for cell, text in zip(row.cells, texts, strict=True)
                    if cell is not None
                ]
            )
        out.append(table)
    return out


def _edges(tables: list[_Table]) -> list[float]:
    xs: list[float] = []
    for x in sorted(x for t in tables for row in t.rows for x0, x1, _ in row for x in (x0, x1)):
        if not xs or x - xs[-1] > EDGE_TOLERANCE:
            xs.append(x)
    return xs


def _grid(tables: list[_Table]) -> list[list[str]]:
    """One table from its pieces on consecutive pages, on the union of their column edges."""
    xs = _edges(tables)
    width = max(len(xs) - 1, 1)

    def column(x: float) -> int:
        return min(range(len(xs)), key=lambda i: abs(xs[i] - x))

    grid: list[list[str]] = []
    starts: set[int] = set()
    for n, table in enumerate(tables):
        rows = []
        for cells in table.rows:
            row = [""] * width
            for x0, _x1, text in cells:
                c = min(column(x0), width - 1)
                row[c] = _CJK_GAP.sub("", text.strip())
                starts.add(c)
            rows.append(row)
        if n:  # the header rows a continued table repeats at the top of the page
            repeated = 0
            while repeated < len(rows) and repeated < len(grid) and rows[repeated] == grid[repeated]:
                repeated += 1
            rows = rows[repeated:]
        grid.extend(rows)
    return drop_sliver_columns(grid, {(0, c) for c in starts})


def _lines(page, tables: list[_Table]) -> list[_Line]:
    outside = page
    for table in tables:
        outside = outside.outside_bbox(table.bbox, strict=False)
    lines = []
    for line in outside.extract_text_lines(return_chars=True):
        text = _line_text(line["chars"])
        if text and not PAGE_NUMBER.match(text):
            lines.append(_Line(line["top"], line["bottom"], line["x0"], line["x1"], text))
    return lines


def _line_text(chars: list[dict]) -> str:
    """A line's text with blanks only where the page has gaps: none for the spacing a layout puts
    between Chinese and Latin text, two between the columns of a table drawn without rules."""
    out: list[str] = []
    previous: dict | None = None
    for char in sorted(chars, key=lambda c: c["x0"]):
        text = char["text"]
        if text.isspace():
            continue
        if previous is not None:
            gap = (char["x0"] - previous["x1"]) / max(char["size"], previous["size"], 1)
            latin = not (_CJK.match(text) or _CJK.match(previous["text"]))
            if gap > COLUMN_GAP:
                out.append("  ")
            elif gap > WORD_GAP or latin and gap > LATIN_WORD_GAP:
                out.append(" ")
        out.append(text)
        previous = char
    return "".join(out)


def _paragraphs(lines: list[_Line]) -> list[tuple[float, str]]:
    """Lines joined into paragraphs where a line ran to the right margin without ending and the
    next one goes on at the left margin (or both are centred, as a long title is)."""
    if not lines:
        return []
    left, right = min(line.x0 for line in lines), max(line.x1 for line in lines)
    middle = (left + right) / 2
    out: list[tuple[float, str]] = []
    previous: _Line | None = None
    for line in lines:
        size = line.bottom - line.top
        centred = previous is not None and all(
            abs((ln.x0 + ln.x1) / 2 - middle) < size for ln in (previous, line)
        )
        wrapped = (
            previous is not None
            and previous.x1 >= right - 1.5 * size
            and (line.x0 <= left + size / 2 or centred)
            and not previous.text.endswith(_ENDS)
            and line.top - previous.bottom < 1.2 * size
        )
        if wrapped:
            out[-1] = (out[-1][0], out[-1][1] + line.text)
        else:
            out.append((line.top, line.text))
        previous = line
    return out


class _Blocks:
    """Blocks in reading order: the pieces of a table continued over a page break joined, the text
    between tables handed to the plain-text reader, which knows the shapes of tables printed
    without rules (a row's label and numbers on one line, vertical headers)."""

    def __init__(self) -> None:
        self.blocks: list[Paragraph | TableBlock] = []
        self.pieces: list[_Table] = []
        self.lines: list[str] = []

    def table(self, piece: _Table, first_on_page: bool) -> None:
        self._flush_text()
        continued = (
            first_on_page
            and self.pieces
            and abs(self.pieces[-1].bbox[0] - piece.bbox[0]) < 3 * EDGE_TOLERANCE
        )
        if not continued:
            self._flush_table()
        self.pieces.append(piece)

    def text(self, line: str) -> None:
        self._flush_table()
        self.lines.append(line)

    def _flush_table(self) -> None:
        if self.pieces:
            self.blocks.append(TableBlock(_grid(self.pieces)))
            self.pieces = []

    def _flush_text(self) -> None:
        if self.lines:
            self.blocks.extend(text_reader.parse("\n".join(self.lines), kind="pdf").blocks)
            self.lines = []

    def done(self) -> list[Paragraph | TableBlock]:
        self._flush_table()
        self._flush_text()
        return self.blocks


def read(path: str | Path) -> Document:
    """The PDF's text layer as a `Document`; ReadError for a protected, scanned or broken file, or
    one over the limits (pages, characters, inflated streams: `gongkai.limits`)."""
    import io

    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    out = _Blocks()
    chars = 0
    try:
        data = limits.read_file(path)
        limits.check_pdf(data)
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            metadata = {
                k.lower(): str(v) for k, v in (pdf.metadata or {}).items() if k in ("Title", "Author") and v
            }
            limits.check_pages(len(pdf.pages))
            budget = limits.TextBudget(MAX_REPORT_CHARS)
            for page in pdf.pages:
                chars += budget.add(len(page.chars))
                tables = _tables(page)
                items: list[tuple[float, _Table | str]] = [(t.top, t) for t in tables]
                items += _paragraphs(_lines(page, tables))
                items.sort(key=lambda item: item[0])
                for n, (_, item) in enumerate(items):
                    if isinstance(item, _Table):
                        out.table(item, first_on_page=n == 0)
                    else:
                        out.text(item)
    except limits.LimitExceeded as exc:
        raise ReadError(path, str(exc)) from None
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise ReadError(path, f"password-protected PDF ({exc.__class__.__name__})") from None
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise ReadError(path, "password-protected PDF") from None
        raise ReadError(path, f"not a readable PDF ({cause.__class__.__name__})") from None
    except (PDFSyntaxError, ValueError, KeyError, TypeError) as exc:
        raise ReadError(path, f"not a readable PDF ({exc.__class__.__name__})") from None
    if not chars:
        raise ReadError(path, "image-only PDF (no text layer): it needs OCR first")
    return Document(blocks=out.done(), kind="pdf", metadata=metadata)
