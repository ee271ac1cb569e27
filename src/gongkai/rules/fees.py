"""The information-processing fee (信息处理费), 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号).

Charged only when requests clearly exceed a reasonable number or frequency (《条例》第四十二条).
Each request is charged on exactly one basis:

- by count (按件): the applicant's requests in one calendar month are numbered in the order
  received; the 1st–10th are free, the 11th–30th cost 100 元 each, and from the 31st on each band
  of 10 costs 100 元 more per request than the band before (31–40: 200 元, 41–50: 300 元, …).
- by volume (按量), where paper copies, e-mail or copied electronic data are wanted, per request:
  pages 1–30 free, 31–100 at 10 元, 101–200 at 20 元, from 201 at 40 元 a page.

In a monthly `assess`, every request the applicant made in the month takes its place in the
count (the bands count applications made, 累计申请), but only the requests charged by count pay the
count price; a request charged by volume pays its page fee instead, never both.
No exemption list exists in the rules, so none is applied. Money is `Decimal` 元 with 2 places.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

__all__ = [
    "COUNT_BAND_INCREMENT",
    "COUNT_BAND_STEP",
    "COUNT_FREE",
    "COUNT_FIRST_PAID_TOP",
    "COUNT_FIRST_PRICE",
    "Band",
    "Basis",
    "FeeAssessment",
    "FeeItem",
    "FeeRequest",
    "VOLUME_BANDS",
    "assess",
    "by_count",
    "by_volume",
    "count_band",
]

_CENT = Decimal("0.01")

#: 《办法》按件: requests 1–10 in a calendar month are free.
COUNT_FREE = 10
#: 《办法》按件: requests 11–30 cost 100 元 each.
COUNT_FIRST_PAID_TOP = 30
COUNT_FIRST_PRICE = Decimal(100)
#: 《办法》按件: from the 31st request, bands of 10, each 100 元 a request dearer than the last.
COUNT_BAND_STEP = 10
COUNT_BAND_INCREMENT = Decimal(100)


class Basis(StrEnum):
    COUNT = "count"  # 按件计收
    VOLUME = "volume"  # 按量计收


@dataclass(frozen=True, slots=True)
class Band:
    """A price band: units ``low``..``high`` (``high`` None = no upper end) at ``unit_price`` 元."""

    low: int
    high: int | None
    unit_price: Decimal
    unit: str  # 件 or 页

    @property
    def label(self) -> str:
        top = f"{self.high}" if self.high is not None else ""
        return f"第{self.low}–{top}{self.unit}" if top else f"第{self.low}{self.unit}起"


#: 《办法》按量 bands, per request.
VOLUME_BANDS: tuple[Band, ...] = (
    Band(1, 30, Decimal(0), "页"),
    Band(31, 100, Decimal(10), "页"),
    Band(101, 200, Decimal(20), "页"),
    Band(201, None, Decimal(40), "页"),
)


def count_band(position: int) -> Band:
    """The by-count band of the nth request of a month (n ≥ 1)."""
    if position < 1:
        raise ValueError(f"request numbers start at 1 (got {position})")
    if position <= COUNT_FREE:
        return Band(1, COUNT_FREE, Decimal(0), "件")
    if position <= COUNT_FIRST_PAID_TOP:
        return Band(COUNT_FREE + 1, COUNT_FIRST_PAID_TOP, COUNT_FIRST_PRICE, "件")
    k = (position - COUNT_FIRST_PAID_TOP - 1) // COUNT_BAND_STEP  # 0 for 31–40
    low = COUNT_FIRST_PAID_TOP + 1 + k * COUNT_BAND_STEP
    return Band(low, low + COUNT_BAND_STEP - 1, COUNT_FIRST_PRICE + (k + 1) * COUNT_BAND_INCREMENT, "件")


@dataclass(frozen=True, slots=True)
class FeeItem:
    """One line of a fee notice: a band, how many units fall in it, the unit price, the subtotal."""

    basis: Basis
    band: Band
    quantity: int
    request: str = ""  # which request (for by-volume lines of a monthly assessment)

    @property
    def unit_price(self) -> Decimal:
        return self.band.unit_price

    @property
    def subtotal(self) -> Decimal:
        return (self.band.unit_price * self.quantity).quantize(_CENT)

    def as_dict(self) -> dict[str, object]:
        """JSON-ready: money as strings with 2 decimals (exact, no binary floats)."""
        return {
            "basis": self.basis.value,
            "band": self.band.label,
            "from": self.band.low,
            "to": self.band.high,
            "quantity": self.quantity,
            "unit_price": str(self.unit_price.quantize(_CENT)),
            "subtotal": str(self.subtotal),
            "request": self.request,
        }


@dataclass(frozen=True, slots=True)
class FeeAssessment:
    items: tuple[FeeItem, ...]

    @property
    def total(self) -> Decimal:
        return sum((i.subtotal for i in self.items), Decimal(0)).quantize(_CENT)

    def as_dict(self) -> dict[str, object]:
        return {"total": str(self.total), "items": [i.as_dict() for i in self.items]}


@dataclass(frozen=True, slots=True)
class FeeRequest:
    """One request of the month, in order of receipt, with the basis the office chose for it."""

    ref: str
    basis: Basis
    pages: int = 0  # only for by-volume requests


def _check_non_negative(n: int, what: str) -> None:
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError(f"{what} must be a whole number ≥ 0 (got {n!r})")


def _volume_items(pages: int, ref: str = "") -> list[FeeItem]:
    items = []
    for band in VOLUME_BANDS:
        if pages < band.low:
            break
        top = pages if band.high is None else min(pages, band.high)
        items.append(FeeItem(Basis.VOLUME, band, top - band.low + 1, ref))
    return items


def by_volume(pages: int) -> FeeAssessment:
    """The by-volume fee of one request of `pages` pages."""
    _check_non_negative(pages, "the number of pages")
    return FeeAssessment(tuple(_volume_items(pages)))


def _count_items(positions: Iterable[int]) -> list[FeeItem]:
    groups: dict[int, tuple[Band, int]] = {}
    for n in positions:
        band = count_band(n)
        _, qty = groups.get(band.low, (band, 0))
        groups[band.low] = (band, qty + 1)
    return [FeeItem(Basis.COUNT, band, qty) for band, qty in groups.values()]


def by_count(n_requests_in_month: int) -> FeeAssessment:
    """The by-count fee for an applicant's `n` requests in one calendar month, all charged by count."""
    _check_non_negative(n_requests_in_month, "the number of requests")
    return FeeAssessment(tuple(_count_items(range(1, n_requests_in_month + 1))))


def assess(requests: Iterable[FeeRequest]) -> FeeAssessment:
    """A month's fee for one applicant: each request on its own basis, numbered in order received."""
    positions: list[int] = []
    volume: list[FeeItem] = []
    seen: set[str] = set()
    for n, r in enumerate(requests, 1):
        if r.ref in seen:
            raise ValueError(f"request {r.ref!r} is listed twice: each request is charged on one basis only")
        seen.add(r.ref)
        if r.basis is Basis.COUNT:
            if r.pages:
                raise ValueError(f"request {r.ref!r} is charged by count; it cannot also be charged by pages")
            positions.append(n)
        else:
            _check_non_negative(r.pages, f"pages of request {r.ref!r}")
            volume.extend(_volume_items(r.pages, r.ref))
    return FeeAssessment(tuple(_count_items(positions) + volume))
