"""Applicant identity documents (身份证明): validation per document type and masking, pure.

Art. 29 requires the applicant's proof of identity. Numbers are validated when an application is
registered: an 18-digit resident identity card (居民身份证, GB 11643-1999) must carry a correct
check character and a real birth date; other documents are accepted when they match the shape
of their type. Everywhere but the case page for the agency's own staff a number is shown masked
with `mask` (``3704**********1234``) — lists, letters to third parties, exports, the audit log.
"""

from __future__ import annotations

import enum
import re

from gongkai import personal_data
from gongkai.agencies import codes


class IdentityError(ValueError):
    """The number does not fit its document type; the message (Chinese) says why."""


class DocumentType(enum.StrEnum):
    RESIDENT_ID = "resident_id"
    PASSPORT = "passport"
    HK_MACAO_PERMIT = "hk_macao_permit"
    TAIWAN_PERMIT = "taiwan_permit"
    FOREIGN_PERMANENT = "foreign_permanent"
    CREDIT_CODE = "credit_code"
    OTHER = "other"


DOCUMENT_LABELS: dict[DocumentType, str] = {
    DocumentType.RESIDENT_ID: "居民身份证",
    DocumentType.PASSPORT: "护照",
    DocumentType.HK_MACAO_PERMIT: "港澳居民来往内地通行证",
    DocumentType.TAIWAN_PERMIT: "台湾居民来往大陆通行证",
    DocumentType.FOREIGN_PERMANENT: "外国人永久居留身份证",
    DocumentType.CREDIT_CODE: "统一社会信用代码或组织机构代码",
    DocumentType.OTHER: "其他有效证件",
}

#: The shape of each non-checksummed document type, with the Chinese explanation of it.
PATTERNS: dict[DocumentType, tuple[re.Pattern[str], str]] = {
    DocumentType.PASSPORT: (re.compile(r"[A-Z0-9]{5,17}"), "护照号码应为5至17位字母或数字"),
    DocumentType.HK_MACAO_PERMIT: (re.compile(r"[HM]\d{8}(\d{2})?"), "港澳居民来往内地通行证号码应为H或M加8位或10位数字"),
    DocumentType.TAIWAN_PERMIT: (re.compile(r"\d{8}(\d{2})?"), "台湾居民来往大陆通行证号码应为8位或10位数字"),
    DocumentType.FOREIGN_PERMANENT: (
        re.compile(r"[A-Z]{3}\d{12}|9\d{16}[\dX]"),
        "外国人永久居留身份证号码应为3位字母加12位数字，或以9开头的18位号码",
    ),
    DocumentType.OTHER: (re.compile(r"[A-Z0-9\-]{4,30}"), "证件号码应为4至30位字母、数字或连字符"),
}


def normalise(number: str) -> str:
    """Upper case without blanks (people type ``x`` and spaces)."""
    return re.sub(r"\s+", "", str(number)).upper()


def validate(document_type: str, number: str) -> str:
    """The normalised number, or `IdentityError` explaining what is wrong with it."""
    try:
        kind = DocumentType(document_type)
    except ValueError:
        raise IdentityError(f"未知的证件类型：{document_type}") from None
    value = normalise(number)
    if not value:
        raise IdentityError("请填写证件号码")
    if kind is DocumentType.RESIDENT_ID:
        problem = personal_data.resident_id_problem(value)
        if problem:
            raise IdentityError(problem)
        return value
    if kind is DocumentType.CREDIT_CODE:
        try:
            return codes.validate(value)
        except codes.CodeError as exc:
            raise IdentityError(str(exc)) from None
    pattern, message = PATTERNS[kind]
    if not pattern.fullmatch(value):
        raise IdentityError(message)
    return value


def mask(number: str | None) -> str:
    """``370402199001011234`` → ``3704**********1234``; short numbers are masked entirely."""
    return personal_data.mask_document_number(normalise(number or ""))
