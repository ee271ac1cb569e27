"""Published annual reports on an agency's column: every published version with its reason and
downloads, read back by our own auditor; a report not yet published is unreachable."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from gongkai import clock
from gongkai.annual.parse import read
from gongkai.reports import services
from tests.applications.conftest import records, register  # noqa: F401

JANUARY = dt.datetime(2026, 1, 15, 10, 0, tzinfo=clock.ZONE)


def _publish(report, users):
    report = services.submit(report, users.clerk)
    report = services.approve(report, users.reviewer)
    return services.publish(report, users.leader)


@pytest.fixture
def published(records, agencies, users):  # noqa: F811 (the imported fixture)
    """民政局's 2025 report, published, then corrected as version 2."""
    with clock.moved_to(JANUARY):
        report = _publish(services.draft(agencies.dept, 2025, users.clerk), users)
        report = services.correct(report, users.clerk, reason="第三部分申请人类型有误")
        return _publish(report, users)


def test_the_column_lists_each_year_with_its_versions_and_reasons(client, published, agencies):
    code = agencies.dept.slug
    listing = client.get(reverse("portal:reports", args=[code])).content.decode()
    assert "2025年度报告" in listing and "第1版" in listing and "第2版" in listing
    assert "第三部分申请人类型有误" in listing
    current = client.get(reverse("portal:report", args=[code, 2025])).content.decode()
    assert "第2版" in current and "较早的版本" not in current
    assert "三、收到和处理政府信息公开申请情况" in current and "<table" in current
    first = client.get(reverse("portal:report-version", args=[code, 2025, 1])).content.decode()
    assert "较早的版本" in first


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_the_downloads_are_the_published_files_and_read_back_without_errors(client, published, agencies, kind,
                                                                            tmp_path):
    response = client.get(reverse("portal:report-file", args=[agencies.dept.slug, 2025, 2, kind]))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    path = tmp_path / f"report.{kind}"
    path.write_bytes(response.content)
    model = read(path)
    assert model.applications["new"]["total"] == published.figures["applications"]["new"]["total"]
    from gongkai.annual.checks import check

    assert not [f for f in check(model) if f.severity == "error"]


def test_unpublished_reports_and_other_files_are_not_there(client, records, agencies, users):  # noqa: F811
    code = agencies.dept.slug
    with clock.moved_to(JANUARY):
        services.submit(services.draft(agencies.dept, 2025, users.clerk), users.clerk)  # in review
    assert "尚未在本网站发布" in client.get(reverse("portal:reports", args=[code])).content.decode()
    assert client.get(reverse("portal:report", args=[code, 2025])).status_code == 404
    assert client.get(reverse("portal:report-file", args=[code, 2025, 1, "docx"])).status_code == 404


def test_a_format_that_is_not_offered_is_not_found(client, published, agencies):
    code = agencies.dept.slug
    assert client.get(f"/xxgk/{code}/reports/2025/v2.html").status_code == 404
    assert client.get(reverse("portal:report-version", args=[code, 2025, 9])).status_code == 404
