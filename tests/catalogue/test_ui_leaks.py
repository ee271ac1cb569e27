"""No catalogue page leaks an item: every route needs a login, another agency's objects are 404,
and the exports and statistics hold only public items (主动公开, published, not withdrawn)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.catalogue import services
from gongkai.catalogue.workflow import State

pytestmark = pytest.mark.django_db

SECRET = "不应出现的"


@pytest.fixture
def hidden(draft, users, publish):
    """One item of 台儿庄区民政局 in every state the public must never see, plus one public item."""
    items = {"draft": draft(title=f"{SECRET}草稿")}
    review = draft(title=f"{SECRET}审查中")
    services.submit(review, users.clerk)
    items["review"] = review
    for attribute, extra in (("on_request", {}), ("withheld", {"withheld_reason": "denied.process_info"})):
        item = draft(title=f"{SECRET}{attribute}", attribute=attribute, **extra)
        items[attribute] = publish(item)
        assert items[attribute].state == State.FILED
    withdrawn = publish(draft(title=f"{SECRET}已撤回"))
    services.mark_channel(withdrawn, users.clerk, channel="archive", on=dt.date(2025, 7, 2))
    services.withdraw(withdrawn, users.leader, comment="内容有误")
    items["withdrawn"] = withdrawn
    public = publish(draft(title="公开的通知"))
    services.mark_channel(public, users.clerk, channel="archive", on=dt.date(2025, 7, 2))
    items["public"] = public
    return items


def item_routes(item):
    attachment = item.attachments.first()
    routes = [
        ("get", reverse("catalogue:detail", args=[item.pk]), {}),
        ("get", reverse("catalogue:edit", args=[item.pk]), {}),
        ("post", reverse("catalogue:edit", args=[item.pk]), {"title": "x"}),
        ("post", reverse("catalogue:transition", args=[item.pk]), {"name": "submit"}),
        ("post", reverse("catalogue:attachment-add", args=[item.pk]), {}),
        ("post", reverse("catalogue:validity", args=[item.pk]), {"validity": "repealed", "on": "2025-12-01"}),
        ("post", reverse("catalogue:channel", args=[item.pk]), {"channel": "wechat", "on": "2025-12-01"}),
    ]
    finding = item.findings.first()
    if finding is not None:
        routes.append(
            ("post", reverse("catalogue:resolve", args=[item.pk, finding.pk]), {"resolution": "redacted"})
        )
    if attachment is not None:
        routes.append(("get", reverse("catalogue:attachment", args=[attachment.pk]), {}))
        routes.append(("post", reverse("catalogue:attachment-remove", args=[attachment.pk]), {}))
        routes.append(("post", reverse("catalogue:attachment-replace", args=[attachment.pk]), {}))
    return routes


AGENCY_ROUTES = ["list", "deadlines", "statistics", "figures", "guide", "handover", "categories"]


def test_anonymous_is_sent_to_login_everywhere(client, hidden, agencies):
    item = hidden["review"]
    for method, url, data in item_routes(item):
        response = getattr(client, method)(url, data)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), url
    for name in [*AGENCY_ROUTES, "create"]:
        response = client.get(reverse(f"catalogue:{name}"), {"agency": agencies.dept.pk})
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), name


def test_another_agencys_staff_get_404(client, hidden, agencies, make_user, draft, users):
    with_attachment = draft(title=f"{SECRET}带附件")
    services.add_attachment(with_attachment, users.clerk, name="a.pdf", data=b"%PDF-1.4\n%%EOF\n")
    outsider = make_user(
        "outsider", (agencies.sibling, "clerk"), (agencies.sibling, "reviewer"), (agencies.sibling, "leader")
    )
    client.force_login(outsider)
    for item in [*hidden.values(), with_attachment]:
        for method, url, data in item_routes(item):
            assert getattr(client, method)(url, data).status_code == 404, url
    for name in AGENCY_ROUTES:
        assert client.get(reverse(f"catalogue:{name}"), {"agency": agencies.dept.pk}).status_code == 404, name
    own_list = client.get(reverse("catalogue:list")).content.decode()
    assert SECRET not in own_list and "公开的通知" not in own_list


def test_a_supervisor_reads_below_but_a_sibling_supervisor_does_not(
    client, hidden, agencies, users, make_user
):
    client.force_login(users.supervisor)  # 台儿庄区人民政府: the department is below it
    assert client.get(reverse("catalogue:detail", args=[hidden["review"].pk])).status_code == 200
    other = make_user("yicheng_supervisor", (agencies.sibling, "supervisor"))
    client.force_login(other)
    assert client.get(reverse("catalogue:detail", args=[hidden["review"].pk])).status_code == 404


def test_exports_and_statistics_hold_only_public_items(client, hidden, users):
    client.force_login(users.clerk)
    export = client.get(
        reverse("catalogue:handover"), {"channel": "archive", "format": "csv"}
    ).content.decode("utf-8-sig")
    assert "公开的通知" in export and SECRET not in export
    stats = client.get(reverse("catalogue:statistics"), {"year": 2025}).content.decode()
    assert 'id="stat-total">1<' in stats and SECRET not in stats
    late = client.get(reverse("catalogue:deadlines")).content.decode()
    assert "公开的通知" not in late  # published on time: not on the dashboard


def test_a_withdrawn_item_stays_in_the_staff_workspace_with_its_history(client, hidden, users):
    item = hidden["withdrawn"]
    client.force_login(users.reviewer)
    page = client.get(reverse("catalogue:detail", args=[item.pk])).content.decode()
    assert "已撤回" in page and "内容有误" in page and item.index_number in page
