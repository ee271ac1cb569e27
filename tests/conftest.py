"""Fixtures every test shares: the seed reports, an agency tree, and staff users per role.

The agency tree (all codes valid)::

    枣庄市人民政府 (city government)               agencies.city
    ├── 台儿庄区人民政府 (county government)        agencies.gov
    │   ├── 台儿庄区民政局 (department)             agencies.dept
    │   ├── 台儿庄区教育和体育局 (department)       agencies.dept2
    │   └── 运河街道办事处 (township)               agencies.township
    └── 峄城区人民政府 (county government)          agencies.sibling

`users` holds one user per role in 台儿庄区民政局 (clerk, reviewer, leader, admin), a supervisor
of 台儿庄区人民政府, and the site admin. Log a user in with ``client.force_login(users.clerk)``
(django-axes needs a request for password logins, which the test client's ``login`` lacks).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from gongkai import clock

REPO_ROOT = Path(__file__).resolve().parents[1]
DEMO_PASSWORD = "gongkai-demo-2026"
#: The moment every test starts at (a Friday inside the bundled holiday data): the suite never
#: reads the machine's date, so it passes on any day. A test that needs another day moves the
#: clock itself with ``clock.set_to`` or ``clock.moved_to``.
TEST_NOW = dt.datetime(2026, 11, 20, 10, 0, tzinfo=clock.ZONE)


def pytest_configure(config):
    """Session fixtures (the demo, the agency tree) are built on TEST_NOW too, and so are the
    `gongkai` commands that tests run as child processes (through GONGKAI_TODAY)."""
    os.environ["GONGKAI_TODAY"] = TEST_NOW.isoformat()
    clock.set_to(TEST_NOW)


@pytest.fixture(autouse=True)
def fixed_clock():
    """Every test starts at TEST_NOW, whatever an earlier test did to the clock."""
    clock.set_to(TEST_NOW)
    yield clock


@pytest.fixture(autouse=True)
def fresh_portal_state():
    """No test sees another's cached portal pages or its visit counts still held in the process
    (the database they were counted in is rolled back)."""
    from django.core.cache import caches

    from gongkai.portal import visits

    caches["pages"].clear()
    yield
    caches["pages"].clear()
    visits.discard()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The published annual reports used as fixtures (../shared/seeds next to the repository)."""
    path = (REPO_ROOT / ".." / "shared" / "seeds").resolve()
    if not path.is_dir():
        pytest.fail(f"seed reports not found at {path}: the repository must sit beside shared/")
    return path


@pytest.fixture
def make_agency(db):
    """Create an agency with a valid, unique credit code; keyword arguments override the defaults
    (`tests.factories.AgencyFactory`)."""
    from tests.factories import AgencyFactory

    return lambda name, **fields: AgencyFactory(name=name, **fields)


@pytest.fixture
def make_user(db):
    """Create an active user with password DEMO_PASSWORD, optionally with roles:
    ``make_user("li", (agency, "clerk"), ...)`` (`tests.factories.UserFactory`)."""
    from tests.factories import UserFactory

    def make(username: str, *memberships, superuser: bool = False, **fields):
        return UserFactory(username=username, is_superuser=superuser, is_staff=superuser, roles=memberships, **fields)

    return make


@dataclass
class Agencies:
    city: object
    gov: object
    dept: object
    dept2: object
    township: object
    sibling: object


@dataclass
class Users:
    clerk: object
    reviewer: object
    leader: object
    admin: object
    supervisor: object
    site_admin: object


@pytest.fixture
def agencies(make_agency) -> Agencies:
    city = make_agency("枣庄市人民政府", level="city", kind="government")
    gov = make_agency(
        "台儿庄区人民政府",
        parent=city,
        kind="government",
        short_name="台儿庄区政府",
        office_name="台儿庄区人民政府办公室",
        address="山东省枣庄市台儿庄区华兴路1号",
        postcode="277400",
        phone="0632-6611234",
    )
    return Agencies(
        city=city,
        gov=gov,
        dept=make_agency("台儿庄区民政局", parent=gov, short_name="区民政局"),
        dept2=make_agency("台儿庄区教育和体育局", parent=gov),
        township=make_agency("台儿庄区运河街道办事处", parent=gov, level="township", kind="government"),
        sibling=make_agency("峄城区人民政府", parent=city, kind="government"),
    )


@pytest.fixture
def users(agencies, make_user) -> Users:
    return Users(
        clerk=make_user("clerk", (agencies.dept, "clerk"), display_name="张经办"),
        reviewer=make_user("reviewer", (agencies.dept, "reviewer"), display_name="李审核"),
        leader=make_user("leader", (agencies.dept, "leader"), display_name="王领导"),
        admin=make_user("agency_admin", (agencies.dept, "admin"), display_name="赵管理"),
        supervisor=make_user("supervisor", (agencies.gov, "supervisor"), display_name="孙监督"),
        site_admin=make_user("site_admin", superuser=True, display_name="系统管理员"),
    )


DB_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences", "django_db_serialized_rollback"}
TRANSACTIONAL_FIXTURES = {"transactional_db", "live_server", "django_db_reset_sequences"}


@pytest.fixture(autouse=True)
def _audit_log_triggers(request):
    """Keep the audit log's append-only triggers in place for every database test.

    Django empties the tables after a transactional test with DELETE on SQLite (with TRUNCATE,
    which row triggers ignore, on PostgreSQL), so there the triggers are dropped just before that
    flush and installed again when the next database test starts.
    """
    marker = request.node.get_closest_marker("django_db")
    names = set(request.fixturenames)
    if marker is None and not DB_FIXTURES & names:
        yield
        return
    request.getfixturevalue("_django_db_helper")
    from django.db import connection

    from gongkai.agencies import triggers

    if connection.vendor == "sqlite":
        triggers.install(connection)
    yield
    transactional = bool(TRANSACTIONAL_FIXTURES & names) or bool(marker and marker.kwargs.get("transaction"))
    if transactional and connection.vendor == "sqlite":
        triggers.remove(connection)
