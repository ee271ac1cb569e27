"""Desk fixtures: cases registered through the services in the conftest's 民政局 (agencies.dept)."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai import clock
from gongkai.desk import services

#: A valid-looking mobile number and resident ID for leak tests (never shown unmasked outside the case page).
PHONE = "13812345678"


@pytest.fixture
def register(agencies, users):
    """Register a case in agencies.dept as its clerk; keyword arguments override the defaults."""

    def make(kind: str = "consultation", **fields):
        defaults = {
            "kind": kind, "channel": "phone", "title": "低保申请条件咨询", "topic": "社会救助",
            "question": "请问申请城乡低保需要哪些材料？", "asker_name": "张三", "asker_phone": PHONE,
            "received_on": clock.today() - dt.timedelta(days=3), "consent": True,
        }
        if kind == "hotline":
            defaults |= {"channel": "hotline", "number": "GD20261117001"}
        if kind in ("npc", "cppcc"):
            defaults |= {"channel": "assigned", "number": "第15号", "member": "李代表", "role": "main",
                         "asker_name": "", "asker_phone": "", "consent": False}
        return services.register(users.clerk, agencies.dept, **(defaults | fields))

    return make
