"""Rows as they are stored, for tests that need data around the behaviour they prove (factory_boy).

Agencies get valid, unique unified social credit codes; users the documented demo password
(hashed once); catalogue items and applications the fewest fields their tables need. They are
written straight to the tables: no permission check, audit entry, search index or statutory clock.
A test of a service's own path (intake, review, publication) still goes through the service.
"""

from __future__ import annotations

import datetime as dt
import functools

import factory
from factory.django import DjangoModelFactory

from gongkai.agencies.codes import make_uscc
from gongkai.agencies.models import Agency, Membership, User
from gongkai.applications.models import Application
from gongkai.catalogue.models import Item
from tests.conftest import DEMO_PASSWORD


@functools.cache
def password_hash() -> str:
    """The Argon2 hash of DEMO_PASSWORD, computed once: hashing is deliberately slow."""
    from django.contrib.auth.hashers import make_password

    return make_password(DEMO_PASSWORD)


class AgencyFactory(DjangoModelFactory):
    """A county department unless told otherwise: ``AgencyFactory(name=…, parent=gov, kind="government")``."""

    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"测试机关{n}")
    level = Agency.Level.COUNTY
    kind = Agency.Kind.DEPARTMENT
    org_code = factory.Sequence(lambda n: make_uscc(f"11370405{n + 1:09d}"))


class UserFactory(DjangoModelFactory):
    """An active user who logs in with DEMO_PASSWORD; ``roles=[(agency, "clerk"), …]`` adds memberships."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.LazyAttribute(lambda u: u.username)
    password = factory.LazyFunction(password_hash)

    @factory.post_generation
    def roles(self, create: bool, extracted, **kwargs) -> None:
        for agency, role in extracted or ():
            MembershipFactory(user=self, agency=agency, role=role)


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    agency = factory.SubFactory(AgencyFactory)
    role = Membership.Role.CLERK


class ItemFactory(DjangoModelFactory):
    """A catalogue item (a proactive draft unless told otherwise), not in the search index."""

    class Meta:
        model = Item

    agency = factory.SubFactory(AgencyFactory)
    title = factory.Sequence(lambda n: f"测试通知{n}")
    date_made = dt.date(2025, 1, 2)


class ApplicationFactory(DjangoModelFactory):
    """A received application of a natural person (no clock events, no due date)."""

    class Meta:
        model = Application

    agency = factory.SubFactory(AgencyFactory)
    tracking_number = factory.Sequence(lambda n: f"T{n}")
    channel = "in_person"
    received_on = dt.date(2025, 3, 3)
    applicant_type = "natural_person"
    applicant_name = "王某某"
    id_type = "other"
    id_number = "X1234"
    description = "2025年度城乡低保资金发放明细"
    form = "paper"
    delivery = "pickup"
