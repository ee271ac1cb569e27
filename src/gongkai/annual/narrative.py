"""The first draft of sections 一, 五 and 六 (and the short texts of 二–四), written from the year's
own figures in the plain register of published reports. Pure: no Django.

Every sentence states only figures it is given, and every paragraph carries the `Source` of each
figure it states (a table cell ``applications.new.total`` or a record count such as
``activity.published_total``), so a reader can trace any number back. Nothing is said about what
the figures do not show: no praise, no plans, no assessment results the system does not hold.
The numbers in sentences that `gongkai.annual.parse.narrative` reads (收到申请…件, 予以公开…件,
结转下年度…件) are taken from the report's own tables, so the draft never contradicts them
(NARRATIVE_MISMATCH).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from gongkai.annual.formats import APPEAL_OUTCOMES
from gongkai.annual.model import Report
from gongkai.numerals import to_chinese

#: section keys of the 2019/2021 formats that the draft writes, in order
SECTION_KEYS = ("overview", "proactive", "applications", "appeals", "problems", "other")

#: section 三 outcome groups as the narrative names them (row key prefix → words)
OUTCOME_WORDS = (
    ("granted", "予以公开"),
    ("partial", "部分公开"),
    ("denied", "不予公开"),
    ("unavailable", "无法提供"),
    ("not_processed", "不予处理"),
    ("other", "其他处理"),
)
APPEAL_WORDS = {"upheld": "维持", "corrected": "纠正", "other": "其他结果", "pending": "尚未审结"}


@dataclass(frozen=True)
class Source:
    """Where one stated figure comes from: a table cell (``table.row.column``) or a record count."""

    ref: str
    label: str
    value: str
    #: the words just before the number in the paragraph (咨询 of 咨询3件), so a page can find the
    #: number in the text and link it to its records; empty when the figure is not one number
    before: str = ""


@dataclass(frozen=True)
class Paragraph:
    text: str
    sources: tuple[Source, ...] = ()

    @property
    def heading(self) -> bool:
        """A numbered subheading such as （一）主动公开情况 (no figures, printed in 楷体)."""
        return not self.sources and self.text.startswith("（") and "。" not in self.text


@dataclass(frozen=True)
class Activity:
    """The year's facts that no table cell holds, counted from the records by the shell."""

    published_total: int = 0
    published_by_category: tuple[tuple[str, int], ...] = ()
    published_by_channel: tuple[tuple[str, int], ...] = ()
    interpretations: int = 0
    published_on_time: int = 0
    published_late: int = 0
    applications_by_channel: tuple[tuple[str, int], ...] = ()
    replied_on_time: int = 0
    replied_late: int = 0
    extensions: int = 0
    fees_count: int = 0
    fees_amount: Decimal = Decimal("0")  #: 元
    guide_versions: int = 0
    #: the catalogue's year (政府信息公开目录): items that entered it (published in the year), and
    #: items in it whose validity became 废止 or 失效 in the year
    catalogue_added: int = 0
    catalogue_repealed: int = 0
    catalogue_expired: int = 0
    #: NPC suggestions (人大代表建议) and CPPCC proposals (政协提案) handled in the year: received,
    #: replied, results made public
    npc_suggestions: int = 0
    cppcc_proposals: int = 0
    proposals_replied: int = 0
    proposals_published: int = 0
    #: the service desk's year: consultations and complaints received (咨询、投诉), 12345 hotline
    #: transfers received, replied and replied on time, front-desk visits and phone calls (人次)
    consultations: int = 0
    complaints: int = 0
    hotline: int = 0
    hotline_replied: int = 0
    hotline_on_time: int = 0
    walk_in: int = 0
    phone: int = 0
    #: page views of the agency's column and items on the portal in the year (网站访问量, counted
    #: per page and day without tracking visitors)
    site_visits: int = 0


