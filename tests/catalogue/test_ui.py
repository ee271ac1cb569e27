"""The catalogue's staff pages through the Django test client: list, drafting, review, dashboard."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from gongkai import clock
from gongkai.catalogue.models import Item, ScreenFinding
from gongkai.catalogue.workflow import State

pytestmark = pytest.mark.django_db


def detail(item):
    return reverse("catalogue:detail", args=[item.pk])


def fire(client, item, name, comment=""):
    return client.post(
        reverse("catalogue:transition", args=[item.pk]), {"name": name, "comment": comment}, follow=True
    )


def test_clerk_drafts_through_the_form_and_sees_it_listed(client, users, agencies, categories):
    client.force_login(users.clerk)
    response = client.post(
        reverse("catalogue:create"),
        {
            "title": "关于开展2025年度社会救助专项检查的通知",
            "date_made": "2025-06-20",
            "genre": "notice",
            "category": categories["1104"].pk,
            "art20_item": 11,
            "attribute": "proactive",
            "body": "<p>各镇街：</p><script>alert(1)</script><p>联系电话13912345678。</p>",
        },
    )
    item = Item.objects.get(title__startswith="关于开展2025年度")
    assert response.status_code == 302 and response["Location"] == detail(item)
    assert "<script>" not in item.body and item.deadline == dt.date(2025, 7, 18)
    listing = client.get(reverse("catalogue:list")).content.decode()
    assert "关于开展2025年度社会救助专项检查的通知" in listing and "（发布时生成）" in listing


def test_form_shows_the_services_chinese_errors(client, users, categories):
    client.force_login(users.clerk)
    response = client.post(
        reverse("catalogue:create"),
        {
            "title": "不予公开的内部请示",
            "date_made": "2025-06-20",
            "genre": "notice",
            "attribute": "withheld",
        },
    )
    assert response.status_code == 200
    assert "不予公开须选择法定理由" in response.content.decode()
    assert not Item.objects.filter(title="不予公开的内部请示").exists()


def test_review_path_with_a_planted_phone_number(client, users, agencies, draft):
    item = draft(body="<p>咨询电话：13912345678</p>")
    client.force_login(users.clerk)
    page = client.get(detail(item)).content.decode()
    assert 'data-transition="submit"' in page and 'data-transition="approve"' not in page
    fire(client, item, "submit")
    item.refresh_from_db()
    assert item.state == State.REVIEW

    client.force_login(users.reviewer)
    page = client.get(detail(item)).content.decode()
    findings = page[page.index('id="findings"') : page.index('id="workflow"')]
    assert "13912345678" not in findings and "正文" in findings  # where, with a masked excerpt
    assert "项审查发现未处理" in page
    refused = fire(client, item, "approve").content.decode()
    assert "未处理" in refused and Item.objects.get(pk=item.pk).state == State.REVIEW
    finding = item.findings.get()
    missing_reason = client.post(
        reverse("catalogue:resolve", args=[item.pk, finding.pk]), {"resolution": "accepted"}, follow=True
    )
    assert "确认可公开须说明理由" in missing_reason.content.decode()
    client.post(
        reverse("catalogue:resolve", args=[item.pk, finding.pk]), {"resolution": "redacted", "reason": ""}
    )
    assert ScreenFinding.objects.get(pk=finding.pk).resolution == "redacted"
    assert "13912345678" not in client.get(detail(item)).content.decode()  # masked in the body itself
    fire(client, item, "approve", "无涉密内容")
    assert Item.objects.get(pk=item.pk).state == State.SIGN_OFF

    client.force_login(users.leader)
    page = client.get(detail(item)).content.decode()
    assert 'data-transition="sign_off"' in page and 'data-transition="return"' in page
    fire(client, item, "sign_off")
    item.refresh_from_db()
    assert item.state == State.PUBLISHED and item.index_number.startswith(f"{agencies.dept.org_code}/")
    page = client.get(detail(item)).content.decode()
    for label in ("起草", "提交保密审查", "处理审查发现", "审查通过", "领导签发"):
        assert label in page


def test_return_needs_a_comment_and_the_refusal_is_shown(client, users, draft):
    item = draft()
    client.force_login(users.clerk)
    fire(client, item, "submit")
    client.force_login(users.reviewer)
    page = fire(client, item, "return", "").content.decode()
    assert "退回修改须填写意见或理由" in page
    fire(client, item, "return", "请补充内容概述")
    assert Item.objects.get(pk=item.pk).state == State.DRAFT


def test_clerk_cannot_fire_the_reviewers_transition(client, users, draft):
    item = draft()
    client.force_login(users.clerk)
    fire(client, item, "submit")
    page = fire(client, item, "approve").content.decode()
    assert "“审查通过”只能由审核人办理" in page
    assert Item.objects.get(pk=item.pk).state == State.REVIEW


def test_list_filters(client, users, draft, categories, publish):
    publish(draft(title="二〇二四年低保资金发放情况", date_made=dt.date(2024, 3, 1)), on=dt.date(2024, 3, 5))
    draft(title="二〇二五年养老服务补贴通知", category=categories["1104"], doc_number="台民发〔2025〕7号")
    client.force_login(users.reviewer)
    url = reverse("catalogue:list")
    page = client.get(url, {"year": 2024}).content.decode()
    assert "低保资金" in page and "养老服务" not in page
    page = client.get(url, {"q": "〔2025〕7号"}).content.decode()
    assert "养老服务" in page and "低保资金" not in page
    page = client.get(url, {"state": "published"}).content.decode()
    assert "低保资金" in page and "养老服务" not in page
    page = client.get(url, {"q": "2024-00001"}).content.decode()  # part of an index number
    assert "低保资金" in page and "养老服务" not in page
    parent = categories["11"].pk  # a parent category lists its children's items
    page = client.get(url, {"category": parent}).content.decode()
    assert "低保资金" in page and "养老服务" in page
    assert f'<option value="{parent}" selected>' in page  # the filter stays chosen
    assert "按期" in client.get(url).content.decode()


def test_deadline_dashboard(client, users, draft, publish):
    publish(draft(title="逾期发布的通知", date_made=dt.date(2025, 1, 2)), on=dt.date(2025, 3, 3))
    draft(title="尚未发布且已过期限的通知", date_made=dt.date(2025, 1, 2))
    client.force_login(users.clerk)
    page = client.get(reverse("catalogue:deadlines")).content.decode()
    overdue = page[page.index('id="overdue"') : page.index('id="due"', page.index('id="overdue"'))]
    assert "尚未发布且已过期限的通知" in overdue and 'id="count-overdue">1<' in page
    late = page[page.index('<section class="card" id="late"') :]
    assert "逾期发布的通知" not in late  # published late in 2025, the dashboard counts this year's
    listing = client.get(reverse("catalogue:list")).content.decode()
    assert "逾期发布" in listing and "逾期" in listing


def test_statistics_page_shows_tables_and_charts(client, users, draft, publish):
    publish(draft(title="统计用通知"), on=dt.date(2025, 7, 1))
    client.force_login(users.reviewer)
    page = client.get(reverse("catalogue:statistics"), {"year": 2025}).content.decode()
    assert 'id="stat-total">1<' in page and "100.0%" in page
    assert page.count("<svg") == 4 and "社会保障" in page and "7月" in page
    empty = client.get(reverse("catalogue:statistics"), {"year": 2019}).content.decode()
    assert "2019年尚无已发布的主动公开信息" in empty


def test_statistics_page_opens_on_the_last_year_with_publications(client, users, draft, publish):
    client.force_login(users.reviewer)
    nothing_yet = client.get(reverse("catalogue:statistics"))
    assert nothing_yet.context["year"] == clock.today().year
    publish(draft(title="往年通知"), on=dt.date(2024, 3, 1))
    assert client.get(reverse("catalogue:statistics")).context["year"] == 2024


def test_figures_form_saves_with_source_and_refuses_bad_input(client, users, agencies):
    from gongkai.catalogue.figures import current, entry_cells

    cells = entry_cells(2025)
    money = next(c for c in cells if c.money)
    count = next(c for c in cells if not c.money)
    client.force_login(users.clerk)
    url = reverse("catalogue:figures") + "?year=2025"
    page = client.get(url).content.decode()
    assert money.label in page and "万元" in page
    bad = client.post(url, {count.key: "1.5", "source": "审批系统"}).content.decode()
    assert "应为整数" in bad and not current(agencies.dept, 2025)
    missing = client.post(url, {count.key: "12", "source": ""})
    assert missing.status_code == 200 and not current(agencies.dept, 2025)
    client.post(url, {count.key: "12", money.key: "3.25", "source": "行政许可办件系统年度统计"})
    held = current(agencies.dept, 2025)
    assert held[count.key].value == 12 and str(held[money.key].value.normalize()) == "3.25"
    assert held[count.key].source == "行政许可办件系统年度统计"
    client.force_login(users.reviewer)  # reads, cannot write
    assert client.post(url, {count.key: "1", "source": "x"}).status_code == 403


def test_guide_editor_keeps_versions(client, users, agencies):
    client.force_login(users.clerk)
    url = reverse("catalogue:guide")
    page = client.get(url).content.decode()
    assert "政府信息公开指南" in page and "尚未保存过指南" in page
    client.post(url, {"body": "<h2>指南</h2><p>第一版</p><script>x()</script>", "note": "初版"})
    client.post(url, {"body": "<p>第二版</p>", "note": "更新办公时间"})
    page = client.get(url).content.decode()
    assert "当前为第2版" in page and "更新办公时间" in page and "初版" in page
    first = client.get(url, {"version": 1}).content.decode()
    assert "第一版" in first and "<script>" not in first
    assert client.get(url, {"version": 9}).status_code == 404


def test_channel_marking_and_handover_export(client, users, draft, publish):
    item = publish(draft(title="移交档案馆的通知"), on=dt.date(2025, 7, 1))
    client.force_login(users.clerk)
    client.post(
        reverse("catalogue:channel", args=[item.pk]),
        {"channel": "archive", "on": "2025-07-10", "note": "第一批"},
    )
    assert item.channels.get().channel == "archive"
    csv_body = client.get(
        reverse("catalogue:handover"), {"channel": "archive", "year": 2025, "format": "csv"}
    )
    text = csv_body.content.decode("utf-8-sig")
    assert (
        csv_body["Content-Type"].startswith("text/csv")
        and "移交档案馆的通知" in text
        and item.index_number in text
    )
    xlsx = client.get(reverse("catalogue:handover"), {"channel": "archive", "format": "xlsx"})
    from io import BytesIO

    from openpyxl import load_workbook

    rows = list(load_workbook(BytesIO(xlsx.content)).active.values)
    assert rows[0][0] == "索引号" and rows[1][1] == "移交档案馆的通知"


def test_repeal_keeps_the_item_listed_as_repealed(client, users, draft, publish):
    item = publish(draft(title="某规范性文件", genre="normative", art20_item=1), on=dt.date(2025, 7, 1))
    client.force_login(users.leader)
    client.post(
        reverse("catalogue:validity", args=[item.pk]),
        {"validity": "repealed", "on": "2025-12-01", "note": "已被新文件替代"},
    )
    item.refresh_from_db()
    assert item.validity == "repealed" and item.state == "published"
    page = client.get(reverse("catalogue:list"), {"validity": "repealed"}).content.decode()
    assert "某规范性文件" in page and "废止" in page
    history = client.get(detail(item)).content.decode()
    assert "变更有效性" in history and "已被新文件替代" in history


@pytest.mark.parametrize(
    ("source", "where", "shown"),
    [
        ("正文", "正文 line 2", "正文 · 第2行"),
        ("通知.pdf", "page 2 line 5", "通知.pdf · 第2页第5行"),
        ("名单.xlsx", "名单!B3", "名单.xlsx · 名单!B3"),
        ("通知.docx", "comment 1", "通知.docx · 批注1"),
    ],
)
def test_finding_locations_read_in_chinese(source, where, shown):
    from gongkai.catalogue.views.page import where_label

    assert where_label(source, where) == shown


def test_home_panel_shows_what_waits_for_each_role(client, users, draft):
    from gongkai.catalogue import services

    services.submit(draft(title="待审查的通知"), users.clerk)
    client.force_login(users.reviewer)
    page = client.get(reverse("home")).content.decode()
    assert "主动公开" in page and "保密审查</a>：1 条" in page and "待领导签发" not in page
    client.force_login(users.leader)
    page = client.get(reverse("home")).content.decode()
    assert "待领导签发</a>：0 条" in page and "保密审查</a>" not in page
    client.force_login(users.clerk)
    assert "起草</a>：0 条" in client.get(reverse("home")).content.decode()


def test_interpretation_is_drafted_from_its_policy_and_published_with_it(client, users, draft, publish):
    from gongkai.catalogue import services

    policy = draft(title="临时救助实施办法", genre="normative", art20_item=1)
    client.force_login(users.clerk)
    page = client.get(detail(policy)).content.decode()
    start = reverse("catalogue:create") + f"?interprets={policy.pk}"
    assert start in page
    form = client.get(start).content.decode()
    assert f'value="#{policy.pk}"' in form and '<option value="interpretation" selected>' in form
    unknown = {
        "title": "解读",
        "date_made": "2025-06-20",
        "genre": "interpretation",
        "interprets": "无此文号",
    }
    refused = client.post(start, unknown).content.decode()
    assert "本机关没有索引号、文号或编号为“无此文号”的政策文件" in refused
    client.post(
        start,
        {
            "title": "图解：临时救助实施办法",
            "date_made": "2025-06-20",
            "genre": "interpretation",
            "interprets": f"#{policy.pk}",
            "interpretation_kind": "graphic",
            "category": policy.category_id,
            "attribute": "proactive",
        },
    )
    interpretation = Item.objects.get(title="图解：临时救助实施办法")
    assert interpretation.interprets == policy
    publish(interpretation)
    assert interpretation.state == State.WAITING  # waits for its policy
    assert "本解读自动发布" in client.get(detail(interpretation)).content.decode()
    publish(policy)
    interpretation.refresh_from_db()
    assert interpretation.state == State.PUBLISHED
    page = client.get(detail(policy)).content.decode()
    assert "图解：临时救助实施办法" in page and "政策解读" in page
    assert services.available_transitions(interpretation, users.clerk) == []


def test_attachments_are_checked_by_content_and_downloaded_by_staff(client, users, draft):
    from django.core.files.uploadedfile import SimpleUploadedFile

    item = draft()
    client.force_login(users.clerk)
    url = reverse("catalogue:attachment-add", args=[item.pk])
    fake = client.post(url, {"file": SimpleUploadedFile("通知.pdf", b"MZ\x90\x00 not a pdf")}, follow=True)
    assert "内容与扩展名.pdf不符" in fake.content.decode() and not item.attachments.exists()
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    client.post(url, {"file": SimpleUploadedFile("附件一.pdf", pdf)})
    attachment = item.attachments.get()
    page = client.get(detail(item)).content.decode()
    assert "附件一.pdf" in page
    download = client.get(reverse("catalogue:attachment", args=[attachment.pk]))
    assert download.content == pdf and "attachment;" in download["Content-Disposition"]
    client.post(reverse("catalogue:attachment-remove", args=[attachment.pk]))
    assert not item.attachments.exists()


def test_reviewer_replaces_a_screened_attachment(client, users, draft, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.screening.conftest import CLEAN_LINES, make_xlsx

    hidden = make_xlsx(tmp_path / "hidden.xlsx", CLEAN_LINES, hidden=True).read_bytes()
    clean = make_xlsx(tmp_path / "clean.xlsx", CLEAN_LINES, hidden=False).read_bytes()
    item = draft()
    client.force_login(users.clerk)
    client.post(
        reverse("catalogue:attachment-add", args=[item.pk]), {"file": SimpleUploadedFile("名单.xlsx", hidden)}
    )
    fire(client, item, "submit")
    client.force_login(users.reviewer)
    page = client.get(detail(item)).content.decode()
    assert "隐藏" in page and "上传处理后的附件替换" in page
    attachment = item.attachments.get()
    finding = item.findings.first()
    refused = client.post(
        reverse("catalogue:resolve", args=[item.pk, finding.pk]), {"resolution": "redacted"}, follow=True
    )
    assert "附件中的内容不能在线遮盖" in refused.content.decode()
    client.post(
        reverse("catalogue:attachment-replace", args=[attachment.pk]),
        {"file": SimpleUploadedFile("名单（处理后）.xlsx", clean)},
    )
    item.refresh_from_db()
    assert [a.name for a in item.attachments.all()] == ["名单（处理后）.xlsx"]
    assert not item.findings.filter(resolution="open").exists()
    assert "替换附件" in client.get(detail(item)).content.decode()  # in the item's history
    fire(client, item, "approve")
    assert Item.objects.get(pk=item.pk).state == State.SIGN_OFF


def test_agency_admin_sets_up_categories(client, users, agencies):
    from gongkai.catalogue.models import SubjectCategory

    url = reverse("catalogue:categories")
    client.force_login(users.clerk)
    assert "尚未设置主题分类" in client.get(reverse("catalogue:create")).content.decode()
    assert client.post(url, {"seed": "1"}).status_code == 403  # only the agency's admin
    assert client.post(url, {"code": "99", "name": "x"}).status_code == 403
    client.force_login(users.admin)
    client.post(url, {"seed": "1"})
    tree = SubjectCategory.objects.filter(agency=agencies.dept)
    assert tree.filter(code="1104", parent__code="11").exists()
    client.post(
        url, {"code": "1106", "name": "养老服务", "parent": tree.get(code="11").pk, "art20_item": "11"}
    )
    added = tree.get(code="1106")
    assert added.name == "养老服务" and added.art20_item == 11 and added.parent.code == "11"
    page = client.get(url).content.decode()
    row = page[page.index(">1106<") :]
    assert "扶贫、教育、医疗、社会保障" in row[: row.index("</tr>")]


def test_returned_item_is_edited_and_its_deadline_follows_the_change(client, users, draft):
    item = draft()
    client.force_login(users.clerk)
    fire(client, item, "submit")
    assert client.get(reverse("catalogue:edit", args=[item.pk])).status_code == 302  # in review: not editable
    client.force_login(users.reviewer)
    fire(client, item, "return", "请补充内容概述")
    client.force_login(users.clerk)
    form = client.get(reverse("catalogue:edit", args=[item.pk])).content.decode()
    assert item.title in form
    client.post(
        reverse("catalogue:edit", args=[item.pk]),
        {
            "title": item.title,
            "summary": "补充的内容概述",
            "date_made": "2025-06-20",
            "date_changed": "2025-07-01",
            "genre": "notice",
            "category": item.category_id,
            "attribute": "proactive",
        },
    )
    item.refresh_from_db()
    assert item.summary == "补充的内容概述" and item.deadline == dt.date(
        2025, 7, 29
    )  # 20 working days from the change
    page = client.get(detail(item)).content.decode()
    assert "退回修改" in page and "请补充内容概述" in page and "修改" in page


def test_leader_withdraws_with_a_reason_and_the_item_keeps_its_number(client, users, draft, publish):
    item = publish(draft(title="将被撤回的通知"))
    client.force_login(users.clerk)
    assert 'data-transition="withdraw"' not in client.get(detail(item)).content.decode()
    client.force_login(users.leader)
    assert "撤回须填写意见或理由" in fire(client, item, "withdraw", " ").content.decode()
    fire(client, item, "withdraw", "文号有误")
    item.refresh_from_db()
    assert item.state == State.WITHDRAWN and item.index_number
    page = client.get(reverse("catalogue:list"), {"state": "withdrawn"}).content.decode()
    assert "将被撤回的通知" in page and item.index_number in page


def test_supervisor_lists_an_agency_below_but_drafts_nothing(client, users, agencies, draft):
    draft(title="民政局的草稿")
    client.force_login(users.supervisor)
    page = client.get(reverse("catalogue:list"), {"agency": agencies.dept.pk}).content.decode()
    assert "民政局的草稿" in page and "起草新信息" not in page
    assert client.get(reverse("catalogue:create")).status_code == 403
    assert client.get(reverse("catalogue:list"), {"agency": agencies.sibling.pk}).status_code == 404


def test_figures_page_shows_the_counts_derived_from_the_catalogue(client, users, draft, publish):
    publish(draft(title="规范性文件一", genre="normative", art20_item=1, date_made=dt.date(2025, 3, 3)))
    client.force_login(users.clerk)
    page = client.get(reverse("catalogue:figures"), {"year": 2025}).content.decode()
    computed = page[page.index("由目录统计") : page.index("</table>", page.index("由目录统计"))]
    assert "行政规范性文件" in computed and '<td class="num">1</td>' in computed


def test_supervisor_sees_the_deadlines_of_the_agencies_below(client, users, agencies, draft):
    draft(title="民政局逾期未发布的通知", date_made=dt.date(2025, 1, 2))
    client.force_login(users.supervisor)
    url = reverse("catalogue:deadlines")
    own = client.get(url, {"agency": agencies.gov.pk}).content.decode()
    assert "民政局逾期未发布的通知" not in own and "包括所属机关" in own
    below = client.get(url, {"agency": agencies.gov.pk, "below": "1"}).content.decode()
    assert (
        "民政局逾期未发布的通知" in below and "台儿庄区民政局" in below and 'id="count-overdue">1<' in below
    )
    client.force_login(users.clerk)  # the department has nothing below; its clerk sees only its own
    assert 'id="count-overdue">1<' in client.get(url, {"below": "1"}).content.decode()


def test_handover_cells_never_run_as_formulas(client, users, draft, publish):
    from io import BytesIO

    from openpyxl import load_workbook

    item = publish(draft(title='=HYPERLINK("http://x")通知'), on=dt.date(2025, 7, 1))
    client.force_login(users.clerk)
    client.post(reverse("catalogue:channel", args=[item.pk]), {"channel": "gazette", "on": "2025-07-02"})
    xlsx = client.get(reverse("catalogue:handover"), {"channel": "gazette", "format": "xlsx"})
    cell = load_workbook(BytesIO(xlsx.content)).active["B2"]
    assert cell.data_type == "s" and cell.value.startswith("'=")
    text = client.get(reverse("catalogue:handover"), {"channel": "gazette", "format": "csv"}).content.decode(
        "utf-8-sig"
    )
    assert "'=HYPERLINK" in text


def test_a_second_publication_with_the_same_doc_number_is_refused_with_the_cores_message(
    client, users, draft, publish
):
    from gongkai.catalogue import services

    publish(draft(title="第一份", doc_number="台民发〔2025〕9号"))
    second = draft(title="第二份", doc_number="台民发〔2025〕9号")
    services.submit(second, users.clerk)
    services.approve(second, users.reviewer)
    client.force_login(users.leader)
    page = fire(client, second, "sign_off").content.decode()
    assert "本机关已发布文号为“台民发〔2025〕9号”的信息，不能重复发布" in page
    second.refresh_from_db()
    assert second.state == State.SIGN_OFF and not second.index_number  # nothing half-written
