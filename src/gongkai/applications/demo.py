"""Demo applications for `gongkai demo`: 2024 and 2025 (and a few open now) in three departments.

Every case is built through the services, so its events, clock, audit trail and statistics are
what a clerk would have produced: 台儿庄区民政局 gets 36 a year across channels, applicant types
and most outcome rows (with corrections, extensions, third-party consultations, a fee notice,
abandonments, a duplicate, cases carried over from 2024 into 2025, and appeals — one corrected
and answered again); 台儿庄区教育和体育局 and 台儿庄区人力资源和社会保障局 get 12 a year.
Deterministic (seeded random; only tracking numbers are random by design) and idempotent: an
agency that already has applications received in 2024 is left alone.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from gongkai import clock, personal_data
from gongkai.agencies.codes import make_uscc
from gongkai.agencies.models import Agency, User
from gongkai.appeals import services as appeals
from gongkai.applications import letters, services
from gongkai.applications.models import Application
from gongkai.rules.workdays import Calendar

#: (agency name, demo user slug, applications per year)
AGENCIES = (("台儿庄区民政局", "minzheng", 36), ("台儿庄区教育和体育局", "jiaoyu", 12),
            ("台儿庄区人力资源和社会保障局", "renshe", 12))
YEARS = (2024, 2025)

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ("伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平")
ORGANISATIONS = {
    "commercial": ("枣庄运河商贸有限公司", "台儿庄古城旅游开发有限公司", "山东鲁南建材有限公司"),
    "research": ("枣庄学院社会发展研究所", "山东省社会科学院农村发展研究所"),
    "nonprofit": ("台儿庄区慈善总会", "枣庄市青少年发展基金会"),
    "legal_service": ("山东运河律师事务所", "枣庄明理律师事务所"),
    "other_org": ("台儿庄区个体劳动者协会", "运河街道某村民委员会"),
}
TOPICS = {
    "minzheng": ("城乡低保资金发放明细", "特困人员供养名单及标准", "养老机构设立许可及年检情况", "临时救助审批材料",
                 "婚姻登记办理指南及收费依据", "社会组织年检结果", "殡葬改革专项资金使用情况", "残疾人两项补贴发放情况",
                 "地名命名更名批复文件", "居家养老服务站建设补助资金", "低保边缘家庭认定标准", "孤儿基本生活费发放标准"),
    "jiaoyu": ("义务教育阶段学区划分方案", "教师招聘考试成绩及录取名单", "校舍安全改造项目资金", "学生资助资金发放情况",
               "民办学校办学许可", "校车安全管理制度"),
    "renshe": ("事业单位公开招聘拟聘用人员名单", "工伤认定决定书", "城乡居民养老保险缴费标准", "农民工工资保证金使用情况",
               "职业技能培训补贴发放", "劳动保障监察投诉处理结果"),
}
CHANNELS = ("in_person", "post", "online", "online", "email", "fax", "ordinary_mail", "oral")
#: outcome scenarios cycled through (a reply kind, or a special path)
SCENARIOS = (
    "granted", "granted_already_public", "partial", "granted", "unavailable.not_exist", "denied.third_party",
    "correction", "granted", "denied.process_info", "unavailable.other_agency", "extension", "not_processed.petition",
    "third_party", "unavailable.needs_creation", "denied.internal_affairs", "not_processed.publication",
    "granted", "denied.enforcement_file", "correction_lapsed", "denied.inquiry_matter", "partial",
    "not_processed.confirm_or_reissue", "denied.prohibited_by_law", "granted_already_public",
)
REASONS = {
    "partial": "所申请信息中部分内容涉及第三方个人隐私，已作区分处理",
    "denied.third_party": "所申请信息涉及第三方个人隐私，经征求意见第三方不同意公开",
    "denied.process_info": "所申请信息属于内部讨论记录等过程性信息",
    "denied.internal_affairs": "所申请信息属于内部人事管理信息",
    "denied.enforcement_file": "所申请信息属于行政执法案卷信息",
    "denied.prohibited_by_law": "相关法律、行政法规禁止公开",
    "denied.inquiry_matter": "请按照相关登记资料查询程序办理",
    "unavailable.not_exist": "经检索，本机关未制作或获取该信息",
    "unavailable.other_agency": "该信息由区财政局负责公开，联系电话0632-6611401",
    "unavailable.needs_creation": "需要对现有信息进行加工、汇总、分析",
    "not_processed.petition": "申请内容属于信访投诉事项，已告知通过信访渠道反映",
    "not_processed.publication": "所申请信息已刊登于《台儿庄区人民政府公报》",
    "not_processed.confirm_or_reissue": "申请人要求确认其已获取信息的真实性",
}


def resident_id(rng: random.Random) -> str:
    body = f"370405{rng.randint(1950, 2002)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
    return body + personal_data.resident_id_check_char(body)


@dataclass
class Staff:
    clerk: User
    reviewer: User
    leader: User


class Builder:
    """Walks one agency's demo cases through the services."""

    def __init__(self, agency: Agency, staff: Staff, slug: str, seed: int) -> None:
        self.agency, self.staff, self.slug = agency, staff, slug
        self.rng = random.Random(seed)
        self.cal: Calendar = services.calendar_for(agency)
        self.created = 0
        self.serial = 0

    @staticmethod
    def closed_on(a: Application) -> dt.date:
        """The day a demo case the builder finished was closed."""
        if a.closed_on is None:
            raise ValueError(f"demo case {a.tracking_number} is not closed")
        return a.closed_on

    def day(self, d: dt.date, n: int) -> dt.date:
        return self.cal.add(d, n).date

    def workday_in(self, year: int, month: int, first: int = 1, last: int = 25) -> dt.date:
        d = dt.date(year, month, self.rng.randint(first, last))
        return d if self.cal.is_workday(d) else self.cal.next_workday(d).date

    def applicant(self) -> dict:
        rng = self.rng
        kind = rng.choices(("natural_person", "commercial", "research", "nonprofit", "legal_service", "other_org"),
                           (70, 10, 5, 5, 6, 4))[0]
        data = {"applicant_type": kind, "applicant_name": rng.choice(SURNAMES) + rng.choice(GIVEN),
                "id_type": "resident_id", "id_number": resident_id(rng),
                "phone": f"13{rng.randint(0, 9)}{rng.randint(10_000_000, 99_999_999)}",
                "email": f"applicant{rng.randint(1000, 9999)}@example.cn",
                "address": f"山东省枣庄市台儿庄区运河街道{rng.randint(1, 200)}号", "postcode": "277400"}
        if kind != "natural_person":
            data["organisation_name"] = rng.choice(ORGANISATIONS[kind])
            data["organisation_code"] = make_uscc(f"91370405MA{rng.randint(1_000_000, 9_999_999)}")
        return data

    def register(self, received: dt.date, applicant: dict | None = None, items=(), topic: str | None = None):
        rng = self.rng
        channel = rng.choice(CHANNELS)
        data = {"channel": channel, "received_on": received, **(applicant or self.applicant()),
                "description": f"{received.year - 1}年度{topic or rng.choice(TOPICS[self.slug])}",
                "form": rng.choice(("paper", "email", "disc", "inspection")),
                "delivery": rng.choice(("pickup", "post", "email", "online"))}
        self.created += 1
        return services.register(self.staff.clerk, self.agency, data, items=items)

    def reply(self, a: Application, kind: str, start: dt.date) -> dt.date:
        s = self.staff
        drafted = self.day(start, self.rng.randint(3, 9))
        letters.draft_reply(a, s.clerk, on=drafted,
                            outcomes={i.position: (kind if i.position == 1 or kind != "partial" else "granted",
                                                   REASONS.get(kind, "")) for i in a.items.all()})
        services.review(a, s.reviewer, on=self.day(drafted, 1))
        services.sign_off(a, s.leader, on=self.day(drafted, 2))
        sent = self.day(drafted, 3)
        services.send_reply(a, s.clerk, on=sent)
        return sent

    def case(self, received: dt.date, scenario: str, *, finish: bool = True) -> Application:
        s = self.staff
        items = ("申请事项一", "申请事项二") if scenario == "partial" else ()
        a = self.register(received, items=[f"{self.rng.choice(TOPICS[self.slug])}（{t}）" for t in items])
        start = received
        if scenario in ("correction", "correction_lapsed"):
            notice = self.day(received, 2)
            services.request_correction(a, s.clerk, content="请写明所需信息的具体年份和文件名称",
                                        reply_by=self.day(notice, 10), on=notice)
            if scenario == "correction_lapsed":
                services.correction_lapsed(a, s.clerk, on=self.day(notice, 11))
                return a
            start = self.day(notice, 4)
            services.record_correction(a, s.clerk, note="申请人补充了所需信息的年份和范围", on=start)
            scenario = "granted"
        elif scenario == "extension":
            services.approve_extension(a, s.reviewer, days=15, reason="所需信息需调取历史档案并逐项核对",
                                       on=self.day(received, 18))
            start, scenario = self.day(received, 25), "granted"
        elif scenario == "third_party":
            begin = self.day(received, 3)
            services.start_third_party(a, s.clerk, third_party="枣庄运河商贸有限公司", on=begin, received=begin)
            start = self.day(begin, 8)
            services.finish_third_party(a, s.clerk, opinion="不同意公开", on=start)
            scenario = "denied.third_party"
        if finish:
            self.reply(a, scenario, start)
        return a

    def year(self, year: int, count: int) -> list[Application]:
        today = clock.today()
        done = []
        for n in range(count):
            month = 1 + n * 11 // max(count - 1, 1)
            # the last two of the year arrive around Christmas and are answered in January: carried over
            received = self.workday_in(year, month, 22, 28) if n >= count - 2 else self.workday_in(year, month)
            if received >= today:
                continue
            done.append(self.case(received, SCENARIOS[(n + year) % len(SCENARIOS)]))
        return done


