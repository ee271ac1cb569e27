"""Fixtures for the applications tests: intake data and a registered application."""

from __future__ import annotations

import datetime as dt

import pytest

#: A valid resident identity number (check digit correct) used across the tests.
ID_NUMBER = "370402199001011238"


def intake(**overrides) -> dict:
    data = {
        "channel": "in_person",
        "received_on": dt.date(2026, 9, 1),
        "applicant_type": "natural_person",
        "applicant_name": "王某某",
        "id_type": "resident_id",
        "id_number": ID_NUMBER,
        "phone": "13800001234",
        "email": "",
        "address": "山东省枣庄市台儿庄区某街道1号",
        "postcode": "277400",
        "description": "2025年度城乡低保资金发放明细",
        "document_number": "",
        "purpose": "",
        "form": "paper",
        "delivery": "pickup",
    }
    data.update(overrides)
    return data


@pytest.fixture
def register(users, agencies):
    """Register an application in 台儿庄区民政局 as the clerk: ``register(received_on=..., items=[...])``."""
    from gongkai.applications import services

    def make(items=(), agency=None, user=None, **overrides):
        return services.register(user or users.clerk, agency or agencies.dept, intake(**overrides), items=items)

    return make
