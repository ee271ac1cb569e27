"""Numbers stated in a report's sentences, as facts about table cells.

Two uses: era-2008 reports without an attached table get their ``legacy`` facts from sentences
(公开信息205条 → proactive_total.year = 205; 未收到公开申请 → applications_total.year = 0), and
every report's sentences are compared with its tables (NARRATIVE_MISMATCH: 共收到申请6件 against
applications.new.total).

Patterns are deliberately narrow. A catalogue count such as "依申请公开信息459条" names a class of
information, not applications received: it matches none of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WS = re.compile(r"[ \t\u3000\xa0]+")
#: a filler inside one sentence of one paragraph, without numbers
_F = r"[^。；;\d\n]"
_COUNT = r"(\d+)(?:件|条|个|份|项)"

#: a filler that does not pass a review or a lawsuit: 收到有关政府信息公开行政复议申请0件 is a review
_NOT_APPEAL = rf"(?:(?!复议|诉讼){_F})"
_RECEIVED = re.compile(
    rf"(?:收到|接收|受理|接到){_NOT_APPEAL}{{0,12}}?申请(?:公开)?(?:共|合计|数量为?)?{_COUNT}"
)
#: the count before the words: 收到12起政府信息依申请公开
_RECEIVED_FIRST = re.compile(
    r"(?:收到|受理|接到)(\d+)(?:件|起|个|份)(?:政府)?(?:信息)?(?:依申请公开|公开申请)"
)
_NONE_RECEIVED = re.compile(rf"(?:未|没有)(?:收到|接到|接收|受理){_F}{{0,20}}?申请")
#: 未发生政府信息公开申请 (not 未发生…申请行政复议: that is a review)
_NONE_HAPPENED = re.compile(r"(?:未发生|没有发生)(?:政府)?信息公开申请(?![^。，,；;]{0,6}(?:复议|诉讼))")
_NONE = r"(?:未发生|未产生|未出现|没有|无)"


@dataclass(frozen=True)
class Fact:
    table: str
    row: str
    column: str
    value: int
    quote: str  #: the words the number was read from


#: era → (pattern, table, row, column, fixed value or None for the captured number)
_PATTERNS: dict[str, tuple[tuple[re.Pattern[str], str, str, str, int | None], ...]] = {
    "modern": (
        (_RECEIVED, "applications", "new", "total", None),
        (_NONE_RECEIVED, "applications", "new", "total", 0),
        (
            re.compile(rf"结转(?:到)?下一?年度?(?:继续)?(?:办理)?{_COUNT}"),
            "applications",
            "carried_forward",
            "total",
            None,
        ),
        (re.compile(rf"予以公开的?{_COUNT}"), "applications", "granted", "total", None),
        (
            re.compile(r"现行有效的?(?:行政)?规范性文件(?:共|为)?(\d+)(?:件|个|份)"),
            "proactive",
            "normative_documents",
            "in_force",
            None,
        ),
    ),
    "2008": (
        (
            re.compile(rf"主动公开(?:政府|政务)?信息(?:共|有|为|达)?{_COUNT}"),
            "legacy",
            "proactive_total",
            "year",
            None,
        ),
        (re.compile(rf"共主动公开{_COUNT}"), "legacy", "proactive_total", "year", None),
        (
            re.compile(rf"(?<!申请)(?<!主动)公开(?:各类)?(?:政府|政务)?信息(?:共)?{_COUNT}"),
            "legacy",
            "proactive_total",
            "year",
            None,
        ),
        (re.compile(rf"共?发布(?:政府|政务)?信息{_COUNT}"), "legacy", "proactive_total", "year", None),
        #: 发布主动公开信息28大项、79小项，共计6657条: the sum the sentence gives after its kinds
        (
            re.compile(rf"主动公开{_F}{{0,6}}?信息[^。；;\n]{{0,24}}?(?:共计|总计|合计)(\d+)条"),
            "legacy",
            "proactive_total",
            "year",
            None,
        ),
        #: 主动公开政府工作信息、动态755多条: a kind of information, then the count, maybe approximate
        (
            re.compile(rf"主动公开{_F}{{0,6}}?信息{_F}{{0,6}}?(\d+)多?条"),
            "legacy",
            "proactive_total",
            "year",
            None,
        ),
        (_RECEIVED, "legacy", "applications_total", "year", None),
        (_RECEIVED_FIRST, "legacy", "applications_total", "year", None),
        (_NONE_RECEIVED, "legacy", "applications_total", "year", 0),
        (_NONE_HAPPENED, "legacy", "applications_total", "year", 0),
        #: 收到有关政府信息公开行政复议申请0件
        (re.compile(r"行政复议(?:申请|案件)?(?:共)?(\d+)(?:件|起)"), "legacy", "reviews", "year", None),
        (re.compile(r"行政诉讼(?:案件)?(?:共)?(\d+)(?:件|起)"), "legacy", "lawsuits", "year", None),
        (re.compile(rf"{_NONE}{_F}{{0,40}}?行政复议"), "legacy", "reviews", "year", 0),
        (re.compile(rf"{_NONE}{_F}{{0,40}}?行政诉讼"), "legacy", "lawsuits", "year", 0),
        (re.compile(rf"{_NONE}{_F}{{0,40}}?(?:申诉|举报)"), "legacy", "complaints", "year", 0),
    ),
}


#: the sum a sentence goes on to state after the count of one channel: …在省政府网站发布信息514条，
#: 总计2401条
_SUM_AFTER = re.compile(rf"{_F}{{0,24}}?(?:总计|合计|共计|总共)(?:为|达)?{_COUNT}")


def facts(era: str, text: str) -> list[Fact]:
    """Every fact the sentences of ``text`` state, in the order of the patterns. A count the same
    sentence follows with its sum (总计N条) states the sum: the count was one channel's."""
    text = _WS.sub("", text)
    out: list[Fact] = []
    seen: set[tuple[str, int]] = set()  # (row, where): a wider pattern does not state the words twice
    for pattern, table, row, column, fixed in _PATTERNS["2008" if era == "2008" else "modern"]:
        for m in pattern.finditer(text):
            if (row, m.start()) in seen:
                continue
            seen.add((row, m.start()))
            value = fixed if fixed is not None else int(m.group(1))
            quote = m.group(0)
            if fixed is None and row == "proactive_total":
                total = _SUM_AFTER.match(text, m.end())
                if total and int(total.group(1)) > value:
                    value, quote = int(total.group(1)), quote + total.group(0)
            out.append(Fact(table, row, column, value, quote))
    return out