def _staff(slug: str) -> Staff | None:
    users = {u.username: u for u in User.objects.filter(username__startswith=f"{slug}_")}
    try:
        return Staff(users[f"{slug}_clerk"], users[f"{slug}_reviewer"], users[f"{slug}_leader"])
    except KeyError:
        return None


def _special_cases(b: Builder) -> None:
    """民政局 only: a fee notice paid and one lapsed, a duplicate, appeals (one corrected), open cases now."""
    s = b.staff
    heavy = b.applicant()
    for month, pay in ((3, True), (9, False)):
        received = b.workday_in(2025, month)
        a = b.register(received, applicant=heavy, items=[f"{t}" for t in TOPICS["minzheng"][:12]])
        notice = b.day(received, 3)
        services.issue_fee_notice(a, s.clerk, on=notice, delivered=notice)
        if pay:
            services.record_payment(a, s.clerk, on=b.day(notice, 6))
            b.reply(a, "granted", b.day(notice, 6))
        else:
            services.fee_lapsed(a, s.clerk, on=b.day(notice, 22))
    person = b.applicant()
    first = b.register(b.workday_in(2024, 4), applicant=person, topic="城乡低保资金发放明细")
    b.reply(first, "granted", first.received_on)
    again = b.register(b.workday_in(2024, 10), applicant=person, topic="城乡低保资金发放明细")
    letters.mark_duplicate(again, s.clerk, earlier=first, on=b.day(again.received_on, 2))
    services.review(again, s.reviewer, on=b.day(again.received_on, 3))
    services.sign_off(again, s.leader, on=b.day(again.received_on, 4))
    services.send_reply(again, s.clerk, on=b.day(again.received_on, 5))

    denied = b.case(b.workday_in(2024, 5), "denied.third_party")
    review = appeals.record_appeal(s.clerk, b.agency, kind="review", body="台儿庄区人民政府", application=denied,
                                   filed_on=b.day(b.closed_on(denied), 10), case_number="台政复〔2024〕12号")
    upheld_on = b.day(review.filed_on, 40)
    appeals.record_result(review, s.clerk, result="upheld", decided_on=upheld_on)
    lawsuit = appeals.record_appeal(s.clerk, b.agency, kind="lawsuit_after_review", body="枣庄市台儿庄区人民法院",
                                    application=denied, filed_on=b.day(upheld_on, 10),
                                    case_number="（2024）鲁0405行初38号")
    appeals.record_result(lawsuit, s.clerk, result="other", decided_on=b.day(lawsuit.filed_on, 60),
                          summary="原告撤诉")
    unheld = b.case(b.workday_in(2025, 2), "unavailable.not_exist")
    corrected = appeals.record_appeal(s.clerk, b.agency, kind="review", body="台儿庄区人民政府", application=unheld,
                                      filed_on=b.day(b.closed_on(unheld), 5), case_number="台政复〔2025〕7号")
    corrected_on = b.day(corrected.filed_on, 30)
    appeals.record_result(corrected, s.clerk, result="corrected", decided_on=corrected_on, summary="责令重新答复")
    unheld.refresh_from_db()
    b.reply(unheld, "granted", corrected_on)
    appeals.record_appeal(s.clerk, b.agency, kind="lawsuit_direct", body="枣庄市台儿庄区人民法院",
                          filed_on=b.workday_in(2025, 11), case_number="（2025）鲁0405行初112号")
    today = clock.today()
    for back in (34, 26, 8, 3):  # open now (calendar days ago): one overdue, some due soon, one fresh
        received = today - dt.timedelta(days=back)
        b.case(received if b.cal.is_workday(received) else b.cal.next_workday(received).date, "granted",
               finish=False)


def load() -> int:
    """Create the demo applications that are missing; return how many were created."""
    created = 0
    for seed, (name, slug, count) in enumerate(AGENCIES, start=1):
        agency = Agency.objects.filter(name=name).first()
        staff = _staff(slug)
        if agency is None or staff is None or Application.objects.filter(agency=agency,
                                                                          received_on__year=2024).exists():
            continue
        builder = Builder(agency, staff, slug, seed)
        for year in YEARS:
            builder.year(year, count)
        if slug == "minzheng":
            _special_cases(builder)
        created += builder.created
    return created
