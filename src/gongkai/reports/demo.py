"""Demo reports for `gongkai demo`: each department of 台儿庄区人民政府 has its 2025 report in a
different state — 民政局 published (and corrected as version 2), 教育和体育局 approved, 人力资源和
社会保障局 in review with an error to fix (a hand-entered figure that breaks the balance), the
others in draft; 台儿庄区人民政府's own report drafted for its whole area (本行政区域) from them. Built through the services as of January 2026, so the audit trail and the
publication dates are what staff would have produced. Idempotent: an existing report is left alone.
"""

from __future__ import annotations

import datetime as dt

from gongkai import clock
from gongkai.agencies.demo import DEPARTMENTS, GOVERNMENT
from gongkai.agencies.models import Agency, User
from gongkai.reports import services
from gongkai.reports.models import Report, Scope

YEAR = 2025


def _user(slug: str, role: str) -> User:
    return User.objects.get(username=f"{slug}_{role}")


def _published(agency: Agency, slug: str) -> None:
    clerk, reviewer, leader = (_user(slug, r) for r in ("clerk", "reviewer", "leader"))
    with clock.moved_to(dt.datetime(2026, 1, 14, 9, 30, tzinfo=clock.ZONE)):
        report = services.draft(agency, YEAR, clerk)
        report = services.submit(report, clerk)
        report = services.approve(report, reviewer)
        report = services.publish(report, leader)
    with clock.moved_to(dt.datetime(2026, 1, 22, 15, 0, tzinfo=clock.ZONE)):
        report = services.correct(report, clerk, reason="第六部分补充本年度政府信息公开工作年度报告的发布渠道")
        other = report.sections.get("other", "")
        report = services.save_text(report, clerk, sections={
            "other": other + "\n本报告在台儿庄区人民政府门户网站“政府信息公开”专栏发布，可查阅或下载。"})
        report = services.submit(report, clerk)
        report = services.approve(report, reviewer)
        services.publish(report, leader)


def _approved(agency: Agency, slug: str) -> None:
    with clock.moved_to(dt.datetime(2026, 1, 20, 10, 0, tzinfo=clock.ZONE)):
        report = services.draft(agency, YEAR, _user(slug, "clerk"))
        report = services.submit(report, _user(slug, "clerk"))
        services.approve(report, _user(slug, "reviewer"))


def _in_review_with_error(agency: Agency, slug: str) -> None:
    clerk = _user(slug, "clerk")
    with clock.moved_to(dt.datetime(2026, 1, 21, 11, 0, tzinfo=clock.ZONE)):
        report = services.draft(agency, YEAR, clerk)
        counted = int(report.figures["applications"]["new"]["natural_person"])
        report = services.set_figure(report, clerk, table="applications", row="new", column="natural_person",
                                     value=counted + 2, source="窗口纸质登记簿（含电话咨询登记）")
        services.submit(report, clerk)


def load() -> int:
    made = 0
    plans = {"minzheng": _published, "jiaoyu": _approved, "renshe": _in_review_with_error}
    for spec in DEPARTMENTS:
        agency = Agency.objects.filter(name=spec.name).first()
        if agency is None or Report.objects.filter(agency=agency, year=YEAR).exists():
            continue
        plan = plans.get(spec.slug)
        if plan is not None:
            plan(agency, spec.slug)
        else:
            with clock.moved_to(dt.datetime(2026, 1, 12, 9, 0, tzinfo=clock.ZONE)):
                services.draft(agency, YEAR, _user(spec.slug, "clerk"))
        made += 1
    government = Agency.objects.filter(name=GOVERNMENT.name).first()
    if government is not None and not Report.objects.filter(agency=government, year=YEAR).exists():
        with clock.moved_to(dt.datetime(2026, 1, 23, 9, 0, tzinfo=clock.ZONE)):
            services.draft(government, YEAR, _user(GOVERNMENT.slug, "clerk"), scope=Scope.AREA)
        made += 1
    return made