@dataclass
class _Writer:
    report: Report
    previous: Report | None
    sources: list[Source] = field(default_factory=list)

    def cell(self, table: str, row: str, column: str, label: str) -> int:
        value = self.report.get(table, row, column) or 0
        self.sources.append(Source(f"{table}.{row}.{column}", label, str(value)))
        return int(value)

    def fact(self, ref: str, label: str, value, before: str = "") -> str:
        self.sources.append(Source(ref, label, str(value), before))
        return str(value)

    def counts(self, items: Sequence[tuple[str, str, str, int]], unit: str) -> str:
        """``咨询3件、投诉1件`` from (ref, label, words, n), the zeros left out, one source per number."""
        return "、".join(f"{words}{self.fact(ref, label, n, before=words)}{unit}" for ref, label, words, n in items if n)

    def paragraph(self, text: str) -> Paragraph:
        out = Paragraph(text, tuple(self.sources))
        self.sources = []
        return out


def _listing(parts: Sequence[tuple[str, int]], unit: str) -> str:
    return "、".join(f"{name}{n}{unit}" for name, n in parts if n)


def _rate(part: int, whole: int) -> str:
    return f"{Decimal(part * 100) / Decimal(whole):.1f}%"


def _change(now: int, before: int) -> str:
    if now == before:
        return "与上年持平"
    return f"较上年{'增加' if now > before else '减少'}{abs(now - before)}件"


def _outcome_total(report: Report, prefix: str) -> tuple[int, list[str]]:
    rows = [r for r in report.applications if r == prefix or r.startswith(prefix + ".")]
    return sum(int(report.applications[r].get("total", 0)) for r in rows), rows


def _proactive(w: _Writer, year: int, a: Activity) -> list[Paragraph]:
    out = [Paragraph("（一）主动公开情况")]
    text = f"{year}年，本机关主动公开政府信息{w.fact('activity.published_total', '本年主动公开政府信息（条）', a.published_total)}条"
    if a.published_by_category:
        shown = _listing(a.published_by_category, "条")
        w.fact("activity.published_by_category", "按主题分类", shown)
        text += f"，其中{shown}"
    text += "。"
    if a.published_by_channel:
        shown = _listing(a.published_by_channel, "条")
        text += f"同时通过{w.fact('activity.published_by_channel', '其他发布渠道', shown)}。"
    if a.interpretations:
        text += f"发布政策解读{w.fact('activity.interpretations', '政策解读（篇）', a.interpretations)}篇。"
    judged = a.published_on_time + a.published_late
    if judged:
        w.fact("activity.published_on_time", "按期发布（条）", a.published_on_time)
        w.fact("activity.published_late", "逾期发布（条）", a.published_late)
        text += f"有发布时限要求的{judged}条信息中，按期发布{a.published_on_time}条，按期发布率{_rate(a.published_on_time, judged)}。"
    out.append(w.paragraph(text))
    issued = [
        (label, w.cell("proactive", row, "issued", f"{label}·本年制发件数"))
        for row, label in (("rules", "规章"), ("normative_documents", "行政规范性文件"))
        if w.report.get("proactive", row, "issued") is not None
    ]
    if any(n for _, n in issued):
        out.append(w.paragraph(f"本年制发{_listing(issued, '件')}。"))
    else:
        w.sources = []
    return out


