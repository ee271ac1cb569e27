"""The annual-report model: one dataclass keyed by the canonical keys of shared/spec.

Records, parsers and renderers all meet here. Table values live in plain nested dicts
(``report.applications["new"]["total"]``) exactly as in the JSON contract, so that the JSON form
is the model and a key the report does not contain is simply absent.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from gongkai.annual.formats import FORMATS

Number = int | Decimal
Values = dict[str, dict[str, Number]]
#: (table, row, column) of one cell
CellRef = tuple[str, str, str]
TABLES = ("proactive", "applications", "appeals", "legacy")
AgencyKind = Literal["government", "department"]


@dataclass(frozen=True)
class Ambiguity:
    """A row whose printed numbers admit several readings fitting the table's identities
    (AMBIGUOUS_CELLS): cells glued together, or fewer numbers than cells (blank cells dropped)."""

    table: str
    row: str
    text: str
    candidates: tuple[tuple[int, ...], ...]
    gapped: bool = False  #: fewer numbers than cells, rather than cells glued together


@dataclass
class Report:
    era: str
    agency: str | None = None
    year: int | None = None
    published: date | None = None
    #: government (deadline 31 March) or department (31 January); None when unknown
    agency_kind: AgencyKind | None = None
    proactive: Values = field(default_factory=dict)
    applications: Values = field(default_factory=dict)
    appeals: Values = field(default_factory=dict)
    legacy: Values = field(default_factory=dict)
    #: narrative text per section key of the format (overview, proactive, …); for era 2008 the
    #: whole body under "body"
    sections: dict[str, str] = field(default_factory=dict)
    #: cells printed blank (read as 0)
    blank_cells: set[CellRef] = field(default_factory=set)
    #: cells a cut-off table never printed (TABLE_INCOMPLETE)
    missing_cells: list[CellRef] = field(default_factory=list)
    ambiguous: list[Ambiguity] = field(default_factory=list)
    #: text the parser found in a table but could not place, reported rather than guessed
    unplaced: list[str] = field(default_factory=list)
    #: the text stops before the report ends (an excerpt, a page cut off): the sections after the
    #: cut are not missing from the report, only from the text
    truncated: bool = False
    #: tables whose section is printed without them (published as images): TABLE_NOT_TEXT
    absent_tables: list[str] = field(default_factory=list)
    #: cells read from the report's sentences, not from a table (era 2008 narratives): a sentence
    #: is not compared with another (NARRATIVE_MISMATCH)
    stated_cells: set[CellRef] = field(default_factory=set)
    #: the file holds the report's tables and no text of its sections (a workbook of the tables):
    #: no section is missing from the report for that (SECTION_MISSING)
    tables_only: bool = False

    def __post_init__(self) -> None:
        if self.era not in FORMATS:
            raise ValueError(f"unknown report era {self.era!r}; known: {', '.join(FORMATS)}")

    @property
    def format(self):
        return FORMATS[self.era]

    def values(self, table: str) -> Values:
        if table not in TABLES:
            raise KeyError(f"unknown table {table!r}")
        return getattr(self, table)

    def get(self, table: str, row: str, column: str) -> Number | None:
        return self.values(table).get(row, {}).get(column)

    def set(self, table: str, row: str, column: str, value: Number) -> None:
        self.values(table).setdefault(row, {})[column] = value


def template(era: str) -> Report:
    """An empty report of an era: every cell of its tables present and 0, no narrative yet."""
    fmt = FORMATS[era]
    report = Report(era=era)
    for table in fmt.tables:
        for row, column in table.cells():
            if not column.optional:
                report.set(table.key, row.key, column.key, Decimal("0") if column.money else 0)
    return report


# --- JSON -------------------------------------------------------------------------------------


def _number(value: Number) -> int | float:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def to_dict(report: Report, *, findings: list[dict[str, Any]] | None = None, source: str | None = None) -> dict:
    """The JSON-contract form of a report: tables it does not contain are omitted."""
    out: dict[str, Any] = {}
    if source is not None:
        out["source"] = source
    out.update(
        agency=report.agency,
        year=report.year,
        era=report.era,
        published=report.published.isoformat() if report.published else None,
    )
    if report.agency_kind:
        out["agency_kind"] = report.agency_kind
    for table in TABLES:
        values = report.values(table)
        if values:
            out[table] = {row: {col: _number(v) for col, v in cols.items()} for row, cols in values.items()}
    if any(report.sections.values()):
        out["sections"] = dict(report.sections)
    if findings is not None:
        out["findings"] = findings
    return out


def _read_number(value: Any, money: bool) -> Number:
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise ValueError(f"not a number: {value!r}")
    if money:
        return Decimal(str(value))
    if isinstance(value, float) and not value.is_integer():
        raise ValueError(f"not a whole number: {value!r}")
    return int(value)


def from_dict(data: dict) -> Report:
    """A report from its JSON-contract form; unknown rows or columns are an error, not ignored."""
    era = str(data.get("era") or "")
    if era not in FORMATS:
        raise ValueError(f"'era' must be one of {', '.join(FORMATS)}, not {data.get('era')!r}")
    fmt = FORMATS[era]
    published = data.get("published")
    report = Report(
        era=era,
        agency=data.get("agency"),
        year=int(data["year"]) if data.get("year") is not None else None,
        published=date.fromisoformat(published) if published else None,
        agency_kind=data.get("agency_kind"),
        sections=dict(data.get("sections") or {}),
    )
    for table_key in TABLES:
        rows = data.get(table_key)
        if not rows:
            continue
        if not fmt.has_table(table_key):
            raise ValueError(f"era {era} has no table {table_key!r}")
        table = fmt.table(table_key)
        for row_key, cols in rows.items():
            try:
                columns = {c.key: c for c in table.columns_of(row_key)}
            except KeyError:
                raise ValueError(f"{table_key}: unknown row {row_key!r} for era {era}") from None
            for col_key, value in cols.items():
                if col_key not in columns:
                    raise ValueError(f"{table_key}.{row_key}: unknown column {col_key!r}")
                try:
                    report.set(table_key, row_key, col_key, _read_number(value, columns[col_key].money))
                except (ValueError, ArithmeticError) as exc:
                    raise ValueError(f"{table_key}.{row_key}.{col_key}: {exc}") from None
    return report


def dumps(report: Report, **kwargs: Any) -> str:
    return json.dumps(to_dict(report, **kwargs), ensure_ascii=False, indent=2)


def loads(text: str) -> Report:
    return from_dict(json.loads(text, parse_float=Decimal))
