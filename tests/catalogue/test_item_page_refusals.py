"""How the item page's POSTs answer a refusal (the workflow convention of docs/architecture.md):
the page again with the service's Chinese message on top and HTTP 409 (the item moved on, or
changed since the page was read), 422 (a rule, the input, or a workflow step by the wrong role),
403 (`PermissionDenied`), 400 (a form that does not parse) — and nothing written. Success still
goes back to the page (302)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.agencies.models import AuditEntry
from gongkai.catalogue import services
from gongkai.catalogue.models import Item
from gongkai.catalogue.workflow import State

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def post(client, name, item, data, **files):
    return client.post(reverse(f"catalogue:{name}", args=[item.pk]), {**data, **files})


def fire(client, item, name, comment="", version=None):
    data = {"name": name, "comment": comment}
    if version is not None:
        data["version"] = version
    return post(client, "transition", item, data)


def refused(response, status: int, message: str) -> str:
    """The re-rendered page's error box, after checking the status and that it is the item page."""
    assert response.status_code == status, response.status_code
    page = response.content.decode()
    assert 'id="history"' in page  # the item page itself, not a bare error page
    box = page[page.index('id="item-error"') :]
    assert message in box[: box.index("</div>")], box[:300]
    return page


@pytest.fixture
def in_review(client, users, draft):
    item = draft(body="<p>咨询电话：13912345678</p>")
    services.submit(item, users.clerk)
    return Item.objects.get(pk=item.pk)


def test_a_transition_goes_back_to_the_item_page_on_success(client, users, draft):
    item = draft()
    client.force_login(users.clerk)
    response = fire(client, item, "submit", version=item.version)
    assert response.status_code == 302 and response["Location"] == reverse("catalogue:detail", args=[item.pk])
    assert Item.objects.get(pk=item.pk).state == State.REVIEW


def test_approving_with_an_open_finding_is_422_and_writes_nothing(client, users, in_review):
    client.force_login(users.reviewer)
    entries = AuditEntry.objects.count()
    response = fire(client, in_review, "approve", "已审", version=in_review.version)
    refused(response, 422, "还有1项发布前审查发现未处理")
    assert Item.objects.get(pk=in_review.pk).state == State.REVIEW and AuditEntry.objects.count() == entries


def test_return_without_a_comment_is_422(client, users, in_review):
    client.force_login(users.reviewer)
    refused(fire(client, in_review, "return", " "), 422, "退回修改须填写意见或理由")
    assert Item.objects.get(pk=in_review.pk).state == State.REVIEW


def test_the_wrong_role_is_422_with_the_services_message(client, users, in_review):
    client.force_login(users.clerk)
    refused(fire(client, in_review, "approve"), 422, "“审查通过”只能由审核人办理")


def test_a_step_from_a_state_the_item_has_left_is_409(client, users, draft, publish):
    item = publish(draft())
    client.force_login(users.leader)
    refused(fire(client, item, "sign_off"), 409, "当前状态为“已发布”，不能签发")


def test_a_page_read_before_someone_else_changed_the_item_is_409_and_keeps_the_comment(client, users, in_review):
    seen = in_review.version  # the reviewer reads the page; meanwhile it is returned, edited, resubmitted
    services.return_(in_review, users.reviewer, comment="请补充")
    services.update_item(Item.objects.get(pk=in_review.pk), users.clerk, summary="改过的概述")
    services.submit(Item.objects.get(pk=in_review.pk), users.clerk)
    current = Item.objects.get(pk=in_review.pk)
    assert current.state == State.REVIEW and current.version > seen
    client.force_login(users.reviewer)
    entries = AuditEntry.objects.count()
    page = refused(
        fire(client, in_review, "return", "原稿有误", version=seen),
        409,
        f"该信息已被他人修改（您看到的是第{seen}版，当前为第{current.version}版）",
    )
    assert ">原稿有误</textarea>" in page  # typed once, not lost
    assert f'name="version" value="{current.version}"' in page  # the page now carries the current version
    assert AuditEntry.objects.count() == entries and Item.objects.get(pk=in_review.pk).version == current.version
    assert fire(client, in_review, "return", "原稿有误", version=current.version).status_code == 302


