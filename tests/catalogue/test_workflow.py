"""The review workflow: clerk drafts → reviewer screens and approves → leader signs off → published."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.agencies.audit import entries_for
from gongkai.catalogue import services, workflow
from gongkai.catalogue.models import Item, ScreenFinding
from gongkai.catalogue.workflow import State, TransitionError

pytestmark = pytest.mark.django_db


def names(item, user):
    return [t.name for t in services.available_transitions(item, user)]


def test_full_path_publishes_with_index_number_and_deadline(draft, users, agencies):
    item = draft()
    assert item.deadline == dt.date(2025, 7, 18)  # 20 working days after 2025-06-20
    assert names(item, users.clerk) == ["submit"]
    assert names(item, users.reviewer) == []
    services.submit(item, users.clerk)
    item.refresh_from_db()
    assert item.state == State.REVIEW
    assert names(item, users.reviewer) == ["approve", "return"]
    services.approve(item, users.reviewer, comment="无涉密内容")
    item.refresh_from_db()
    assert names(item, users.leader) == ["sign_off", "return"]
    services.sign_off(item, users.leader, on=dt.date(2025, 7, 1))
    item.refresh_from_db()
    assert item.state == State.PUBLISHED
    assert item.index_number == f"{agencies.dept.org_code}/2025-00001"
    assert item.date_published == dt.date(2025, 7, 1) and not item.published_late
    actions = [e.action for e in entries_for(item)]
    assert actions == [
        "catalogue.item.sign_off",
        "catalogue.item.approve",
        "catalogue.item.submit",
        "catalogue.item.create",
    ]
    sign_off = entries_for(item).first()
    assert sign_off.before["state"] == "sign_off" and sign_off.after["state"] == "published"


def test_index_numbers_are_sequential_per_agency_and_year_and_never_reused(draft, publish, users, agencies):
    a = publish(draft(title="一"), on=dt.date(2025, 7, 1))
    b = publish(draft(title="二"), on=dt.date(2025, 7, 2))
    services.withdraw(b, users.leader, comment="内容有误")
    c = publish(draft(title="三"), on=dt.date(2025, 7, 3))
    d = publish(draft(title="四", date_made=dt.date(2026, 1, 5)), on=dt.date(2026, 1, 6))
    serials = [i.index_number.rsplit("/", 1)[1] for i in (a, b, c, d)]
    assert serials == ["2025-00001", "2025-00002", "2025-00003", "2026-00001"]


def test_custom_index_pattern(draft, publish, agencies):
    agencies.dept.index_pattern = "MZ-{year}-{serial:04d}"
    agencies.dept.save()
    assert publish(draft()).index_number == "MZ-2025-0001"


def test_roles_are_enforced_in_the_service(draft, users):
    # a workflow step by the wrong role is the workflow's refusal (422), as in every app
    item = draft()
    with pytest.raises(TransitionError, match="只能由经办人办理"):
        services.submit(item, users.reviewer)
    services.submit(item, users.clerk)
    with pytest.raises(TransitionError, match="只能由审核人办理"):
        services.approve(item, users.clerk)
    with pytest.raises(TransitionError):
        services.sign_off(item, users.leader)  # not yet approved
    services.approve(item, users.reviewer)
    with pytest.raises(TransitionError, match="只能由分管领导办理"):
        services.sign_off(item, users.reviewer)
    with pytest.raises(PermissionDenied):
        services.create_item(
            users.supervisor, users.clerk.memberships.first().agency, title="x", date_made=dt.date(2025, 1, 2)
        )


def test_other_agency_staff_cannot_touch_item(draft, make_user, agencies):
    item = draft()
    outsider = make_user("outsider", (agencies.dept2, "clerk"), (agencies.dept2, "reviewer"))
    with pytest.raises(PermissionDenied):
        services.submit(item, outsider)
    assert services.available_transitions(item, outsider) == []


def test_return_needs_a_comment_and_goes_back_to_draft(draft, users):
    item = draft()
    services.submit(item, users.clerk)
    with pytest.raises(TransitionError):
        services.return_(item, users.reviewer, comment="  ")
    services.return_(item, users.reviewer, comment="请补充内容概述")
    item.refresh_from_db()
    assert item.state == State.DRAFT
    assert entries_for(item).first().note == "请补充内容概述"
    services.update_item(item, users.clerk, summary="调整城乡低保标准")
    services.submit(item, users.clerk)
    services.approve(item, users.reviewer)
    services.return_(item, users.leader, comment="文号有误")
    item.refresh_from_db()
    assert item.state == State.DRAFT


def test_only_drafts_can_be_edited(draft, users):
    item = draft()
    services.submit(item, users.clerk)
    with pytest.raises(TransitionError):
        services.update_item(item, users.clerk, title="改")


def test_screen_blocks_approval_until_each_finding_is_resolved(draft, users):
    item = draft(body="<p>申请人李四，手机13912345678，家住幸福小区3栋2单元401室。</p><p>机密★1年</p>")
    services.submit(item, users.clerk)
    findings = list(item.findings.all())
    assert {f.kind for f in findings} == {"mobile", "address", "secret_word"}
    assert all("13912345678" not in f.excerpt for f in findings)
    with pytest.raises(TransitionError, match="3项"):
        services.approve(item, users.reviewer)
    with pytest.raises(ValidationError):
        services.resolve_finding(findings[0], users.reviewer, resolution="accepted", reason="")
    with pytest.raises(PermissionDenied):
        services.resolve_finding(findings[0], users.clerk, resolution="redacted")
    services.resolve_finding(findings[0], users.reviewer, resolution="redacted")
    services.resolve_finding(findings[1], users.reviewer, resolution="redacted")
    with pytest.raises(TransitionError, match="1项"):
        services.approve(item, users.reviewer)
    services.resolve_finding(findings[2], users.reviewer, resolution="accepted", reason="系引用文件密级说明，已解密")
    services.approve(item, users.reviewer)
    assert ScreenFinding.objects.filter(item=item, resolution="open").count() == 0


def test_attachments_are_screened(draft, users):
    import io

    import openpyxl

    wb = openpyxl.Workbook()
    wb.active["A1"] = "名单"
    hidden = wb.create_sheet("底稿")
    hidden.sheet_state = "hidden"
    buf = io.BytesIO()
    wb.save(buf)
    item = draft()
    services.add_attachment(item, users.clerk, name="名单.xlsx", data=buf.getvalue())
    services.submit(item, users.clerk)
    kinds = {(f.source, f.kind) for f in item.findings.all()}
    assert ("名单.xlsx", "hidden_sheet") in kinds


def test_attachment_type_is_checked_by_content_and_size(draft, users, settings):
    item = draft()
    with pytest.raises(ValidationError, match="不符"):
        services.add_attachment(item, users.clerk, name="fake.pdf", data=b"MZ\x90\x00 an exe")
    with pytest.raises(ValidationError, match="不支持"):
        services.add_attachment(item, users.clerk, name="run.exe", data=b"MZ")
    attachment = services.add_attachment(item, users.clerk, name="通知.pdf", data=b"%PDF-1.4\n%%EOF\n")
    assert (settings.DATA_DIR / attachment.path).read_bytes().startswith(b"%PDF")


def test_body_is_sanitised(draft):
    item = draft(body='<p onclick="x()">正文<script>alert(1)</script><a href="javascript:x">链接</a></p>')
    assert "script" not in item.body and "onclick" not in item.body and "javascript" not in item.body
    assert "正文" in item.body


def test_withheld_needs_a_legal_reason_and_is_filed_not_published(draft, users):
    with pytest.raises(ValidationError):
        draft(attribute="withheld")
    item = draft(attribute="withheld", withheld_reason="denied.process_info")
    services.submit(item, users.clerk)
    services.approve(item, users.reviewer)
    services.sign_off(item, users.leader)
    item.refresh_from_db()
    assert item.state == State.FILED and item.date_published is None


def test_duplicate_document_number_refused_on_publication(draft, publish):
    publish(draft(doc_number="台民发〔2025〕3号"))
    second = draft(title="另一份", doc_number="台民发〔2025〕3号")
    with pytest.raises(ValidationError, match="文号"):
        publish(second)
    second.refresh_from_db()
    assert second.state == State.SIGN_OFF  # nothing half-written


def test_interpretation_is_published_with_its_policy(draft, users, publish):
    policy = draft(genre="normative", doc_number="台民规〔2025〕1号")
    with pytest.raises(ValidationError):
        draft(genre="interpretation", title="解读")  # no policy linked
    interp = draft(
        genre="interpretation", title="《关于…》政策解读", interprets=policy, interpretation_kind="graphic"
    )
    services.submit(interp, users.clerk)
    services.approve(interp, users.reviewer)
    services.sign_off(interp, users.leader)
    interp.refresh_from_db()
    assert interp.state == State.WAITING and interp.index_number == ""
    publish(policy, on=dt.date(2025, 7, 2))
    interp.refresh_from_db()
    assert interp.state == State.PUBLISHED and interp.date_published == dt.date(2025, 7, 2)
    services.withdraw(policy, users.leader, comment="政策调整")
    interp.refresh_from_db()
    assert interp.state == State.WITHDRAWN


def test_repeal_keeps_the_item_listed_as_repealed(draft, publish, users):
    from gongkai.catalogue.visibility import public_items

    old = publish(draft(genre="normative", doc_number="台民规〔2024〕1号", date_made=dt.date(2024, 3, 1)))
    new = publish(draft(genre="normative", doc_number="台民规〔2025〕2号"))
    services.change_validity(
        old, users.leader, validity="repealed", on=dt.date(2025, 7, 1), superseded_by=new, note="被新文件替代"
    )
    old.refresh_from_db()
    assert old.get_validity_display() == "废止" and old.superseded_by == new
    assert public_items().filter(pk=old.pk).exists()
    entry = entries_for(old).first()
    assert entry.before["validity"] == "valid" and entry.after["validity"] == "repealed"
    with pytest.raises(PermissionDenied):
        services.change_validity(new, users.clerk, validity="expired", on=dt.date(2025, 8, 1))


def test_withdrawal_keeps_history(draft, publish, users):
    item = publish(draft())
    with pytest.raises(TransitionError):
        services.withdraw(item, users.leader, comment="")
    services.withdraw(item, users.leader, comment="发现个人信息")
    item.refresh_from_db()
    assert item.state == State.WITHDRAWN and item.index_number and item.date_published
    assert [e.action for e in entries_for(item)][0] == "catalogue.item.withdraw"
    assert Item.objects.filter(pk=item.pk).exists()


def test_state_table_is_explicit():
    assert workflow.TRANSITIONS["return"].sources == {State.REVIEW: {"review"}, State.SIGN_OFF: {"sign_off"}}
    with pytest.raises(TransitionError, match="不能签发"):
        workflow.check("sign_off", State.DRAFT)


def test_changed_date_recomputes_deadline(draft, users):
    item = draft()
    services.update_item(item, users.clerk, date_changed=dt.date(2025, 9, 1))
    item.refresh_from_db()
    assert item.deadline == dt.date(2025, 9, 28)  # a Sunday made a working day (调休)


def test_channels_and_handover_export(draft, publish, users):
    item = publish(draft(doc_number="台民发〔2025〕9号"))
    services.mark_channel(item, users.clerk, channel="archive", on=dt.date(2025, 12, 30), note="第四季度移交")
    unpublished = draft(title="草稿")
    with pytest.raises(TransitionError):
        services.mark_channel(unpublished, users.clerk, channel="archive", on=dt.date(2025, 12, 30))
    rows = list(services.channel_rows(item.agency, "archive", 2025))
    assert rows == [
        (
            item.index_number,
            item.title,
            "台民发〔2025〕9号",
            "2025-06-20",
            "2025-07-01",
            "有效",
            "档案馆",
            "2025-12-30",
            "第四季度移交",
        )
    ]


def test_staff_list_is_scoped_to_readable_agencies(draft, users, make_user, agencies, categories):
    from gongkai.catalogue.queries import staff_list

    item = draft()
    draft(title="旧年", date_made=dt.date(2024, 5, 6))
    assert list(staff_list(users.clerk, agencies.dept, category=categories["1104"], year=2025)) == [item]
    assert staff_list(users.supervisor, agencies.dept).count() == 2  # supervisor of the parent government
    outsider = make_user("outsider", (agencies.dept2, "clerk"))
    assert staff_list(outsider, agencies.dept).count() == 0


def test_handover_command(draft, publish, users, agencies, tmp_path):
    from click.testing import CliRunner

    from gongkai.cli import cli

    item = publish(draft())
    services.mark_channel(item, users.clerk, channel="library", on=dt.date(2025, 7, 3))
    out = tmp_path / "h.csv"
    result = CliRunner().invoke(
        cli, ["catalogue", "handover", "--agency", agencies.dept.name, "--channel", "library", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    text = out.read_text("utf-8-sig")
    assert text.splitlines()[0].startswith("索引号,标题") and item.index_number in text


def test_redaction_masks_the_text_in_place(draft, users):
    item = draft(
        title="关于李四（电话13912345678）的公告",
        body="<p>手机<b>13912345678</b>，另一号码13800001111。</p><p>机密</p>",
    )
    services.submit(item, users.clerk)
    body_mobile = item.findings.filter(source="正文", kind="mobile")
    assert body_mobile.count() == 2
    services.resolve_finding(body_mobile.first(), users.reviewer, resolution="redacted")
    item.refresh_from_db()
    assert "13912345678" not in item.body and "139****5678" in item.body and "<b>" in item.body
    assert "13800001111" not in item.body
    assert not item.findings.filter(source="正文", kind="mobile", resolution="open").exists()
    services.resolve_finding(item.findings.get(source="标题"), users.reviewer, resolution="redacted")
    services.resolve_finding(item.findings.get(kind="secret_word"), users.reviewer, resolution="redacted")
    item.refresh_from_db()
    assert item.title == "关于李四（电话139****5678）的公告" and "机密" not in item.body
    services.approve(item, users.reviewer)
    with pytest.raises(TransitionError):
        services.resolve_finding(item.findings.first(), users.reviewer, resolution="accepted", reason="x")


def test_attachment_findings_are_replaced_not_redacted_online(draft, users):
    import io

    import docx

    def word(text: str, author: str) -> bytes:
        document = docx.Document()
        document.core_properties.author = author
        document.add_paragraph(text)
        buf = io.BytesIO()
        document.save(buf)
        return buf.getvalue()

    item = draft()
    services.add_attachment(item, users.clerk, name="名单.docx", data=word("联系人手机13912345678", "张三"))
    services.submit(item, users.clerk)
    findings = item.findings.filter(source="名单.docx")
    assert {f.kind for f in findings} == {"mobile", "metadata"}
    with pytest.raises(ValidationError, match="替换"):
        services.resolve_finding(findings.first(), users.reviewer, resolution="redacted")
    attachment = item.attachments.get()
    with pytest.raises(PermissionDenied):
        services.replace_attachment(attachment, users.clerk, name="名单.docx", data=word("联系人：张三", ""))
    services.replace_attachment(
        attachment, users.reviewer, name="名单（处理后）.docx", data=word("联系人手机139****5678", "")
    )
    assert [a.name for a in item.attachments.all()] == ["名单（处理后）.docx"]
    assert not item.findings.exists()
    services.approve(item, users.reviewer)
    assert entries_for(item).filter(action="catalogue.attachment.replace").exists()
