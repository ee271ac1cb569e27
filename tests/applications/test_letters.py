"""Letters render as Word and PDF with the tracking number, the article, the fee and the remedies."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pdfplumber
import pytest

from gongkai.applications import letter_store, letters, services
from tests.applications.conftest import ID_NUMBER, word_file

D = dt.date


def _text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


REVIEW_FIRST = ("可以自收到本答复之日起60日内向台儿庄区人民政府申请行政复议；对行政复议决定不服的，"
                "可以依法向人民法院提起行政诉讼")


def test_mixed_reply_letter_docx_and_pdf(register, users, data_dir):
    """Granted + refused: one letter, each item its own reply; reconsideration first for item 2 only."""
    a = register(items=["低保名单", "资金明细"])
    services.draft_reply(a, users.clerk, on=D(2026, 9, 3),
                         outcomes={1: ("granted", ""), 2: ("denied.third_party", "涉及第三方个人隐私")})
    assert letters.available_letters(a) == [("reply_mixed", "答复书（各事项分别答复）")]
    letter = letters.issue_letter(a, users.clerk, "reply_mixed", on=D(2026, 9, 3))
    text = _text(letters.letter_docx(letter))
    for wanted in (a.tracking_number, "台儿庄区民政局", "《条例》第三十六条第（二）项", "《条例》第十五条",
                   "涉及第三方个人隐私", "本机关对第1项政府信息予以公开，将按照您要求的形式提供（获取方式：纸质",
                   "依据上述规定，本机关对第2项政府信息不予公开。",
                   f"对本答复第2项中不予公开的决定不服的，应当先申请行政复议：{REVIEW_FIRST}",
                   "对本答复其他事项不服的，可以自收到本答复之日起60日内向台儿庄区人民政府申请行政复议，也可以自收到本答复之日起6个月内",
                   "2026年9月1日收到", "2026年9月3日"):
        assert wanted in text, wanted
    assert "第三十七条" not in text  # nothing was separated
    assert "第五十一条" not in text
    assert ID_NUMBER not in text and "13800001234" not in text
    pdf = letters.letter_pdf(letter)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        pdf_text = "".join(page.extract_text() or "" for page in doc.pages)
    assert a.tracking_number in pdf_text and "应当先申请行政复议" in pdf_text
    assert (data_dir / "applications" / "letters" / letter.path).exists()


def _sent(register, users, outcomes: dict, *, received: dt.date, sent: dt.date):
    a = register(received_on=received, items=[f"事项{n}" for n in outcomes])
    letters.draft_reply(a, users.clerk, on=sent, outcomes=outcomes)
    services.review(a, users.reviewer, on=sent)
    services.sign_off(a, users.leader, on=sent)
    services.send_reply(a, users.clerk, on=sent)
    return a


def test_a_refusal_sent_from_2024_says_reconsideration_first_and_is_dated_by_the_reply(register, users, data_dir):
    a = _sent(register, users, {1: ("denied.process_info", "属于内部讨论记录")},
              received=D(2026, 9, 1), sent=D(2026, 9, 10))
    assert letters.reply_kind(a) == "reply_denied"
    text = _text(letters.render_docx(a, "reply_denied"))  # re-issued on 20 Nov (the test clock)
    assert f"如对本答复不予公开的决定不服，应当先申请行政复议：{REVIEW_FIRST}" in text
    assert "第二十三条第一款第（四）项" in text and "6个月" not in text
    assert "依据上述规定，本机关对上述政府信息不予公开。" in text
    assert "2026年9月10日" in text and "2026年11月20日" not in text  # the reply's day, not the making's


def test_a_reissued_letter_of_a_2023_refusal_keeps_the_old_choice(register, users, data_dir):
    a = _sent(register, users, {1: ("denied.third_party", "涉及个人隐私")},
              received=D(2023, 12, 1), sent=D(2023, 12, 20))
    text = _text(letters.render_docx(a, "reply_denied"))
    assert ("可以自收到本答复之日起60日内向台儿庄区人民政府或者上一级主管部门申请行政复议，或者自收到本答复之日起"
            "6个月内向人民法院提起行政诉讼（《中华人民共和国行政复议法》第九条第一款") in text
    assert "应当先申请行政复议" not in text and "2023年12月20日" in text


def test_an_art_36_7_reply_names_the_procedure_and_is_not_a_refusal(register, users, data_dir):
    a = register(items=["某宗地不动产登记簿"])
    services.draft_reply(a, users.clerk, on=D(2026, 9, 3), outcomes={
        1: ("denied.inquiry_matter", "请持身份证明到台儿庄区不动产登记中心依照《不动产登记资料查询暂行办法》查询")})
    assert letters.available_letters(a) == [("reply_inquiry", "答复书（告知查询途径）")]
    text = _text(letters.render_docx(a, "reply_inquiry", on=D(2026, 9, 3)))
    assert "不予公开" not in text
    assert "《不动产登记资料查询暂行办法》查询" in text and "第三十六条第（七）项" in text
    assert "请依照上表所列的查询程序办理" in text
    assert "也可以自收到本答复之日起6个月内依法向人民法院提起行政诉讼" in text  # the choice stays


def test_art_37_is_cited_only_for_an_item_actually_separated(register, users, data_dir):
    a = register(items=["低保名单", "2019年会议纪要"])
    services.draft_reply(a, users.clerk, on=D(2026, 9, 3),
                         outcomes={1: ("granted", ""), 2: ("unavailable.not_exist", "经检索没有该纪要")})
    mixed = _text(letters.render_docx(a, "reply_mixed", on=D(2026, 9, 3)))
    assert "第三十七条" not in mixed and "本机关无法提供第2项政府信息，理由如上。" in mixed
    assert "应当先申请行政复议" not in mixed  # nothing was refused
    b = register(items=["低保名单（含身份证号）"])
    services.draft_reply(b, users.clerk, on=D(2026, 9, 3), outcomes={1: ("partial", "身份证号码已作遮盖处理")})
    separated = _text(letters.render_docx(b, "reply_partial", on=D(2026, 9, 3)))
    assert "根据《中华人民共和国政府信息公开条例》第三十七条的规定，本机关对上述政府信息中可以公开的部分予以提供" in separated
    assert f"如对本答复不予公开的决定不服，应当先申请行政复议：{REVIEW_FIRST}" in separated


def test_conclusions_group_items_by_reply_in_item_order():
    R = letters.ReplyKind
    got = letters.conclusions([(1, R.DENIED_STATE_SECRET), (2, R.GRANTED), (3, R.DENIED_THIRD_PARTY)], "纸质", "邮寄")
    assert got == ["依据上述规定，本机关对第1、3项政府信息不予公开。",
                   "本机关对第2项政府信息予以公开，将按照您要求的形式提供（获取方式：纸质；获取途径：邮寄）。"]
    assert letters.conclusions([(1, R.NOT_PROCESSED_PETITION)], "", "") == ["本机关对上述申请不予处理，理由如上。"]


def test_step_letters(register, users, data_dir):
    a = register(items=[f"事项{i}" for i in range(1, 13)])
    services.request_correction(a, users.clerk, content="请写明所需信息的年份", reply_by=D(2026, 9, 15), on=D(2026, 9, 2))
    correction = _text(letters.render_docx(a, "correction_notice"))
    # dated by the day the notice was given (2 Sep), not the day the file is made (20 Nov, the test clock)
    assert "请写明所需信息的年份" in correction and "2026年9月2日" in correction and "2026年11月20日" not in correction
    services.record_correction(a, users.clerk, note="补充了年份", on=D(2026, 9, 4))
    services.issue_fee_notice(a, users.clerk, on=D(2026, 9, 7))
    fee_text = _text(letters.render_docx(a, "fee_notice"))
    assert "200.00" in fee_text and "第四十二条" in fee_text
    services.record_payment(a, users.clerk, on=D(2026, 9, 8))
    services.approve_extension(a, users.reviewer, days=15, reason="需要调取历史档案", on=D(2026, 9, 9))
    assert "延长15个工作日" in _text(letters.render_docx(a, "extension_notice"))
    services.start_third_party(a, users.clerk, third_party="枣庄某公司", on=D(2026, 9, 10))
    third = _text(letters.render_docx(a, "third_party_letter"))
    assert "枣庄某公司" in third and "王某某" not in third  # the third party is not told who asked
    assert third.rstrip().endswith("2026年9月10日")  # the day it was sent
    with pytest.raises(letters.LetterError, match="不符"):
        letters.render_docx(a, "reply_granted")


def test_agency_template_overrides_the_default(register, users, data_dir):
    a = register()
    services.request_correction(a, users.clerk, content="年份", reply_by=D(2026, 9, 15), on=D(2026, 9, 2))
    own = word_file("本局专用补正通知 {{ a.tracking_number }} {{ correction.content }}")
    with pytest.raises(Exception, match="权限"):
        letters.upload_template(users.clerk, a.agency, "correction_notice", own)
    with pytest.raises(letters.LetterError, match="Word"):
        letters.upload_template(users.admin, a.agency, "correction_notice", b"%PDF-1.4 not a template")
    letters.upload_template(users.admin, a.agency, "correction_notice", own)
    assert f"本局专用补正通知 {a.tracking_number} 年份" in _text(letters.render_docx(a, "correction_notice"))


def test_pdf_sample_page(register, users, data_dir):
    """A refusal letter as PDF; writes <path>.docx and <path>.pdf when GONGKAI_LETTER_SAMPLE names
    a path (for looking at the layout)."""
    import os

    target = os.environ.get("GONGKAI_LETTER_SAMPLE")
    a = register(items=["2025年度低保对象评审会议记录"])
    services.draft_reply(a, users.clerk, on=D(2026, 9, 3),
                         outcomes={1: ("denied.process_info", "属于行政机关内部讨论记录，系过程性信息")})
    docx_bytes = letters.render_docx(a, "reply_denied", on=D(2026, 9, 3))
    pdf = letters.render_pdf(docx_bytes)
    assert pdf.startswith(b"%PDF")
    if target:
        with open(f"{target}.docx", "wb") as fh:
            fh.write(docx_bytes)
        with open(f"{target}.pdf", "wb") as fh:
            fh.write(pdf)


def test_an_uploaded_reply_template_must_print_the_remedies_the_rules_make(register, users, agencies, data_dir):
    drifting = word_file("{{ a.tracking_number }} 如不服，可以申请行政复议，或者6个月内提起行政诉讼。")
    with pytest.raises(letters.LetterError, match=r"答复书模板须包含 \{\{ remedies.text \}\}"):
        letters.upload_template(users.admin, agencies.dept, "reply_denied", drifting)
    letters.upload_template(users.admin, agencies.dept, "reply_denied",
                            word_file("本局答复 {{ a.tracking_number }} {{ remedies.text }}"))
    a = register(items=["会议纪要"])
    services.draft_reply(a, users.clerk, on=D(2026, 9, 3), outcomes={1: ("denied.process_info", "过程性信息")})
    text = _text(letters.render_docx(a, "reply_denied", on=D(2026, 9, 3)))
    assert f"本局答复 {a.tracking_number} 如对本答复不予公开的决定不服，应当先申请行政复议：{REVIEW_FIRST}" in text


def test_the_case_page_shows_the_counting_convention_only_where_items_differ(client, register, users):
    from django.urls import reverse

    client.force_login(users.clerk)
    mixed = register(items=["名单", "纪要"])
    services.draft_reply(mixed, users.clerk, on=D(2026, 9, 3),
                         outcomes={1: ("granted", ""), 2: ("unavailable.not_exist", "经检索不存在")})
    page = client.get(reverse("applications:detail", kwargs={"pk": mixed.pk})).content.decode()
    assert 'id="counting-note"' in page and "计为一件“部分公开”" in page
    alike = register(items=["名单"])
    services.draft_reply(alike, users.clerk, on=D(2026, 9, 3), outcomes={1: ("granted", "")})
    assert 'id="counting-note"' not in client.get(reverse("applications:detail", kwargs={"pk": alike.pk})).content.decode()



# --- what the leader signs is the letter (issue 10, point 11) -----------------------------------------


def test_a_reply_draft_makes_the_letter_that_is_reviewed_and_signed(register, users):
    from gongkai.agencies.models import AuditEntry

    a = register(items=["会议纪要"])
    letters.draft_reply(a, users.clerk, on=D(2026, 9, 3), outcomes={1: ("denied.process_info", "过程性信息")})
    letter = letters.draft_letter(a)
    assert letter is not None and letter.kind == "reply_denied"
    assert "应当先申请行政复议" in _text(letters.letter_docx(letter)) and "2026年9月3日" in _text(letters.letter_docx(letter))
    assert letters.available_letters(a) == []  # the reply letter is the draft's, not made again
    letters.review(a, users.reviewer, on=D(2026, 9, 4), reason="理由充分")
    letters.sign_off(a, users.leader, on=D(2026, 9, 4))
    digest = letter_store.letter_digest(letter)
    entries = {e.action: e for e in AuditEntry.objects.filter(object_id=str(a.pk), action__in=(
        "application.review", "application.sign_off"))}
    assert entries["application.review"].note == "审核通过：理由充分"  # the act, then the comment
    assert entries["application.sign_off"].note == "签发"
    for entry in entries.values():
        assert entry.after["letter"] == letter.pk and entry.after["letter_sha256"] == digest


def test_sign_off_is_refused_when_the_letter_is_not_the_text_the_reviewer_passed(register, users, letters_dir):
    a = register(items=["会议纪要"])
    letters.draft_reply(a, users.clerk, on=D(2026, 9, 3), outcomes={1: ("denied.process_info", "过程性信息")})
    letters.review(a, users.reviewer, on=D(2026, 9, 4))
    stored = letters_dir / "applications" / "letters" / letters.draft_letter(a).path
    stored.write_bytes(stored.read_bytes() + b"\0")  # the file changed after review
    with pytest.raises(services.TransitionError, match="答复书与审核通过的文本不一致，不能签发"):
        letters.sign_off(a, users.leader, on=D(2026, 9, 4))
    a.refresh_from_db()
    assert a.state == "reviewed"


def test_review_needs_the_drafts_letter_and_a_failed_letter_undoes_the_draft(register, users, agencies):
    a = register(items=["会议纪要"])
    services.draft_reply(a, users.clerk, on=D(2026, 9, 3), outcomes={1: ("granted", "")})  # no letter made
    with pytest.raises(services.TransitionError, match="尚无答复书文本"):
        letters.review(a, users.reviewer, on=D(2026, 9, 4))
    b = register(items=["名单"])
    letters.upload_template(users.admin, agencies.dept, "reply_granted", word_file("{{ remedies.text }}{{ a.description }}"))
    from gongkai.applications.models import LetterTemplate
    stored = LetterTemplate.objects.get(agency=agencies.dept, kind="reply_granted")
    path = letters.current_template(agencies.dept.pk, "reply_granted")[0]
    path.write_bytes(b"not a docx any more")
    with pytest.raises(services.TransitionError, match="不是Word文档"):
        letters.draft_reply(b, users.clerk, on=D(2026, 9, 3), outcomes={1: ("granted", "")})
    b.refresh_from_db()
    assert b.state == "received" and not b.letters.exists() and stored.pk


def test_through_the_pages_the_reviewer_and_leader_see_and_approve_the_drafted_letter(client, register, users):
    from django.urls import reverse

    def post(user, name, **data):
        client.force_login(user)
        a.refresh_from_db()
        url = reverse("applications:step", kwargs={"pk": a.pk, "name": name})
        return client.post(url, {"version": a.version, "on": "2026-11-04", **data})

    a = register(received_on=D(2026, 11, 2), items=["会议纪要"])
    assert post(users.clerk, "draft_reply", outcome_1="denied.process_info", reason_1="过程性信息").status_code == 302
    detail = reverse("applications:detail", kwargs={"pk": a.pk})
    client.force_login(users.reviewer)
    page = client.get(detail).content.decode()
    assert 'id="draft-letter"' in page and "应当先申请行政复议" in page and "过程性信息" in page
    client.force_login(users.supervisor)  # reads the case, not the letter naming the applicant
    assert 'id="draft-letter"' not in client.get(detail).content.decode()
    assert post(users.reviewer, "review", reason="同意").status_code == 302
    assert post(users.leader, "sign_off").status_code == 302
    client.force_login(users.clerk)
    history = client.get(detail).content.decode()
    assert "审核通过：同意" in history and "签发" in history
    a.refresh_from_db()
    assert a.state == "signed" and a.letters.filter(kind="reply_denied").count() == 1


def test_the_services_themselves_refuse_a_review_without_the_letter(register, users):
    """The letter check is the workflow's guard: a direct service call cannot skip it, and the case
    page does not offer the review until the draft has its letter."""
    a = register(items=["会议纪要"])
    services.draft_reply(a, users.clerk, on=D(2026, 9, 3), outcomes={1: ("granted", "")})  # no letter made
    with pytest.raises(services.TransitionError, match="尚无答复书文本") as refused:
        services.review(a, users.reviewer, on=D(2026, 9, 4))
    assert refused.value.status == 422
    assert "review" not in {s.name for s in services.available_transitions(a, users.reviewer, D(2026, 9, 4))}
    services.return_draft(a, users.reviewer, reason="请重新拟写并生成答复书", on=D(2026, 9, 4))
    letters.draft_reply(a, users.clerk, on=D(2026, 9, 4), outcomes={1: ("granted", "")})
    assert "review" in {s.name for s in services.available_transitions(a, users.reviewer, D(2026, 9, 4))}
    services.review(a, users.reviewer, on=D(2026, 9, 4))
    services.sign_off(a, users.leader, on=D(2026, 9, 4))
    assert a.state == "signed"
