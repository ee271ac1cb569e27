"""Published report files → the report model.

`read_document` sniffs a file's bytes (never its extension) and hands it to the reader of its kind:
a zip holding ``word/document.xml`` is Word, one holding ``xl/workbook.xml`` an Excel workbook
(the report's tables), ``%PDF`` is PDF, markup is HTML, anything else is
text in UTF-8, GB 18030 or UTF-16. Every reader yields a `Document`; `read` assembles it into a
`Report`. A file that cannot be read, or is not an annual report at all, raises `ReadError` with
a one-line English reason. Readers are imported on first use, so reading text never pays for
python-docx, openpyxl or pdfplumber.

A file holding one JSON object with an ``era`` is read as the JSON contract of shared/spec (the
form of our JSON export), by `gongkai.annual.model.from_dict`, not as text.

Reading is bounded (`gongkai.limits`): the file's size, a zip's members, a PDF's pages and
streams, and the text a reader may yield are capped, and `read_isolated` runs `read` in a child
process limited in time and memory (what `gongkai report audit` calls), so a hostile file is a
`ReadError` saying which limit, never a hang.
"""

from __future__ import annotations

import json
import re
import zipfile
from decimal import Decimal
from pathlib import Path

from gongkai import limits
from gongkai.annual.model import Report, from_dict
from gongkai.annual.parse.document import Document, Paragraph

__all__ = ["ReadError", "read", "read_document", "read_isolated"]

_HTML = re.compile(rb"<(?:!doctype\s+html|html|head|body|table|tr|td|p|div|meta)\b", re.IGNORECASE)
#: control bytes that never occur in text files (tab, line ends and form feed excluded)
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
_REPORT_WORDS = re.compile(r"(?:信息公开|政务公开|政府信息)")
#: Characters of text a report may have: twenty times the longest real one.
MAX_REPORT_CHARS = 1_000_000


class ReadError(ValueError):
    """A file that could not be read as an annual report, with a one-line reason."""

    def __init__(self, path: str | Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason

    def __reduce__(self):
        return (type(self), (self.path, self.reason))


def _kind(data: bytes) -> str:
    if data.startswith(b"PK\x03\x04"):
        return "zip"
    if data.lstrip()[:5] == b"%PDF-" or data[:1024].find(b"%PDF-") >= 0:
        return "pdf"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text"
    head = data[:4096]
    if _HTML.search(head):
        return "html"
    if b"\x00" in head or len(head) - len(head.translate(None, _CONTROL)) > len(head) // 100:
        return "binary"
    return "text"


def read_document(path: str | Path) -> Document:
    """The file as paragraphs and tables, whatever its kind; `ReadError` over a limit."""
    try:
        return _read_document(path)
    except limits.LimitExceeded as exc:
        raise ReadError(path, str(exc)) from None


def _read_document(path: str | Path) -> Document:
    try:
        data = limits.read_file(path)
    except FileNotFoundError:
        raise ReadError(path, "no such file") from None
    except IsADirectoryError:
        raise ReadError(path, "is a directory, not a file") from None
    except OSError as exc:
        raise ReadError(path, f"cannot be opened ({exc.strerror or exc.__class__.__name__})") from None
    if not data or data.isspace():  # no stripped copy of a large file
        raise ReadError(path, "empty file")
    kind = _kind(data)
    if kind in ("text", "html"):
        limits.check_text_bytes(data)
    if kind == "zip":
        try:
            with zipfile.ZipFile(path) as archive:
                limits.check_zip(archive)
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            raise ReadError(path, "truncated or damaged zip/Word file") from None
        if "word/document.xml" in names:
            from gongkai.annual.parse import docx

            return docx.read(path)
        if "xl/workbook.xml" in names:
            from gongkai.annual.parse import xlsx

            return xlsx.read(path)
        raise ReadError(path, "a zip archive that is not a Word .docx document")
    if kind == "pdf":
        from gongkai.annual.parse import pdf

        return pdf.read(path)
    if kind == "html":
        from gongkai.annual.parse import html

        return html.read(path)
    if kind == "binary":
        raise ReadError(path, "binary file, not a text, HTML, Word or PDF report")
    from gongkai.annual.parse import text

    try:
        decoded = text.decode(data)
    except UnicodeDecodeError:
        raise ReadError(path, "binary or undecodable text (neither UTF-8, GB 18030 nor UTF-16)") from None
    limits.TextBudget(MAX_REPORT_CHARS).take(decoded)
    return text.parse(decoded)


def _is_report(report: Report) -> bool:
    """Tables of the format, or a report title (the year is read from the title or the 统计期限)."""
    if any(report.values(t) for t in ("proactive", "applications", "appeals", "legacy")):
        return True
    return report.year is not None and bool(_REPORT_WORDS.search("\n".join(report.sections.values())))


def _contract(path: str | Path) -> Report | None:
    """The report of a file in the JSON contract of shared/spec (our JSON export, one object with
    its ``era``); None for any other file, a `ReadError` for such an object that breaks the contract
    (an unknown row or column, a value that is no number)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(1024)
    except OSError:
        return None  # `read_document` says why
    if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return None
    try:
        data = limits.read_file(path, limits.MAX_TEXT_FILE_BYTES)
        value = json.loads(data.decode("utf-8-sig"), parse_float=Decimal)
    except limits.LimitExceeded as exc:
        raise ReadError(path, str(exc)) from None
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None  # text that only begins with a brace
    if not isinstance(value, dict) or "era" not in value:
        return None
    try:
        return from_dict(value)
    except (ValueError, TypeError, KeyError) as exc:
        raise ReadError(path, f"JSON not in the report contract ({exc})") from None


def read(path: str | Path) -> Report:
    """The report a file publishes; `ReadError` when it cannot be read or is no annual report."""
    from gongkai.annual.parse.assemble import assemble

    report = _contract(path)
    if report is not None:
        if not _is_report(report):
            raise ReadError(path, "not a government information disclosure annual report (no report title or tables)")
        return report
    doc = read_document(path)
    if not any(isinstance(b, Paragraph) and b.text.strip() for b in doc.blocks) and not any(
        not isinstance(b, Paragraph) for b in doc.blocks
    ):
        raise ReadError(path, "no text found")
    report = assemble(doc)
    # a workbook prints the report's tables: without the text of the sections that have no table
    # (一、五、六) it is the tables alone, not a report missing those sections
    report.tables_only = doc.kind == "xlsx" and not any(
        report.sections.get(s.key) for s in report.format.sections if s.table is None
    )
    if not _is_report(report):
        raise ReadError(
            path, "not a government information disclosure annual report (no report title or tables)"
        )
    return report


def read_isolated(path: str | Path) -> Report:
    """`read` in a child process limited in time and memory (`limits.isolated`); over a limit,
    `ReadError` saying which."""
    try:
        return limits.isolated(read, str(path))
    except limits.LimitExceeded as exc:
        raise ReadError(path, str(exc)) from None
