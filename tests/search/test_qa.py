"""Published Q&A (咨询答复) in the site-wide search: found while the portal's Q&A column shows
them, gone the moment they are withdrawn, never indexed without consent, and never with the
asker's name or contact."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai import clock
from gongkai.desk import services
from gongkai.search import qa
from gongkai.search.backends import get_backend
from gongkai.search.documents import Filters

PHONE, NAME = "13812345678", "欧阳娜娜"
pytestmark = pytest.mark.django_db


def _case(users, agency, *, consent: bool = True):
    case = services.register(users.clerk, agency, kind="consultation", channel="portal", title="低保材料咨询",
                             topic="社会救助", question=f"我是{NAME}，电话{PHONE}，申请低保要什么材料？",
                             asker_name=NAME, asker_phone=PHONE, consent=consent, received_on=clock.today())  # fmt: skip
    return services.reply(case, users.clerk, text=f"{NAME}您好：请携带户口簿和收入证明到街道办理。")


def _published(users, agency):
    case = _case(users, agency)
    case = services.propose(case, users.clerk, title="申请低保需要哪些材料", question="申请低保需要准备什么材料？",
                            reply_text="请携带户口簿、身份证和收入证明到街道办理。")  # fmt: skip
    return services.publish(case, users.reviewer)


def _keys(query: str, filters: Filters | None = None) -> list[int]:
    return [h.key for h in get_backend().search(query, filters or Filters()).hits]


def test_a_published_reply_is_found_by_the_portal_search_and_links_to_its_column(client, agencies, users):
    case = _published(users, agencies.dept)
    assert _keys("户口簿") == [qa.key(case.pk)] and qa.case_id(qa.key(case.pk)) == case.pk
    page = client.get("/xxgk/search/", {"q": "户口簿"}).content.decode()
    assert "申请低保需要哪些材料" in page and "咨询答复" in page and "<mark>" in page
    assert f'{reverse("portal:qa", args=[agencies.dept.slug])}?q=' in page and f"#qa-{case.pk}" in page
    column = client.get(reverse("portal:qa", args=[agencies.dept.slug]), {"q": "申请低保需要哪些材料"})
    assert f'id="qa-{case.pk}"' in column.content.decode()
    assert _keys("户口簿", Filters(agencies=(agencies.dept.pk,))) == [qa.key(case.pk)]
    assert _keys("户口簿", Filters(agencies=(agencies.dept2.pk,))) == []


def test_a_withdrawn_reply_disappears_from_search_at_once(client, agencies, users):
    case = _published(users, agencies.dept)
    assert "申请低保需要哪些材料" in client.get("/xxgk/search/", {"q": "户口簿"}).content.decode()  # now cached
    services.withdraw(case, users.reviewer, comment="答复内容需更新")
    assert _keys("户口簿") == []
    assert "申请低保需要哪些材料" not in client.get("/xxgk/search/", {"q": "户口簿"}).content.decode()


def test_replies_not_on_the_column_are_never_indexed(agencies, users):
    _case(users, agencies.dept, consent=False)  # replied, no consent: can never be proposed
    proposed = services.propose(_case(users, agencies.dept), users.clerk, title="低保材料", question="",
                                reply_text="请携带户口簿。")  # in review, not published  # fmt: skip
    assert proposed.published_on is None
    declined = services.propose(_case(users, agencies.dept), users.clerk, title="低保材料", question="",
                                reply_text="请携带户口簿。")  # fmt: skip
    services.decline(declined, users.reviewer, comment="涉及个案情况，不予公开")
    assert _keys("户口簿") == [] and get_backend().count() == 0


def test_nothing_of_the_asker_is_indexed(agencies, users):
    _published(users, agencies.dept)
    for secret in (NAME, PHONE, "欧阳", "收入证明到街道办理。我是"):
        assert _keys(secret) == []


def test_reindex_rebuilds_the_published_replies(agencies, users):
    case = _published(users, agencies.dept)
    get_backend().clear()
    assert qa.reindex([agencies.dept2.pk]) == 0 and _keys("户口簿") == []
    assert qa.reindex() == 1 and _keys("户口簿") == [qa.key(case.pk)]
