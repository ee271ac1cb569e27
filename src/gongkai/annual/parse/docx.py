"""Read a Word .docx into a `Document`: paragraphs and tables in document order.

The body's WordprocessingML is walked directly (python-docx opens the package): merged cells
become the full grid — a cell spanning columns (w:gridSpan) or continuing a vertical merge
(w:vMerge) leaves empty strings in the positions it covers. Text boxes are read once (Word stores
a VML fallback copy of each), and content controls (w:sdt) are looked into.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from docx import Document as open_docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree

from gongkai.annual.parse import ReadError
from gongkai.annual.parse.document import Document, Paragraph, TableBlock

W_P, W_TBL, W_TR, W_TC, W_SDT, W_SDT_CONTENT = (
    qn(f"w:{t}") for t in ("p", "tbl", "tr", "tc", "sdt", "sdtContent")
)
W_T, W_TAB, W_BR, W_CR = (qn(f"w:{t}") for t in ("t", "tab", "br", "cr"))
W_TCPR, W_GRID_SPAN, W_VMERGE, W_TRPR, W_GRID_BEFORE = (
    qn(f"w:{t}") for t in ("tcPr", "gridSpan", "vMerge", "trPr", "gridBefore")
)
W_VAL = qn("w:val")
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
#: subtrees whose text is not running text (deleted runs, field codes, the VML copy of a text box)
_SKIP = {MC_FALLBACK, qn("w:del"), qn("w:instrText"), qn("w:delText")}


def paragraph_text(p) -> str:
    out: list[str] = []
    stack = [p]
    while stack:
        element = stack.pop()
        tag = element.tag
        if tag in _SKIP:
            continue
        if tag == W_T:
            out.append(element.text or "")
        elif tag == W_TAB:
            out.append("\t")
        elif tag in (W_BR, W_CR):
            out.append("\n")
        stack.extend(reversed(element))
    return "".join(out)


def _cell_text(tc) -> str:
    lines: list[str] = []
    for element in tc.iter(W_P):
        text = paragraph_text(element).strip()
        if text:
            lines.append(text)
    return "\n".join(lines)


def _int(element, default: int = 1) -> int:
    try:
        return max(1, int(element.get(W_VAL)))
    except (TypeError, ValueError):
        return default


def table_grid(tbl) -> list[list[str]]:
    """The full grid of a Word table: covered positions (gridSpan, vMerge continue) are empty."""
    rows: list[list[str]] = []
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
            row.append("" if continues else _cell_text(tc))
            row.extend([""] * ((_int(span) if span is not None else 1) - 1))
        rows.append(row)
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows]


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


def read(path: str | Path) -> Document:
    """The Word file's body as a `Document`; an unreadable file raises ReadError with the reason."""
    try:
        word = open_docx(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise ReadError(path, f"not a readable Word .docx file ({exc.__class__.__name__})") from None
    blocks: list = []
    _blocks(word.element.body, blocks)
    props = word.core_properties
    metadata = {k: v for k, v in (("title", props.title), ("author", props.author)) if v}
    return Document(blocks=blocks, kind="docx", metadata=metadata)
