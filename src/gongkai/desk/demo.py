"""Demo service desk of 台儿庄区民政局: the whole calendar year 2025 (the year of the demo annual
reports, `gongkai.reports.demo`, whose drafts state these counts) and the twelve months up to
`gongkai.clock.today()`, of consultations and complaints, 12345 transfers, NPC suggestions and CPPCC
proposals (a batch assigned after each spring session), and the daily reception counts.

Cases go through the real services with the demo staff (registration, assignment, reply, close,
publication through the screen), so their audit trails and deadlines are genuine: most replies
on time, a few late, a few cases still open (one overdue), most proposals' replies published and
one exception recorded. Deterministic (a seeded generator, dates in 2025 or relative to today;
none after today) and idempotent: nothing is written when the agency already has desk cases.
"""

from __future__ import annotations

import datetime as dt
import random

from gongkai import clock
from gongkai.agencies.models import Agency, User
from gongkai.applications.services import calendar_for
from gongkai.desk import services
from gongkai.desk.models import Case, Reception

AGENCY = "台儿庄区民政局"
#: The calendar year the demo covers in full (the demo reports' year).
YEAR = 2025
OFFICES = ("社会救助科", "养老服务科", "社会事务科", "基层政权和社区建设科", "儿童福利科", "区婚姻登记处")
QUESTIONS = (
    ("社会救助", "社会救助科", "城乡低保申请需要哪些材料？", "申请低保需提供户口簿、身份证、家庭收入和财产状况声明，可到户籍所在地镇（街道）社会救助服务窗口办理。"),
    ("社会救助", "社会救助科", "临时救助的标准是多少？", "临时救助一般按当地月低保标准的2至6倍确定，具体视困难程度核定。"),
    ("养老服务", "养老服务科", "高龄津贴如何申领？", "80周岁以上老年人可持身份证到所在村（社区）登记，经镇（街道）审核后按月发放。"),
    ("养老服务", "养老服务科", "日间照料中心可以提供哪些服务？", "提供助餐、健康监测、文化娱乐等服务，详见区民政局网站公布的服务清单。"),
    ("婚姻登记", "区婚姻登记处", "结婚登记需要预约吗？", "可通过“爱山东”App预约，也可现场办理；需携带双方户口簿和身份证。"),
    ("殡葬管理", "社会事务科", "惠民殡葬政策包括哪些项目？", "本区户籍居民去世后，遗体接运、存放、火化和骨灰盒等基本殡葬服务费用予以减免。"),
    ("社会组织", "基层政权和社区建设科", "社会组织年检什么时候开始？", "每年3月1日至5月31日在山东省社会组织信息平台网上填报年检材料。"),
    ("儿童福利", "儿童福利科", "事实无人抚养儿童的认定条件是什么？", "父母双方均符合重残、重病、服刑、失联等情形之一的儿童，可向镇（街道）申请认定。"),
    ("区划地名", "社会事务科", "小区命名需要办理什么手续？", "开发单位应在项目立项后向区民政局申请地名命名，提交申请表和规划总平面图。"),
)
HOTLINE = (
    ("社会救助", "社会救助科", "反映低保金本月未到账"),
    ("养老服务", "养老服务科", "咨询养老机构收费标准"),
    ("殡葬管理", "社会事务科", "反映公墓管理费收取问题"),
    ("社会救助", "社会救助科", "申请临时救助进展查询"),
    ("婚姻登记", "区婚姻登记处", "婚姻登记处周末是否办公"),
    ("儿童福利", "儿童福利科", "孤儿基本生活费发放标准"),
)
PROPOSALS = (
    ("npc", "关于提高农村低保标准的建议", "main"),
    ("npc", "关于加快建设农村幸福院的建议", "main"),
    ("npc", "关于完善居家养老服务体系的建议", "main"),
    ("npc", "关于规范农村公益性公墓建设的建议", "assisting"),
    ("npc", "关于加强困境儿童关爱保护的建议", "main"),
    ("npc", "关于推进社区工作者职业体系建设的建议", "assisting"),
    ("npc", "关于优化婚姻登记服务的建议", "main"),
    ("npc", "关于加强运河沿线村庄地名文化保护的建议", "assisting"),
    ("cppcc", "关于发展普惠型养老服务的提案", "main"),
    ("cppcc", "关于加强社会救助信息共享的提案", "main"),
    ("cppcc", "关于培育发展社区社会组织的提案", "main"),
    ("cppcc", "关于推动医养结合的提案", "assisting"),
    ("cppcc", "关于完善残疾人两项补贴发放机制的提案", "assisting"),
    ("cppcc", "关于提升敬老院管理水平的提案", "main"),
    ("cppcc", "关于加强流浪乞讨人员救助管理的提案", "main"),
)
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何林高罗"


