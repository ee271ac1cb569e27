"""Files an application leaves on disk: private to the service user, named by their detected type."""

from __future__ import annotations

import stat

import pytest

from gongkai.applications import attachments, letters, services

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    return settings.DATA_DIR


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(("name", "data", "suffix"), [
    ("身份证.html", PNG, ".png"),  # a name that would be served as a page
    ("scan.exe", PDF, ".pdf"),
    ("申请书", PDF, ".pdf"),
])  # fmt: skip
def test_an_attachment_is_stored_under_its_detected_type_not_its_name(register, users, data_dir, name, data, suffix):
    a = register()
    att = attachments.add_attachment(a, users.clerk, kind="identity", name=name, data=data)
    assert att.stored_name.endswith(suffix) and att.stored_name.count(".") == 1
    assert att.original_name == name  # the name stays only as a label


def test_identity_scans_and_letters_are_readable_by_the_service_user_only(register, users, data_dir):
    a = register()
    att = attachments.add_attachment(a, users.clerk, kind="identity", name="身份证.png", data=PNG)
    folder = data_dir / "applications" / "attachments"
    assert _mode(folder) == 0o700 and _mode(folder / att.stored_name) == 0o600
    services.request_correction(a, users.clerk, content="请写明年份", reply_by=a.received_on.replace(day=15),
                                on=a.received_on.replace(day=2))
    letter = letters.issue_letter(a, users.clerk, "correction_notice")
    stored = next(p for p in data_dir.rglob("*") if p.is_file() and p.name in letter.path)
    assert _mode(stored) == 0o600 and _mode(stored.parent) == 0o700
