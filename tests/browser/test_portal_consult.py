"""In the browser, as a member of the public: a consultation sent through an agency's column
(the page solves its proof-of-work challenge) reaches the service desk; once the clerk has
answered and the reviewer published it with the asker's consent, it is on the Q&A column, found
by a word it contains, without the asker's name or phone."""

from __future__ import annotations

import pytest

from gongkai.desk import services
from gongkai.desk.models import Case

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_consultation_through_the_portal_is_answered_and_published(page, users, agencies):
    dept = agencies.dept
    page.goto(f"/xxgk/{dept.slug}/")
    with page.expect_navigation():
        page.click("nav.column-nav >> text=我要咨询")
    page.fill("#id_title", "低保申请需要哪些材料")
    page.fill("#id_question", "请问申请城乡低保需要准备哪些材料？")
    page.fill("#id_name", "张三")
    page.fill("#id_phone", "13812345678")
    page.check("#id_consent")
    with page.expect_navigation(timeout=30_000):
        page.click("main button[type=submit]")
    assert page.locator("h1").inner_text() == "已收到您的咨询"

    case = Case.objects.get(agency=dept)
    assert case.channel == "portal" and case.consent
    case = services.reply(case, users.clerk, text="请携带户口簿、身份证和收入证明到街道办理。")
    case = services.propose(case, users.clerk, title="申请低保需要哪些材料", question=case.question,
                            reply_text=case.reply)
    services.publish(case, users.reviewer)

    page.goto(f"/xxgk/{dept.slug}/qa/")
    page.fill("#qa-q", "户口簿")
    with page.expect_navigation():
        page.press("#qa-q", "Enter")
    article = page.locator("article.qa").first.inner_text()
    assert "申请低保需要哪些材料" in article and "户口簿" in article
    assert "13812345678" not in page.content() and "张三" not in page.content()
