"""The national annual-report formats (年度报告格式) of the three eras, described once as data.

One description per era drives parsing, validation and every renderer: adding a format is adding
data here, never a new code path. Keys are the canonical keys of shared/spec/annual-report.md.

Eras:
- ``2021``: 国办公开办函〔2021〕30号, report years 2021 onward;
- ``2019``: 国办公开办函〔2019〕60号 (trial), report years 2019 and 2020;
- ``2008``: no single national table; local templates, report years up to 2018 (``legacy`` facts).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    variants: tuple[str, ...] = ()
    optional: bool = False  #: real tables may leave the column out entirely
    money: bool = False  #: 万元, a decimal; every other cell is an integer

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.label, *self.variants)


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    variants: tuple[str, ...] = ()
    group: str = ""  #: the heading the row stands under, e.g. 第二十条第（一）项 or （三）不予公开
    columns: tuple[Column, ...] = ()  #: per-row columns (section 二); empty: the table's columns

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.label, *self.variants)


@dataclass(frozen=True)
class Table:
    key: str  #: "proactive" | "applications" | "appeals" | "legacy"
    title: str
    rows: tuple[Row, ...]
    columns: tuple[Column, ...] = ()
    column_groups: tuple[tuple[str, tuple[str, ...]], ...] = ()  #: merged header cells: label → column keys

    def row(self, key: str) -> Row:
        for row in self.rows:
            if row.key == key:
                return row
        raise KeyError(f"{self.key} has no row {key!r}")

    def columns_of(self, row: Row | str) -> tuple[Column, ...]:
        row = self.row(row) if isinstance(row, str) else row
        return row.columns or self.columns

    def cells(self) -> Iterator[tuple[Row, Column]]:
        """Every (row, column) of the table in reading order."""
        for row in self.rows:
            for column in self.columns_of(row):
                yield row, column


@dataclass(frozen=True)
class Section:
    key: str
    number: str  #: 一 … 六
    title: str
    variants: tuple[str, ...] = ()
    table: str | None = None  #: the table printed in this section


@dataclass(frozen=True)
class Format:
    era: str
    source: str
    first_year: int | None
    last_year: int | None
    sections: tuple[Section, ...]
    tables: tuple[Table, ...] = field(default=())

    def table(self, key: str) -> Table:
        for table in self.tables:
            if table.key == key:
                return table
        raise KeyError(f"era {self.era} has no table {key!r}")

    def has_table(self, key: str) -> bool:
        return any(t.key == key for t in self.tables)

    def covers(self, year: int) -> bool:
        return (self.first_year is None or year >= self.first_year) and (
            self.last_year is None or year <= self.last_year
        )


# --- section 二 (proactive) ------------------------------------------------------------------

_DECISIONS = Column("decisions", "本年处理决定数量", ("处理决定数量", "本年度处理决定数量"))

_ITEMS_2021 = (
    Column("issued", "本年制发件数", ("本年新制作数量",)),
    Column("repealed", "本年废止件数"),
    Column("in_force", "现行有效件数"),
)

PROACTIVE_2021 = Table(
    key="proactive",
    title="二、主动公开政府信息情况",
    rows=(
        Row("rules", "规章", group="第二十条第（一）项", columns=_ITEMS_2021),
        Row("normative_documents", "行政规范性文件", ("规范性文件",), group="第二十条第（一）项", columns=_ITEMS_2021),
        Row("licensing", "行政许可", group="第二十条第（五）项", columns=(_DECISIONS,)),
        Row("penalty", "行政处罚", group="第二十条第（六）项", columns=(_DECISIONS,)),
        Row("coercion", "行政强制", group="第二十条第（六）项", columns=(_DECISIONS,)),
        Row(
            "fees",
            "行政事业性收费",
            group="第二十条第（八）项",
            columns=(Column("amount", "本年收费金额（单位：万元）", ("本年收费金额", "收费金额（万元）"), money=True),),
        ),
    ),
)

_ITEMS_2019 = (
    Column("made", "本年新制作数量", ("本年制作数量",)),
    Column("published", "本年新公开数量", ("本年公开数量",)),
    Column("total_public", "对外公开总数量", ("对外公开总数",)),
)
_MATTERS_2019 = (
    Column("prev_items", "上一年项目数量", ("上年项目数量",)),
    Column("items", "本年项目数量", optional=True),
    Column("change", "本年增/减", ("本年增减", "增/减")),
    _DECISIONS,
)

PROACTIVE_2019 = Table(
    key="proactive",
    title="二、主动公开政府信息情况",
    rows=(
        Row("rules", "规章", group="第二十条第（一）项", columns=_ITEMS_2019),
        Row("normative_documents", "规范性文件", ("行政规范性文件",), group="第二十条第（一）项", columns=_ITEMS_2019),
        Row("licensing", "行政许可", group="第二十条第（五）项", columns=_MATTERS_2019),
        Row(
            "other_services",
            "其他对外管理服务事项",
            ("其他对外管理服务事项（指除行政许可以外的行政权力事项）",),
            group="第二十条第（五）项",
            columns=_MATTERS_2019,
        ),
        Row("penalty", "行政处罚", group="第二十条第（六）项", columns=_MATTERS_2019),
        Row("coercion", "行政强制", group="第二十条第（六）项", columns=_MATTERS_2019),
        Row(
            "fees",
            "行政事业性收费",
            group="第二十条第（八）项",
            columns=(_MATTERS_2019[0], _MATTERS_2019[2]),
        ),
        Row(
            "procurement",
            "政府集中采购",
            group="第二十条第（九）项",
            columns=(
                Column("items", "采购项目数量"),
                Column("amount", "采购总金额", ("采购总金额（万元）",), money=True),
            ),
        ),
    ),
)

# --- section 三 (applications) ---------------------------------------------------------------

APPLICANT_COLUMNS = (
    Column("natural_person", "自然人"),
    Column("commercial", "商业企业"),
    Column("research", "科研机构"),
    Column("nonprofit", "社会公益组织"),
    Column("legal_service", "法律服务机构"),
    Column("other_org", "其他"),
    Column("total", "总计"),
)
#: the six applicant columns whose sum is the row total
APPLICANT_TYPES = tuple(c.key for c in APPLICANT_COLUMNS if c.key != "total")

_RESULTS = "三、本年度办理结果"
_DENIED = "（三）不予公开"
_UNAVAILABLE = "（四）无法提供"
_NOT_PROCESSED = "（五）不予处理"
_OTHER = "（六）其他处理"

_APPLICATION_ROWS_HEAD = (
    Row("new", "一、本年新收政府信息公开申请数量"),
    Row("carried_in", "二、上年结转政府信息公开申请数量"),
    Row("granted", "（一）予以公开", group=_RESULTS),
    Row(
        "partial",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        ("（二）部分公开",),
        group=_RESULTS,
    ),
    Row("denied.state_secret", "1.属于国家秘密", group=_DENIED),
    Row("denied.prohibited_by_law", "2.其他法律行政法规禁止公开", group=_DENIED),
    Row("denied.security_stability", "3.危及“三安全一稳定”", ('3.危及"三安全一稳定"', "3.危及三安全一稳定"), group=_DENIED),
    Row("denied.third_party", "4.保护第三方合法权益", group=_DENIED),
    Row("denied.internal_affairs", "5.属于三类内部事务信息", group=_DENIED),
    Row("denied.process_info", "6.属于四类过程性信息", group=_DENIED),
    Row("denied.enforcement_file", "7.属于行政执法案卷", group=_DENIED),
    Row("denied.inquiry_matter", "8.属于行政查询事项", group=_DENIED),
    Row("unavailable.not_held", "1.本机关不掌握相关政府信息", group=_UNAVAILABLE),
    Row("unavailable.needs_creation", "2.没有现成信息需要另行制作", group=_UNAVAILABLE),
    Row("unavailable.still_unclear", "3.补正后申请内容仍不明确", group=_UNAVAILABLE),
    Row("not_processed.petition", "1.信访举报投诉类申请", group=_NOT_PROCESSED),
    Row("not_processed.duplicate", "2.重复申请", group=_NOT_PROCESSED),
    Row("not_processed.publication", "3.要求提供公开出版物", group=_NOT_PROCESSED),
    Row("not_processed.excessive", "4.无正当理由大量反复申请", group=_NOT_PROCESSED),
    Row(
        "not_processed.confirm_or_reissue",
        "5.要求行政机关确认或重新出具已获取信息",
        group=_NOT_PROCESSED,
    ),
)
_APPLICATION_ROWS_TAIL = (
    Row("results_total", "（七）总计", group=_RESULTS),
    Row("carried_forward", "四、结转下年度继续办理"),
)

APPLICATIONS_2021 = Table(
    key="applications",
    title="三、收到和处理政府信息公开申请情况",
    rows=(
        *_APPLICATION_ROWS_HEAD,
        Row(
            "other.no_correction",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            group=_OTHER,
        ),
        Row(
            "other.fee_unpaid",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            group=_OTHER,
        ),
        Row("other.other", "3.其他", group=_OTHER),
        *_APPLICATION_ROWS_TAIL,
    ),
    columns=APPLICANT_COLUMNS,
    column_groups=(("法人或其他组织", APPLICANT_TYPES[1:]),),
)

APPLICATIONS_2019 = Table(
    key="applications",
    title="三、收到和处理政府信息公开申请情况",
    rows=(*_APPLICATION_ROWS_HEAD, Row("other", "（六）其他处理", group=_RESULTS), *_APPLICATION_ROWS_TAIL),
    columns=APPLICANT_COLUMNS,
    column_groups=(("法人或其他组织", APPLICANT_TYPES[1:]),),
)

#: the outcome rows whose sum is results_total, per era
OUTCOME_ROWS: dict[str, tuple[str, ...]] = {
    era: tuple(r.key for r in table.rows if r.key not in ("new", "carried_in", "results_total", "carried_forward"))
    for era, table in (("2021", APPLICATIONS_2021), ("2019", APPLICATIONS_2019))
}

# --- section 四 (appeals) ---------------------------------------------------------------------

APPEAL_COLUMNS = (
    Column("upheld", "结果维持"),
    Column("corrected", "结果纠正"),
    Column("other", "其他结果"),
    Column("pending", "尚未审结"),
    Column("total", "总计"),
)
APPEAL_OUTCOMES = tuple(c.key for c in APPEAL_COLUMNS if c.key != "total")

APPEALS = Table(
    key="appeals",
    title="四、政府信息公开行政复议、行政诉讼情况",
    rows=(
        Row("review", "行政复议"),
        Row("lawsuit_direct", "未经复议直接起诉", group="行政诉讼"),
        Row("lawsuit_after_review", "复议后起诉", group="行政诉讼"),
    ),
    columns=APPEAL_COLUMNS,
)

# --- era 2008 (legacy) ------------------------------------------------------------------------

LEGACY_COLUMNS = (
    Column("year", "本年度", ("年度", "本年", "2008年度")),
    Column("cumulative", "历年累计", ("累计",), optional=True),
)

LEGACY = Table(
    key="legacy",
    title="附表",
    rows=(
        Row("proactive_total", "主动公开文件数", ("主动公开信息数", "主动公开政府信息数", "主动公开文件")),
        Row("proactive_website", "政府网站公开数", ("网站公开数",)),
        Row("proactive_gazette", "政府公报公开数", ("公报公开数",)),
        Row("applications_total", "受理政务信息公开申请总数", ("受理信息公开申请总数", "受理政府信息公开申请总数")),
        Row("applications_in_person", "当面申请数"),
        Row("applications_online", "网上申请数"),
        Row("applications_email", "电子邮件申请数"),
        Row("applications_letter_fax", "信函、传真申请数", ("信函传真申请数",)),
        Row("applications_letter", "信函申请数"),
        Row("applications_fax", "传真申请数"),
        Row("applications_other", "其它形式申请数", ("其他形式申请数",)),
        Row("replies_total", "对申请的答复总数"),
        Row("replies_granted", "同意公开答复数"),
        Row("replies_partial", "同意部分公开答复数"),
        Row("replies_denied", "不予公开答复数", ("否决公开答复数",)),
        Row("replies_other", "其他类型答复数"),
        Row("fee_waiver_amount", "收费减免金额", ("政务信息公开收费减免金额", "政府信息公开收费减免金额")),
        Row("complaints", "接受行政申诉、举报数", ("行政申诉数", "举报数", "申诉、举报数")),
        Row("reviews", "行政复议数"),
        Row("lawsuits", "行政诉讼数"),
    ),
    columns=LEGACY_COLUMNS,
)

# --- the eras ---------------------------------------------------------------------------------

#: heading titles as published: the format's, and the variants real reports print (a heading is
#: recognised by its number and the start of one of them)
SECTIONS_2021 = (
    Section("overview", "一", "总体情况", ("基本情况", "概述")),
    Section(
        "proactive",
        "二",
        "主动公开政府信息情况",
        ("主动公开政府信息", "行政机关主动公开政府信息"),
        table="proactive",
    ),
    Section(
        "applications",
        "三",
        "收到和处理政府信息公开申请情况",
        ("收到和处理政府信息公开申请", "收到和处理政府信息公开的申请", "行政机关收到和处理政府信息公开申请"),
        table="applications",
    ),
    Section(
        "appeals",
        "四",
        "政府信息公开行政复议、行政诉讼情况",
        (
            "政府信息公开行政复议、诉讼情况",
            "政府信息公开行政复议",
            "因政府信息公开工作被申请行政复议",
        ),
        table="appeals",
    ),
    Section(
        "problems",
        "五",
        "存在的主要问题及改进情况",
        (
            "存在的主要问题",
            "存在问题及改进情况",
            "政府信息公开工作存在的主要问题",
            "政府信息公开工作存在问题",
        ),
    ),
    Section("other", "六", "其他需要报告的事项", ("其他需要报告事项", "其他需要报告")),
)

FORMATS: dict[str, Format] = {
    "2021": Format(
        era="2021",
        source="国办公开办函〔2021〕30号",
        first_year=2021,
        last_year=None,
        sections=SECTIONS_2021,
        tables=(PROACTIVE_2021, APPLICATIONS_2021, APPEALS),
    ),
    "2019": Format(
        era="2019",
        source="国办公开办函〔2019〕60号",
        first_year=2019,
        last_year=2020,
        sections=SECTIONS_2021,
        tables=(PROACTIVE_2019, APPLICATIONS_2019, APPEALS),
    ),
    "2008": Format(
        era="2008",
        source="各地模板（统计口径依国办发〔2014〕32号）",
        first_year=None,
        last_year=2018,
        sections=(),
        tables=(LEGACY,),
    ),
}
ERAS = tuple(FORMATS)


def era_for_year(year: int) -> str:
    """The era whose format applies to a report year."""
    for era, fmt in FORMATS.items():
        if fmt.covers(year):
            return era
    raise ValueError(f"no report format covers year {year}")


_WIDTH = str.maketrans({"（": "(", "）": ")", "，": "、", ",": "、", "“": '"', "”": '"', "‘": "'", "’": "'", "．": "."})
_SPACE = re.compile(r"[\s\u3000\xa0]+")


def normalize_chars(text: str) -> str:
    """NFKC and one kind of bracket, comma and quote; white space kept."""
    return unicodedata.normalize("NFKC", text).translate(_WIDTH)


def normalize_label(text: str) -> str:
    """The form labels are compared in: NFKC, no white space, one kind of bracket, comma and quote.

    Published copies write full- or half-width brackets, "，" or "、", straight or curly quotes:
    they are the same label.
    """
    return _SPACE.sub("", normalize_chars(text))
