"""Read an Excel workbook (.xlsx, .xlsm) of a report's tables into a `Document`.

Each visible sheet becomes the rows the assembler reads, as the HTML and Word readers give them:
one list of cell texts per row, a merged cell's text in its top-left position and the positions it
covers empty (Excel keeps no value there), rows with no value left out. The single-cell rows above
a sheet's first row of two or more cells (a title such as “某局2024年政府信息公开工作年度报告统计表”,
a heading such as “二、主动公开政府信息情况”) and below its last are paragraphs; the rows between
are one table, so a heading row between two tables of one sheet stays a table row, where the
walker reads headings too. Hidden sheets are not read: they are not what the workbook shows.

A cell's text is what Excel shows: a number as its number format prints it (decimal places), a
whole number without ``.0``, a date as 2025年1月31日, an error value (``#REF!``) as it is, which
no column reads as a number.

Formulas. A workbook saved by Excel, WPS or LibreOffice holds each formula's last computed value,
and that value is what the reader takes (openpyxl ``data_only``): it is what the file shows. A
workbook written by a library (openpyxl, as our own export, which writes its totals as =SUM(…)
formulas) holds no computed value, and openpyxl computes none. For such a cell the reader
evaluates the formula itself, but only in the forms whose value is certain — SUM of cells,
ranges and numbers of the same sheet, and cells and numbers added and subtracted (=SUM(D7:D27),
=C9-B9+E9), summed in decimal as Excel does (blank and text cells in a SUM count nothing; a text
cell added with + is an error). Any other formula (IF, another sheet, a function) is never
guessed: the cell keeps the formula's text, which reads as no number, so the table is reported
incomplete and the cell unplaced rather than given a value the workbook does not show. The
exporter is not changed to store values beside its formulas: openpyxl cannot write them, and a
value written by us would be a second copy of the figure that Excel replaces on its first
recalculation anyway.

Bounded like every reader: the file's size (`limits.read_file`, before this reader), the zip's
members, declared and inflated (`limits.check_zip`, as openpyxl reads the parts without caps),
the worksheets' inflated size (`limits.check_sheets`), rows and cells walked
(`limits.SheetBudget`), the characters of text (`limits.TextBudget`), and time and memory by the
worker process every audit runs in. Sheets are read with openpyxl's read-only (streaming) reader,
their declared dimensions ignored: a sheet claiming a million columns is not padded out to them.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from gongkai import limits
from gongkai.annual.parse import MAX_REPORT_CHARS, ReadError
from gongkai.annual.parse.document import Block, Document, Paragraph, TableBlock

#: openpyxl's sheet states other than shown
_VISIBLE = "visible"
#: the decimal places a number format prints: 0.00, #,##0.0000_);… (the first section)
_PLACES = re.compile(r"\.(0+)")
#: a formula of the forms evaluated: cells, ranges, numbers, SUM(…), + and -
_TOKEN = re.compile(
    r"\s*(?:(?P<sum>SUM)\s*\(|(?P<range>\$?[A-Z]{1,3}\$?\d+\s*:\s*\$?[A-Z]{1,3}\$?\d+)"
    r"|(?P<ref>\$?[A-Z]{1,3}\$?\d+)|(?P<number>\d+(?:\.\d+)?)|(?P<op>[+\-,)]))",
    re.IGNORECASE,
)
_CELL = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)", re.IGNORECASE)
#: formulas referring to formulas, as deep as a total of totals of totals; deeper is not followed
_MAX_DEPTH = 8

Grid = dict[tuple[int, int], Any]


class Unsupported(ValueError):
    """A formula whose value the reader does not compute."""


def _column(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def _address(text: str) -> tuple[int, int]:
    m = _CELL.fullmatch(text.strip())
    if m is None:
        raise Unsupported(text)
    return int(m.group(2)), _column(m.group(1))


class _Formulas:
    """The values of one sheet's formulas that hold no computed value (see the module docstring)."""

    def __init__(self, values: Grid, formulas: dict[tuple[int, int], str]) -> None:
        self.values, self.formulas = values, formulas
        self.done: dict[tuple[int, int], Decimal | None] = {}

    def value(self, at: tuple[int, int], depth: int = 0) -> Decimal | None:
        """The formula's value, None when its form is not one evaluated."""
        if at not in self.done:
            self.done[at] = None  # a cycle reads as not evaluated
            try:
                self.done[at] = self._evaluate(self.formulas[at], depth)
            except (Unsupported, InvalidOperation, RecursionError):
                self.done[at] = None
        return self.done[at]

    def _cell(self, at: tuple[int, int], depth: int, in_sum: bool) -> Decimal:
        """A referred cell's number; blank is 0; text counts nothing in a SUM, else is an error."""
        value = self.values.get(at)
        if value is None and at in self.formulas:
            if depth >= _MAX_DEPTH:
                raise Unsupported("formulas nested too deep")
            computed = self.value(at, depth + 1)
            if computed is None:
                raise Unsupported("a formula referring to one not evaluated")
            return computed
        if value is None:
            return Decimal(0)
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            if in_sum:
                return Decimal(0)
            raise Unsupported("text in arithmetic")
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)

    def _evaluate(self, formula: str, depth: int) -> Decimal:
        source = formula.removeprefix("=").rstrip()
        tokens: list[tuple[str | None, str]] = []
        end = 0
        for m in _TOKEN.finditer(source):
            if m.start() != end:  # something no token covers: another function, another sheet
                raise Unsupported(formula)
            tokens.append((m.lastgroup, m.group(m.lastgroup or 0)))
            end = m.end()
        if end != len(source) or not tokens:
            raise Unsupported(formula)
        position = 0

        def take() -> tuple[str | None, str]:
            nonlocal position
            if position >= len(tokens):
                raise Unsupported(formula)
            position += 1
            return tokens[position - 1]

        def term(in_sum: bool) -> Decimal:
            kind, text = take()
            sign = 1
            while kind == "op" and text in "+-":
                sign = -sign if text == "-" else sign
                kind, text = take()
            if kind == "number":
                return sign * Decimal(text)
            if kind == "ref":
                return sign * self._cell(_address(text), depth, in_sum)
            if kind == "range" and in_sum:
                return sign * self._range(text, depth)
            if kind == "sum":
                total = term(True)
                while True:
                    kind, text = take()
                    if kind == "op" and text == ")":
                        return sign * total
                    if kind != "op" or text != ",":
                        raise Unsupported(formula)
                    total += term(True)
            raise Unsupported(formula)

        result = term(False)
        while position < len(tokens):
            kind, text = take()
            if kind != "op" or text not in "+-":
                raise Unsupported(formula)
            result += term(False) if text == "+" else -term(False)
        return result

    def _range(self, text: str, depth: int) -> Decimal:
        first, last = (_address(part) for part in text.split(":"))
        (r0, c0), (r1, c1) = first, last
        rows, cols = range(min(r0, r1), max(r0, r1) + 1), range(min(c0, c1), max(c0, c1) + 1)
        if len(rows) * len(cols) <= len(self.values) + len(self.formulas):
            held = [(r, c) for r in rows for c in cols]
        else:  # the cells the sheet holds, never every position of a range spanning the whole sheet
            held = sorted(at for at in {*self.values, *self.formulas} if at[0] in rows and at[1] in cols)
        return sum((self._cell(at, depth, True) for at in held), Decimal(0))


