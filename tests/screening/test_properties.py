"""Property tests: every valid ID number, card number and mobile number is caught and masked in any
surrounding text; text without digits or marks yields no personal-data finding."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.personal_data import luhn_ok, resident_id_check_char
from gongkai.screening import screen_text
from gongkai.screening.patterns import mask_text

HAN = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), max_size=12)
SAFE_HAN = HAN.filter(
    lambda s: (
        not any(w in s for w in ("密", "内部", "路", "街", "巷", "道", "区", "园", "村", "苑", "弄", "里"))
    )
)


@st.composite
def id_numbers(draw) -> str:
    area = draw(st.integers(110000, 659999))
    born = draw(st.dates(dt.date(1900, 1, 1), dt.date(2020, 12, 31)))
    seq = draw(st.integers(0, 999))
    first17 = f"{area}{born:%Y%m%d}{seq:03d}"
    return first17 + resident_id_check_char(first17)


#: (first digits, lengths) of card issuers: UnionPay, a domestic debit range, Visa, Mastercard, JCB.
ISSUERS = [("62", (16, 17, 18, 19)), ("9558", (19,)), ("4", (16, 19)), ("53", (16,)), ("2720", (16,)),
           ("3530", (16, 19))]  # fmt: skip


@st.composite
def card_numbers(draw, issuers=ISSUERS) -> str:
    prefix, lengths = draw(st.sampled_from(issuers))
    length = draw(st.sampled_from(lengths))
    body = prefix + "".join(
        draw(
            st.lists(
                st.sampled_from("0123456789"),
                min_size=length - len(prefix) - 1,
                max_size=length - len(prefix) - 1,
            )
        )
    )
    return next(body + d for d in "0123456789" if luhn_ok(body + d))


@settings(max_examples=150, deadline=None)
@given(before=SAFE_HAN, after=SAFE_HAN, number=id_numbers())
def test_every_valid_id_number_is_caught_and_masked(before, after, number):
    findings = screen_text(f"{before}身份证号{number}{after}")
    assert [f.kind for f in findings] == ["id_number"]
    assert number not in findings[0].excerpt


@settings(max_examples=150, deadline=None)
@given(before=SAFE_HAN, number=card_numbers())
def test_every_card_in_an_issuer_range_is_caught(before, number):
    kinds = [f.kind for f in screen_text(f"{before}卡号{number}。")]
    # an 18-digit number may also be an ID number (62 is 甘肃), exact or mistyped
    assert kinds in (["bank_card"], ["id_number"], ["id_number_mistyped"])


@settings(max_examples=150, deadline=None)
@given(number=card_numbers(issuers=[("1", (16, 17, 19)), ("7", (16, 19)), ("8", (16, 19)), ("56", (16,))]))
def test_a_number_that_only_passes_luhn_is_not_a_card(number):
    assert [f.kind for f in screen_text(f"编码{number}。") if f.kind == "bank_card"] == []


@settings(max_examples=150, deadline=None)
@given(before=SAFE_HAN, prefix=st.sampled_from("3456789"), rest=st.integers(0, 10**9 - 1))
def test_every_mobile_number_is_caught(before, prefix, rest):
    number = f"1{prefix}{rest:09d}"
    findings = screen_text(f"{before}电话{number}")
    assert [f.kind for f in findings] == ["mobile"]
    assert number not in findings[0].excerpt


@settings(max_examples=200, deadline=None)
@given(text=SAFE_HAN)
def test_chinese_text_without_numbers_or_marks_is_clean(text):
    assert screen_text(text) == []


@given(text=st.text(max_size=80))
def test_masking_never_changes_length(text):
    assert len(mask_text(text)) == len(text)
