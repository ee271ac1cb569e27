"""Personal data (个人信息) rules shared by every app: resident ID numbers, Luhn, and masks. Pure.

One home for these rules so that registration (applications.identity), screening of documents
(screening.patterns) and the audit log (agencies.audit) cannot drift apart. Every mask keeps the
value's length, so a masked value can replace the clear one inside a longer text.
"""

from __future__ import annotations

import datetime as dt
import re

from gongkai import clock

#: GB 11643-1999: weights of the 17 body digits and the check character for sum mod 11.
RESIDENT_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
RESIDENT_ID_CHECK = "10X98765432"
#: Earliest birth date a resident ID number found in text is believed to carry.
EARLIEST_BIRTH = dt.date(1880, 1, 1)

_RESIDENT_ID_SHAPE = re.compile(r"\d{17}[\dX]")


def resident_id_check_char(first17: str) -> str:
    """The check character of the first 17 digits of a resident ID number (居民身份证号码)."""
    return RESIDENT_ID_CHECK[sum(int(c) * w for c, w in zip(first17, RESIDENT_ID_WEIGHTS, strict=True)) % 11]


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


def luhn_ok(digits: str) -> bool:
    """The Luhn (mod 10) check used by bank card numbers."""
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


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
