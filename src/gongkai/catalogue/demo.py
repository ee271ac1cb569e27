"""Demo catalogue: published items of 台儿庄区民政局 and three other agencies in 2024 and 2025, a
repealed normative document and its successor, a policy interpretation, drafts waiting in review
(one with personal data the screen catches), section 二 figures and a guide per agency.

Items go through the real services (create → submit → approve → sign off) with the demo staff
of `gongkai.agencies.demo`, so their audit trails, index numbers and deadlines are genuine.
Deterministic (no randomness, fixed dates) and idempotent: an item is looked up by agency and
title, figures and guides are written only when missing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from gongkai.agencies.models import Agency, User
from gongkai.catalogue import figures, guide, services
from gongkai.catalogue.models import Item, SubjectCategory
from gongkai.catalogue.workflow import State

D = dt.date


@dataclass(frozen=True)
class DemoItem:
    title: str
    category: str  #: category code of `articles.DEFAULT_CATEGORIES`
    genre: str
    art20: int | None
    made: dt.date
    published: dt.date | None  #: None: left in review
    doc_number: str = ""
    summary: str = ""
    body: str = ""
    extra: dict = field(default_factory=dict)


MINZHENG = (
    DemoItem("台儿庄区民政局机构职能", "0101", "other", 2, D(2024, 1, 8), D(2024, 1, 15),
             summary="区民政局主要职责、内设机构、办公地址、办公时间和联系方式。"),
    DemoItem("台儿庄区民政局关于印发《台儿庄区临时救助实施办法》的通知", "0202", "normative", 1, D(2021, 4, 2),
             D(2021, 4, 20), "台民规〔2021〕1号", "规定临时救助的对象、标准和程序。"),
    DemoItem("台儿庄区民政局2024年部门预算公开", "07", "report", 7, D(2024, 2, 1), D(2024, 2, 20),
             summary="2024年部门收支预算总表、财政拨款收支预算表及说明。"),
    DemoItem("台儿庄区民政局关于2024年城乡低保标准调整的通知", "1104", "notice", 11, D(2024, 6, 20), D(2024, 7, 1),
             "台民发〔2024〕5号", "自2024年7月1日起提高城乡最低生活保障标准。"),
    DemoItem("台儿庄区民政局关于2024年度社会组织年度检查结果的公告", "05", "announcement", 5, D(2024, 5, 10),
             D(2024, 6, 28), "", "公布2024年度区级社会组织年检结论。"),
    DemoItem("台儿庄区民政局2024年法治政府建设情况报告", "99", "report", 15, D(2025, 1, 10), D(2025, 1, 20)),
    DemoItem("台儿庄区民政局2023年部门决算公开", "07", "report", 7, D(2024, 8, 26), D(2024, 9, 10)),
    DemoItem("台儿庄区民政局2025年部门预算公开", "07", "report", 7, D(2025, 2, 7), D(2025, 2, 21)),
    DemoItem("台儿庄区民政局关于印发《台儿庄区临时救助实施办法》的通知（2025年修订）", "0202", "normative", 1,
             D(2025, 3, 14), D(2025, 3, 28), "台民规〔2025〕1号", "修订临时救助对象范围、救助标准和审批程序。"),
    DemoItem("台儿庄区民政局关于印发《台儿庄区特困人员认定办法》的通知", "0202", "normative", 1, D(2025, 4, 18),
             D(2025, 5, 9), "台民规〔2025〕2号", "明确特困人员认定条件、办理程序和终止情形。"),
    DemoItem("台儿庄区民政局关于2025年城乡低保标准调整的通知", "1104", "notice", 11, D(2025, 6, 20), D(2025, 7, 1),
             "台民发〔2025〕12号", "城市低保标准提高到每人每月890元，农村低保标准提高到每人每年7800元。",
             "<p>各镇（街道）：</p><p>经区政府同意，自2025年7月1日起调整城乡最低生活保障标准。</p>"),
    DemoItem("台儿庄区2025年第二季度城乡低保资金发放情况公示", "1104", "announcement", 11, D(2025, 7, 8),
             D(2025, 8, 20), "", "第二季度城乡低保资金发放户数、人数和金额。"),
    DemoItem("台儿庄区民政局关于调整高龄津贴发放标准的通知", "1104", "notice", 11, D(2025, 8, 5), D(2025, 8, 19),
             "台民发〔2025〕18号"),
    DemoItem("台儿庄区民政局关于开展2025年“敬老月”活动的通知", "99", "notice", 15, D(2025, 9, 22), D(2025, 9, 26),
             "台民发〔2025〕21号"),
    DemoItem("台儿庄区民政局养老服务机构监督检查结果公告", "13", "announcement", 13, D(2025, 10, 20),
             D(2025, 11, 3)),
    DemoItem("台儿庄区民政局2025年政府集中采购项目实施情况", "09", "report", 9, D(2025, 11, 14), D(2025, 11, 28)),
    DemoItem("台儿庄区民政局关于2025年度困难群众救助资金分配的通知", "1104", "notice", 11, D(2025, 12, 1), None,
             "台民发〔2025〕25号", "分配2025年度困难群众救助补助资金。"),
    DemoItem("台儿庄区民政局关于公布2025年度临时救助对象的公告", "1104", "announcement", 11, D(2025, 12, 3), None,
             body="<p>救助对象：李某某，联系电话13905321234，家住台儿庄区幸福小区3栋2单元401室。</p>"),
)  # fmt: skip

OTHERS = {
    "台儿庄区人民政府": (
        DemoItem("台儿庄区人民政府办公室关于印发台儿庄区2024年政务公开工作要点的通知", "99", "notice", 15,
                 D(2024, 4, 8), D(2024, 4, 16), "台政办字〔2024〕9号"),
        DemoItem("台儿庄区2023年国民经济和社会发展统计公报", "04", "report", 4, D(2024, 3, 25), D(2024, 3, 29)),
        DemoItem("台儿庄区人民政府关于公布区级行政许可事项清单的通知", "05", "normative", 5, D(2024, 9, 2),
                 D(2024, 9, 13), "台政规〔2024〕1号"),
        DemoItem("台儿庄区人民政府办公室关于印发台儿庄区2025年政务公开工作要点的通知", "99", "notice", 15,
                 D(2025, 4, 7), D(2025, 4, 15), "台政办字〔2025〕8号"),
        DemoItem("台儿庄区人民政府关于印发《台儿庄区城区道路挖掘管理办法》的通知", "2101", "normative", 1,
                 D(2025, 6, 9), D(2025, 6, 30), "台政规〔2025〕1号"),
    ),
    "台儿庄区教育和体育局": (
        DemoItem("台儿庄区2024年义务教育阶段学校招生工作方案", "1102", "plan", 11, D(2024, 5, 20), D(2024, 5, 30),
                 "台教体发〔2024〕11号"),
        DemoItem("台儿庄区2025年义务教育阶段学校招生工作方案", "1102", "plan", 11, D(2025, 5, 19), D(2025, 5, 29),
                 "台教体发〔2025〕10号"),
        DemoItem("台儿庄区教育和体育局2025年部门预算公开", "07", "report", 7, D(2025, 2, 7), D(2025, 2, 21)),
    ),
    "台儿庄区财政局": (
        DemoItem("台儿庄区2024年区级财政预算执行情况和2025年区级预算草案的报告", "07", "report", 7, D(2025, 1, 15),
                 D(2025, 2, 10)),
        DemoItem("台儿庄区行政事业性收费项目目录清单（2025年版）", "08", "other", 8, D(2025, 3, 3), D(2025, 3, 14)),
    ),
}  # fmt: skip

#: Section 二 figures per agency name and year: (row.column → value).
FIGURES: dict[str, dict[int, dict[str, int | str]]] = {
    "台儿庄区民政局": {
        2024: {
            "licensing.decisions": 36,
            "penalty.decisions": 2,
            "coercion.decisions": 0,
            "fees.amount": "0",
        },
        2025: {
            "licensing.decisions": 41,
            "penalty.decisions": 1,
            "coercion.decisions": 0,
            "fees.amount": "0",
        },
    },
    "台儿庄区人民政府": {
        2024: {"licensing.decisions": 0, "fees.amount": "0"},
        2025: {"licensing.decisions": 0},
    },
    "台儿庄区教育和体育局": {
        2025: {"licensing.decisions": 58, "penalty.decisions": 3, "fees.amount": "12.5"}
    },
    "台儿庄区财政局": {2025: {"fees.amount": "86.3"}},
}
SOURCE = "演示数据：各业务系统年度统计"


def _staff(slug: str) -> tuple[User, User, User]:
    clerk, reviewer, leader = (User.objects.get(username=f"{slug}_{role}") for role in ("clerk", "reviewer", "leader"))
    return clerk, reviewer, leader


def _item(
    agency: Agency, staff, spec: DemoItem, categories: dict[str, SubjectCategory], **extra
) -> tuple[Item, bool]:
    existing = Item.objects.filter(agency=agency, title=spec.title).first()
    if existing is not None:
        return existing, False
    clerk, reviewer, leader = staff
    item = services.create_item(
        clerk, agency, title=spec.title, category=categories[spec.category], genre=spec.genre,
        art20_item=spec.art20, date_made=spec.made, doc_number=spec.doc_number, summary=spec.summary,
        body=spec.body or f"<p>{spec.summary or spec.title}</p>", **extra,
    )  # fmt: skip
    services.submit(item, clerk)
    if spec.published is None:
        return item, True
    for finding in item.findings.all():
        services.resolve_finding(finding, reviewer, resolution="accepted", reason="演示：已核实可以公开")
    services.approve(item, reviewer, comment="经保密审查，可以公开")
    services.sign_off(item, leader, comment="同意发布", on=spec.published)
    item.refresh_from_db()
    return item, True


def _agency_items(agency: Agency, slug: str, specs: tuple[DemoItem, ...]) -> int:
    created = services.seed_categories(agency)
    categories = {c.code: c for c in SubjectCategory.objects.filter(agency=agency)}
    staff = _staff(slug)
    for spec in specs:
        created += _item(agency, staff, spec, categories)[1]
    return created


def _minzheng_extras(agency: Agency) -> int:
    """The interpretation of the 2025 临时救助 measures, and the repeal of the 2021 version."""
    clerk, reviewer, leader = staff = _staff("minzheng")
    categories = {c.code: c for c in SubjectCategory.objects.filter(agency=agency)}
    new = Item.objects.get(agency=agency, doc_number="台民规〔2025〕1号", state=State.PUBLISHED)
    spec = DemoItem("图解：《台儿庄区临时救助实施办法》（2025年修订）", "0204", "interpretation", 1, D(2025, 3, 14),
                    D(2025, 3, 28), summary="一图读懂临时救助对象、标准和申请流程。")  # fmt: skip
    _, made = _item(agency, staff, spec, categories, interprets=new, interpretation_kind="graphic")
    created = int(made)
    old = Item.objects.get(agency=agency, doc_number="台民规〔2021〕1号")
    if old.validity == "valid":
        services.change_validity(
            old, leader, validity="repealed", on=D(2025, 3, 28), superseded_by=new, note="被2025年修订版替代"
        )
        created += 1
    return created


def load() -> int:
    """Create the demo catalogue where missing; returns how many objects were created."""
    created = 0
    minzheng = Agency.objects.get(name="台儿庄区民政局")
    created += _agency_items(minzheng, "minzheng", MINZHENG)
    created += _minzheng_extras(minzheng)
    slugs = {"台儿庄区人民政府": "zhengfu", "台儿庄区教育和体育局": "jiaoyu", "台儿庄区财政局": "caizheng"}
    for name, specs in OTHERS.items():
        created += _agency_items(Agency.objects.get(name=name), slugs[name], specs)
    for name, years in FIGURES.items():
        agency = Agency.objects.get(name=name)
        for year, values in years.items():
            missing = {k: v for k, v in values.items() if k not in figures.current(agency, year)}
            if missing:
                created += figures.save_figures(None, agency, year, missing, SOURCE)
    for name in ("台儿庄区民政局", *OTHERS):
        agency = Agency.objects.get(name=name)
        if guide.current(agency) is None:
            guide.save(None, agency, guide.generate(agency), "演示：根据机关信息生成")
            created += 1
    return created
