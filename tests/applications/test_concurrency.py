"""Two clerks acting on the same application at once: one wins, the other gets a conflict, nothing is lost."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection

from gongkai.applications import services
from gongkai.applications.models import Application, ApplicationEvent
from gongkai.applications.services import steps

D = dt.date


def test_version_guard_catches_a_writer_that_lost_the_race(register, users, monkeypatch):
    """The row is re-checked by ``UPDATE … WHERE version = n``: a change slipped in after the read loses."""
    a = register()
    real_facts = steps._facts

    def facts_then_someone_else_writes(application, *args):
        result = real_facts(application, *args)
        Application.objects.filter(pk=application.pk).update(version=application.version + 1)
        return result

    monkeypatch.setattr(steps, "_facts", facts_then_someone_else_writes)
    with pytest.raises(services.ConflictError, match="已被他人修改"):
        services.start_third_party(a, users.clerk, third_party="某公司", on=D(2026, 9, 2))
    assert not ApplicationEvent.objects.filter(application=a, kind="third_party_started").exists()


@pytest.mark.django_db(transaction=True)
def test_two_threads_one_wins(register, users):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's shared in-memory test database serialises writers by failing, not waiting")
    a = register()
    copies = [Application.objects.get(pk=a.pk) for _ in range(2)]
    barrier = threading.Barrier(2)
    outcome: list[str] = []

    def act(copy, party):
        barrier.wait()
        try:
            services.start_third_party(copy, users.clerk, third_party=party, on=D(2026, 9, 2))
            outcome.append("ok")
        except services.ConflictError:
            outcome.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=act, args=(c, p)) for c, p in zip(copies, ("甲公司", "乙公司"), strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcome) == ["conflict", "ok"]
    a.refresh_from_db()
    assert a.version == 2 and ApplicationEvent.objects.filter(application=a, kind="third_party_started").count() == 1
