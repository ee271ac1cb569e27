"""The daily digest (`gongkai remind`) lists the desk's overdue and due-soon cases, without contacts."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

from gongkai.applications.remind import remind

from .conftest import PHONE

pytestmark = pytest.mark.django_db


def test_digest_carries_the_desks_red_list(register, agencies):
    agencies.dept.email = "office@example.cn"
    agencies.dept.save()
    register(received_on=dt.date(2026, 10, 9), title="久拖的咨询")
    register("hotline", received_on=dt.date(2026, 11, 18), due_on=dt.date(2026, 11, 23), title="临期工单")
    register(title="从容的咨询", received_on=dt.date(2026, 11, 20))
    result = CliRunner().invoke(remind, ["--dry-run"])
    assert result.exit_code == 0, result.output
    assert "三、服务台事项逾期及临期（2件）" in result.output
    assert "久拖的咨询" in result.output and "已逾期" in result.output and "临期工单" in result.output
    assert "从容的咨询" not in result.output and PHONE not in result.output and "张三" not in result.output