def _requests(w: _Writer, year: int, a: Activity) -> list[Paragraph]:
    r = w.report
    out = [Paragraph("（二）依申请公开情况")]
    new = w.cell("applications", "new", "total", "本年新收申请（总计）")
    carried = w.cell("applications", "carried_in", "total", "上年结转申请（总计）")
    text = f"{year}年，本机关共收到政府信息公开申请{new}件"
    if w.previous is not None and w.previous.get("applications", "new", "total") is not None:
        before = int(w.previous.get("applications", "new", "total") or 0)
        w.sources.append(Source("previous.applications.new.total", "上年报告·本年新收申请", str(before)))
        text += f"，{_change(new, before)}"
    text += f"；上年结转{carried}件。" if carried else "。"
    if new:
        people = w.cell("applications", "new", "natural_person", "本年新收·自然人")
        text += f"从申请人看，自然人{people}件，法人或其他组织{new - people}件。"
        if a.applications_by_channel:
            shown = _listing(a.applications_by_channel, "件")
            text += f"从申请方式看，{w.fact('activity.applications_by_channel', '按申请方式', shown)}。"
    out.append(w.paragraph(text))
    finished = w.cell("applications", "results_total", "total", "本年度办理结果·总计")
    forward = w.cell("applications", "carried_forward", "total", "结转下年度继续办理（总计）")
    if not (finished or forward):
        w.sources = []  # the two 0s stated nowhere: no source of the next paragraph
        return out
    parts = []
    for prefix, words in OUTCOME_WORDS:
        n, rows = _outcome_total(r, prefix)
        if n:
            for row in rows:
                w.cell("applications", row, "total", f"{words}（{row}）")
            parts.append(f"{words}{n}件")
    text = f"本年度办结{finished}件"
    text += f"，其中{'，'.join(parts)}" if parts else ""
    text += f"；结转下年度继续办理{forward}件。" if forward else "。"
    judged = a.replied_on_time + a.replied_late
    if judged:
        w.fact("activity.replied_on_time", "在法定期限内办结（件）", a.replied_on_time)
        text += f"办结的申请中，在法定期限内答复{a.replied_on_time}件，按期答复率{_rate(a.replied_on_time, judged)}"
        if a.replied_late:
            text += f"，超过期限答复{w.fact('activity.replied_late', '超过法定期限办结（件）', a.replied_late)}件"
        text += "。"
    if a.extensions:
        text += f"经批准延长答复期限{w.fact('activity.extensions', '延长答复期限（件）', a.extensions)}件。"
    out.append(w.paragraph(text))
    return out


def _management(w: _Writer, a: Activity) -> list[Paragraph]:
    """政府信息管理: the guide's new versions and the catalogue's updates, each only when there were
    any; nothing at all in a year with neither."""
    text = ""
    if a.guide_versions:
        n = w.fact("activity.guide_versions", "本年更新政府信息公开指南（次）", a.guide_versions)
        text += f"本年更新政府信息公开指南{n}次。"
    if a.catalogue_added or a.catalogue_repealed or a.catalogue_expired:
        parts = []
        if a.catalogue_added:
            n = w.fact("activity.catalogue_added", "政府信息公开目录新增政府信息（条，本年发布）",
                       a.catalogue_added, "新增政府信息")
            parts.append(f"新增政府信息{n}条")
        marked = w.counts((
            ("activity.catalogue_repealed", "政府信息公开目录标注废止（条，本年废止）", "废止", a.catalogue_repealed),
            ("activity.catalogue_expired", "政府信息公开目录标注失效（条，本年失效）", "失效", a.catalogue_expired),
        ), "条")  # fmt: skip
        if marked:
            parts.append(f"标注{marked}")
        text += f"本年更新政府信息公开目录，{'，'.join(parts)}。"
    if not text:
        return []
    return [Paragraph("（三）政府信息管理情况"), w.paragraph(text)]


def _platform(w: _Writer, a: Activity, number: int) -> list[Paragraph]:
    """平台建设: the year's page views of the portal column, only when views were counted."""
    if not a.site_visits:
        return []
    n = w.fact("activity.site_visits", "政府信息公开专栏网站访问量（次，门户网站按页面逐日计数）", a.site_visits)
    return [Paragraph(f"（{to_chinese(number)}）政府信息公开平台建设情况"),
            w.paragraph(f"本年度，本机关政府信息公开专栏网站访问量{n}次。")]


