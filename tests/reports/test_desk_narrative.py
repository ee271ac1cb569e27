"""The service desk's year in the report narrative (section 六): the draft states the counts of
consultations, complaints, 12345 transfers (with the on-time rate) and reception, matching a
count made here independently of the code that drafts."""

from __future__ import annotations

import datetime as dt

from gongkai import clock
from gongkai.desk import services as desk
from gongkai.reports import services

D = dt.date
JANUARY = dt.datetime(2026, 1, 15, 10, 0, tzinfo=clock.ZONE)


def _case(users, agency, kind: str, received: dt.date, n: int, **extra):
    fields = {"kind": kind, "channel": "phone", "title": f"事项{n}", "topic": "社会救助", "question": "请问如何办理？",
              "asker_name": "张三", "asker_phone": "13812345678", "received_on": received, "consent": False}
    if kind == "hotline":
        fields |= {"channel": "hotline", "number": f"GD2025{n:06d}"}
    return desk.register(users.clerk, agency, **(fields | extra))


def test_the_draft_states_the_desks_year(agencies, users):
    dept = agencies.dept
    with clock.moved_to(dt.datetime(2025, 12, 30, 10, 0, tzinfo=clock.ZONE)):
        for n in range(3):
            _case(users, dept, "consultation", D(2025, 3, 3 + n), n)
        _case(users, dept, "complaint", D(2025, 4, 1), 10)
        _case(users, dept, "consultation", D(2024, 12, 30), 11)  # last year's: not counted
        hotline = [_case(users, dept, "hotline", D(2025, 6, 2), 20 + n, due_on=D(2025, 6, 9)) for n in range(4)]
        desk.reply(hotline[0], users.clerk, text="已答复", on=D(2025, 6, 5))
        desk.reply(hotline[1], users.clerk, text="已答复", on=D(2025, 6, 9))
        desk.reply(hotline[2], users.clerk, text="已答复", on=D(2025, 6, 20))  # late
        for day, walk_in, phone in ((D(2025, 5, 6), 7, 2), (D(2025, 5, 7), 5, 0), (D(2024, 5, 7), 9, 9)):
            desk.count_reception(users.clerk, dept, on=day, channel="walk_in", set_to=walk_in)
            desk.count_reception(users.clerk, dept, on=day, channel="phone", set_to=phone)
    with clock.moved_to(JANUARY):
        report = services.draft(dept, 2025, users.clerk)
    other = report.sections["other"]
    # Counted by hand: 3 consultations and 1 complaint in 2025; 4 transfers, 3 replied, 2 of them by
    # 9 June; 7 + 5 visits and 2 + 0 calls in 2025.
    assert "受理群众咨询3件、投诉1件" in other
    assert "办理12345政务服务便民热线转办件4件，已答复3件，其中按期答复2件，按期答复率66.7%" in other
    assert "现场接待12人次、接听咨询电话2人次" in other
    refs = {s[0]: s[2] for _, sources in report.sources["other"] for s in sources}
    assert refs["activity.desk_hotline"] == "4" and refs["activity.desk_hotline_on_time"] == "2"


def test_a_year_without_desk_work_says_nothing_of_it(agencies, users):
    with clock.moved_to(JANUARY):
        report = services.draft(agencies.dept, 2025, users.clerk)
    assert "12345" not in report.sections["other"] and "现场接待" not in report.sections["other"]
