"""Chinese numerals (中文数字) as the Regulation, letters and reports write them: 第三十一条,
（五）, 二〇二四年十二月四日. Pure; one home for reading and writing them."""

from __future__ import annotations

DIGITS = "零一二三四五六七八九"
_VALUES = {c: i for i, c in enumerate(DIGITS)} | {"〇": 0}


def to_chinese(n: int) -> str:
    """1 → 一, 10 → 十, 15 → 十五, 31 → 三十一 (0–99, the numbers of articles, items and parts)."""
    if not 0 <= n <= 99:
        raise ValueError(f"{n} is outside 0–99")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return DIGITS[n]
    return ("" if tens == 1 else DIGITS[tens]) + "十" + (DIGITS[ones] if ones else "")


def from_chinese(text: str) -> int:
    """十五 → 15, 三十一 → 31, and digit by digit without 十: 二〇二四 → 2024."""
    if not text or any(c not in _VALUES and c != "十" for c in text) or text.count("十") > 1:
        raise ValueError(f"{text!r} is not a Chinese numeral")
    if "十" not in text:
        return int("".join(str(_VALUES[c]) for c in text))
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        raise ValueError(f"{text!r} is not a Chinese numeral")
    return (_VALUES[tens] if tens else 1) * 10 + (_VALUES[ones] if ones else 0)