def load() -> int:
    agency = Agency.objects.filter(name=AGENCY).first()
    if agency is None or Case.objects.filter(agency=agency).exists():
        return 0
    clerk = User.objects.get(username="minzheng_clerk")
    reviewer = User.objects.get(username="minzheng_reviewer")
    today = clock.today()
    rng = random.Random(2026)
    workdays = calendar_for(agency)
    open_days = [d for d in days(today) if workdays.is_workday(d)]
    created = 0
    for n, received in enumerate(open_days[::6]):  # a consultation or complaint every sixth working day
        topic, office, question, answer = QUESTIONS[n % len(QUESTIONS)]
        kind = "complaint" if n % 7 == 3 else "consultation"
        case = services.register(clerk, agency, kind=kind, channel=("phone", "walk_in", "portal", "email")[n % 4],
                                 title=question.rstrip("？") if kind == "consultation" else f"投诉：{question}",
                                 topic=topic, question=question, received_on=received, consent=n % 3 != 1,
                                 asker_name=f"{SURNAMES[n % len(SURNAMES)]}先生", asker_phone=f"139{rng.randrange(10**8):08d}")
        created += 1
        _handle(case, clerk, reviewer, office, answer, rng, today, workdays, publish=n % 3 == 0)
    for n, received in enumerate(open_days[2::9]):  # 12345 transfers
        topic, office, title = HOTLINE[n % len(HOTLINE)]
        due = workdays.add(received, 5).date
        case = services.register(clerk, agency, kind="hotline", number=f"ZZ12345{received:%Y%m%d}{n:03d}",
                                 title=title, topic=topic, question=f"市民来电{title}。", received_on=received,
                                 due_on=due, asker_name=f"{SURNAMES[(n * 3) % len(SURNAMES)]}女士",
                                 asker_phone=f"158{rng.randrange(10**8):08d}")
        created += 1
        _handle(case, clerk, reviewer, office, f"经核实，已就“{title}”向来电人答复并说明政策。", rng, today, workdays,
                publish=False)
    # proposals are assigned after the spring sessions (两会): on 10 April of YEAR and the last 10
    # April at least 100 days ago
    last = dt.date(today.year if today >= dt.date(today.year, 7, 20) else today.year - 1, 4, 10)
    for assigned in sorted({d for d in (dt.date(YEAR, 4, 10), last) if d <= today}):
        created += _proposals(agency, clerk, reviewer, assigned, today)
    late = open_days[-9]  # a complaint nobody answered: on the red list, overdue
    services.assign(services.register(clerk, agency, kind="complaint", channel="phone", title="投诉：临时救助申请久拖未办",
                                      topic="社会救助", question="申请临时救助已两周，无人联系。", received_on=late,
                                      asker_name="孔女士", asker_phone=f"137{rng.randrange(10**8):08d}"),
                    clerk, office="社会救助科")
    created += 1
    counts = [Reception(agency=agency, on=d, channel=channel, count=1 + rng.randrange(3))
              for d in open_days for channel in Reception.Channel.values]
    Reception.objects.bulk_create(counts)
    created += len(counts)
    return created


def days(today: dt.date) -> list[dt.date]:
    """The demo's days, oldest first: every day of YEAR and of the twelve months up to today, none after."""
    recent = {today - dt.timedelta(days=n) for n in range(365)}
    of_year = {dt.date(YEAR, 1, 1) + dt.timedelta(days=n) for n in range(365)}
    return sorted(d for d in recent | of_year if d <= today)


def _proposals(agency: Agency, clerk, reviewer, assigned: dt.date, today: dt.date) -> int:
    """One year's NPC suggestions and CPPCC proposals, assigned on `assigned`: answered before
    their deadline, most replies published (summaries or in full), one exception recorded."""
    for n, (kind, title, role) in enumerate(PROPOSALS):
        case = services.register(clerk, agency, kind=kind, number=f"第{n + 11}号", title=title,
                                 topic=QUESTIONS[n % len(QUESTIONS)][0],
                                 member=f"{SURNAMES[(n * 7) % len(SURNAMES)]}{'代表' if kind == 'npc' else '委员'}",
                                 role=role, received_on=assigned, channel="assigned")
        office = OFFICES[n % len(OFFICES)]
        case = services.assign(case, clerk, office=office)
        replied_on = min(today, case.due_on - dt.timedelta(days=7 + n))
        case = services.reply(case, clerk, text=f"对“{title}”的答复：已采纳并纳入年度工作计划。", on=replied_on)
        case = services.record_satisfaction(case, clerk, satisfaction=("satisfied", "satisfied", "basically")[n % 3])
        if n == 5:
            services.decline(case, reviewer, comment="答复涉及尚在研究的财政资金安排，经审核暂不公开")
            continue
        case = services.propose(case, clerk, title=f"对{case.member}“{title}”的答复", question="",
                                reply_text=f"{title}办理情况：已会同相关部门研究落实，主要措施和进度如下。",
                                summary=n % 2 == 1)
        services.publish(case, reviewer, on=min(today, replied_on + dt.timedelta(days=10)))
    return len(PROPOSALS)


def _handle(case: Case, clerk, reviewer, office: str, answer: str, rng: random.Random, today: dt.date, workdays,
            *, publish: bool) -> None:
    """Assign, reply (mostly on time), close and perhaps publish one case; the newest stay open."""
    case = services.assign(case, clerk, office=office)
    delay = rng.choice((1, 2, 2, 3, 3, 4, 5, 5, 7))  # working days to the reply; above 5 (or the platform's) is late
    replied = workdays.add(case.received_on, delay).date
    if replied >= today:
        return  # still being handled
    case = services.reply(case, clerk, text=answer, on=replied)
    case = services.close(case, clerk, on=replied)
    if publish and case.consent:
        case = services.propose(case, clerk, title=case.title, question=case.question, reply_text=answer)
        services.publish(case, reviewer, on=min(today, replied + dt.timedelta(days=2)))
