"""The applicant's remedies (救济途径) stated in a reply letter, by reply kind and reply date. Pure.

Art. 51 of the Regulation opens administrative reconsideration (行政复议) and litigation (行政诉讼)
against disclosure decisions; the periods and the order come from the procedural laws:

* reconsideration within 60 days of knowing the decision — 行政复议法 (2023 revision, in force
  2024-01-01) Art. 20(1); before that, 行政复议法 (2017) Art. 9(1);
* litigation within 6 months — 行政诉讼法 Art. 46(1);
* from 2024-01-01 a refusal to disclose (不予公开, including the refused part of a partial
  disclosure) must go to reconsideration first (复议前置, 行政复议法 Art. 23(1)(4)), and the
  decision must say so (Art. 23(2)). Every other reply keeps the choice between the two. An
  Art. 36(7) reply (a matter with its own query procedure) is not a refusal.

The reconsideration body (行政复议机关) follows from the agency's place in the hierarchy:

========================================  ====================================  ==========================
agency                                    from 2024-01-01 (行政复议法 2023)      before (行政复议法 2017)
========================================  ====================================  ==========================
State Council department (national)       itself (Art. 25(1))                   itself (Art. 14)
provincial government                     itself (Art. 24(2))                   itself (Art. 14)
other local government                    the government above (Art. 24(1)(2))  same (Art. 13)
local department under a government       that government (Art. 24(1)(1))       it or the department above
                                                                                (Art. 12(1), the
                                                                                applicant chooses)
department under a department (垂直领导)   the department above (Art. 27)        same (Art. 12(2))
========================================  ====================================  ==========================

The 2023 law took away a local department's second choice (the department above): the spec's
"own-level government or the department above" is the old law and, after 2024, holds only for
vertically led departments — the code follows the law.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from gongkai.rules.outcomes import ReplyKind

#: The revised Administrative Reconsideration Law (行政复议法, 2023 revision) is in force from this day (Art. 90).
REVISED_RECONSIDERATION_LAW: Final = dt.date(2024, 1, 1)
#: 行政复议法 (2023) Art. 20(1) / (2017) Art. 9(1): apply for reconsideration within 60 days.
RECONSIDERATION_DAYS: Final = 60
#: 行政诉讼法 Art. 46(1): sue within 6 months.
LITIGATION_MONTHS: Final = 6

RECONSIDERATION_LAW: Final = "《中华人民共和国行政复议法》"
LITIGATION_LAW: Final = "《中华人民共和国行政诉讼法》"
_PERIODS_NEW = f"{RECONSIDERATION_LAW}第二十条第一款、{LITIGATION_LAW}第四十六条第一款"
_PERIODS_OLD = f"{RECONSIDERATION_LAW}第九条第一款、{LITIGATION_LAW}第四十六条第一款"
_FIRST = f"{RECONSIDERATION_LAW}第二十条第一款、第二十三条第一款第（四）项和第二款"

#: Replies that refuse disclosure (行政复议法 Art. 23(1)(4)): every 不予公开 reason except the
#: Art. 36(7) query-procedure reply, and a partial disclosure's refused part.
REFUSALS: Final = frozenset(
    {k.key for k in ReplyKind if k.row_key.startswith("denied.") and k.row_key != "denied.inquiry_matter"}
    | {ReplyKind.PARTIAL.key}
)

NATIONAL, PROVINCE = "national", "province"
GOVERNMENT, DEPARTMENT = "government", "department"


@dataclass(frozen=True)
class Agency:
    """An agency as the reconsideration rules see it: name, level (national, province, city,
    county, township), kind (government, department) and the agency above it in the tree."""

    name: str
    level: str
    kind: str
    parent: Agency | None = None


@dataclass(frozen=True)
class Body:
    """Where to apply for reconsideration: one body, or two the applicant chooses between."""

    names: tuple[str, ...]
    basis: str  # the article that names the body

    @property
    def text(self) -> str:
        return "或者".join(self.names)


@dataclass(frozen=True)
class Remedies:
    """The remedies of one reply letter: the paragraph to print and what it was built from."""

    text: str
    body: Body
    reconsideration_first: tuple[int, ...]  # item numbers that must go to reconsideration first
    revised_law: bool  # the reply is dated on or after 2024-01-01


def reconsideration_body(agency: Agency, replied_on: dt.date) -> Body:
    """The reconsideration body for a decision of `agency` dated `replied_on` (see the table above)."""
    revised = replied_on >= REVISED_RECONSIDERATION_LAW
    parent = agency.parent
    if agency.level == NATIONAL:
        return Body((agency.name,), f"{RECONSIDERATION_LAW}{'第二十五条第（一）项' if revised else '第十四条'}")
    if agency.kind == GOVERNMENT:
        if agency.level == PROVINCE:
            return Body((agency.name,), f"{RECONSIDERATION_LAW}{'第二十四条第二款' if revised else '第十四条'}")
        above = parent.name if parent is not None else "上一级人民政府"
        return Body((above,), f"{RECONSIDERATION_LAW}{'第二十四条第一款' if revised else '第十三条'}")
    if parent is not None and parent.kind == DEPARTMENT:  # vertically led (垂直领导)
        return Body((parent.name,), f"{RECONSIDERATION_LAW}{'第二十七条' if revised else '第十二条第二款'}")
    government = parent.name if parent is not None else "本级人民政府"
    if revised:
        return Body((government,), f"{RECONSIDERATION_LAW}第二十四条第一款第（一）项")
    return Body((government, "上一级主管部门"), f"{RECONSIDERATION_LAW}第十二条第一款")


def _numbers(positions: Sequence[int]) -> str:
    return "、".join(str(p) for p in positions)


def remedies(agency: Agency, replied_on: dt.date, items: Sequence[tuple[int, str]]) -> Remedies:
    """The remedies paragraph of a reply dated `replied_on` whose items are (number, reply kind key)."""
    if not items:
        raise ValueError("a reply has at least one item")
    for _, key in items:
        ReplyKind.from_key(key)  # unknown keys are an error, not a silent choice
    body = reconsideration_body(agency, replied_on)
    revised = replied_on >= REVISED_RECONSIDERATION_LAW
    days, months = RECONSIDERATION_DAYS, LITIGATION_MONTHS
    if not revised:
        text = (f"如对本答复不服，可以自收到本答复之日起{days}日内向{body.text}申请行政复议，或者自收到本答复之日起"
                f"{months}个月内向人民法院提起行政诉讼（{_PERIODS_OLD}）。")
        return Remedies(text, body, (), revised)
    first = tuple(n for n, key in items if key in REFUSALS)
    review_first = (f"可以自收到本答复之日起{days}日内向{body.text}申请行政复议；"
                    f"对行政复议决定不服的，可以依法向人民法院提起行政诉讼")
    choice = (f"可以自收到本答复之日起{days}日内向{body.text}申请行政复议，也可以自收到本答复之日起{months}个月内"
              f"依法向人民法院提起行政诉讼")
    if not first:
        text = f"如对本答复不服，{choice}（{_PERIODS_NEW}）。"
    elif len(first) == len(items):
        text = f"如对本答复不予公开的决定不服，应当先申请行政复议：{review_first}（{_FIRST}）。"
    else:
        text = (f"对本答复第{_numbers(first)}项中不予公开的决定不服的，应当先申请行政复议：{review_first}"
                f"（{_FIRST}）。对本答复其他事项不服的，{choice}（{_PERIODS_NEW}）。")
    return Remedies(text, body, first, revised)
