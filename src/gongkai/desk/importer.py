"""Import of the 12345 hotline platform's export (.xlsx/.csv) as transfers (转办件).

The header names the platform prints are accepted (工单编号, 受理时间, 办理时限, 诉求标题, …,
several spellings each; see `COLUMNS`). Each row is checked with the registration rules of
`gongkai.desk.services.validate`; a row with an error — a case number already registered or
repeated in the file included — is refused on its own and reported with its row number, and the
other rows are written together in one transaction (a re-export of the platform's cumulative
list therefore only adds the new cases). ``dry_run`` checks every row and writes nothing.
Messages never repeat a caller's phone number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from gongkai import clock, limits
from gongkai.agencies.permissions import Action, require
from gongkai.desk import services
from gongkai.desk.models import Case, Kind
from gongkai.sheets import cell_date, read_table

#: Header text (as the platform exports it) → case field.
COLUMNS: dict[str, str] = {
    "工单编号": "number", "工单号": "number", "编号": "number",
    "受理时间": "received_on", "来电时间": "received_on", "派单时间": "received_on", "交办日期": "received_on",
    "办理时限": "due_on", "办结时限": "due_on", "答复期限": "due_on",
    "诉求标题": "title", "标题": "title",
    "诉求内容": "question", "内容": "question",
    "诉求类别": "topic", "类别": "topic", "主题": "topic",
    "来电人": "asker_name", "诉求人": "asker_name",
    "联系电话": "asker_phone", "来电号码": "asker_phone",
    "承办单位": "office", "承办科室": "office",
}
REQUIRED = {"number": "工单编号", "received_on": "受理时间", "title": "诉求标题"}
#: Largest export read (rows after the header).
MAX_ROWS = 20000


class FileProblem(ValueError):
    """The file as a whole cannot be imported (English, for the CLI; the web page words its own)."""


@dataclass
class Row:
    number: int  # spreadsheet row (header = 1)
    values: dict[str, Any]
    fields: dict[str, Any] | None = None
    error: str = ""


@dataclass
class Outcome:
    rows: list[Row] = field(default_factory=list)
    written: list[Case] = field(default_factory=list)

    @property
    def refused(self) -> list[Row]:
        return [r for r in self.rows if r.error]

    @property
    def valid(self) -> list[Row]:
        return [r for r in self.rows if not r.error]


def read(path: Path) -> list[list[Any]]:
    """The export's cells, read in a child process bounded in time and memory (`gongkai.limits`):
    the file comes from outside. `SheetError` / `LimitExceeded` when it cannot be read."""
    return limits.isolated(read_table, path)


def rows_of(table: list[list[Any]]) -> list[Row]:
    """Rows keyed by field from a table whose first row is the header."""
    if not table:
        raise FileProblem("the file is empty; the first row must be the header (工单编号, 受理时间, 诉求标题, …)")
    header = [str(h or "").strip() for h in table[0]]
    keys = [COLUMNS.get(h) for h in header]
    missing = [label for key, label in REQUIRED.items() if key not in keys]
    if missing:
        raise FileProblem(f"missing column(s): {', '.join(missing)}")
    if len(table) - 1 > MAX_ROWS:
        raise FileProblem(f"too many rows ({len(table) - 1}); at most {MAX_ROWS} per file")
    rows = []
    for n, cells in enumerate(table[1:], start=2):
        if all(c in (None, "") or (isinstance(c, str) and not c.strip()) for c in cells):
            continue
        rows.append(Row(n, {k: c for k, c in zip(keys, cells, strict=False) if k and c is not None}))
    return rows


def _date(value: Any, label: str) -> dt.date | None:
    """A date cell; the platform's ``2026-11-17 09:30:00`` text keeps its date."""
    if isinstance(value, str) and " " in value.strip():
        value = value.strip().split()[0]
    try:
        return cell_date(value)
    except ValueError:
        raise services.DeskError(f"{label}：“{value}”不是日期（例如 2026-11-17）") from None


def check(agency, rows: list[Row], today: dt.date, tick: Callable[[], None] = lambda: None) -> None:
    """Fill each row's fields or error; a number seen earlier in the file or already stored is refused."""
    stored = set(Case.objects.filter(agency=agency, kind=Kind.HOTLINE).values_list("number", flat=True))
    seen: dict[str, int] = {}
    for row in rows:
        tick()
        v: dict[str, Any] = {k: (str(c).strip() if not isinstance(c, dt.date) else c) for k, c in row.values.items()}
        try:
            v["received_on"] = _date(row.values.get("received_on"), "受理时间")
            v["due_on"] = _date(row.values.get("due_on"), "办理时限")
            fields = services.validate(agency, {**v, "kind": Kind.HOTLINE}, today)
        except services.DeskError as exc:
            row.error = str(exc)
            continue
        number = fields["number"]
        if number in stored:
            row.error = f"工单编号“{number}”已登记，不能重复导入"
        elif number in seen:
            row.error = f"工单编号“{number}”与第{seen[number]}行重复"
        else:
            seen[number] = row.number
            row.fields = fields


def run(agency, table: list[list[Any]], *, actor=None, dry_run: bool = False,
        progress: Callable[[str, int, int], None] = lambda stage, done, total: None) -> Outcome:
    """Check every row, then (unless `dry_run`) write the valid ones in one transaction."""
    if actor is not None:
        require(actor, agency, Action.ACT)
    outcome = Outcome(rows_of(table))
    total = len(outcome.rows)
    checked = iter(range(1, total + 1))
    check(agency, outcome.rows, clock.today(), lambda: progress("checking", next(checked), total))
    if dry_run:
        return outcome
    valid = outcome.valid
    with transaction.atomic():
        for done, row in enumerate(valid, start=1):
            assert row.fields is not None
            outcome.written.append(services.create(actor, agency, dict(row.fields), "导入12345工单"))
            progress("importing", done, len(valid))
    return outcome
