"""Readers that turn a document into text segments (with where they are) and structural findings.

Each reader yields `Segment`s of text to screen and `Finding`s about the file itself: hidden
Excel sheets, rows and columns, Word comments and tracked changes, document metadata (author,
last modified by, company, manager). Office files are read straight from their XML parts with
lxml (fast: a 50-page .docx screens in well under a second); hidden rows and columns come from
openpyxl, which knows the sheet model.

Every reader is bounded (`gongkai.limits`): zip members are read with a cap on their declared and
actual inflated size, text and HTML files and the characters a document yields are capped, PDFs
have their pages and decoded streams capped, and HTML is read by a streaming tokenizer
(`markup`) that sees text however deeply it is nested. `screen_file_isolated` runs the whole
screen of one file in a child process limited in time and memory: what the web and the command
line call. An author property that is only a program's or an installation's default (openpyxl,
python-docx, Administrator …) is not reported; a person's name is.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from gongkai import limits
from gongkai.screening.markup import scan_html
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
    """A file that cannot be read (missing, unsupported, corrupt, over a limit): ``str()`` says why
    in English, ``zh`` in Chinese for the review screens."""

    def __init__(self, message: str, zh: str = "文件已损坏或格式不受支持") -> None:
        super().__init__(message)
        self.zh = zh

    def __reduce__(self):
        return (type(self), (str(self), self.zh))


#: Author and company values that name a program, a default account or a pre-installed copy of
#: Windows or Office, not a person (compared case-insensitively).
DEFAULT_AUTHORS = frozenset(
    name.casefold()
    for name in (
        "openpyxl", "python-docx", "python-pptx", "docx4j", "Apache POI", "Aspose", "LibreOffice",
        "OpenOffice", "WPS", "WPS Office", "Kingsoft", "金山办公", "Microsoft Office User", "Microsoft Office 用户",
        "Microsoft", "Microsoft Corporation", "Microsoft China", "微软中国", "微软用户", "Windows User",
        "Windows 用户", "Administrator", "Admin", "管理员", "User", "用户", "Owner", "Author", "作者",
        "Unknown", "未知", "Lenovo", "Sky123.Org", "番茄花园", "雨林木风", "Www.YlmF.CoM", "China", "中国",
    )
)  # fmt: skip


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


def _names_a_person(value: str | None) -> bool:
    """A metadata value worth reporting: not empty and not a program's or an installation's default."""
    value = " ".join((value or "").split())
    return bool(value) and value.casefold() not in DEFAULT_AUTHORS


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
    limits.check_text_bytes(data)
    for number, line in enumerate(decode(data).splitlines(), 1):
        if line.strip():
            yield Segment(f"line {number}", line)


# --- HTML -------------------------------------------------------------------------------------


def read_html(data: bytes) -> Iterator[Segment | Finding]:
    """Text per block element (`where` is the source line), HTML comments, hidden elements (their
    text is screened too) and author metadata, however deep the elements nest."""
    limits.check_text_bytes(data)
    page = scan_html(decode(data))
    for line, name, content in page.authors:
        if _names_a_person(content):
            yield Finding("metadata", f"line {line} meta {name}", _masked_name(content))
    for line, text in page.comments:
        yield Finding("comment", f"line {line}", _comment_excerpt("", text))
    for line, text in page.hidden:
        yield Finding("hidden_text", f"line {line}", _masked_text(text)[0])
    for line, text in page.blocks:
        yield Segment(f"line {line}", text)


# --- Office Open XML --------------------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
_CORE_FIELDS = {
    "{http://purl.org/dc/elements/1.1/}creator": "author",
    "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}lastModifiedBy": "last modified by",
}
_APP_FIELDS = {"Company": "company", "Manager": "manager"}
_APP_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"


_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


def _open_zip(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ScreenError("not an Office Open XML file (bad zip)") from exc
    limits.check_zip(archive)
    return archive


def _xml(archive: zipfile.ZipFile, name: str):
    """A part parsed, its inflated size capped; ``None`` when the package has no such part.

    ``huge_tree`` lifts libxml2's nesting limit from 256 to 2,048 levels; a part nested deeper
    is a syntax error (refused as malformed), never silently cut.
    """
    try:
        return etree.fromstring(limits.read_member(archive, name), _XML_PARSER)
    except KeyError:
        return None
    except zipfile.BadZipFile as exc:
        raise ScreenError(f"{name} is damaged ({exc})", "压缩包内的文件已损坏") from exc
    except etree.XMLSyntaxError as exc:
        raise ScreenError(
            f"{name} is not well-formed XML ({exc})", "文档内部结构有误（XML格式错误）"
        ) from exc


def office_metadata(archive: zipfile.ZipFile) -> Iterator[Finding]:
    """Author, last modified by (docProps/core.xml), company and manager (docProps/app.xml)."""
    core = _xml(archive, "docProps/core.xml")
    if core is not None:
        for el in core:
            label = _CORE_FIELDS.get(el.tag)
            if label and _names_a_person(el.text):
                yield Finding("metadata", f"docProps/core.xml {label}", _masked_name(el.text))
    app = _xml(archive, "docProps/app.xml")
    if app is not None:
        for name, label in _APP_FIELDS.items():
            el = app.find(_APP_NS + name)
            if el is not None and _names_a_person(el.text):
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
    limits.check_zip(archive, inflate=True)  # openpyxl reads the parts itself, without caps
    limits.check_sheets(archive)  # and builds every cell: its time grows with the sheets' size
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

    limits.check_pdf(data)
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except (PdfminerException, PDFSyntaxError, ValueError, TypeError) as exc:
        raise ScreenError(f"not a readable PDF ({type(exc).__name__})") from exc
    with pdf:
        author = pdf.metadata.get("Author")
        if isinstance(author, bytes):
            author = author.decode("utf-8", "replace")
        if isinstance(author, str) and _names_a_person(author):
            yield Finding("metadata", "PDF info author", _masked_name(author))
        limits.check_pages(len(pdf.pages))
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


def _refusing(
    reader: Callable[[bytes], Iterator[Segment | Finding]],
) -> Callable[[bytes], Iterator[Segment | Finding]]:
    """`reader` with a limit it hits raised as a `ScreenError` (English and Chinese reason), the one
    error its callers (the screen, the search index) handle."""

    @functools.wraps(reader)
    def read(data: bytes) -> Iterator[Segment | Finding]:
        try:
            yield from reader(data)
        except limits.LimitExceeded as exc:
            raise ScreenError(str(exc), exc.zh) from exc

    return read


#: The reader of each supported extension; each raises `ScreenError` for a file it cannot read.
READERS = {
    suffix: _refusing(reader)
    for suffix, reader in (
        (".txt", read_txt),
        (".html", read_html),
        (".htm", read_html),
        (".docx", read_docx),
        (".xlsx", read_xlsx),
        (".pdf", read_pdf),
    )
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
    budget = limits.TextBudget()
    try:
        for item in reader(data):
            if isinstance(item, Segment):
                budget.take(item.text)
                segments.append(item)
            else:
                findings.append(item)
    except limits.LimitExceeded as exc:
        raise ScreenError(str(exc), exc.zh) from exc
    findings.extend(text_findings(segments))
    return findings


def screen_file(path: str | Path) -> list[Finding]:
    """Findings in one file; `ScreenError` when it cannot be read."""
    path = Path(path)
    try:
        data = limits.read_file(path)
    except OSError as exc:
        raise ScreenError(f"cannot read {path}: {exc.strerror or exc}", "文件无法打开") from exc
    except limits.LimitExceeded as exc:
        raise ScreenError(str(exc), exc.zh) from exc
    return screen_bytes(path.name, data)


def screen_file_isolated(path: str | Path, seconds: float = limits.TIME_LIMIT) -> list[Finding]:
    """`screen_file` in a child process limited to `seconds` and `limits.MEMORY_LIMIT`, so a
    hostile file costs at most that budget; over it, `ScreenError` saying which limit."""
    try:
        return limits.isolated(screen_file, str(path), seconds=seconds)
    except limits.LimitExceeded as exc:
        raise ScreenError(str(exc), exc.zh) from exc


def screen_text(text: str, where: str = "text") -> list[Finding]:
    """Findings in a piece of plain text, one segment per line (`where` is the prefix)."""
    return list(
        text_findings(
            Segment(f"{where} line {n}", line) for n, line in enumerate(text.splitlines(), 1) if line.strip()
        )
    )
