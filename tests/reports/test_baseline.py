"""Last year's report from outside: read by the auditor, confirmed or corrected by staff, then the
baseline of carry-over and cross-year checks; a file that is no report changes nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai.reports import services
from gongkai.reports.models import Baseline


@pytest.fixture
def seed_2023(seeds_dir):
    return next(seeds_dir.glob("004_*.txt")).read_bytes()


def test_uploaded_report_is_read_confirmed_and_becomes_last_years_report(seed_2023, agencies, users):
    base = services.upload_baseline(agencies.dept, 2023, users.clerk, filename="2023年报.txt", data=seed_2023)
    assert base.content["applications"]["new"]["total"] == 0
    assert services.previous(agencies.dept, 2024) == (None, "")  # not before staff confirm it
    services.confirm_baseline(base, users.clerk, values={"applications.carried_forward.natural_person": "2",
                                                         "applications.carried_forward.total": "2"})
    prior, label = services.previous(agencies.dept, 2024)
    assert prior.get("applications", "carried_forward", "total") == 2 and "外部导入" in label
    report = services.draft(agencies.dept, 2024, users.clerk)
    codes = {f.code for f in services.findings(report)}
    assert "CROSS_YEAR_CARRY" in codes  # 2024 carried in 0 from the records, 2023 said 2


@pytest.mark.parametrize("data, words", [
    ("这是一份会议通知，请各单位准时参加。".encode(), "不是政府信息公开工作年度报告"),
    (b"\x00\x01\x02" * 400, "不是文本、网页、Word或PDF"),
    (b"PK\x03\x04broken", "已损坏"),
    (b"", "空"),
])
def test_a_file_that_is_no_report_gets_a_chinese_message_and_changes_nothing(data, words, agencies, users):
    with pytest.raises(services.Unreadable) as refused:
        services.upload_baseline(agencies.dept, 2023, users.clerk, filename="x", data=data)
    assert words in refused.value.message
    assert not Baseline.objects.exists()


def test_a_report_of_another_year_is_refused(seed_2023, agencies, users):
    with pytest.raises(services.Unreadable, match="2023年度的报告"):
        services.upload_baseline(agencies.dept, 2024, users.clerk, filename="x.txt", data=seed_2023)


def test_upload_page_answers_unreadable_files_with_422(client, agencies, users):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(users.clerk)
    url = f"{reverse('reports:baseline')}?agency={agencies.dept.pk}&year=2024"
    response = client.post(url, {"agency": agencies.dept.pk, "year": 2024,
                                 "file": SimpleUploadedFile("note.txt", "会议纪要。".encode())})
    assert response.status_code == 422
    assert "不是政府信息公开工作年度报告" in response.content.decode()
    assert not Baseline.objects.exists()
