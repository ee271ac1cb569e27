"""What a report says about itself: the agency, the report year, the publication date, and
whether the agency is a government or one of its departments (which sets the deadline)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from gongkai.annual.model import AgencyKind
from gongkai.numerals import from_chinese

_TITLE = re.compile(
    r"^(?P<agency>.*?)(?P<year>(?:19|20)\d{2})\s*年度?[^。，,]{0,20}?(?:信息公开|政务公开)[^。，,]{0,14}?(?:报告|年报|报$)"
)
#: a title naming the year before the agency: 2016年朝阳乡政府信息公开工作年度报告
_YEAR_FIRST_TITLE = re.compile(
    r"^(?P<year>(?:19|20)\d{2})\s*年度?(?P<agency>[\u4e00-\u9fff]{2,20}?)(?:政府信息公开|信息公开|政务公开)"
    r"[^。，,]{0,14}?(?:报告|年报)"
)
_YEAR_FALLBACK = re.compile(r"统计(?:期限|时限|时间)[^。]{0,6}?((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日")
_AGENCY_SUFFIX = re.compile(
    r"(?:人民政府|政府|办事处|委员会|办公室|局|委|办|厅|院|署|中心|所|站|馆|队|街道|镇|乡|部|会|处|室"
    r"|学校|中学|小学|幼儿园|[一二三四五六七八九十]中)$"
)
_AGENCY = re.compile(r"^[\u4e00-\u9fff（）()]{2,30}$")
_BLANKS = re.compile(r"[\s\u3000\xa0]+")
_PARENTHESIS = re.compile(r"[（(][^（）()]*[）)]")
_GOVERNMENT = re.compile(r"(?:人民政府|政府|街道办事处)$")
_DATE_LABELLED = re.compile(
    r"(?:发布|发表|印发|成文|公开)?(?:日期|时间)\s*[:：]\s*((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"
)
_DATE_LINE = re.compile(r"^((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_HAN_DATE_LINE = re.compile(
    r"^([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日$"
)
#: how far after the report year a printed date still reads as the publication date
_MAX_PUBLICATION_DELAY_YEARS = 3


def _date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _clean_agency(text: str, suffix: re.Pattern[str] = _AGENCY_SUFFIX) -> str | None:
    text = _BLANKS.sub("", _PARENTHESIS.sub("", text.strip(" \u3000：:")))
    return text if _AGENCY.match(text) and suffix.search(text) else None


#: a title may name a government by its place alone (正阳县2014年…, 福州市晋安区2016年…)
_TITLE_AGENCY_SUFFIX = re.compile(f"(?:{_AGENCY_SUFFIX.pattern[:-1]}|县|市|区|旗)$")


def detect_title(lines: Sequence[str]) -> tuple[str | None, int | None]:
    """Agency and year from the title among the first lines: the agency may stand on the line
    before, the title may be broken over two lines, and a first title without an agency
    (2020年信息公开年报) gives way to a fuller one below it."""
    found: tuple[str | None, int | None] = (None, None)
    head = [line.strip() for line in lines[:20]]
    for i, line in enumerate(head):
        m = _TITLE.match(line)
        if m and not m.group("agency").strip() and (first := _YEAR_FIRST_TITLE.match(line)):
            agency = _clean_agency(first.group("agency"), _TITLE_AGENCY_SUFFIX)
            if agency is None and line.startswith("政府", first.end("agency")):
                # 2012年泾县人民政府信息公开年度报告: the government's name runs into 政府信息公开
                agency = _clean_agency(first.group("agency") + "政府", _TITLE_AGENCY_SUFFIX)
            if agency and not agency.startswith(("政府", "人民政府")) and found[0] is None:
                found = (agency, int(first.group("year")))
                break
        if not m and i + 1 < len(head) and len(line) <= _TITLE_LINE and re.search(r"(?:19|20)\d{2}", line):
            m = _TITLE.match(line + head[i + 1])
        if not m:
            continue
        # 关于2021年度政府信息公开工作的年度报告: the agency stands on the line before
        named = m.group("agency").strip().removeprefix("关于")
        agency = _clean_agency(named, _TITLE_AGENCY_SUFFIX)
        if agency is None and named:
            # page chrome before the title on its line (Page 8 - 威海市文登区信访局2022年…, 首页 > …)
            agency = _clean_agency(_CHROME.split(named)[-1], _TITLE_AGENCY_SUFFIX)
        if agency is None and not named and i > 0:
            agency = _clean_agency(head[i - 1])
        if found[1] is None:
            found = (agency, int(m.group("year")))
        elif agency and found[0] is None and int(m.group("year")) == found[1]:
            found = (agency, found[1])
        if found[0] is not None:
            break
    return found


_TITLE_LINE = 40
#: what separates page chrome from a title on the same line
_CHROME = re.compile(r"[\s\-–—>＞_|｜:：/]+")
#: words after which the opening sentences name the reporting agency: 由国家机关事务管理局根据…,
#: 现公布区统计局2023年…, 2019年，新华街道办事处高度重视…
_AGENCY_CUE = re.compile(
    r"(?:由|现将|现公布|现向社会公布|现特向社会公布|为认真做好|(?:19|20)\d{2}年度?[，,])"
    r"(?:(?:19|20)\d{2}年度?)?"
    r"(?P<agency>[\u4e00-\u9fff]{1,28}?(?:人民政府|办事处|委员会|办公室|管理局|局|委|厅|署|中心|街道|镇|乡))"
    r"(?P<more>人民政府|街道办事处|办事处)?"
    r"(?![长])"  # 由局分管副局长…: a post, not an agency
)
#: a sentence naming the report, or the year's work, with the agency before the year:
#: 特编制湛江市人民政府地方志办公室2023年政府信息公开工作年度报告, 特向社会公布广元市统计局2024年
#: 政府信息公开情况, 结合自贡市商务局2022年政府信息公开工作实际
_TITLE_IN_TEXT = re.compile(
    r"(?:编制|公布|发布|印发|现将|结合)了?《?(?P<agency>[\u4e00-\u9fff（）()]{2,30}?)"
    r"(?:19|20)\d{2}\s*年度?[^。，,]{0,12}?(?:信息公开|政务公开)[^。，,]{0,14}?(?:报告|年报|情况|实际)"
)
#: the agency as the subject of 编制: …要求，乌审旗信访局特编制2024年政府信息公开工作年度报告
_COMPILER = re.compile(
    r"(?:^|[，,。；;：:])(?P<agency>[\u4e00-\u9fff（）()]{2,30}?)(?:特|现|特此)?编制了?《?"
    r"(?:19|20)\d{2}\s*年度?[^。，,]{0,12}?(?:信息公开|政务公开)[^。，,]{0,14}?(?:报告|年报)"
)


def detect_agency_in_text(lines: Sequence[str]) -> str | None:
    """The agency the opening sentences name as the author, for a report whose title does not."""
    for line in lines[:12]:
        for m in (*_TITLE_IN_TEXT.finditer(line), *_COMPILER.finditer(line)):
            name = m.group("agency")
            if not name.startswith(("我", "本", "各", "全")) and (agency := _clean_agency(name)):
                return agency
    for line in lines[:12]:
        for m in _AGENCY_CUE.finditer(line):
            name = m.group("agency") + (m.group("more") or "")
            if name[0] in "我本该全各市区县镇乡" and len(name) <= 3:
                continue
            if name.startswith(("我", "本", "各", "全")):
                continue
            agency = _clean_agency(name)
            if agency:
                return agency
    return None


_FIRST_YEAR = re.compile(r"^(?:[一二三四五六七八九十]+、)?((?:19|20)\d{2})\s*年度?(?:[，,]|(?=[我本]))")
_UNTIL = re.compile(r"截[至止]((?:19|20)\d{2})\s*年(?:\s*12\s*月\s*31\s*日|底)")
#: the agency's own year of disclosure work, named by 我/本: 汇报我镇2023年政府信息公开工作
_OWN_YEAR = re.compile(
    r"[我本][\u4e00-\u9fff]{1,3}?((?:19|20)\d{2})\s*年度?的?(?:政府信息公开|信息公开|政务公开)"
)


def detect_opening_year(lines: Sequence[str]) -> int | None:
    """The report year from its opening sentences (2023年，我局…; 截至2023年12月31日, 截至2010年底;
    汇报我镇2023年政府信息公开工作)."""
    for line in lines[:12]:
        m = _FIRST_YEAR.match(line.strip()) or _UNTIL.search(line) or _OWN_YEAR.search(line)
        if m:
            return int(m.group(1))
    return None


def detect_period_year(lines: Sequence[str]) -> int | None:
    """The year of the statistics period (统计期限自2023年1月1日…), for a title without one."""
    m = _YEAR_FALLBACK.search("\n".join(lines[:40]))
    return int(m.group(1)) if m else None


#: a date at the foot of a report, whole or with characters lost (2024年1月16日, 201813, 2018年1月3印发)
_FOOT_DATE = re.compile(r"^(?:19|20)\d{2}\s*年?\s*\d{1,2}\s*月?\s*\d{1,2}\s*日?(?:印发|发布)?$")
#: the note under an official document's date: （此件公开发布）, （此页无正文）
_CLOSING_NOTE = re.compile(r"^[（(]此[件页][^（）()]{0,8}[）)]$")


def _closing_line(line: str) -> bool:
    """A line of the closing signature: the agency, the date, a colophon giving both, the note."""
    text = _BLANKS.sub(" ", line).strip()
    if (
        _FOOT_DATE.match(text)
        or _HAN_DATE_LINE.match(text)
        or _CLOSING_NOTE.match(text)
        or _clean_agency(text)
    ):
        return True
    agency, _, when = text.rpartition(" ")
    return _clean_agency(agency) is not None and _FOOT_DATE.match(when) is not None


def closing_start(lines: Sequence[str]) -> int:
    """Where the closing signature (the agency's name and the date under it) begins: ``len(lines)``
    when the text does not end in one. It is no part of the last section's narrative."""
    start = len(lines)
    while start > 0 and _closing_line(lines[start - 1]):
        start -= 1
    return start


def detect_signature(lines: Sequence[str]) -> str | None:
    """The signing agency: a short agency-name line among the last lines."""
    for line in reversed(lines[-15:]):
        agency = _clean_agency(line)
        if agency:
            return agency
    return None


def detect_published(lines: Sequence[str], year: int | None) -> date | None:
    """The publication date: a 发布日期/时间 line, else a date line standing alone near the end.

    A date that cannot be the publication of this year's report (before the year ended, or
    characters lost as in ``201813``) gives None rather than a wrong date.
    """
    found: date | None = None
    for line in lines[:25]:
        m = _DATE_LABELLED.search(line)
        if m:
            found = _date(*map(int, m.groups()))
            break
    if found is None:
        for line in reversed(lines[-15:]):
            text = line.strip()
            m = _DATE_LINE.match(text)
            if m:
                found = _date(*map(int, m.groups()))
                break
            m = _HAN_DATE_LINE.match(text)
            if m:
                found = _date(*(from_chinese(g) for g in m.groups()))
                break
    if found and year is not None and not (year < found.year <= year + _MAX_PUBLICATION_DELAY_YEARS):
        return None
    return found


def agency_kind(agency: str | None) -> AgencyKind | None:
    """A government (report due 31 March) or one of its departments (31 January), by the name."""
    if not agency:
        return None
    return "government" if _GOVERNMENT.search(agency) else "department"
