"""The default category tree covers Art. 20 and Art. 21; agencies configure their own tree."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.catalogue import services
from gongkai.catalogue.articles import ART_20_ITEMS, ART_21_COUNTY_TOPICS, art20_label
from gongkai.catalogue.models import SubjectCategory

pytestmark = pytest.mark.django_db


def test_seeded_tree_covers_every_art20_item_and_art21_topic(agencies, categories):
    assert {c.art20_item for c in categories.values() if c.art20_item} == set(ART_20_ITEMS)
    names = {c.name for c in categories.values()}
    assert set(ART_21_COUNTY_TOPICS) <= names
    assert categories["0202"].parent == categories["02"]
    assert services.seed_categories(agencies.dept) == 0  # idempotent


def test_art20_labels():
    assert art20_label(5).startswith("第二十条第（五）项 办理行政许可")
    assert art20_label(15).startswith("第二十条第（十五）项")


def test_agency_admin_configures_categories(agencies, users, categories):
    new = services.save_category(
        users.admin, agencies.dept, code="1106", name="养老服务", parent=categories["11"], art20_item=11
    )
    assert new.parent == categories["11"]
    renamed = services.save_category(users.admin, agencies.dept, code="1106", name="养老和助残服务")
    assert renamed.pk == new.pk and renamed.name == "养老和助残服务"
    with pytest.raises(PermissionDenied):
        services.save_category(users.clerk, agencies.dept, code="1107", name="x")
    services.seed_categories(agencies.dept2)
    foreign = SubjectCategory.objects.get(agency=agencies.dept2, code="11")
    with pytest.raises(ValidationError):
        services.save_category(users.admin, agencies.dept, code="1108", name="x", parent=foreign)
    with pytest.raises(ValidationError, match="下级"):
        services.save_category(users.admin, agencies.dept, code="11", name="民生保障", parent=new)


def test_seeding_by_a_user_is_checked_and_audited(agencies, users):
    from gongkai.agencies.models import AuditEntry

    with pytest.raises(PermissionDenied):
        services.seed_categories(agencies.dept, users.clerk)
    assert services.seed_categories(agencies.dept, users.admin) > 30
    assert AuditEntry.objects.filter(action="catalogue.category.seed", agency=agencies.dept).count() == 1


def test_item_category_must_belong_to_the_agency(draft, agencies):
    services.seed_categories(agencies.dept2)
    with pytest.raises(ValidationError):
        draft(category=SubjectCategory.objects.get(agency=agencies.dept2, code="11"))
