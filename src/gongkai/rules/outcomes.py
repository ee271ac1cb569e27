"""Reply types of Art. 36–39 (答复类型) and the annual-report row each one is counted in.

Two tables, both data: `ROWS` — the report rows of section 三 (2021 format), keyed exactly as in
the annual-report spec, with their printed labels — and `ReplyKind` — the distinct replies an
office can give, each with the article its letter cites and the row it counts in. Several reply
kinds share a row (e.g. ``granted_already_public`` and ``granted`` both count as ``granted``).
A case answered by separating disclosable parts counts only as ``partial`` (Art. 37).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from gongkai.rules.constants import FEE_RULES

__all__ = ["ROWS", "ReplyKind", "ReportRow", "kinds_for_row"]


@dataclass(frozen=True, slots=True)
class ReportRow:
    """A result row of the annual report's section 三."""

    key: str
    label: str

    @property
    def group(self) -> str:
        """``granted``, ``partial``, ``denied``, ``unavailable``, ``not_processed`` or ``other``."""
        return self.key.split(".", 1)[0]


#: Report rows in printed order (labels as in the 2021 format; see shared/spec/annual-report.md).
ROWS: dict[str, ReportRow] = {
    r.key: r
    for r in (
        ReportRow("granted", "（一）予以公开"),
        ReportRow("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
        ReportRow("denied.state_secret", "（三）不予公开 1.属于国家秘密"),
        ReportRow("denied.prohibited_by_law", "2.其他法律行政法规禁止公开"),
        ReportRow("denied.security_stability", "3.危及“三安全一稳定”"),
        ReportRow("denied.third_party", "4.保护第三方合法权益"),
        ReportRow("denied.internal_affairs", "5.属于三类内部事务信息"),
        ReportRow("denied.process_info", "6.属于四类过程性信息"),
        ReportRow("denied.enforcement_file", "7.属于行政执法案卷"),
        ReportRow("denied.inquiry_matter", "8.属于行政查询事项"),
        ReportRow("unavailable.not_held", "（四）无法提供 1.本机关不掌握相关政府信息"),
        ReportRow("unavailable.needs_creation", "2.没有现成信息需要另行制作"),
        ReportRow("unavailable.still_unclear", "3.补正后申请内容仍不明确"),
        ReportRow("not_processed.petition", "（五）不予处理 1.信访举报投诉类申请"),
        ReportRow("not_processed.duplicate", "2.重复申请"),
        ReportRow("not_processed.publication", "3.要求提供公开出版物"),
        ReportRow("not_processed.excessive", "4.无正当理由大量反复申请"),
        ReportRow("not_processed.confirm_or_reissue", "5.要求行政机关确认或重新出具已获取信息"),
        ReportRow(
            "other.no_correction",
            "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        ),
        ReportRow(
            "other.fee_unpaid",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        ),
        ReportRow("other.other", "3.其他"),
    )
}

_DENIAL = "第三十六条第（三）项"


class ReplyKind(Enum):
    """A reply an office can give: (value, report row key, Chinese description, article to cite).

    ``article`` is empty only for replies the Regulation names no article for (confirming or
    reissuing information already obtained, and the residual ``other``): the spec gives none and
    none is invented here.
    """

    GRANTED_ALREADY_PUBLIC = (
        "granted_already_public",
        "granted",
        "已主动公开，告知获取的方式和途径",
        "《条例》第三十六条第（一）项",
    )
    GRANTED = (
        "granted",
        "granted",
        "予以公开，提供信息或告知获取的方式、途径和时间",
        "《条例》第三十六条第（二）项",
    )
    PARTIAL = (
        "partial",
        "partial",
        "部分公开，区分处理后提供可以公开的部分",
        f"《条例》第三十七条、{_DENIAL}",
    )
    DENIED_STATE_SECRET = (
        "denied.state_secret",
        "denied.state_secret",
        "不予公开：属于国家秘密",
        f"《条例》第十四条、{_DENIAL}",
    )
    DENIED_PROHIBITED_BY_LAW = (
        "denied.prohibited_by_law",
        "denied.prohibited_by_law",
        "不予公开：法律、行政法规禁止公开",
        f"《条例》第十四条、{_DENIAL}",
    )
    DENIED_SECURITY_STABILITY = (
        "denied.security_stability",
        "denied.security_stability",
        "不予公开：公开后可能危及国家安全、公共安全、经济安全、社会稳定",
        f"《条例》第十四条、{_DENIAL}",
    )
    DENIED_THIRD_PARTY = (
        "denied.third_party",
        "denied.third_party",
        "不予公开：涉及商业秘密、个人隐私等，公开会损害第三方合法权益",
        f"《条例》第十五条、{_DENIAL}",
    )
    DENIED_INTERNAL_AFFAIRS = (
        "denied.internal_affairs",
        "denied.internal_affairs",
        "不予公开：属于人事管理、后勤管理、内部工作流程等内部事务信息",
        f"《条例》第十六条第一款、{_DENIAL}",
    )
    DENIED_PROCESS_INFO = (
        "denied.process_info",
        "denied.process_info",
        "不予公开：属于讨论记录、过程稿、磋商信函、请示报告等过程性信息",
        f"《条例》第十六条第二款、{_DENIAL}",
    )
    DENIED_ENFORCEMENT_FILE = (
        "denied.enforcement_file",
        "denied.enforcement_file",
        "不予公开：属于行政执法案卷信息",
        f"《条例》第十六条第二款、{_DENIAL}",
    )
    DENIED_INQUIRY_MATTER = (
        "denied.inquiry_matter",
        "denied.inquiry_matter",
        "告知按照有关法律、行政法规规定的查询程序办理",
        "《条例》第三十六条第（七）项",
    )
    UNAVAILABLE_NOT_EXIST = (
        "unavailable.not_exist",
        "unavailable.not_held",
        "经检索没有所申请公开的信息，告知该政府信息不存在",
        "《条例》第三十六条第（四）项",
    )
    UNAVAILABLE_OTHER_AGENCY = (
        "unavailable.other_agency",
        "unavailable.not_held",
        "不属于本机关负责公开，告知申请人并说明理由，能够确定的告知负责公开的机关名称和联系方式",
        "《条例》第三十六条第（五）项",
    )
    UNAVAILABLE_NEEDS_CREATION = (
        "unavailable.needs_creation",
        "unavailable.needs_creation",
        "需要行政机关对现有政府信息进行加工、分析，可以不予提供",
        "《条例》第三十八条",
    )
    UNAVAILABLE_STILL_UNCLEAR = (
        "unavailable.still_unclear",
        "unavailable.still_unclear",
        "补正后申请内容仍不明确",
        "《条例》第三十条",
    )
    NOT_PROCESSED_PETITION = (
        "not_processed.petition",
        "not_processed.petition",
        "以政府信息公开申请的形式进行信访、投诉、举报等活动，不作为政府信息公开申请处理",
        "《条例》第三十九条第一款",
    )
    NOT_PROCESSED_DUPLICATE = (
        "not_processed.duplicate",
        "not_processed.duplicate",
        "已作出答复，申请人重复申请公开相同政府信息，不予重复处理",
        "《条例》第三十六条第（六）项",
    )
    NOT_PROCESSED_PUBLICATION = (
        "not_processed.publication",
        "not_processed.publication",
        "要求提供政府公报、报刊、书籍等公开出版物，告知获取的途径",
        "《条例》第三十九条第二款",
    )
    NOT_PROCESSED_EXCESSIVE = (
        "not_processed.excessive",
        "not_processed.excessive",
        "申请公开政府信息的数量、频次明显超过合理范围且理由不合理，不予处理",
        "《条例》第三十五条",
    )
    NOT_PROCESSED_CONFIRM_OR_REISSUE = (
        "not_processed.confirm_or_reissue",
        "not_processed.confirm_or_reissue",
        "要求行政机关确认或重新出具已获取的信息，不予处理",
        "",
    )
    OTHER_NO_CORRECTION = (
        "other.no_correction",
        "other.no_correction",
        "申请人无正当理由逾期不补正，视为放弃申请",
        "《条例》第三十条",
    )
    OTHER_FEE_UNPAID = (
        "other.fee_unpaid",
        "other.fee_unpaid",
        "申请人逾期未缴纳信息处理费，视为放弃申请",
        FEE_RULES,
    )
    OTHER = ("other.other", "other.other", "其他处理", "")

    def __init__(self, key: str, row: str, description: str, article: str) -> None:
        self.key = key
        self.row_key = row
        self.description = description
        self.article = article

    @property
    def row(self) -> ReportRow:
        """The annual-report row this reply is counted in."""
        return ROWS[self.row_key]

    @classmethod
    def from_key(cls, key: str) -> ReplyKind:
        for kind in cls:
            if kind.key == key:
                return kind
        raise ValueError(f"unknown reply kind {key!r}")


def kinds_for_row(row_key: str) -> tuple[ReplyKind, ...]:
    """The distinct reply kinds counted in a report row (e.g. ``granted`` → two kinds)."""
    if row_key not in ROWS:
        raise ValueError(f"unknown report row {row_key!r}")
    return tuple(k for k in ReplyKind if k.row_key == row_key)
