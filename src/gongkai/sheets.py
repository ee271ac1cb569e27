"""Reading spreadsheets for imports: .xlsx (first sheet) or UTF-8 .csv, as cells or as dicts keyed by header.

Shared by every import (catalogue items, section 二 figures, past applications) so that they
accept the same files and refuse unreadable ones with the same messages. Reading is bounded
(`gongkai.limits`): the file's size, the workbook's zip members and the number of rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any

from gongkai import limits

#: Rows an import may have (a county's catalogue or ten years of applications are far fewer).
MAX_ROWS = 200_000


class SheetError(ValueError):
    """The file cannot be read as a spreadsheet (English message, for the CLI and logs)."""


def read_table(path: Path) -> list[list[Any]]:
    """The cells of an .xlsx file's first sheet or of a .csv file (UTF-8, with or without BOM), row by row."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise SheetError(f"{path}: no such file")
    try:
        if suffix == ".csv":
            return _rows(csv.reader(io.StringIO(_csv_text(path))))
        if suffix == ".xlsx":
            return _xlsx_rows(path)
    except limits.LimitExceeded as exc:
        raise SheetError(f"{path.name}: {exc}") from exc
    raise SheetError(f"{path.name}: only .xlsx and .csv files can be imported")


def _csv_text(path: Path) -> str:
    data = limits.read_file(path)
    limits.check_text_bytes(data)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SheetError(f"{path.name}: a CSV file must be UTF-8 encoded") from exc


def _xlsx_rows(path: Path) -> list[list[Any]]:
    """The first sheet, streamed (openpyxl's read-only mode) after the package's sizes are checked."""
    import openpyxl

    try:
        limits.check_file_size(path)
        with zipfile.ZipFile(path) as package:
            limits.check_zip(package)  # zipfile never inflates a member past its declared size
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise SheetError(f"{path.name}: not a readable .xlsx workbook ({exc})") from exc
    return _rows(wb.worksheets[0].iter_rows(values_only=True))


def _rows(rows) -> list[list[Any]]:
    out: list[list[Any]] = []
    for row in rows:
        out.append(list(row))
        if len(out) > MAX_ROWS:
            raise limits.LimitExceeded(f"more than {MAX_ROWS:,} rows", f"超过{MAX_ROWS}行")
    return out


_DATE_CELL = re.compile(r"\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?\s*")


def cell_date(value: Any) -> dt.date | None:
    """A date cell: a spreadsheet date, or text such as 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日.

    A blank cell is ``None``; anything else raises `ValueError`, which each import words for its
    own readers.
    """
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if m := _DATE_CELL.fullmatch(str(value)):
        try:
            return dt.date(*map(int, m.groups()))
        except ValueError:
            pass
    raise ValueError(f"{value!r} is not a date")


def _blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def read_rows(path: Path) -> list[dict[str, Any]]:
    """The rows after the header as dicts keyed by the header's (stripped) text; blank rows left out.

    A row shorter than the header has ``None`` for the missing cells; cells beyond the header
    are dropped (as `csv.DictReader` would, less its ``None`` key).
    """
    table = read_table(path)
    if not table:
        return []
    header = [str(h).strip() if h is not None else "" for h in table[0]]
    return [
        dict(zip(header, [*r, *[None] * (len(header) - len(r))], strict=False))
        for r in table[1:]
        if not all(_blank(c) for c in r[: len(header)])
    ]
