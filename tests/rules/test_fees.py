"""The information-processing fee (《办法》, 国办函〔2020〕109号)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.rules.fees import Basis, FeeRequest, assess, by_count, by_volume, count_band


@pytest.mark.parametrize(
    ("n", "total"),
    [
        (0, "0.00"),
        (10, "0.00"),  # 1–10 free
        (11, "100.00"),
        (30, "2000.00"),  # 20 × 100
        (31, "2200.00"),  # + 200
        (40, "4000.00"),  # 2000 + 10 × 200
        (41, "4300.00"),  # + 300
        (55, "9000.00"),  # 4000 + 10 × 300 + 5 × 400
    ],
)
def test_by_count_bands(n, total):
    assert by_count(n).total == Decimal(total)


def test_by_count_is_itemised_per_band():
    items = by_count(45).items
    assert [(i.band.label, i.quantity, i.unit_price, i.subtotal) for i in items] == [
        ("第1–10件", 10, Decimal(0), Decimal("0.00")),
        ("第11–30件", 20, Decimal(100), Decimal("2000.00")),
        ("第31–40件", 10, Decimal(200), Decimal("2000.00")),
        ("第41–50件", 5, Decimal(300), Decimal("1500.00")),
    ]


@pytest.mark.parametrize(
    ("pages", "total"),
    [
        (0, "0.00"),
        (30, "0.00"),
        (31, "10.00"),
        (100, "700.00"),
        (101, "720.00"),
        (200, "2700.00"),
        (201, "2740.00"),
        (250, "4700.00"),
    ],
)
def test_by_volume_bands(pages, total):
    assert by_volume(pages).total == Decimal(total)


def test_count_band_of_the_nth_request():
    assert (count_band(1).unit_price, count_band(10).unit_price) == (0, 0)
    assert (count_band(11).unit_price, count_band(30).unit_price, count_band(31).unit_price) == (
        100,
        100,
        200,
    )
    assert (count_band(71).low, count_band(71).high, count_band(71).unit_price) == (71, 80, 600)
    with pytest.raises(ValueError):
        count_band(0)


def test_monthly_assessment_uses_one_basis_per_request():
    # 12 requests: the 11th is charged by volume (120 pages: 70 × 10 + 20 × 20 = 1100), the 12th
    # by count at the 11–30 price. The 11th still takes its place in the month's count.
    requests = [FeeRequest(f"r{i}", Basis.COUNT) for i in range(1, 11)]
    requests += [FeeRequest("r11", Basis.VOLUME, pages=120), FeeRequest("r12", Basis.COUNT)]
    result = assess(requests)
    assert result.total == Decimal("1200.00")
    count_items = [i for i in result.items if i.basis is Basis.COUNT]
    assert [(i.band.low, i.quantity) for i in count_items] == [(1, 10), (11, 1)]
    assert {i.request for i in result.items if i.basis is Basis.VOLUME} == {"r11"}
    assert result.as_dict()["total"] == "1200.00"


def test_a_request_is_never_charged_on_both_bases():
    with pytest.raises(ValueError, match="cannot also be charged by pages"):
        assess([FeeRequest("r1", Basis.COUNT, pages=40)])
    with pytest.raises(ValueError, match="listed twice"):
        assess([FeeRequest("r1", Basis.COUNT), FeeRequest("r1", Basis.VOLUME, pages=40)])


def test_negative_quantities_are_rejected():
    with pytest.raises(ValueError):
        by_count(-1)
    with pytest.raises(ValueError):
        by_volume(-5)


@given(st.integers(0, 300), st.integers(0, 300))
def test_fee_by_count_is_monotone_and_free_to_ten(a, b):
    lo, hi = sorted((a, b))
    assert by_count(lo).total <= by_count(hi).total
    if hi <= 10:
        assert by_count(hi).total == 0


@given(st.integers(0, 2000), st.integers(0, 2000))
def test_fee_by_volume_is_monotone_and_free_to_thirty(a, b):
    lo, hi = sorted((a, b))
    assert by_volume(lo).total <= by_volume(hi).total
    if hi <= 30:
        assert by_volume(hi).total == 0
    assert sum(i.quantity for i in by_volume(hi).items) == hi
