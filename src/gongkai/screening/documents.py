"""Readers that turn a document into text segments (with where they are) and structural findings.

Each reader yields `Segment`s of text to screen and `Finding`s about the file itself: hidden
Excel sheets, rows and columns, Word comments and tracked changes, document metadata (author,
last modified by, company, manager). Office files are read straight from their XML parts with
lxml (fast: a 50-page .docx screens in well under a second); hidden rows and columns come from
openpyxl, which knows the sheet model.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from gongkai.screening.patterns import find, mask_text, mask_value, scan

#: Finding kinds about a file's structure, with their Chinese labels.
STRUCTURE_KINDS: dict[str, str] = {
    "hidden_sheet": "隐藏工作表",
    "hidden_row": "隐藏行",
    "hidden_column": "隐藏列",
    "comment": "批注",
    "tracked_change": "修订痕迹",
    "metadata": "文档属性",
    "hidden_text": "隐藏文字",
}

#: Extensions `screen_path` can read.
SUPPORTED = (".txt", ".html", ".htm", ".docx", ".xlsx", ".pdf")


class ScreenError(Exception):
    """A file that cannot be read (missing, unsupported, corrupt): the message says why, in English."""


@dataclass(frozen=True)
class Finding:
    """One thing a reviewer must redact or accept: `kind`, `where` it is, a masked `excerpt`."""

    kind: str
    where: str
    excerpt: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "where": self.where, "excerpt": self.excerpt}


@dataclass(frozen=True)
class Segment:
    where: str
    text: str


def text_findings(segments: Iterator[Segment] | list[Segment]) -> Iterator[Finding]:
    """Findings of personal data and classification marks in text segments."""
    for seg in segments:
        for hit, shown in scan(seg.text):
            yield Finding(hit.kind, seg.where, shown)


def _masked_name(value: str) -> str:
    return mask_value("name", value.strip())


# --- plain text -------------------------------------------------------------------------------


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030 — the two encodings Chinese offices produce."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ScreenError("text is neither UTF-8 nor GB18030")


def read_txt(data: bytes) -> Iterator[Segment | Finding]:
    for number, line in enumerate(decode(data).splitlines(), 1):
        if line.strip():
            yield Segment(f"line {number}", line)


# --- HTML -------------------------------------------------------------------------------------

_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "ul",
    ]
)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template"})


_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def _html_hidden(el) -> bool:
    """An element the browser does not show (hidden attribute, display:none, visibility:hidden)."""
    return el.get("hidden") is not None or bool(_HIDDEN_STYLE.search(el.get("style") or ""))


def read_html(data: bytes) -> Iterator[Segment | Finding]:
    """Text per block element (`where` is the source line), HTML comments, hidden elements (their
    text is screened too) and author metadata."""
    try:
        root = lxml_html.document_fromstring(decode(data))
    except (etree.ParserError, ValueError) as exc:
        raise ScreenError(f"not readable HTML ({exc})") from exc
    for meta in root.iter("meta"):
        if (meta.get("name") or "").lower() in ("author", "creator") and (meta.get("content") or "").strip():
            yield Finding(
                "metadata",
                f"line {meta.sourceline} meta {meta.get('name')}",
                _masked_name(meta.get("content")),
            )
    parts: list[str] = []
    line: list[int | None] = [None]

    def flush() -> Iterator[Segment]:
        text = "".join(parts).strip()
        if text:
            yield Segment(f"line {line[0] or 1}", text)
        parts.clear()
        line[0] = None

    def walk(el) -> Iterator[Segment | Finding]:
        if isinstance(el, etree._Comment):
            text = (el.text or "").strip()
            if text:
                yield Finding("comment", f"line {el.sourceline}", _comment_excerpt("", text))
            return
        if not isinstance(el.tag, str) or el.tag in _SKIP_TAGS:
            return
        if _html_hidden(el):
            text = el.text_content().strip()
            if text:
                yield Finding("hidden_text", f"line {el.sourceline}", _masked_text(text)[0])
        block = el.tag in _BLOCK_TAGS
        if block:
            yield from flush()
        if el.text:
            if line[0] is None:
                line[0] = el.sourceline
            parts.append(el.text)
        for child in el:
            yield from walk(child)
            if child.tail:
                if line[0] is None:
                    line[0] = child.sourceline
                parts.append(child.tail)
        if block:
            yield from flush()

    yield from walk(root)
    yield from flush()


# --- Office Open XML --------------------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
_CORE_FIELDS = {
    "{http://purl.org/dc/elements/1.1/}creator": "author",
    "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}lastModifiedBy": "last modified by",
}
_APP_FIELDS = {"Company": "company", "Manager": "manager"}
_APP_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"


def _open_zip(data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ScreenError("not an Office Open XML file (bad zip)") from exc


def _xml(archive: zipfile.ZipFile, name: str):
    try:
        return etree.fromstring(archive.read(name))
    except KeyError:
        return None
    except etree.XMLSyntaxError as exc:
        raise ScreenError(f"{name} is not well-formed XML ({exc})") from exc


def office_metadata(archive: zipfile.ZipFile) -> Iterator[Finding]:
    """Author, last modified by (docProps/core.xml), company and manager (docProps/app.xml)."""
    core = _xml(archive, "docProps/core.xml")
    if core is not None:
        for el in core:
            label = _CORE_FIELDS.get(el.tag)
            if label and (el.text or "").strip():
                yield Finding("metadata", f"docProps/core.xml {label}", _masked_name(el.text))
    app = _xml(archive, "docProps/app.xml")
    if app is not None:
        for name, label in _APP_FIELDS.items():
            el = app.find(_APP_NS + name)
            if el is not None and (el.text or "").strip():
                yield Finding("metadata", f"docProps/app.xml {label}", _masked_name(el.text))


def _comment_excerpt(author: str, text: str) -> str:
    shown, _ = _masked_text(text)
    return (f"{_masked_name(author)}：" if author else "") + shown


def _masked_text(text: str, limit: int = 60) -> tuple[str, bool]:
    """`text` with personal data masked, cut to `limit` characters; and whether anything was hit."""
    hits = find(text)
    shown = re.sub(r"\s+", " ", mask_text(text, hits)).strip()
    return (shown[:limit] + "…" if len(shown) > limit else shown), bool(hits)


def _paragraph_text(p) -> str:
    """Visible and deleted text of a paragraph, in order (w:t, w:delText, tabs and breaks as spaces)."""
    out = []
    for el in p.iter(_W + "t", _W + "delText", _W + "tab", _W + "br"):
        out.append(el.text or "" if el.tag in (_W + "t", _W + "delText") else " ")
    return "".join(out)


def _docx_part(archive: zipfile.ZipFile, name: str, label: str) -> Iterator[Segment | Finding]:
    root = _xml(archive, name)
    if root is None:
        return
    for number, p in enumerate(root.iter(_W + "p"), 1):
        where = f"{label}paragraph {number}"
        text = _paragraph_text(p)
        if text.strip():
            yield Segment(where, text)
        hidden = "".join(
            t.text or ""
            for r in p.iter(_W + "r")
            if r.find(f"{_W}rPr/{_W}vanish") is not None
            for t in r.iter(_W + "t")
        )
        if hidden.strip():
            yield Finding("hidden_text", where, _masked_text(hidden)[0])
        for change in p.iter(_W + "ins", _W + "del", _W + "moveFrom", _W + "moveTo"):
            kind = {"ins": "insertion", "del": "deletion", "moveFrom": "moved from", "moveTo": "moved to"}[
                etree.QName(change).localname
            ]
            changed = "".join(t.text or "" for t in change.iter(_W + "t", _W + "delText"))
            author = change.get(_W + "author", "")
            shown, _ = _masked_text(changed)
            yield Finding("tracked_change", where, f"{kind}（{_masked_name(author) or '未署名'}）：{shown}")


def read_docx(data: bytes) -> Iterator[Segment | Finding]:
    """Body, headers, footers, footnotes and comments; tracked changes; comments; hidden text
    (w:vanish); metadata."""
    archive = _open_zip(data)
    if "word/document.xml" not in archive.namelist():
        raise ScreenError("not a Word document (word/document.xml missing)")
    yield from office_metadata(archive)
    yield from _docx_part(archive, "word/document.xml", "")
    extras = sorted(n for n in archive.namelist() if re.fullmatch(r"word/(header|footer)\d*\.xml", n))
    for name in [*extras, "word/footnotes.xml", "word/endnotes.xml"]:
        yield from _docx_part(archive, name, f"{name.removeprefix('word/')} ")
    comments = _xml(archive, "word/comments.xml")
    if comments is not None:
        for number, c in enumerate(comments.iter(_W + "comment"), 1):
            text = " ".join(_paragraph_text(p) for p in c.iter(_W + "p"))
            yield Finding("comment", f"comment {number}", _comment_excerpt(c.get(_W + "author", ""), text))
            if text.strip():
                yield Segment(f"comment {number}", text)


def read_xlsx(data: bytes) -> Iterator[Segment | Finding]:
    """Cells (as shown), hidden sheets, hidden rows and columns, cell comments, metadata."""
    import openpyxl
    from openpyxl.utils import get_column_letter

    archive = _open_zip(data)
    if "xl/workbook.xml" not in archive.namelist():
        raise ScreenError("not an Excel workbook (xl/workbook.xml missing)")
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise ScreenError(f"Excel workbook cannot be opened ({type(exc).__name__}: {exc})") from exc
    yield from office_metadata(archive)
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            yield Finding("hidden_sheet", ws.title, f"工作表“{ws.title}”已隐藏（{ws.sheet_state}）")
        for r, dim in sorted(ws.row_dimensions.items()):
            if dim.hidden:
                yield Finding("hidden_row", f"{ws.title}!{r}:{r}", f"第{r}行已隐藏")
        for dim in ws.column_dimensions.values():
            if dim.hidden:
                first, last = get_column_letter(dim.min), get_column_letter(dim.max)
                span = first if first == last else f"{first}:{last}"
                yield Finding("hidden_column", f"{ws.title}!{span}", f"第{span}列已隐藏")
        for row in ws.iter_rows():
            for cell in row:
                if cell.comment is not None:
                    yield Finding(
                        "comment",
                        f"{ws.title}!{cell.coordinate}",
                        _comment_excerpt(cell.comment.author or "", cell.comment.text),
                    )
                value = cell.value
                if value is None or isinstance(value, bool):
                    continue
                if isinstance(value, float) and value.is_integer():
                    value = int(value)
                if isinstance(value, int | str):
                    yield Segment(f"{ws.title}!{cell.coordinate}", str(value))


def read_pdf(data: bytes) -> Iterator[Segment | Finding]:
    """Text per page and line (pdfplumber), annotations with contents (sticky-note comments), and
    the Author entry of the document information."""
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except (PdfminerException, PDFSyntaxError, ValueError, TypeError) as exc:
        raise ScreenError(f"not a readable PDF ({type(exc).__name__})") from exc
    with pdf:
        author = pdf.metadata.get("Author")
        if isinstance(author, bytes):
            author = author.decode("utf-8", "replace")
        if isinstance(author, str) and author.strip():
            yield Finding("metadata", "PDF info author", _masked_name(author))
        for page in pdf.pages:
            for annot in page.annots:
                contents = annot.get("contents")
                if isinstance(contents, str) and contents.strip():
                    title = annot.get("title")
                    author = title if isinstance(title, str) else ""
                    where = f"page {page.page_number} annotation"
                    yield Finding("comment", where, _comment_excerpt(author, contents))
                    yield Segment(where, contents)
            for number, line in enumerate((page.extract_text() or "").splitlines(), 1):
                if line.strip():
                    yield Segment(f"page {page.page_number} line {number}", line)


READERS = {
    ".txt": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".docx": read_docx,
    ".xlsx": read_xlsx,
    ".pdf": read_pdf,
}


def screen_bytes(name: str, data: bytes) -> list[Finding]:
    """Findings in a document given by file name (for its extension) and content.

    Raises `ScreenError` for an unsupported extension or an unreadable file.
    """
    suffix = Path(name).suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        raise ScreenError(f"unsupported file type {suffix or '(none)'}; supported: {', '.join(SUPPORTED)}")
    findings: list[Finding] = []
    segments: list[Segment] = []
    for item in reader(data):
        if isinstance(item, Segment):
            segments.append(item)
        else:
            findings.append(item)
    findings.extend(text_findings(segments))
    return findings


def screen_file(path: str | Path) -> list[Finding]:
    """Findings in one file; `ScreenError` when it cannot be read."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ScreenError(f"cannot read {path}: {exc.strerror or exc}") from exc
    return screen_bytes(path.name, data)


def screen_text(text: str, where: str = "text") -> list[Finding]:
    """Findings in a piece of plain text, one segment per line (`where` is the prefix)."""
    return list(
        text_findings(
            Segment(f"{where} line {n}", line) for n, line in enumerate(text.splitlines(), 1) if line.strip()
        )
    )