def _number_text(value: Decimal | int | float, number_format: str | None) -> str:
    """A number as Excel shows it: the format's decimal places, else without float noise."""
    if isinstance(value, int):
        return str(value)
    number = Decimal(repr(value)) if isinstance(value, float) else value
    if not number.is_finite():
        return str(value)
    places = _PLACES.search((number_format or "").split(";")[0]) if number_format else None
    try:
        number = number.quantize(Decimal(1).scaleb(-len(places.group(1)))) if places else round(number, 10)
    except InvalidOperation:  # more digits than decimal arithmetic holds: as stored
        return format(number, "f")
    if number == number.to_integral_value():
        return str(int(number))
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if not places else text


def _text(value: Any, number_format: str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float | Decimal):
        return _number_text(value, number_format)
    if isinstance(value, dt.datetime | dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, dt.time | dt.timedelta):
        return str(value)
    lines = (line.strip() for line in str(value).replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def _cells(ws, budget: limits.SheetBudget) -> Iterator[tuple[int, list[Any]]]:
    """(row number, cells) of every row holding a value, counted against the budget."""
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()  # the sheet's declared size may lie; only the cells held are walked
    for number, row in enumerate(ws.iter_rows(), 1):
        filled = any(cell.value is not None for cell in row)
        budget.take(len(row), filled=filled)
        if filled:
            yield number, list(row)


def _sheet_values(ws, budget: limits.SheetBudget) -> tuple[Grid, dict[tuple[int, int], str]]:
    """(row, column) → value, and → number format where one is set."""
    values: Grid = {}
    formats: dict[tuple[int, int], str] = {}
    for r, row in _cells(ws, budget):
        for c, cell in enumerate(row, 1):
            if cell.value is None:
                continue
            values[(r, c)] = cell.value
            number_format = getattr(cell, "number_format", None)
            if number_format and number_format != "General":
                formats[(r, c)] = number_format
    return values, formats


def _formulas(ws, budget: limits.SheetBudget) -> dict[tuple[int, int], str]:
    """(row, column) → formula text of a sheet read with formulas (array formulas as their text)."""
    out: dict[tuple[int, int], str] = {}
    for r, row in _cells(ws, budget):
        for c, cell in enumerate(row, 1):
            if getattr(cell, "data_type", None) == "f":
                text = getattr(cell.value, "text", cell.value)  # openpyxl's ArrayFormula: its text
                out[(r, c)] = str(text if text is not None else "=?")
    return out


def sheet_rows(
    values: Grid, formats: dict[tuple[int, int], str], formulas: dict[tuple[int, int], str]
) -> list[list[str]]:
    """The sheet as rows of cell texts: rows and columns holding nothing left out; a formula
    without a computed value evaluated where its form allows (`_Formulas`), else its text."""
    computed = _Formulas(values, formulas)
    texts: dict[tuple[int, int], str] = {}
    for at in {*values, *formulas}:
        if values.get(at) is not None:
            text = _text(values[at], formats.get(at))
        else:
            number = computed.value(at)
            text = formulas[at] if number is None else _number_text(number, formats.get(at))
        if text:
            texts[at] = text
    rows = sorted({r for r, _ in texts})
    columns = sorted({c for _, c in texts})
    limits.SheetBudget().take(len(rows) * len(columns), filled=False)  # the grid drawn from them
    return [[texts.get((r, c), "") for c in columns] for r in rows]


def blocks_of(rows: list[list[str]]) -> list[Block]:
    """A sheet's rows as paragraphs (single-cell rows above and below its table) and one table."""
    wide = [i for i, row in enumerate(rows) if sum(1 for c in row if c) >= 2]
    if not wide:
        return [Paragraph(c) for row in rows for c in row if c]
    first, last = wide[0], wide[-1]
    out: list[Block] = [Paragraph(c) for row in rows[:first] for c in row if c]
    out.append(TableBlock(rows[first : last + 1]))
    out.extend(Paragraph(c) for row in rows[last + 1 :] for c in row if c)
    return out


def _load(data: bytes, *, data_only: bool):
    import openpyxl

    # a file object, not the path: openpyxl would refuse a name not ending in .xlsx, and the
    # auditor reads a file by its bytes, whatever its name
    return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=data_only, keep_links=False)


