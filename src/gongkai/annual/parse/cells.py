"""One printed cell or label, read: numbers with their blanks, dashes, units and full-width
digits; labels in the form they are compared in. Pure functions, cached: the same texts (0, 无,
the format's labels) come back in every report."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from functools import lru_cache

from gongkai.annual.formats import normalize_label
from gongkai.annual.model import Number

#: a sign may be typed twice (``--253``, ``++3``): still one sign
_NUMBER = re.compile(r"(\+{1,2}|[\-−]{1,2})?(\d+(?:\.\d+)?)(万元|万|元|件|条|项|个|次|份)?")
_NIL = frozenset("—–-/无")
_INNER_SPACE = re.compile(r"[\s,，]+")


class Unreadable(ValueError):
    """A cell whose text is not a number of its column."""


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text) if not text.isascii() else text


@lru_cache(maxsize=4096)
def cell_value(text: str, money: bool = False) -> Number | None:
    """The number a printed cell holds; None for a blank cell; `Unreadable` for anything else.

    Full-width digits, 无 and dashes (0), and units are understood; money cells are 万元, and a
    cell saying 元 is converted.
    """
    t = _INNER_SPACE.sub("", _nfkc(text))
    if not t:
        return None
    if set(t) <= _NIL:
        return Decimal(0) if money else 0
    m = _NUMBER.fullmatch(t)
    if not m:
        raise Unreadable(text)
    sign, digits, unit = m.groups()
    negative = bool(sign) and sign[0] in "-−"
    if money:
        if unit not in (None, "万元", "万", "元"):
            raise Unreadable(text)
        amount = Decimal(digits) / 10000 if unit == "元" else Decimal(digits)
        return -amount if negative else amount
    if "." in digits or unit in ("万元", "万", "元"):
        raise Unreadable(text)
    return -int(digits) if negative else int(digits)


#: a value as printed: a number (sign, decimals, unit), a dash or 无 for zero, or numbers glued
#: together with the signs of their cells (4-40)
_VALUE = re.compile(
    r"(?:(?:\+{1,2}|[\-−]{1,2})?\d+(?:\.\d+)?(?:万元|万|元|件|条|项|个|次|份)?|[—–\-/无]+|[+\-−]?\d+(?:[+\-−]\d+)+)"
)


@lru_cache(maxsize=8192)
def is_value(text: str) -> bool:
    """Whether a cell reads as a value (blank included) rather than as a label."""
    return not text or _VALUE.fullmatch(_INNER_SPACE.sub("", _nfkc(text))) is not None


_NUMBERING_DIGIT = re.compile(r"^(\d+)[、.]")
_NUMBERING_HAN = re.compile(r"^([一二三四五六七八九十]+)[.]")
NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+\.)")


#: `normalize_label`, once per distinct text
norm = lru_cache(maxsize=8192)(normalize_label)


@lru_cache(maxsize=8192)
def label_key(text: str) -> str:
    """A label in comparable form: normalized, with one style of numbering (1. 一、 (一))."""
    key = normalize_label(text)
    key = _NUMBERING_DIGIT.sub(r"\1.", key)
    return _NUMBERING_HAN.sub(r"\1、", key)