def _appeals_text(w: _Writer, year: int) -> list[Paragraph]:
    r = w.report
    groups = (("review", "被申请行政复议"), ("lawsuit_direct", "被直接提起行政诉讼"), ("lawsuit_after_review", "经复议后被提起行政诉讼"))
    sentences = []
    for group, words in groups:
        total = w.cell("appeals", group, "total", f"{words}·总计")
        if not total:
            continue
        results = []
        for column in APPEAL_OUTCOMES:
            n = int(r.get("appeals", group, column) or 0)
            if n:
                w.cell("appeals", group, column, f"{words}·{APPEAL_WORDS[column]}")
                results.append(f"{APPEAL_WORDS[column]}{n}件")
        sentences.append(f"{words}{total}件（{'、'.join(results)}）")
    if not sentences:  # the group totals, all 0, are its sources
        return [w.paragraph(f"{year}年，本机关未发生因政府信息公开被申请行政复议或被提起行政诉讼的情况。")]
    return [w.paragraph(f"{year}年，本机关因政府信息公开{'，'.join(sentences)}。")]


def _problems(w: _Writer, a: Activity) -> list[Paragraph]:
    found = []
    if a.replied_late:
        found.append(f"有{w.fact('activity.replied_late', '超过法定期限办结（件）', a.replied_late)}件申请未在法定期限内答复")
    if a.published_late:
        found.append(f"有{w.fact('activity.published_late', '逾期发布（条）', a.published_late)}条主动公开信息未按期发布")
    corrected = sum(int(w.report.get("appeals", g, "corrected") or 0) for g in w.report.appeals)
    if corrected:
        w.sources.append(Source("appeals.*.corrected", "行政复议、行政诉讼结果纠正（件）", str(corrected)))
        found.append(f"有{corrected}件行政复议或行政诉讼结果为纠正")
    out = []
    if found:
        items = "；".join(f"{to_chinese(i)}是{text}" for i, text in enumerate(found, 1))
        out += [Paragraph("（一）存在的主要问题"), w.paragraph(f"本年度工作中，{items}。")]
    return out


def _other(w: _Writer, year: int, a: Activity) -> list[Paragraph]:
    out = []
    if a.fees_count:
        n = w.fact("activity.fees_count", "收取信息处理费（件）", a.fees_count)
        amount = w.fact("activity.fees_amount", "收取信息处理费（元）", f"{a.fees_amount:.2f}")
        out.append(w.paragraph(f"本年度依据《政府信息公开信息处理费管理办法》收取信息处理费{n}件，共计{amount}元。"))
    else:
        w.fact("activity.fees_count", "收取信息处理费（件）", 0)
        out.append(w.paragraph("本年度未收取信息处理费。"))
    if a.npc_suggestions or a.cppcc_proposals:
        text = f"本年度承办{_proposals(w, a)}，已答复{w.fact('activity.desk_proposals_replied', '已答复建议提案（件）', a.proposals_replied, '已答复')}件"
        if a.proposals_published:
            text += f"，{_published(w, a)}"
        out.append(w.paragraph(text + "。"))
    out += _desk(w, a)
    out.append(Paragraph(f"本报告中所列数据的统计期限自{year}年1月1日至{year}年12月31日止。"))
    return out


def _asked(w: _Writer, a: Activity) -> str:
    return w.counts((("activity.desk_consultations", "受理咨询（件）", "咨询", a.consultations),
                     ("activity.desk_complaints", "受理投诉（件）", "投诉", a.complaints)), "件")


def _hotline(w: _Writer, a: Activity) -> str:
    return f"转办件{w.fact('activity.desk_hotline', '12345转办件（件）', a.hotline, '转办件')}件"


def _hotline_rate(w: _Writer, a: Activity) -> str:
    return "按期答复率" + w.fact("activity.desk_hotline_on_time_rate", "12345转办件按期答复率",
                  _rate(a.hotline_on_time, a.hotline_replied), "按期答复率")


def _proposals(w: _Writer, a: Activity) -> str:
    return w.counts((("activity.desk_npc", "承办人大代表建议（件）", "人大代表建议", a.npc_suggestions),
                     ("activity.desk_cppcc", "承办政协提案（件）", "政协提案", a.cppcc_proposals)), "件")


