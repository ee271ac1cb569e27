"""Tracking numbers (受理编号) shown to applicants: unique and not guessable, pure.

``YSQ2025K7Q2M9XD``: 依申请 prefix, year of receipt, then 8 random base-32 characters (40 bits
from `secrets`), so that knowing one number says nothing about the next. The database keeps a
unique constraint; `new` is called again on the (astronomically rare) collision.
"""

from __future__ import annotations

import re
import secrets

PREFIX = "YSQ"
#: Crockford base 32: no I, L, O, U, so a number read over the phone is not misheard.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RANDOM_LENGTH = 8
PATTERN = re.compile(rf"{PREFIX}(\d{{4}})[{ALPHABET}]{{{RANDOM_LENGTH}}}")


def new(year: int) -> str:
    return f"{PREFIX}{year:04d}" + "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))


def is_valid(value: str) -> bool:
    return bool(PATTERN.fullmatch(value or ""))
