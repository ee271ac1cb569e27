"""What the Regulation says must be published proactively (Art. 20, 21), and the default subject
categories (主题分类) that cover it. Pure data, no Django.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gongkai.numerals import to_chinese

#: 《条例》第二十条: the 15 kinds of information every agency publishes proactively.
ART_20_ITEMS: dict[int, str] = {
    1: "行政法规、规章和行政规范性文件",
    2: "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名",
    3: "国民经济和社会发展规划、专项规划、区域规划及相关政策",
    4: "国民经济和社会发展统计信息",
    5: "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果",
    6: "实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定",
    7: "财政预算、决算信息",
    8: "行政事业性收费项目及其依据、标准",
    9: "政府集中采购项目的目录、标准及实施情况",
    10: "重大建设项目的批准和实施情况",
    11: "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况",
    12: "突发公共事件的应急预案、预警信息及应对情况",
    13: "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况",
    14: "公务员招考的职位、名额、报考条件等事项以及录用结果",
    15: "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息",
}


def art20_label(item: int) -> str:
    """``第二十条第（五）项 办理行政许可…`` for item 5."""
    return f"第二十条第（{to_chinese(item)}）项 {ART_20_ITEMS[item]}"


#: 《条例》第二十一条: what city/county governments (and departments) and townships add.
ART_21_COUNTY_TOPICS = ("市政建设", "公共服务", "公益事业", "土地征收", "房屋征收", "治安管理", "社会救助")
ART_21_TOWNSHIP_TOPICS = (
    "贯彻落实农业农村政策", "治理村容村貌", "土地承包经营权流转", "宅基地使用情况审核", "土地征收", "房屋征收",
    "筹资筹劳", "社会救助",
)  # fmt: skip


@dataclass(frozen=True)
class CategorySeed:
    code: str
    name: str
    art20_item: int | None = None
    children: tuple[CategorySeed, ...] = field(default=())


def _c(code: str, name: str, item: int | None = None, *children: CategorySeed) -> CategorySeed:
    return CategorySeed(code, name, item, children)


#: The default category tree seeded for every agency; codes are stable so imports can name them.
DEFAULT_CATEGORIES: tuple[CategorySeed, ...] = (
    _c("01", "机构职能", 2, _c("0101", "机构职能"), _c("0102", "领导信息"), _c("0103", "内设机构")),
    _c(
        "02", "法定主动公开内容", 1,
        _c("0201", "规章", 1), _c("0202", "行政规范性文件", 1), _c("0203", "其他文件", 1), _c("0204", "政策解读", 1),
    ),
    _c("03", "规划计划", 3),
    _c("04", "统计信息", 4),
    _c("05", "行政许可和对外管理服务", 5),
    _c("06", "行政处罚和行政强制", 6),
    _c("07", "财政预决算", 7),
    _c("08", "行政事业性收费", 8),
    _c("09", "政府集中采购", 9),
    _c("10", "重大建设项目", 10),
    _c(
        "11", "民生保障", 11,
        _c("1101", "扶贫和乡村振兴", 11), _c("1102", "教育", 11), _c("1103", "医疗卫生", 11),
        _c("1104", "社会保障", 11), _c("1105", "促进就业", 11),
    ),
    _c("12", "应急管理", 12),
    _c("13", "监督检查", 13),
    _c("14", "公务员招考", 14),
    _c(
        "21", "重点领域信息（第二十一条）", None,
        *(_c(f"21{n:02d}", topic) for n, topic in enumerate(ART_21_COUNTY_TOPICS, 1)),
    ),
    _c("99", "其他", 15),
)  # fmt: skip


def walk(seeds: tuple[CategorySeed, ...] = DEFAULT_CATEGORIES, parent: str | None = None):
    """(parent code, seed) for every seed, parents before children."""
    for seed in seeds:
        yield parent, seed
        yield from walk(seed.children, seed.code)
