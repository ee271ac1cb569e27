"""The queue's filters (django-filter) keep the query parameters of bookmarked queues — ``q``,
``state``, ``channel``, ``applicant_type``, ``due_from``, ``due_to``, ``sort`` — read in Chinese; a value that does not parse is ignored (the queue stays
unfiltered), an inverted due range is named in Chinese (test_ui), as before."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from gongkai import clock
from gongkai.agencies.codes import make_uscc

pytestmark = pytest.mark.django_db

QUEUE = reverse("applications:queue")


def table(client, **params) -> str:
    return client.get(QUEUE, {"tab": "all", **params}).content.decode().split("app-tabs")[1]


def test_state_applicant_type_and_due_range(client, users, register):
    today = clock.today()
    person = register(received_on=today - dt.timedelta(days=30), applicant_name="张某")
    company = register(received_on=today, applicant_type="commercial", organisation_name="枣庄某商贸有限公司",
                       organisation_code=make_uscc("91370405MA3C7XQK0"))
    client.force_login(users.clerk)
    by_type = table(client, applicant_type="commercial")
    assert company.tracking_number in by_type and person.tracking_number not in by_type
    assert company.tracking_number in table(client, q="商贸")  # an organisation's name
    assert person.tracking_number in table(client, state=person.state)
    assert person.tracking_number not in table(client, state="closed")
    due = table(client, due_from=person.due_on.isoformat(), due_to=person.due_on.isoformat())
    assert person.tracking_number in due and company.tracking_number not in due
    assert table(client, sort="received").index(person.tracking_number) < table(client, sort="received").index(
        company.tracking_number)


def test_a_value_that_does_not_parse_leaves_the_queue_unfiltered(client, users, register):
    a = register(channel="email")
    client.force_login(users.clerk)
    assert a.tracking_number not in table(client, channel="in_person")
    assert a.tracking_number in table(client, channel="in_person", due_from="明天")


def test_the_filters_read_in_chinese(client, users):
    client.force_login(users.clerk)
    page = client.get(QUEUE).content.decode()
    form = page[page.index('class="app-filters"') :]
    form = form[: form.index("</form>")]
    for label in ("受理编号或申请人", "状态", "申请方式", "申请人类型", "期限自", "期限至", "排序"):
        assert label in form
    assert form.count(">——</option>") == 3 and ">默认排序</option>" in form and "---------" not in form
