"""Fixtures for the applications tests: intake data and a registered application."""

from __future__ import annotations

import datetime as dt

import pytest

D = dt.date

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


def word_file(text: str) -> bytes:
    """A Word document (.docx) with one paragraph of `text`: a letter template to upload."""
    import io

    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def register(users, agencies):
    """Register an application in 台儿庄区民政局 as the clerk: ``register(received_on=..., items=[...])``."""
    from gongkai.applications import services

    def make(items=(), agency=None, user=None, **overrides):
        return services.register(user or users.clerk, agency or agencies.dept, intake(**overrides), items=items)

    return make


def _reply(a, users, outcomes, sent):
    from gongkai.applications import letters, services

    letters.draft_reply(a, users.clerk, outcomes=outcomes, on=sent)
    services.review(a, users.reviewer, on=sent)
    services.sign_off(a, users.leader, on=sent)
    services.send_reply(a, users.clerk, on=sent)


@pytest.fixture
def records(register, users):
    """A hand-counted set in 台儿庄区民政局 (see test_statistics for the counts):

    2025: a1 自然人 granted; a2 商业企业 received 22 Dec, answered 5 Jan 2026 (not held);
    a3 自然人 two items → partial; a4 科研机构 correction lapsed; a review of a3 upheld in 2025;
    a lawsuit about a1 filed Dec 2025, decided (other) Jan 2026.
    """
    from gongkai.agencies.codes import make_uscc
    from gongkai.appeals import services as appeals
    from gongkai.applications import services
    org = {"organisation_name": "枣庄某商贸有限公司", "organisation_code": make_uscc("91370405MA3C7XQK0")}
    a1 = register(received_on=D(2025, 3, 3))
    _reply(a1, users, {1: ("granted", "")}, D(2025, 3, 10))
    a2 = register(received_on=D(2025, 12, 22), applicant_type="commercial", **org)
    a3 = register(received_on=D(2025, 6, 2), items=["名单", "明细"])
    _reply(a3, users, {1: ("granted", ""), 2: ("denied.third_party", "涉及个人隐私")}, D(2025, 6, 10))
    a4 = register(received_on=D(2025, 11, 3), applicant_type="research",
                  organisation_name="某大学社会学研究所", organisation_code=make_uscc("12370000MB1234567"))
    services.request_correction(a4, users.clerk, content="请明确所需信息", reply_by=D(2025, 11, 14), on=D(2025, 11, 4))
    services.correction_lapsed(a4, users.clerk, on=D(2025, 11, 20))
    _reply(a2, users, {1: ("unavailable.not_exist", "经检索不存在")}, D(2026, 1, 5))
    r = appeals.record_appeal(users.clerk, a3.agency, kind="review", body="台儿庄区人民政府", filed_on=D(2025, 7, 1),
                              application=a3)
    appeals.record_result(r, users.clerk, result="upheld", decided_on=D(2025, 8, 1))
    s = appeals.record_appeal(users.clerk, a3.agency, kind="lawsuit_direct", body="台儿庄区人民法院",
                              filed_on=D(2025, 12, 1), application=a1)
    appeals.record_result(s, users.clerk, result="other", decided_on=D(2026, 1, 10))
    return a1, a2, a3, a4




@pytest.fixture(autouse=True)
def letters_dir(settings, tmp_path):
    """Letters made by the workflow (a reply draft makes its letter) go to a per-test directory."""
    settings.DATA_DIR = tmp_path
    return tmp_path
