"""Section 二 figures not held in the catalogue, entered per agency and year with their source.

Which cells these are follows from the format data (`gongkai.annual.formats`): every cell of the
year's ``proactive`` table except the rows derived from the items themselves (`DERIVED_ROWS`:
rules and normative documents). So era 2021 asks for licensing, penalty and coercion decisions and
fees in 万元; era 2019 for its item counts, changes, decisions and procurement.

For the UI (a simple form): ``entry_cells(year)`` lists (row key, column key, label, money) in
table order; ``current(agency, year)`` the values held; ``save_figures(actor, agency, year,
values, source)`` saves a ``{"licensing.decisions": 12, "fees.amount": "3.5"}`` mapping.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.agencies import audit
from gongkai.agencies.models import Agency, User
from gongkai.agencies.permissions import Action, require
from gongkai.annual.formats import FORMATS, era_for_year
from gongkai.catalogue.models import ProactiveFigure
from gongkai.screening.patterns import mask_text
from gongkai.sheets import SheetError, read_rows

#: Rows of section 二 computed from the items (`gongkai.catalogue.statistics`), never entered.
DERIVED_ROWS = frozenset({"rules", "normative_documents"})


@dataclass(frozen=True)
class Cell:
    row: str
    column: str
    label: str
    money: bool

    @property
    def key(self) -> str:
        return f"{self.row}.{self.column}"


def entry_cells(year: int) -> list[Cell]:
    """The section 二 cells entered by hand for a report year, in table order."""
    table = FORMATS[era_for_year(year)].table("proactive")
    return [
        Cell(row.key, col.key, f"{row.label}·{col.label}", col.money)
        for row, col in table.cells()
        if row.key not in DERIVED_ROWS
    ]


def current(agency: Agency, year: int) -> dict[str, ProactiveFigure]:
    """The figures held for `agency` and `year`, keyed ``row.column``."""
    return {f"{f.row}.{f.column}": f for f in ProactiveFigure.objects.filter(agency=agency, year=year)}


def _number(cell: Cell, value: Any) -> Decimal:
    try:
        number = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation as exc:
        raise ValidationError(f"{cell.label}：“{value}”不是数字") from exc
    if not cell.money and number != number.to_integral_value():
        raise ValidationError(f"{cell.label}：应为整数")
    if number < 0 and cell.column != "change":
        raise ValidationError(f"{cell.label}：不能为负数")
    return number


@transaction.atomic
def save_figures(
    actor: User | None, agency: Agency, year: int, values: Mapping[str, Any], source: str
) -> int:
    """Save figures (``"row.column" → value``; blank values are skipped) with their source; returns
    how many changed. Every change is in the audit log with its before/after values."""
    if actor is not None:
        require(actor, agency, Action.ACT)
    if not source.strip():
        raise ValidationError("请注明数据来源（如：行政许可办件系统年度统计）")
    cells = {c.key: c for c in entry_cells(year)}
    unknown = set(values) - set(cells)
    if unknown:
        raise ValidationError(f"{year}年度报告格式中没有这些项目：{'、'.join(sorted(unknown))}")
    held = current(agency, year)
    before: dict[str, str | None] = {}
    after: dict[str, str] = {}
    for key, raw in values.items():
        if raw is None or str(raw).strip() == "":
            continue
        cell = cells[key]
        number = _number(cell, raw)
        old = held.get(key)
        if old is not None and old.value == number and old.source == source:
            continue
        before[key] = str(old.value.normalize()) if old is not None else None
        after[key] = str(number.normalize())
        ProactiveFigure.objects.update_or_create(
            agency=agency, year=year, row=cell.row, column=cell.column,
            defaults={"value": number, "source": source.strip(), "updated_by": actor},
        )  # fmt: skip
    if after:
        audit.record(
            actor, "catalogue.figures.save", None, agency=agency, before=before, after=after,
            note=mask_text(f"{year}年度 来源：{source.strip()}"), mask=(),
        )  # fmt: skip
    return len(after)


#: Spreadsheet columns of a figures import: Chinese header or key → field.
IMPORT_HEADERS = {"机关": "agency", "agency": "agency", "年度": "year", "year": "year", "项目": "cell",
                  "cell": "cell", "数值": "value", "value": "value", "来源": "source", "source": "source"}  # fmt: skip


@transaction.atomic
def import_figures(actor: User | None, path: Path) -> int:
    """Import figures from a spreadsheet with columns 机关 (name or code), 年度, 项目
    (``licensing.decisions`` …), 数值, 来源. All rows or none; errors name the row."""
    from gongkai.agencies.codes import normalise

    saved = 0
    grouped: dict[tuple[int, int, str], dict[str, Any]] = {}
    errors = []
    agencies: dict[str, Agency] = {}
    try:
        rows = read_rows(path)
    except SheetError as exc:
        raise ValidationError(f"无法读取文件：{exc}") from exc
    for n, raw in enumerate(rows, 2):
        row = {IMPORT_HEADERS[k.strip()]: v for k, v in raw.items() if k and k.strip() in IMPORT_HEADERS}
        name = str(row.get("agency") or "").strip()
        agency = agencies.get(name) or Agency.objects.filter(name=name).first()
        if agency is None:
            agency = Agency.objects.filter(org_code=normalise(name)).first() if name else None
        if agency is None:
            errors.append(f"第{n}行：找不到机关“{name}”")
            continue
        agencies[name] = agency
        try:
            year = int(row.get("year", ""))
        except (TypeError, ValueError):
            errors.append(f"第{n}行：年度“{row.get('year')}”无效")
            continue
        key = (agency.pk, year, str(row.get("source") or "").strip())
        grouped.setdefault(key, {})[str(row.get("cell") or "").strip()] = row.get("value")
    if errors:
        raise ValidationError(errors)
    for (agency_id, year, source), values in grouped.items():
        try:
            saved += save_figures(actor, Agency.objects.get(pk=agency_id), year, values, source)
        except ValidationError as exc:
            raise ValidationError([f"{year}年度：{m}" for m in exc.messages]) from exc
    return saved
