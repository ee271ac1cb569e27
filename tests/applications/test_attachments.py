"""Uploads: type by content, size limit, generated names, permission."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.applications import attachments

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


def test_accepted_by_content_and_stored_under_a_generated_name(register, users, data_dir):
    a = register()
    att = attachments.add_attachment(a, users.clerk, kind="identity", name="../../身份证.png", data=PNG)
    assert att.content_type == "image/png" and att.original_name == "身份证.png"
    assert "身份证" not in att.stored_name and ".." not in att.stored_name
    assert attachments.attachment_bytes(att) == PNG
    assert (data_dir / "applications" / "attachments" / att.stored_name).exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("scan.pdf", b"MZ\x90\x00 this is an exe", "PDF"),  # the name says PDF, the content does not
        ("empty.png", b"", "为空"),
        ("big.pdf", b"%PDF-1.4\n" + b"0" * attachments.MAX_BYTES, "10MB"),
    ],
)
def test_refused(register, users, data_dir, name, data, message):
    a = register()
    with pytest.raises(attachments.AttachmentError, match=message):
        attachments.add_attachment(a, users.clerk, kind="identity", name=name, data=data)
    assert not a.attachments.exists()


def test_only_the_agencys_clerks_upload(register, users, data_dir):
    a = register()
    with pytest.raises(PermissionDenied):
        attachments.add_attachment(a, users.supervisor, kind="identity", name="x.png", data=PNG)
