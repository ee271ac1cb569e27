"""Read a Word .docx into a `Document`: paragraphs and tables in document order.

The package is opened as the zip it is and the main part's WordprocessingML walked with lxml
(python-docx's object model would load every part, styles included, for text we read directly):
merged cells become the full grid — a cell spanning columns (w:gridSpan) or continuing a vertical
merge (w:vMerge) leaves empty strings in the positions it covers. Text boxes are read once (Word
stores a VML fallback copy of each), deleted revisions and tab-stop definitions are not text,
and content controls (w:sdt) are looked into.
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path

from docx.oxml.ns import nsmap, qn
from lxml import etree

from gongkai import limits
from gongkai.annual.parse import ReadError
from gongkai.annual.parse.document import Document, Paragraph, TableBlock
from gongkai.annual.parse.grid import drop_sliver_columns

W_BODY, W_P, W_TBL, W_TR, W_TC, W_SDT, W_SDT_CONTENT = (
    qn(f"w:{t}") for t in ("body", "p", "tbl", "tr", "tc", "sdt", "sdtContent")
)
W_T, W_TAB, W_BR, W_CR = (qn(f"w:{t}") for t in ("t", "tab", "br", "cr"))
W_TCPR, W_GRID_SPAN, W_VMERGE, W_TRPR, W_GRID_BEFORE = (
    qn(f"w:{t}") for t in ("tcPr", "gridSpan", "vMerge", "trPr", "gridBefore")
)
W_VAL = qn("w:val")
_NS = {"w": nsmap["w"], "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"}
#: the running text of a paragraph: not the VML copy of a text box, not deleted runs, not tab stops
_TEXT = etree.XPath(
    ".//w:t[not(ancestor::mc:Fallback or ancestor::w:del)]"
    " | .//w:tab[not(ancestor::w:pPr or ancestor::mc:Fallback)]"
    " | .//w:br[not(ancestor::mc:Fallback)] | .//w:cr[not(ancestor::mc:Fallback)]",
    namespaces=_NS,
)
#: a cell's paragraphs, those of text boxes counted in the paragraph holding the box
_CELL_PARAGRAPHS = etree.XPath(
    ".//w:p[not(ancestor::mc:Fallback or ancestor::w:txbxContent)]", namespaces=_NS
)
_RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_CORE = {
    "title": "{http://purl.org/dc/elements/1.1/}title",
    "author": "{http://purl.org/dc/elements/1.1/}creator",
}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


def paragraph_text(p) -> str:
    out = []
    for element in _TEXT(p):
        tag = element.tag
        out.append(element.text or "" if tag == W_T else "\t" if tag == W_TAB else "\n")
    return "".join(out)


def _cell_text(tc) -> str:
    lines = (paragraph_text(p).strip() for p in _CELL_PARAGRAPHS(tc))
    return "\n".join(line for line in lines if line)


def _int(element, default: int = 1) -> int:
    try:
        return max(1, int(element.get(W_VAL)))
    except (TypeError, ValueError):
        return default


def table_grid(tbl) -> list[list[str]]:
    """The full grid of a Word table: covered positions (gridSpan, vMerge continue) are empty."""
    rows: list[list[str]] = []
    origins: set[tuple[int, int]] = set()
    for tr in tbl.iter(W_TR):
        if tr.getparent() is not tbl and tr.getparent().tag != W_SDT_CONTENT:
            continue  # a row of a table nested in a cell: part of that cell's text
        row: list[str] = []
        trpr = tr.find(W_TRPR)
        before = trpr.find(W_GRID_BEFORE) if trpr is not None else None
        if before is not None:
            row.extend([""] * _int(before, 0))
        for tc in _cells(tr):
            tcpr = tc.find(W_TCPR)
            span = vmerge = None
            if tcpr is not None:
                span = tcpr.find(W_GRID_SPAN)
                vmerge = tcpr.find(W_VMERGE)
            continues = vmerge is not None and vmerge.get(W_VAL, "continue") == "continue"
            if not continues:
                origins.add((len(rows), len(row)))
            row.append("" if continues else _cell_text(tc))
            row.extend([""] * ((_int(span) if span is not None else 1) - 1))
        rows.append(row)
    width = max((len(r) for r in rows), default=0)
    return drop_sliver_columns([r + [""] * (width - len(r)) for r in rows], origins)


def _cells(tr):
    """The row's cells, looking into content controls that wrap cells."""
    for child in tr:
        if child.tag == W_TC:
            yield child
        elif child.tag == W_SDT:
            content = child.find(W_SDT_CONTENT)
            if content is not None:
                yield from _cells(content)


def _blocks(container, out: list) -> None:
    for child in container:
        if child.tag == W_P:
            text = paragraph_text(child).strip()
            for line in text.split("\n"):
                if line.strip():
                    out.append(Paragraph(line.strip()))
        elif child.tag == W_TBL:
            out.append(TableBlock(table_grid(child)))
        elif child.tag == W_SDT:
            content = child.find(W_SDT_CONTENT)
            if content is not None:
                _blocks(content, out)


def _main_part(package: zipfile.ZipFile) -> str:
    """The main document part named by the package relationships (word/document.xml as a rule)."""
    try:
        rels = etree.fromstring(limits.read_member(package, "_rels/.rels"), _PARSER)
    except KeyError:
        return "word/document.xml"
    for rel in rels.iter(_RELATIONSHIP):
        if rel.get("Type", "").endswith("/officeDocument"):
            return posixpath.normpath(rel.get("Target", "").lstrip("/"))
    return "word/document.xml"


def read(path: str | Path) -> Document:
    """The Word file's body as a `Document`; an unreadable file raises ReadError with the reason.

    Parts are read with their inflated size capped (`limits.read_member`); ``huge_tree`` lets
    libxml2 nest 2,048 levels deep, and deeper is a syntax error, never content silently cut.
    """
    try:
        with zipfile.ZipFile(path) as package:
            limits.check_zip(package)
            body = etree.fromstring(limits.read_member(package, _main_part(package)), _PARSER).find(W_BODY)
            names = set(package.namelist())
            core = (
                etree.fromstring(limits.read_member(package, "docProps/core.xml"), _PARSER)
                if "docProps/core.xml" in names
                else None
            )
    except limits.LimitExceeded as exc:
        raise ReadError(path, str(exc)) from None
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError, ValueError) as exc:
        raise ReadError(path, f"not a readable Word .docx file ({exc.__class__.__name__})") from None
    if body is None:
        raise ReadError(path, "a Word file without a document body")
    blocks: list = []
    _blocks(body, blocks)
    metadata = {}
    if core is not None:
        metadata = {
            key: text.strip() for key, tag in _CORE.items() if (text := core.findtext(tag)) and text.strip()
        }
    return Document(blocks=blocks, kind="docx", metadata=metadata)
