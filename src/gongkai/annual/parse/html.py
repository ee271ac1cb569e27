"""Read an HTML page (a report as published or scraped from a government website) into a `Document`.

Paragraphs and tables come out in page order. Tables are expanded into their full grid: a cell
spanning rows or columns stands in its top-left position and the positions it covers are empty
strings, as every other reader does. Page furniture (scripts, styles, navigation) is dropped;
`&nbsp;` blanks are blanks, and entities escaped twice by a crawler (``&amp;nbsp;``, ``&amp;quot;``)
are decoded once more. libxml2 drops whatever is nested deeper than 256 elements without an
error; such a page is refused (`NestingError`) rather than read with part of it missing.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import lxml.html
from lxml import etree

from gongkai.annual.parse.document import Document, Paragraph, TableBlock
from gongkai.annual.parse.grid import drop_sliver_columns

#: elements whose text is not the report's
SKIPPED = {"script", "style", "noscript", "template", "nav", "head", "iframe", "select", "button", "svg"}
#: elements that end a paragraph
BLOCKS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "section",
    "article", "main", "header", "footer", "aside", "blockquote", "pre", "address", "center", "form",
    "fieldset", "figure", "figcaption", "hr", "body", "html",
}  # fmt: skip
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)
_SPACE = re.compile(r"[ \t\r\f\v\u00a0\u3000\u200b]+")
#: attributes written =\"…\": the page was kept inside a JSON string by the crawler
_JSON_ESCAPED = re.compile(r'=\\"')
_JSON_ESCAPES = {'\\"': '"', "\\/": "/", "\\n": "\n", "\\t": "\t", "\\r": ""}
_DIGITS = re.compile(r"\d+")
#: a span larger than any real table is a typo (colspan="100"); cap it rather than build a huge grid
MAX_SPAN = 60


def decode(data: bytes) -> str:
    """The page's text: BOM, then <meta charset>, then UTF-8, then GB18030 (Chinese sites' legacy)."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    declared = _CHARSET.search(data[:4096])
    candidates = [declared.group(1).decode("ascii").lower()] if declared else []
    for encoding in (*candidates, "utf-8", "gb18030"):
        try:
            return data.decode("gb18030" if encoding in ("gb2312", "gbk") else encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", errors="replace")


def _clean(text: str) -> str:
    """One line's text: entities a crawler escaped twice decoded, blanks of every width collapsed."""
    if "&" in text:
        text = html.unescape(text)
    return _SPACE.sub(" ", text).strip()


def _span(element, name: str) -> int:
    """rowspan/colspan as a number; 2, "2", \\"2\\" all read as 2, nonsense as 1."""
    digits = _DIGITS.search(str(element.get(name, "")))
    return max(1, min(MAX_SPAN, int(digits.group()))) if digits else 1


class _Walker:
    """Collects blocks in document order from an lxml tree."""

    def __init__(self) -> None:
        self.blocks: list[Paragraph | TableBlock] = []
        self.line: list[str] = []

    def flush(self) -> None:
        for part in "".join(self.line).split("\n"):
            text = _clean(part)
            if text:
                self.blocks.append(Paragraph(text))
        self.line = []

    def walk(self, element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.lower()
        if tag in SKIPPED or element.tag is etree.Comment:
            self.line.append(element.tail or "")
            return
        if tag == "table":
            self.flush()
            self.blocks.append(TableBlock(table_grid(element)))
        elif tag == "br":
            self.line.append("\n")
        else:
            if tag in BLOCKS:
                self.flush()
            self.line.append(element.text or "")
            for child in element:
                self.walk(child)
            if tag in BLOCKS:
                self.flush()
        self.line.append(element.tail or "")


def _cell_text(cell) -> str:
    """A cell's text, its line breaks (<br>, <p>) kept as newlines; nested tables flattened."""
    parts: list[str] = []

    def collect(element) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if tag in SKIPPED or element.tag is etree.Comment:
            parts.append(element.tail or "")
            return
        if tag == "br" or tag in BLOCKS or tag == "tr":
            parts.append("\n")
        parts.append(element.text or "")
        for child in element:
            collect(child)
        if tag in BLOCKS or tag in ("td", "th") and element is not cell:
            parts.append("\n")
        if element is not cell:
            parts.append(element.tail or "")

    collect(cell)
    lines = (_clean(line) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _rows(table) -> list:
    """The table's own rows (not those of tables nested in its cells), in order."""
    rows = []
    for child in table:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag == "tr":
            rows.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            rows.extend(r for r in child if isinstance(r.tag, str) and r.tag.lower() == "tr")
    return rows


def table_grid(table) -> list[list[str]]:
    """The full grid of an HTML table, rowspan/colspan expanded with empty covered cells."""
    grid: dict[tuple[int, int], str] = {}
    origins: set[tuple[int, int]] = set()
    width = 0
    rows = _rows(table)
    for r, tr in enumerate(rows):
        c = 0
        for td in tr:
            if not isinstance(td.tag, str) or td.tag.lower() not in ("td", "th"):
                continue
            while (r, c) in grid:
                c += 1
            rowspan = min(_span(td, "rowspan"), len(rows) - r)
            colspan = _span(td, "colspan")
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid[(r + dr, c + dc)] = ""
            grid[(r, c)] = _cell_text(td)
            origins.add((r, c))
            c += colspan
            width = max(width, c)
    full = [[grid.get((r, c), "") for c in range(width)] for r in range(len(rows))]
    return drop_sliver_columns(full, origins)


class NestingError(ValueError):
    """A page nested deeper than libxml2 reads: part of its content would be lost."""


def parse(text: str) -> Document:
    """A `Document` from HTML source text; `NestingError` for a page nested too deeply to read whole."""
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    if _JSON_ESCAPED.search(text):
        for escaped, plain in _JSON_ESCAPES.items():
            text = text.replace(escaped, plain)
    parser = lxml.html.HTMLParser()
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError):
        return Document(blocks=[], kind="html")
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        raise NestingError("HTML nested deeper than 255 elements (the content beyond would be lost)")
    walker = _Walker()
    body = root.find("body")
    walker.walk(body if body is not None else root)
    walker.flush()
    title = root.findtext(".//title")
    metadata = {"title": _clean(title)} if title and _clean(title) else {}
    return Document(blocks=walker.blocks, kind="html", metadata=metadata)


def read(path: str | Path) -> Document:
    from gongkai.annual.parse import ReadError

    try:
        return parse(decode(Path(path).read_bytes()))
    except NestingError as exc:
        raise ReadError(path, str(exc)) from None
