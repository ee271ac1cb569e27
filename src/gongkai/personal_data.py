"""Personal data (个人信息) rules shared by every app: resident ID numbers, bank cards, and masks. Pure.

One home for these rules so that registration (applications.identity), screening of documents
(screening.patterns) and the audit log (agencies.audit) cannot drift apart. Every mask keeps the
value's length, so a masked value can replace the clear one inside a longer text.

The arithmetic comes from python-stdnum (GB 11643 check character, Luhn, the GB/T 2260 region
table); this module keeps the Chinese messages and the plausibility rules for numbers found in
text. stdnum's own ``cn.ric.validate`` is not used: it also requires the region code to have
existed in the birth year, which refuses real numbers of people born before their county got
its current code (370405, 台儿庄区, dates from 1983; numbers were issued from 1984 on).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from stdnum import luhn, numdb
from stdnum.cn import ric

from gongkai import clock

#: Earliest birth date a resident ID number found in text is believed to carry.
EARLIEST_BIRTH = dt.date(1880, 1, 1)

_RESIDENT_ID_SHAPE = re.compile(r"\d{17}[\dX]")


def resident_id_check_char(first17: str) -> str:
    """The check character of the first 17 digits of a resident ID number (居民身份证号码)."""
    return ric.calc_check_digit(first17 + "0")  # stdnum expects the number with a check position


def resident_id_birth_date(value: str) -> dt.date | None:
    """The birth date carried in positions 7–14, or ``None`` when that date does not exist."""
    try:
        return dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return None


def resident_id_problem(value: str) -> str | None:
    """Why the upper-case `value` is not a resident ID number (Chinese, for the applicant), or ``None``."""
    if not _RESIDENT_ID_SHAPE.fullmatch(value):
        return "居民身份证号码应为18位，前17位为数字，最后一位为数字或X"
    if resident_id_birth_date(value) is None:
        return "居民身份证号码中的出生日期不存在"
    if resident_id_check_char(value[:17]) != value[17]:
        return "居民身份证号码校验位不正确，请核对"
    return None


def is_resident_id(value: str) -> bool:
    """A valid resident ID number that is also plausible as found in text.

    Beyond `resident_id_problem`, the area code does not start with 0 and the birth date lies
    between `EARLIEST_BIRTH` and today: fewer false hits on long numbers that happen to check.
    """
    value = value.upper()
    if value[:1] == "0" or resident_id_problem(value) is not None:
        return False
    born = resident_id_birth_date(value)
    return born is not None and EARLIEST_BIRTH <= born <= clock.today()


@lru_cache(maxsize=4096)
def region_known(code: str) -> bool:
    """Whether the six digits are a county-level code of GB/T 2260, current or former."""
    return any(props.get("county") for _, props in numdb.get("cn/loc").info(code))


def is_mistyped_resident_id(value: str) -> bool:
    """An 18-character number that is a resident ID number but for its check character.

    A typo'd ID still identifies its holder: a known region code (current or former) and a
    plausible birth date (`EARLIEST_BIRTH` to today) with a wrong check character.
    """
    value = value.upper()
    if not _RESIDENT_ID_SHAPE.fullmatch(value) or resident_id_check_char(value[:17]) == value[17]:
        return False
    born = resident_id_birth_date(value)
    return born is not None and EARLIEST_BIRTH <= born <= clock.today() and region_known(value[:6])


def luhn_ok(digits: str) -> bool:
    """The Luhn (mod 10) check used by bank card numbers."""
    return luhn.is_valid(digits)


#: Card issuer ranges (ISO/IEC 7812 issuer identification numbers): first digits from–to, the
#: lengths the issuer uses, and whether its numbers always carry a Luhn check digit. UnionPay and
#: the domestic debit ranges of the big four banks (9558 工商银行, 9559 农业银行, 60 中国银行)
#: are taken without Luhn: a mistyped card number still names the account.
CARD_ISSUERS: tuple[tuple[str, str, str, range, bool], ...] = (
    ("银联", "62", "62", range(16, 20), False),
    ("银行借记卡", "9558", "9559", range(16, 20), False),
    ("中国银行", "60", "60", range(16, 20), False),
    ("Visa", "4", "4", range(16, 20, 3), True),
    ("Mastercard", "51", "55", range(16, 17), True),
    ("Mastercard", "2221", "2720", range(16, 17), True),
    ("JCB", "3528", "3589", range(16, 20), True),
    ("Discover", "644", "649", range(16, 20), True),
    ("Discover", "65", "65", range(16, 20), True),
    ("Diners Club", "36", "36", range(16, 20), True),
    ("Diners Club", "300", "305", range(16, 20), True),
)


def card_issuer(digits: str) -> str | None:
    """The issuer whose range and length a 16–19 digit number fits (Luhn where that issuer uses it).

    American Express (15 digits, 34/37) is left out on purpose: 15-digit numbers starting 34 or 37
    are far more often old-format resident ID numbers of 安徽 and 山东 than cards.
    """
    for name, low, high, lengths, needs_luhn in CARD_ISSUERS:
        head = digits[: len(low)]
        if low <= head <= high and len(digits) in lengths and (not needs_luhn or luhn_ok(digits)):
            return name
    return None


# --- masks ------------------------------------------------------------------------------------


def mask_middle(value: str, keep_start: int, keep_end: int) -> str:
    """`value` with all but `keep_start` leading and `keep_end` trailing characters as *.

    A value too short to keep anything hidden is masked entirely.
    """
    n = len(value)
    if n <= keep_start + keep_end:
        return "*" * n
    return value[:keep_start] + "*" * (n - keep_start - keep_end) + value[n - keep_end :]


def mask_id_number(value: str) -> str:
    """An identity-document number as shown in logs and findings: ``370***********123X``."""
    return mask_middle(value, 3, 4)


def mask_document_number(value: str) -> str:
    """An applicant's registered document number, normalised: ``3704**********1234``."""
    return mask_middle(value, 4, 4)


def mask_phone(value: str) -> str:
    """A mobile number, keeping the first 3 and last 4 digits: ``138****5678``."""
    return mask_middle(value, 3, 4)


def mask_landline(value: str) -> str:
    """A landline number, keeping the area code's first 4 characters and the last 2 digits."""
    return mask_middle(value, 4, 2)


def mask_bank_card(value: str) -> str:
    """A bank card number, keeping the first and last 4 digits."""
    return mask_middle(value, 4, 4)


def mask_email(value: str) -> str:
    """The local part of an e-mail address but its first character: ``z***@example.cn``."""
    local, at, domain = value.partition("@")
    return mask_middle(local, 1, 0) + at + domain


def mask_free_text(value: str) -> str:
    """Free text such as a name or an address, keeping only its first character: ``张**``."""
    return mask_middle(value, 1, 0)
