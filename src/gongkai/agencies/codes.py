"""Organisation codes of agencies, pure.

Two codes identify a Chinese agency:

* the unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters, the last a check
  character computed modulo 31 over an alphabet without I, O, Z, S, V (python-stdnum's
  ``cn.uscc`` computes it; its ``validate`` is not used, as it also wants the first 8 to be
  digits, which the standard does not require);
* the older organisation code (组织机构代码, GB 11714-1997): 8 characters plus a check character
  computed modulo 11, often written ``XXXXXXXX-X``. Positions 9–17 of a credit code embed one.
"""

from __future__ import annotations

from stdnum.cn import uscc

#: GB 32100-2015 alphabet.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
#: GB 11714-1997 weights for the 8 body characters of an organisation code.
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
ORG_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


class CodeError(ValueError):
    """The code is malformed; the message says why (in Chinese, shown to staff)."""


def uscc_check_char(body: str) -> str:
    """Check character for the first 17 characters of a unified social credit code."""
    if len(body) != 17 or any(c not in USCC_ALPHABET for c in body):
        raise CodeError("统一社会信用代码前17位只能由数字和大写字母（不含I、O、Z、S、V）组成")
    return uscc.calc_check_digit(body)


def org_check_char(body: str) -> str:
    """Check character for the first 8 characters of an organisation code."""
    if len(body) != 8 or any(c not in ORG_ALPHABET for c in body):
        raise CodeError("组织机构代码前8位只能由数字和大写字母组成")
    total = sum(ORG_ALPHABET.index(c) * w for c, w in zip(body, ORG_WEIGHTS, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def make_uscc(body: str) -> str:
    """A complete credit code from its 17-character body (used by demo data and tests)."""
    return body + uscc_check_char(body)


def normalise(code: str) -> str:
    """Upper case, surrounding blanks and the hyphen of ``XXXXXXXX-X`` removed."""
    return code.strip().upper().replace("-", "")


def validate(code: str) -> str:
    """The normalised code, or `CodeError` when it is neither a valid credit code nor organisation code."""
    value = normalise(code)
    if len(value) == 18:
        if uscc_check_char(value[:17]) != value[17]:
            raise CodeError("统一社会信用代码校验位不正确")
        return value
    if len(value) == 9:
        if org_check_char(value[:8]) != value[8]:
            raise CodeError("组织机构代码校验位不正确")
        return value
    raise CodeError("机构代码应为18位统一社会信用代码或9位组织机构代码")