def _published(w: _Writer, a: Activity) -> str:
    n = w.fact("activity.desk_proposals_published", "公开办理结果（件）", a.proposals_published, "公开办理结果")
    return f"公开办理结果{n}件"


def _desk(w: _Writer, a: Activity) -> list[Paragraph]:
    """The service desk's year in one paragraph, each count traceable; nothing when it had none."""
    parts = []
    if a.consultations or a.complaints:
        parts.append(f"受理群众{_asked(w, a)}")
    if a.hotline:
        text = f"办理12345政务服务便民热线{_hotline(w, a)}"
        if a.hotline_replied:
            replied = w.fact("activity.desk_hotline_replied", "12345转办件已答复（件）", a.hotline_replied, "已答复")
            on_time = w.fact("activity.desk_hotline_on_time", "12345转办件按期答复（件）", a.hotline_on_time, "按期答复")
            text += f"，已答复{replied}件，其中按期答复{on_time}件，{_hotline_rate(w, a)}"
        parts.append(text)
    if a.walk_in or a.phone:
        parts.append(w.counts((("activity.desk_walk_in", "现场接待（人次）", "现场接待", a.walk_in),
                               ("activity.desk_phone", "接听咨询电话（人次）", "接听咨询电话", a.phone)), "人次"))
    return [w.paragraph(f"本年度{'；'.join(parts)}。")] if parts else []


def _response(w: _Writer, a: Activity, number: int) -> list[Paragraph]:
    """Section 一's short account of the desk's year (回应关切): consultations and complaints,
    12345 transfers and NPC/CPPCC proposals handled, as section 六 states them in full; nothing
    when there were none."""
    parts = []
    if a.consultations or a.complaints:
        parts.append(f"受理群众{_asked(w, a)}")
    if a.hotline:
        text = f"办理12345政务服务便民热线{_hotline(w, a)}"
        parts.append(text + (f"，{_hotline_rate(w, a)}" if a.hotline_replied else ""))
    if a.npc_suggestions or a.cppcc_proposals:
        text = f"承办{_proposals(w, a)}"
        parts.append(text + (f"，{_published(w, a)}" if a.proposals_published else ""))
    if not parts:
        return []
    return [Paragraph(f"（{to_chinese(number)}）回应公众关切和建议提案办理情况"),
            w.paragraph(f"本年度，本机关{'；'.join(parts)}。")]


def draft(report: Report, activity: Activity, previous: Report | None = None) -> dict[str, list[Paragraph]]:
    """Section key → the drafted paragraphs (subheadings included) of an era 2019/2021 report."""
    if report.year is None:
        raise ValueError("the report needs its year to be drafted")
    year = report.year
    w = _Writer(report, previous)
    overview = _proactive(w, year, activity) + _requests(w, year, activity) + _management(w, activity)
    overview += _platform(w, activity, sum(p.heading for p in overview) + 1)
    overview += _response(w, activity, sum(p.heading for p in overview) + 1)
    return {
        "overview": overview,
        "proactive": [],
        "applications": [],
        "appeals": _appeals_text(w, year),
        "problems": _problems(w, activity),
        "other": _other(w, year, activity),
    }


ASSESSMENT_HEADING = "工作考核、社会评议和责任追究结果"


def with_assessment(problems: str, assessment: str) -> str:
    """Section 五 with the Art. 50(4) results staff entered (工作考核、社会评议和责任追究结果) as
    its last numbered part; the text as it is when there are none."""
    if not assessment.strip():
        return problems
    lines = [line for line in problems.splitlines() if line.strip()]
    numbered = sum(1 for line in lines if Paragraph(line.strip()).heading)
    return "\n".join([*lines, f"（{to_chinese(numbered + 1)}）{ASSESSMENT_HEADING}", assessment.strip()])


def text(paragraphs: Sequence[Paragraph]) -> str:
    """A section's text as stored on the report model: one paragraph per line."""
    return "\n".join(p.text for p in paragraphs)
