"""Rate limits of the public forms: one count shared by every worker process, limits per
identity that hold across addresses, and nothing counted kept readable."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.urls import reverse

from gongkai.portal import abuse, online
from gongkai.portal.models import RateCount, Submission
from tests.portal.conftest import solution
from tests.portal.test_online import ID_NUMBER, PNG, _form
from tests.web.test_commands import _gongkai

pytestmark = pytest.mark.django_db

WORKER = """
import django, sys
django.setup()
from gongkai.portal import abuse
refused = sum(abuse.hit("query", "10.0.0.1") for _ in range(25))
print(refused, int(abuse.solved(sys.argv[1])))
"""


def test_two_worker_processes_share_one_count_and_one_use_of_a_solution(tmp_path):
    """Two processes on one database, as two gunicorn workers: 50 requests against an allowance
    of 30 are refused 20 times in all (none lost between them), and a solution replayed in the
    other worker is refused."""
    assert _gongkai("check", "--migrate", data_dir=tmp_path).returncode == 0
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY")}
    env.update(GONGKAI_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="gongkai.web.settings")
    # the solution is issued with the data directory's secret key, which the child processes read
    issued = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from tests.portal.conftest import solution; "
                               "print(solution())"],
        env=env, capture_output=True, text=True, timeout=60, check=True,
    ).stdout.strip()  # fmt: skip
    workers = [
        subprocess.Popen([sys.executable, "-c", WORKER, issued], env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    results = [tuple(map(int, w.communicate(timeout=120)[0].split())) for w in workers]
    assert sum(refused for refused, _ in results) == 50 - abuse.LIMITS["query"][0]
    assert sorted(accepted for _, accepted in results) == [0, 1]


def test_applications_are_limited_per_identity_document_across_addresses(client, agencies, monkeypatch):
    monkeypatch.setitem(abuse.LIMITS, "apply.identity", (2, 86400))
    statuses = [
        client.post("/xxgk/apply/", _form(agencies), REMOTE_ADDR=f"10.0.0.{n}").status_code for n in range(3)
    ]
    assert statuses == [200, 200, 429]
    refused = client.post(
        "/xxgk/apply/", _form(agencies, id_number=ID_NUMBER.lower()), REMOTE_ADDR="10.0.1.1"
    )
    assert refused.status_code == 429 and "同一身份证明号码提交的申请过多" in refused.content.decode()
    other = client.post(
        "/xxgk/apply/", _form(agencies, id_number="11010519491231002X"), REMOTE_ADDR="10.0.0.0"
    )
    assert other.status_code == 200 and Submission.objects.count() == 3


def _ask(client, agency, address: str, **contact):
    data = {"kind": "consultation", "title": "低保", "question": "请问低保怎么申请？", "name": "张三",
            "phone": "", "email": "", "altcha": solution()} | contact  # fmt: skip
    return client.post(reverse("portal:consult", args=[agency.slug]), data, REMOTE_ADDR=address)


def test_consultations_are_limited_per_phone_and_per_email_across_addresses(client, agencies, monkeypatch):
    monkeypatch.setitem(abuse.LIMITS, "consult.contact", (1, 86400))
    assert _ask(client, agencies.dept, "10.0.0.1", phone="138 1234 5678").status_code == 200
    refused = _ask(client, agencies.dept, "10.0.0.2", phone="13812345678", email="new@example.cn")
    assert refused.status_code == 429 and "同一联系方式提交的咨询过多" in refused.content.decode()
    assert _ask(client, agencies.dept, "10.0.0.3", email="zhang@example.cn").status_code == 200
    assert _ask(client, agencies.dept, "10.0.0.4", email="ZHANG@example.cn").status_code == 429


@pytest.fixture
def submitted(agencies) -> tuple[Submission, str]:
    fields = {k: v for k, v in _form(agencies).items() if k not in ("agency", "id_scan", "altcha")}
    return online.submit(agencies.dept, fields, ("身份证.png", PNG))


def test_wrong_codes_are_limited_per_tracking_number_across_addresses(client, submitted, monkeypatch):
    """After too many wrong codes from anywhere, the number is refused even with its right code
    (a guesser cannot tell), while a correct query of another number still answers."""
    monkeypatch.setitem(abuse.LIMITS, "query.number", (3, 3600))
    submission, code = submitted
    for n in range(3):
        wrong = client.post(
            "/xxgk/query/", {"number": submission.number, "code": "WRONG123"}, REMOTE_ADDR=f"10.0.0.{n}"
        )
        assert wrong.status_code == 404
    right = client.post(
        "/xxgk/query/", {"number": submission.number.lower(), "code": code}, REMOTE_ADDR="10.0.9.9"
    )
    assert right.status_code == 429 and "错误次数过多" in right.content.decode()
    letter = client.post("/xxgk/query/letter/", {"number": submission.number, "code": code})
    assert letter.status_code == 429


def test_right_codes_do_not_count_against_the_number(client, submitted, monkeypatch):
    monkeypatch.setitem(abuse.LIMITS, "query.number", (2, 3600))
    submission, code = submitted
    for _ in range(4):
        assert client.post("/xxgk/query/", {"number": submission.number, "code": code}).status_code == 200


def test_counters_hold_no_address_document_number_or_contact_in_clear(client, agencies, submitted):
    submission, _code = submitted
    client.post("/xxgk/apply/", _form(agencies), REMOTE_ADDR="10.1.2.3")
    _ask(client, agencies.dept, "10.1.2.3", phone="13812345678", email="zhang@example.cn")
    client.post("/xxgk/query/", {"number": submission.number, "code": "WRONG123"}, REMOTE_ADDR="10.1.2.3")
    keys = " ".join(RateCount.objects.values_list("key", flat=True))
    assert {k.split(":")[0] for k in keys.split()} >= {
        "apply",
        "apply.identity",
        "consult",
        "consult.contact",
        "query",
        "query.number",
        "pow",
    }
    for secret in ("10.1.2.3", ID_NUMBER, "13812345678", "zhang@example.cn", submission.number):
        assert secret.upper() not in keys.upper()


def test_counters_of_ended_windows_are_dropped_when_a_new_window_starts(monkeypatch):
    moments = iter([1000.0, 5000.0])  # two hours of the 1-hour window apart
    monkeypatch.setattr(abuse.time, "time", lambda: next(moments))
    assert not abuse.hit("apply", "10.0.0.1")
    assert not abuse.hit("apply", "10.0.0.1")
    assert list(RateCount.objects.values_list("count", "expires")) == [(1, 7200)]