def test_every_transition_takes_the_version_forward(users, draft):
    item = draft()
    versions = [item.version]
    for actor, step in ((users.clerk, "submit"), (users.reviewer, "approve"), (users.leader, "sign_off")):
        versions.append(services.transition(item, actor, step, version=versions[-1]).version)
    assert versions == [1, 2, 3, 4]


def test_finding_refusals(client, users, in_review):
    finding = in_review.findings.get()
    url = reverse("catalogue:resolve", args=[in_review.pk, finding.pk])
    client.force_login(users.reviewer)
    refused(client.post(url, {}), 400, "请选择“已删除/遮盖”或“确认可公开”")
    refused(client.post(url, {"resolution": "accepted"}), 422, "确认可公开须说明理由")
    assert client.post(url, {"resolution": "accepted", "reason": "单位电话"}).status_code == 302
    refused(client.post(url, {"resolution": "redacted"}), 409, "该审查发现已由他人处理")


def test_attachment_refusals(client, users, draft, in_review):
    item = draft()
    client.force_login(users.clerk)
    refused(post(client, "attachment-add", item, {}), 400, "请选择要上传的文件")
    fake = {"file": SimpleUploadedFile("通知.pdf", b"MZ\x90\x00 not a pdf")}
    refused(post(client, "attachment-add", item, fake), 422, "内容与扩展名.pdf不符")
    late = {"file": SimpleUploadedFile("附件.pdf", PDF)}
    refused(post(client, "attachment-add", in_review, late), 409, "只有起草状态的信息可以添加附件")
    assert not item.attachments.exists() and not in_review.attachments.exists()


def test_validity_and_channel_refusals(client, users, draft, publish):
    published, unpublished = publish(draft(title="已发布的文件")), draft(title="草稿")
    client.force_login(users.leader)
    refused(post(client, "validity", published, {"validity": "repealed"}), 400, "请填写有效性和日期")
    unknown = {"validity": "repealed", "on": "2025-12-01", "superseded_by": "无此索引号"}
    page = refused(post(client, "validity", published, unknown), 422, "本机关没有索引号为“无此索引号”的信息")
    assert 'value="无此索引号"' in page  # the form keeps what was typed
    early = {"validity": "repealed", "on": "2025-01-01"}
    refused(post(client, "validity", published, early), 422, "废止/失效日期不能早于成文日期")
    refused(post(client, "validity", unpublished, {"validity": "repealed", "on": "2025-12-01"}), 409,
            "只有已发布的信息可以变更有效性")
    assert Item.objects.get(pk=published.pk).validity == "valid"
    client.force_login(users.clerk)
    refused(post(client, "channel", published, {"on": "2025-07-10"}), 400, "请选择渠道并填写日期")
    refused(post(client, "channel", unpublished, {"channel": "archive", "on": "2025-07-10"}), 409,
            "只有已发布的信息可以登记发布渠道")


def test_saving_an_edit_of_an_item_no_longer_a_draft_is_409(client, users, in_review):
    client.force_login(users.clerk)
    response = client.post(reverse("catalogue:edit", args=[in_review.pk]), {
        "title": "改标题", "date_made": "2025-06-20", "genre": "notice", "category": in_review.category_id,
        "attribute": "proactive", "version": in_review.version,
    })
    assert response.status_code == 409 and "“保密审查”状态的信息不能修改，请先退回" in response.content.decode()
    assert Item.objects.get(pk=in_review.pk).title != "改标题"


def test_a_repeated_document_number_at_sign_off_is_422(client, users, draft, publish):
    publish(draft(title="第一份", doc_number="台民发〔2025〕9号"), on=dt.date(2025, 7, 1))
    second = draft(title="第二份", doc_number="台民发〔2025〕9号")
    services.submit(second, users.clerk)
    services.approve(second, users.reviewer)
    client.force_login(users.leader)
    refused(fire(client, second, "sign_off"), 422, "本机关已发布文号为“台民发〔2025〕9号”的信息，不能重复发布")
