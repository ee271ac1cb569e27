"""The case page's 法定期限说明 says each rule once (issue 10, point 12)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

D = dt.date


def test_the_receipt_rule_is_stated_once_on_the_case_page(client, register, users):
    a = register(received_on=D(2026, 11, 2))
    client.force_login(users.clerk)
    page = client.get(reverse("applications:detail", kwargs={"pk": a.pk})).content.decode()
    section = page[page.index('id="clock-title"'):page.index("</section>", page.index('id="clock-title"'))]
    assert section.count("以提交之日为收到申请之日") == 1
    assert section.count("起算") == 1 and "届满日为" in section
