"""The catalogue's year in the report narrative (section 一, 政府信息管理情况): items added to the
政府信息公开目录 and items marked 废止/失效 in the year, counted from the items' own dates, each
figure with its source; nothing said of a catalogue that did not change."""

from __future__ import annotations

import datetime as dt

from gongkai import clock
from gongkai.catalogue.models import Attribute, Item, Validity
from gongkai.catalogue.workflow import State
from gongkai.reports import services

D = dt.date
JANUARY = dt.datetime(2026, 1, 15, 10, 0, tzinfo=clock.ZONE)
SENTENCE = "本年更新政府信息公开目录，新增政府信息4条，标注废止1条、失效1条。"


def _item(
    agency,
    title,
    *,
    published=None,
    validity=Validity.VALID,
    changed=None,
    state=State.PUBLISHED,
    attribute=Attribute.PROACTIVE,
):
    made = min(d for d in (published, changed, D(2025, 1, 2)) if d is not None) - dt.timedelta(days=1)
    return Item.objects.create(
        agency=agency,
        title=title,
        date_made=made,
        date_published=published,
        state=state,
        attribute=attribute,
        validity=validity,
        validity_changed_on=changed,
    )


def _catalogue(agencies):
    dept = agencies.dept
    # added in 2025: published on 1 Feb, 30 Jun, 31 Dec, and 1 Apr (that one expired on 1 Sep)
    _item(dept, "一月后发布的通知", published=D(2025, 2, 1))
    _item(dept, "年中发布的通知", published=D(2025, 6, 30))
    _item(dept, "年末最后一天发布的通知", published=D(2025, 12, 31))
    _item(
        dept,
        "当年发布当年失效的通知",
        published=D(2025, 4, 1),
        validity=Validity.EXPIRED,
        changed=D(2025, 9, 1),
    )
    # in the catalogue since 2024, repealed in 2025: marked this year, not added
    _item(
        dept,
        "2024年发布、2025年废止的规范性文件",
        published=D(2024, 12, 31),
        validity=Validity.REPEALED,
        changed=D(2025, 3, 1),
    )
    # none of these counts for 2025:
    _item(dept, "2024年废止", published=D(2024, 1, 5), validity=Validity.REPEALED, changed=D(2024, 11, 1))
    _item(dept, "2026年才废止", published=D(2024, 1, 6), validity=Validity.REPEALED, changed=D(2026, 1, 5))
    _item(dept, "2026年发布", published=D(2026, 1, 10))
    _item(dept, "草稿（未发布）", state=State.DRAFT, validity=Validity.REPEALED, changed=D(2025, 5, 1))
    _item(dept, "依申请公开的信息", published=D(2025, 5, 1), attribute=Attribute.ON_REQUEST)
    _item(
        agencies.dept2,
        "其他机关发布的通知",
        published=D(2025, 5, 1),
        validity=Validity.EXPIRED,
        changed=D(2025, 8, 1),
    )


def test_the_draft_states_the_catalogues_updates_with_their_sources(agencies, users):
    _catalogue(agencies)
    with clock.moved_to(JANUARY):
        report = services.draft(agencies.dept, 2025, users.clerk)
    overview = report.sections["overview"].splitlines()
    # Counted by hand: 4 items published in 2025 (1 Feb, 30 Jun, 31 Dec, 1 Apr); repealed in 2025:
    # the one published in 2024; expired in 2025: the one published on 1 Apr.
    assert SENTENCE in overview
    heading = overview[overview.index(SENTENCE) - 1]
    assert heading.endswith("）政府信息管理情况")
    assert "本机关主动公开政府信息4条" in report.sections["overview"]
    sources = [s for text, found in report.sources["overview"] if text == SENTENCE for s in found]
    assert [(s[0], s[2]) for s in sources] == [
        ("activity.catalogue_added", "4"),
        ("activity.catalogue_repealed", "1"),
        ("activity.catalogue_expired", "1"),
    ]
    for _ref, label, value, before in sources:
        assert label and before + value in SENTENCE


def test_the_next_year_counts_only_its_own_changes(agencies, users):
    _catalogue(agencies)
    with clock.moved_to(dt.datetime(2027, 1, 15, 10, 0, tzinfo=clock.ZONE)):
        report = services.draft(agencies.dept, 2026, users.clerk)
    # 2026: one item published (10 Jan), one repealed (5 Jan)
    assert "本年更新政府信息公开目录，新增政府信息1条，标注废止1条。" in report.sections["overview"]


def test_a_year_without_catalogue_changes_says_nothing_of_the_catalogue(agencies, users):
    _item(agencies.dept, "2024年发布", published=D(2024, 6, 1))
    with clock.moved_to(JANUARY):
        report = services.draft(agencies.dept, 2025, users.clerk)
    assert "目录" not in report.sections["overview"] and "政府信息管理情况" not in report.sections["overview"]
    refs = {s[0] for _, sources in report.sources["overview"] for s in sources}
    assert not refs & {
        "activity.catalogue_added",
        "activity.catalogue_repealed",
        "activity.catalogue_expired",
    }
