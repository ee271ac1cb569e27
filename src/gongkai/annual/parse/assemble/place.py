"""Values → the report's cells: a row's printed values onto its columns (by the header where it
reads, else the format's order), glued and gapped rows split by the table's identities, rows left
open settled by the column identities, and what was never printed listed as missing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from itertools import product

from gongkai.annual.checks import application_identities_hold, identities_within
from gongkai.annual.formats import APPEAL_COLUMNS, APPEALS, FORMATS, Column, Format, Table
from gongkai.annual.model import Ambiguity, Report
from gongkai.annual.parse import narrative
from gongkai.annual.parse.assemble.headers import HeaderMap
from gongkai.annual.parse.assemble.items import Item
from gongkai.annual.parse.cells import Unreadable, cell_value
from gongkai.annual.parse.glued import is_glued, place_gapped, split_glued

_MAX_COMBINATIONS = 4096


@dataclass
class _OpenRow:
    """An applications row its own identity left with several readings: the columns decide."""

    row: str
    keys: list[str]
    readings: dict[tuple[int, ...], frozenset[int]]  #: values → positions read as blank cells
    text: str
    gapped: bool


def _readings(
    segments: list[str], parts: int, rule: Callable[[tuple[int, ...]], bool], gaps: bool
) -> dict[tuple[int, ...], frozenset[int]] | None:
    """The readings of a row printed with fewer cells than it has, each with the positions it
    reads as blank: glued cells split, else (``gaps``) the numbers spread over the cells with
    blanks between (digits enough for every cell that split into them fill every cell). None
    when there are too many splits to try."""
    out: dict[tuple[int, ...], frozenset[int]] = {}
    if is_glued(segments, parts):
        splits = split_glued(segments, parts, rule)
        if splits is None:
            return None
        out.update(dict.fromkeys(splits, frozenset()))
    if gaps and not out and segments and all(v.isdigit() and v.isascii() for v in segments):
        for values, blank in place_gapped([int(v) for v in segments], parts, rule).items():
            out[values] = out.get(values, frozenset()) | blank
    return out


@cache
def _columns(era: str, table: str, row: str) -> dict[str, Column]:
    return {c.key: c for c in FORMATS[era].table(table).columns_of(row)}


class Placer:
    """Places a report's values in its cells, remembering what it read as blank, could not place,
    or found ambiguous; `resolve_open_rows` and `missing` finish once every row is read."""

    def __init__(self, report: Report, fmt: Format, items: list[Item]) -> None:
        self.report = report
        self.fmt = fmt
        self.items = items
        self.optional_seen: set[tuple[str, str, str]] = set()
        self.open_rows: list[_OpenRow] = []
        self.ambiguous_rows: set[tuple[str, str]] = set()
        self._stated: dict[tuple[str, str, str], int] | None = None

    def as_stated(
        self, table: str, row: str, keys: list[str], readings: dict[tuple[int, ...], frozenset[int]]
    ) -> dict[tuple[int, ...], frozenset[int]]:
        """The readings of a glued row that agree with the numbers the report's own sentences
        state for its cells (全年共收到政府信息公开申请62件); all of them when none does."""
        stated = self.stated()
        fixed = [(i, stated[(table, row, key)]) for i, key in enumerate(keys) if (table, row, key) in stated]
        kept = {r: b for r, b in readings.items() if all(r[i] == v for i, v in fixed)}
        return kept or readings

    def stated(self) -> dict[tuple[str, str, str], int]:
        if self._stated is None:
            text = "\n".join(item for item in self.items if isinstance(item, str))
            told: dict[tuple[str, str, str], set[int]] = {}
            for fact in narrative.facts(self.fmt.era, text):
                told.setdefault((fact.table, fact.row, fact.column), set()).add(fact.value)
            self._stated = {cell: next(iter(v)) for cell, v in told.items() if len(v) == 1}
        return self._stated

    def put(self, table: Table, row: str, column: str, text: str, yuan: bool = False) -> None:
        col = _columns(self.fmt.era, table.key, row).get(column)
        ref = (table.key, row, column)
        if col is None:
            if text:
                self.report.unplaced.append(f"{table.key}.{row}: {text}")
            return
        if col.optional:
            self.optional_seen.add(ref)
        if yuan and col.money and text.strip()[-1:].isdigit():
            text = f"{text.strip()}元"
        try:
            value = cell_value(text, col.money)
        except Unreadable:
            self.report.unplaced.append(f"{table.key}.{row}.{column}: {text}")
            return
        if value is None:
            self.report.blank_cells.add(ref)
            value = Decimal(0) if col.money else 0
        self.report.set(table.key, row, column, value)

    def settle(
        self,
        table: Table,
        row: str,
        keys: list[str],
        values: tuple[int, ...],
        blank: frozenset[int],
        yuan: frozenset[str] = frozenset(),
    ) -> None:
        """A row read from glued or gapped cells: its values, and the cells it read as blank."""
        for i, (key, number) in enumerate(zip(keys, values, strict=True)):
            self.put(table, row, key, str(number), key in yuan)
            if i in blank:
                self.report.blank_cells.add((table.key, row, key))

    def place(
        self, table: Table, row: str, keys: list[str], values: list[str], last: bool, yuan: frozenset[str]
    ) -> None:
        """Values printed after a row's label, mapped onto ``keys`` (the columns in printed order).

        Fewer values than columns are glued cells or dropped blanks, read where the row's identity
        leaves one reading (an applications row may be settled later by the column identities);
        in the table's last row they are the first cells of a row the document cuts off."""
        values = list(values)
        while len(values) > len(keys) and values and not values[-1]:
            values.pop()
        while len(values) > len(keys) and values and not values[0]:
            values.pop(0)
        text = " ".join(v for v in values if v)
        if len(values) == len(keys):
            for key, value in zip(keys, values, strict=True):
                self.put(table, row, key, value, key in yuan)
            return
        segments = [v for v in values if v]
        if len(values) < len(keys):
            rule = identities_within(self.fmt.era, table.key, tuple((row, key) for key in keys))
            readings = _readings(segments, len(keys), rule, gaps=not last)
            if readings is None:
                self.report.unplaced.append(
                    f"{table.key}.{row}: {text} (glued cells, too many splits to try)"
                )
                return
            readings = self.as_stated(table.key, row, keys, readings)
            gapped = not is_glued(segments, len(keys))
            if len(readings) == 1:
                [(numbers, blank)] = readings.items()
                self.settle(table, row, keys, numbers, blank, yuan)
                return
            if readings:
                self.ambiguous_rows.add((table.key, row))
                if table.key == "applications":
                    self.open_rows.append(_OpenRow(row, keys, readings, text, gapped))
                else:
                    self.report.ambiguous.append(
                        Ambiguity(table.key, row, text, tuple(sorted(readings)), gapped)
                    )
                return
            if not gapped:
                self.report.unplaced.append(f"{table.key}.{row}: {text} (glued cells that fit no split)")
                return
        if last and len(values) < len(keys):
            # the document ends inside this row: what was printed is its first cells
            for key, value in zip(keys, values, strict=False):
                self.put(table, row, key, value, key in yuan)
            return
        self.report.unplaced.append(f"{table.key}.{row}: {text or '(no values)'}")

    def place_appeals(self, values: list[str], last: bool) -> None:
        """The one row of 15 numbers, read as `place` reads a row (appeals have no labelled rows)."""
        cells = tuple((g.key, c.key) for g in APPEALS.rows for c in APPEAL_COLUMNS)
        values = list(values)
        while len(values) > len(cells) and not values[-1]:
            values.pop()
        segments = [v for v in values if v]
        text = " ".join(segments)
        blank: frozenset[int] = frozenset()
        if len(values) < len(cells):
            readings = _readings(
                segments, len(cells), identities_within(self.fmt.era, "appeals", cells), gaps=not last
            )
            if readings is None:
                self.report.unplaced.append(f"appeals: {text} (glued cells, too many splits to try)")
                return
            gapped = not is_glued(segments, len(cells))
            if len(readings) > 1:
                self.report.ambiguous.append(Ambiguity("appeals", "*", text, tuple(sorted(readings)), gapped))
                self.ambiguous_rows.update(("appeals", g.key) for g in APPEALS.rows)
                return
            if readings:
                [(numbers, blank)] = readings.items()
                values = [str(v) for v in numbers]
            elif not gapped:
                self.report.unplaced.append(f"appeals: {text} (glued cells that fit no split)")
                return
        if len(values) != len(cells) and not last:
            self.report.unplaced.append(f"appeals: {text}")
            return
        for i, ((group, column), value) in enumerate(zip(cells, values, strict=False)):
            self.put(APPEALS, group, column, value)
            if i in blank:
                self.report.blank_cells.add(("appeals", group, column))

    def place_row(
        self, table: Table, row: str, cells: list[str], j: int, header: HeaderMap | None, last: bool
    ) -> None:
        """A table row whose label stands in ``cells[j]``: its values by the header's columns where
        the header reads, else in the format's order (`place`)."""
        columns = table.columns_of(row)
        own = [c.key for c in columns]
        required = [c.key for c in columns if not c.optional]
        if (
            header
            and header.grid
            and header.width == len(cells)
            and set(required) <= {k for i, k in header.grid.items() if i > j}
        ):
            for i, key in header.grid.items():
                if i > j:
                    self.put(table, row, key, cells[i], key in header.yuan)
            return
        values = cells[j + 1 :]
        keys = [k for k in header.sequence if k in own] if header else []
        if not set(required) <= set(keys) or (table.columns and keys != [k for k in own if k in keys]):
            # a header cut short (本年新), split (商业/企业) or out of the national order: the
            # format's own column order stands
            keys = []
        if not keys:
            printed = sum(1 for v in values if v)
            keys = own if printed > len(required) or len(values) >= len(own) else required
        self.place(table, row, keys, values, last, header.yuan if header else frozenset())

    # once every row is read

    def resolve_open_rows(self) -> None:
        """Settle applications rows left open by their own identity with the column identities;
        what stays open is ambiguous."""
        if not self.open_rows:
            return
        report = self.report
        combos = 1
        for open_row in self.open_rows:
            combos *= len(open_row.readings)
        survivors: list[tuple[tuple[int, ...], ...]] = []
        if combos <= _MAX_COMBINATIONS:
            for combo in product(*(sorted(o.readings) for o in self.open_rows)):
                values = {row: dict(cols) for row, cols in report.applications.items()}
                for o, reading in zip(self.open_rows, combo, strict=True):
                    values[o.row] = dict(zip(o.keys, reading, strict=True))
                if application_identities_hold(values, report.era):
                    survivors.append(combo)
        table = self.fmt.table("applications")
        for i, o in enumerate(self.open_rows):
            options = sorted({combo[i] for combo in survivors}) if survivors else sorted(o.readings)
            if len(options) == 1:
                self.settle(table, o.row, o.keys, options[0], o.readings[options[0]])
                self.ambiguous_rows.discard(("applications", o.row))
            else:
                report.ambiguous.append(Ambiguity("applications", o.row, o.text, tuple(options), o.gapped))

    def missing(self) -> None:
        report = self.report
        for table in self.fmt.tables:
            for row, column in table.cells():
                ref = (table.key, row.key, column.key)
                if column.optional and ref not in self.optional_seen:
                    continue
                if (table.key, row.key) in self.ambiguous_rows or table.key in report.absent_tables:
                    continue
                if report.get(*ref) is None:
                    report.missing_cells.append(ref)

    # era 2008 ----------------------------------------------------------------------------
