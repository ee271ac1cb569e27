"""The public query never returns what the workflow would not have published, whatever the row says."""

from __future__ import annotations

import pytest

from gongkai import clock
from gongkai.desk import queries, services
from gongkai.desk.models import Case

from .conftest import PHONE

pytestmark = pytest.mark.django_db


def _published(case, **fields):
    Case.objects.filter(pk=case.pk).update(state="published", published_on=clock.today(), public_title="标题",
                                           public_reply="答复", **fields)


def test_only_published_consented_and_screened_cases_reach_the_public(register, agencies):
    shown = register(title="可公开")
    _published(shown)
    _published(register(title="未同意", consent=False))
    _published(register(title="未审查", consent=True), findings=[{"kind": "mobile", "excerpt": "138****5678"}])
    register(title="未公开")
    accepted = register(title="已说明理由")
    _published(accepted, findings=[{"kind": "mobile"}], findings_accepted="机关电话")
    proposal = register("npc", consent=False)
    _published(proposal)
    ids = sorted(entry["id"] for entry in queries.public_cases())
    assert ids == sorted([shown.pk, accepted.pk, proposal.pk])
    assert not queries.public_cases(agency_ids=[agencies.dept2.pk]).exists()


def test_public_entries_hold_no_contact_field(register, users):
    case = services.reply(register(asker_email="a@example.cn"), users.clerk, text="答复")
    case = services.publish(services.propose(case, users.clerk, title="t", question="q", reply_text="r"),
                            users.reviewer)
    [entry] = queries.public_cases()
    assert set(entry) == set(queries.PUBLIC_FIELDS)
    assert PHONE not in str(entry) and "a@example.cn" not in str(entry) and "张三" not in str(entry)