def _guarded(path: str | Path, read: Callable[[], Any]) -> Any:
    try:
        return read()
    except limits.LimitExceeded:
        raise
    except (MemoryError, RecursionError):
        raise
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise ReadError(path, f"not a readable Excel .xlsx workbook ({exc.__class__.__name__})") from None


def read(path: str | Path) -> Document:
    """The workbook's visible sheets as a `Document`; an unreadable workbook raises ReadError,
    one over a limit `limits.LimitExceeded`."""
    data = limits.read_file(path)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            limits.check_zip(archive, inflate=True)  # openpyxl reads the parts itself, without caps
            limits.check_sheets(archive)
            sheets_xml = [
                limits.read_member(archive, info, limits.MAX_SHEET_BYTES)
                for info in archive.infolist()
                if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")
            ]
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError):
        # damaged, or a member compressed or encrypted in a way zipfile does not read
        raise ReadError(path, "truncated or damaged zip/Excel file") from None
    has_formulas = any(re.search(rb"<(?:\w+:)?f[\s>/]", xml) for xml in sheets_xml)
    del sheets_xml
    budget = limits.SheetBudget()
    book = _guarded(path, lambda: _load(data, data_only=True))
    try:
        sheets = _guarded(path, lambda: [
            (ws.title, *_sheet_values(ws, budget)) for ws in book.worksheets
            if getattr(ws, "sheet_state", _VISIBLE) == _VISIBLE and hasattr(ws, "iter_rows")
        ])  # fmt: skip
        metadata = {
            key: text.strip()
            for key, text in (("title", book.properties.title), ("author", book.properties.creator))
            if isinstance(text, str) and text.strip()
        }
    finally:
        book.close()
    formulas: dict[str, dict[tuple[int, int], str]] = {}
    if has_formulas:  # only then is a formula's value perhaps not stored
        budget = limits.SheetBudget()
        book = _guarded(path, lambda: _load(data, data_only=False))
        try:
            formulas = _guarded(path, lambda: {
                ws.title: _formulas(ws, budget) for ws in book.worksheets
                if getattr(ws, "sheet_state", _VISIBLE) == _VISIBLE and hasattr(ws, "iter_rows")
            })  # fmt: skip
        finally:
            book.close()
    text = limits.TextBudget(MAX_REPORT_CHARS)
    blocks: list[Block] = []
    for title, values, formats in sheets:
        rows = sheet_rows(values, formats, formulas.get(title, {}))
        for row in rows:
            text.add(sum(len(c) for c in row))
        blocks.extend(blocks_of(rows))
    return Document(blocks=blocks, kind="xlsx", metadata=metadata)
