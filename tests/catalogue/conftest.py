"""Catalogue fixtures: categories seeded for 台儿庄区民政局, a settings DATA_DIR in tmp, a draft factory."""

from __future__ import annotations

import datetime as dt

import pytest


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


@pytest.fixture
def categories(agencies):
    from gongkai.catalogue.models import SubjectCategory
    from gongkai.catalogue.services import seed_categories

    seed_categories(agencies.dept)
    return {c.code: c for c in SubjectCategory.objects.filter(agency=agencies.dept)}


@pytest.fixture
def draft(users, agencies, categories):
    """``draft(**fields)`` → a draft of 台儿庄区民政局 created by its clerk."""
    from gongkai.catalogue.services import create_item

    def make(**fields):
        fields.setdefault("title", "台儿庄区民政局关于2025年城乡低保标准调整的通知")
        fields.setdefault("date_made", dt.date(2025, 6, 20))
        fields.setdefault("category", categories["1104"])
        fields.setdefault("genre", "notice")
        fields.setdefault("art20_item", 11)
        return create_item(users.clerk, agencies.dept, **fields)

    return make


@pytest.fixture
def publish(users):
    """``publish(item, on=date)`` drives a draft through review and sign-off to publication."""
    from gongkai.catalogue import services

    def run(item, on=dt.date(2025, 7, 1)):
        services.submit(item, users.clerk)
        item.refresh_from_db()
        for f in item.findings.all():
            services.resolve_finding(f, users.reviewer, resolution="accepted", reason="经核实可以公开")
        services.approve(item, users.reviewer)
        services.sign_off(item, users.leader, on=on)
        item.refresh_from_db()
        return item

    return run
