"""What the catalogue stores: bodies without external resources, attachments named by their
detected type and private on disk, and edits that never overwrite one another."""

from __future__ import annotations

import io
import stat

import pytest
from django.conf import settings
from django.urls import reverse

from gongkai.catalogue import content, services
from gongkai.catalogue.models import Item
from gongkai.workflow import ConflictError

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 32


@pytest.mark.parametrize("src", [
    "https://tracker.example/p.gif", "http://10.0.0.1/x.png", "//tracker.example/p.gif", "/\\tracker.example/p.gif",
    "/\t/tracker.example/p.gif", "HTTPS:tracker.example", "data:image/png;base64,iVBORw0KGgo=",
])  # fmt: skip
def test_images_from_other_hosts_are_dropped_from_bodies(src):
    cleaned = content.clean_html(f'<p>通知<img src="{src}" alt="像素" width="1"></p>')
    assert "src=" not in cleaned and "tracker" not in cleaned and "通知" in cleaned


def test_images_served_by_this_site_and_links_stay():
    body = '<p><img src="/catalogue/attachments/3/" alt="图解"><a href="https://www.gov.cn/">中国政府网</a></p>'
    cleaned = content.clean_html(body)
    assert 'src="/catalogue/attachments/3/"' in cleaned and 'href="https://www.gov.cn/"' in cleaned


def test_a_saved_body_keeps_no_tracking_pixel(draft):
    item = draft(body='<p>正文</p><img src="https://t.example/open.gif?u=1" width="1" height="1">')
    assert "t.example" not in Item.objects.get(pk=item.pk).body


def _docx() -> bytes:
    import docx

    out = io.BytesIO()
    docx.Document().save(out)
    return out.getvalue()


@pytest.mark.parametrize(("name", "data", "suffix"), [
    ("照片.JPEG", JPEG, ".jpg"),
    ("附件.pdf", PDF, ".pdf"),
    ("方案.docx", None, ".docx"),
])  # fmt: skip
def test_attachments_are_stored_under_their_detected_type(draft, users, name, data, suffix):
    attachment = services.add_attachment(draft(), users.clerk, name=name, data=data or _docx())
    assert attachment.path.endswith(suffix) and attachment.extension == suffix
    stored = settings.DATA_DIR / attachment.path
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600 and stat.S_IMODE(stored.parent.stat().st_mode) == 0o700


def test_a_zip_that_is_no_word_file_is_not_stored_as_one(draft, users):
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("payload.html", "<script>x()</script>")
    with pytest.raises(Exception, match="内容与扩展名.docx不符"):
        services.add_attachment(draft(), users.clerk, name="方案.docx", data=out.getvalue())


def _edit_data(item, **changes) -> dict:
    data = {"title": item.title, "summary": item.summary, "body": item.body, "date_made": "2025-06-20",
            "genre": "notice", "category": item.category_id, "attribute": "proactive", "version": item.version}
    return {**data, **changes}  # fmt: skip


def test_the_second_of_two_concurrent_edits_gets_a_conflict_and_overwrites_nothing(client, users, draft):
    item = draft(summary="原概述")
    url = reverse("catalogue:edit", args=[item.pk])
    client.force_login(users.clerk)
    assert f'name="version" value="{item.version}"' in client.get(url).content.decode()
    seen = Item.objects.get(pk=item.pk)  # both people opened the form at version 1
    first = client.post(url, _edit_data(seen, summary="甲修改的概述"))
    assert first.status_code == 302
    second = client.post(url, _edit_data(seen, title="乙修改的标题"))
    assert second.status_code == 409
    assert "该信息已被他人修改（您看到的是第1版，当前为第2版），您的操作未保存" in second.content.decode()
    item.refresh_from_db()
    assert (item.title, item.summary, item.version) == (seen.title, "甲修改的概述", 2)


def test_update_item_refuses_a_stale_version(users, draft):
    item = draft()
    services.update_item(item, users.clerk, version=1, summary="第一次")
    with pytest.raises(ConflictError, match="已被他人修改"):
        services.update_item(item, users.clerk, version=1, summary="第二次")
    assert Item.objects.get(pk=item.pk).summary == "第一次"
