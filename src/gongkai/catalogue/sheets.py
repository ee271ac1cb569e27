"""Reading spreadsheets for imports: .xlsx (first sheet) or UTF-8 .csv, as dicts keyed by header."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import Any


class SheetError(ValueError):
    """The file cannot be read as a spreadsheet (English message, for the CLI and logs)."""


def read_rows(path: Path) -> list[dict[str, Any]]:
    """Rows of an .xlsx (first sheet) or .csv (UTF-8) as dicts keyed by the header row's text."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise SheetError(f"{path}: no such file")
    if suffix == ".csv":
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise SheetError(f"{path.name}: a CSV file must be UTF-8 encoded") from exc
        rows = csv.DictReader(io.StringIO(text))
        return [dict(r) for r in rows if any((v or "").strip() for v in r.values() if isinstance(v, str))]
    if suffix == ".xlsx":
        import openpyxl

        try:
            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError) as exc:
            raise SheetError(f"{path.name}: not a readable .xlsx workbook ({exc})") from exc
        rows = wb.worksheets[0].iter_rows(values_only=True)
        header = [str(h).strip() if h is not None else "" for h in next(rows, [])]
        return [dict(zip(header, r, strict=False)) for r in rows if any(v not in (None, "") for v in r)]
    raise SheetError(f"{path.name}: only .xlsx and .csv files can be imported")
