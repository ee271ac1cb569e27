"""Only 主动公开, signed-off (published), not withdrawn items ever leave the staff workspace.

Every route the catalogue core has that could leak an item is tried here: `public_items`,
`public_attachments`, the channel handover export, the yearly statistics and section 二 counts,
the audit log and the screening excerpts (no personal data in clear).
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from gongkai.agencies.models import AuditEntry
from gongkai.annual.model import Report
from gongkai.catalogue import services, statistics
from gongkai.catalogue.models import Attribute, ChannelRecord, ScreenFinding
from gongkai.catalogue.visibility import is_public, public_attachments, public_items
from gongkai.catalogue.workflow import State
from tests.factories import ItemFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("attribute", "state"), list(itertools.product(Attribute.values, [s.value for s in State]))
)
def test_public_items_is_exactly_proactive_and_published(agencies, categories, attribute, state):
    item = ItemFactory(
        agency=agencies.dept, category=categories["1104"], attribute=attribute, state=state,
        date_published=dt.date(2025, 1, 3), withheld_reason="denied.process_info" if attribute == "withheld" else "",
    )  # fmt: skip
    expected = attribute == Attribute.PROACTIVE and state == State.PUBLISHED
    assert is_public(item) is expected
    assert (item in public_items()) is expected


@pytest.fixture
def mixed(draft, publish, users):
    """One public item and one of every kind that must stay inside, each with an attachment and a channel."""
    public = draft(title="公开的通知", doc_number="台民发〔2025〕1号")
    services.add_attachment(public, users.clerk, name="公开.pdf", data=b"%PDF-1.4\n%%EOF\n")
    publish(public)
    hidden = {
        "draft": draft(title="草稿"),
        "review": draft(title="审查中"),
        "on_request": draft(title="依申请公开", attribute="on_request"),
        "withheld": draft(title="不予公开", attribute="withheld", withheld_reason="denied.internal_affairs"),
        "withdrawn": draft(title="已撤回", doc_number="台民发〔2025〕2号"),
    }
    for item in hidden.values():
        services.add_attachment(item, users.clerk, name="内部.pdf", data=b"%PDF-1.4\n%%EOF\n")
    services.submit(hidden["review"], users.clerk)
    for key in ("on_request", "withheld"):
        publish(hidden[key])
    publish(hidden["withdrawn"])
    services.mark_channel(hidden["withdrawn"], users.clerk, channel="archive", on=dt.date(2025, 7, 2))
    services.mark_channel(public, users.clerk, channel="archive", on=dt.date(2025, 7, 2))
    services.withdraw(hidden["withdrawn"], users.leader, comment="发现问题")
    for item in hidden.values():
        item.refresh_from_db()
    return public, hidden


def test_no_hidden_item_in_any_route(mixed, agencies):
    public, hidden = mixed
    hidden_ids = {i.pk for i in hidden.values()}
    assert set(public_items().values_list("pk", flat=True)) == {public.pk}
    assert {a.item_id for a in public_attachments()} == {public.pk}
    rows = list(services.channel_rows(agencies.dept, "archive"))
    assert [r[1] for r in rows] == ["公开的通知"]
    assert ChannelRecord.objects.filter(item_id__in=hidden_ids).exists()  # recorded, but never exported
    stats = statistics.yearly(agencies.dept, 2025)
    assert stats.total == 1
    report = Report(era="2021", year=2025)
    statistics.fill(report, agencies.dept, 2025)
    assert report.proactive["normative_documents"]["issued"] == 0


def test_personal_data_never_reaches_audit_log_or_findings(draft, users):
    mobile, id_number = "13912345678", "370405198503071235"
    item = draft(
        title=f"关于{mobile}号码的说明", summary=f"联系人手机{mobile}", body=f"<p>身份证{id_number}</p>"
    )
    services.submit(item, users.clerk)
    assert ScreenFinding.objects.filter(item=item).count() == 3
    services.return_(item, users.reviewer, comment=f"请删除身份证号{id_number}")
    shown = " ".join(ScreenFinding.objects.values_list("excerpt", flat=True))
    logged = " ".join(str(e.before) + str(e.after) + e.note + e.object_repr for e in AuditEntry.objects.all())
    for value in (mobile, id_number):
        assert value not in shown and value not in logged
