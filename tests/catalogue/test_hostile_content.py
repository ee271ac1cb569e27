"""Hostile content in the catalogue: a body nested deeper than libxml2 reads is still screened and
redacted, a zip bomb is refused at upload in Chinese, and an attachment the screen cannot read
within its limits becomes a finding for a person, in seconds, never a hung worker."""

from __future__ import annotations

import time

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from gongkai.catalogue import services
from tests.screening import hostile

MiB = hostile.MiB


def test_a_body_nested_300_divs_deep_is_screened_when_submitted(draft, users):
    item = draft(body=hostile.deep_html(300))
    assert "370405195501011235" in item.body  # the sanitiser keeps the nesting and the text
    services.submit(item, users.clerk)
    assert {f.kind for f in item.findings.all()} == {"id_number", "mobile", "secret_word"}


def test_redacting_inside_deep_nesting_masks_the_value_and_keeps_the_text(draft, users):
    item = draft(body=hostile.deep_html(300))
    services.submit(item, users.clerk)
    mobile = item.findings.get(kind="mobile")
    services.resolve_finding(mobile, users.reviewer, resolution="redacted")
    item.refresh_from_db()
    assert "13912345678" not in item.body and "139****5678" in item.body
    assert "370405195501011235" in item.body and item.body.count("<div>") == 300


def test_a_docx_zip_bomb_is_refused_at_upload(draft, users, tmp_path):
    bomb = hostile.docx_bomb(tmp_path / "bomb.docx", 60 * MiB).read_bytes()
    started = time.monotonic()
    with pytest.raises(ValidationError, match="不能接收：压缩包内的word/document.xml解压后超过48 MB"):
        services.add_attachment(draft(), users.clerk, name="通知.docx", data=bomb)
    assert time.monotonic() - started < 2


def test_the_upload_page_says_why_a_zip_bomb_is_refused(client, users, draft, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    item = draft()
    client.force_login(users.clerk)
    bomb = hostile.docx_bomb(tmp_path / "bomb.docx", 60 * MiB).read_bytes()
    page = client.post(
        reverse("catalogue:attachment-add", args=[item.pk]),
        {"file": SimpleUploadedFile("通知.docx", bomb)},
        follow=True,
    ).content.decode()
    assert "解压后超过48 MB" in page and not item.attachments.exists()


def test_a_pdf_deflate_bomb_becomes_a_finding_for_a_person_within_seconds(draft, users, tmp_path):
    item = draft()
    services.add_attachment(
        item, users.clerk, name="附件.pdf", data=hostile.pdf_deflate_bomb(tmp_path / "b.pdf").read_bytes()
    )
    started = time.monotonic()
    services.submit(item, users.clerk)
    assert time.monotonic() - started < 5
    [finding] = item.findings.all()
    assert finding.kind == "unreadable" and "PDF文件中的数据流解压后超过16 MB" in finding.excerpt


def test_attachments_share_one_time_budget_per_submission(draft, users, monkeypatch, tmp_path):
    item = draft()
    services.add_attachment(
        item, users.clerk, name="附件.docx", data=hostile.docx_bomb(tmp_path / "ok.docx", MiB).read_bytes()
    )
    monkeypatch.setattr(services, "SCREEN_BUDGET", 0.0)
    services.submit(item, users.clerk)
    [finding] = item.findings.all()
    assert finding.kind == "unreadable" and "审查时间已用完" in finding.excerpt


def test_an_upload_request_over_the_cap_is_refused_before_its_body_is_read(client, users, draft, monkeypatch):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gongkai.web import uploads

    monkeypatch.setattr(uploads, "MAX_UPLOAD_REQUEST_BYTES", 4096)
    item = draft()
    client.force_login(users.clerk)
    response = client.post(
        reverse("catalogue:attachment-add", args=[item.pk]),
        {"file": SimpleUploadedFile("附件.pdf", b"%PDF-1.4\n" + b"0" * 8192)},
    )
    assert response.status_code == 400 and "不能超过52MB" in response.content.decode()
    assert not item.attachments.exists()


def test_a_body_longer_than_the_cap_is_refused_in_chinese(draft, monkeypatch):
    from gongkai.catalogue import content

    monkeypatch.setattr(content, "MAX_BODY_CHARS", 1000)
    with pytest.raises(ValidationError, match="正文超过"):
        draft(body="<p>" + "公开" * 600 + "</p>")


def test_a_figures_import_over_10_mb_is_refused_by_its_size():
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gongkai.catalogue.forms import MAX_IMPORT_SIZE, FiguresImportForm

    big = SimpleUploadedFile("figures.csv", b"0" * (MAX_IMPORT_SIZE + 1))
    form = FiguresImportForm(files={"file": big})
    assert not form.is_valid() and "文件不能超过10MB" in form.errors["file"][0]


def test_a_mistyped_id_and_a_19_digit_card_in_a_body_are_findings(draft, users):
    item = draft(body="<p>申请人身份证号370405195501011234，补助发放至6228 4804 0256 4890 018。</p>")
    services.submit(item, users.clerk)
    assert {f.kind for f in item.findings.all()} == {"id_number_mistyped", "bank_card"}
    assert all("370405195501011234" not in f.excerpt for f in item.findings.all())


def test_publishing_an_item_with_a_deflate_bomb_attachment_indexes_it_without_its_text(
    draft, users, publish, tmp_path
):
    from gongkai.search.catalogue import attachment_text

    item = draft()
    services.add_attachment(
        item, users.clerk, name="附件.pdf", data=hostile.pdf_deflate_bomb(tmp_path / "b.pdf").read_bytes()
    )
    started = time.monotonic()
    item = publish(item)
    assert item.state == "published" and time.monotonic() - started < 5
    assert attachment_text(item) == "附件.pdf"  # only its name: the reader refused the file


def test_a_body_nested_beyond_the_sanitisers_reach_is_refused_in_seconds(draft):
    started = time.monotonic()
    with pytest.raises(ValidationError, match="嵌套超过1000层"):
        draft(body=hostile.deep_html(40_000))
    assert time.monotonic() - started < 2
