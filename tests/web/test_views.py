"""The staff shell: home page per role, agency switcher, agency page (404 across agencies), audit viewer."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai import clock
from gongkai.agencies import audit
from gongkai.agencies.models import Membership


def _text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.mark.parametrize(
    ("who", "shown", "hidden"),
    [
        ("clerk", ["经办人 · 我的工作", "台儿庄区民政局"], ["本机关人员", "所属机关", "审计日志"]),
        ("reviewer", ["审核人 · 待我审核"], ["经办人 · 我的工作", "审计日志"]),
        ("leader", ["分管领导 · 待我签发"], ["审核人 · 待我审核"]),
        ("admin", ["机关管理员 · 本机关人员", "张经办", "审计日志"], ["所属机关"]),
        ("supervisor", ["监督 · 所属机关", "台儿庄区教育和体育局", "台儿庄区运河街道办事处"], ["峄城区人民政府"]),
        ("site_admin", ["系统管理员", "/admin/"], ["经办人 · 我的工作"]),
    ],
)
def test_home_page_per_role(client, users, who, shown, hidden):
    client.force_login(getattr(users, who))
    text = _text(client.get("/"))
    for fragment in shown:
        assert fragment in text
    for fragment in hidden:
        assert fragment not in text


def test_user_of_several_agencies_switches_the_current_agency(client, agencies, users):
    Membership.objects.create(user=users.clerk, agency=agencies.township, role="clerk")
    client.force_login(users.clerk)
    text = _text(client.get("/"))
    assert 'name="agency"' in text and "台儿庄区运河街道办事处" in text
    response = client.post("/agency/switch/", {"agency": agencies.township.pk, "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert f'<h2><a href="/agency/{agencies.township.pk}/">台儿庄区运河街道办事处</a></h2>' in _text(client.get("/"))


@pytest.mark.parametrize("target", ["dept2", "sibling", "bogus"])
def test_switching_to_an_agency_without_membership_is_refused(client, agencies, users, target):
    client.force_login(users.clerk)
    value = "x" if target == "bogus" else getattr(agencies, target).pk
    client.post("/agency/switch/", {"agency": value, "next": "https://evil.example/"}, follow=False)
    text = _text(client.get("/"))
    assert "无法切换到该机关" in text
    assert f'<h2><a href="/agency/{agencies.dept.pk}/">台儿庄区民政局</a></h2>' in text


def test_switch_does_not_redirect_off_site(client, agencies, users):
    client.force_login(users.clerk)
    response = client.post("/agency/switch/", {"agency": agencies.dept.pk, "next": "https://evil.example/"})
    assert response["Location"] == "/"


@pytest.mark.parametrize(
    ("who", "target", "status"),
    [
        ("clerk", "dept", 200),
        ("clerk", "dept2", 404),
        ("clerk", "gov", 404),
        ("clerk", "sibling", 404),
        ("admin", "dept2", 404),
        ("supervisor", "dept", 200),
        ("supervisor", "township", 200),
        ("supervisor", "sibling", 404),
        ("supervisor", "city", 404),
        ("site_admin", "sibling", 200),
    ],
)
def test_agency_page_of_another_agency_is_404(client, agencies, users, who, target, status):
    client.force_login(getattr(users, who))
    assert client.get(f"/agency/{getattr(agencies, target).pk}/").status_code == status


def test_agency_admin_edits_contact_details(client, agencies, users):
    client.force_login(users.admin)
    form = {"short_name": "区民政局", "office_name": "办公室", "address": "文化路56号", "postcode": "277400",
            "phone": "0632-6611201", "fax": "", "email": "", "office_hours": "工作日", "website": "",
            "index_pattern": "{org_code}/{year}-{serial:05d}"}  # fmt: skip
    response = client.post(f"/agency/{agencies.dept.pk}/", form)
    assert response.status_code == 302
    agencies.dept.refresh_from_db()
    assert agencies.dept.phone == "0632-6611201"
    bad = _text(client.post(f"/agency/{agencies.dept.pk}/", {**form, "postcode": "2774"}))
    assert "邮政编码应为6位数字" in bad


def test_read_only_roles_cannot_post_the_agency_form(client, agencies, users):
    for who in ("clerk", "supervisor"):
        client.force_login(getattr(users, who))
        assert "修改政府信息公开工作机构信息" not in _text(client.get(f"/agency/{agencies.dept.pk}/"))
        assert client.post(f"/agency/{agencies.dept.pk}/", {"phone": "1"}).status_code == 403
    agencies.dept.refresh_from_db()
    assert agencies.dept.phone == ""


@pytest.fixture
def logged(agencies, users):
    """One entry in each agency's log."""
    return {
        name: audit.record(users.clerk, f"test.{name}", getattr(agencies, name), agency=getattr(agencies, name))
        for name in ("dept", "dept2", "township", "gov", "sibling", "city")
    }


@pytest.mark.parametrize(
    ("who", "visible"),
    [
        ("admin", {"dept"}),
        ("supervisor", {"gov", "dept", "dept2", "township"}),
        ("site_admin", {"dept", "dept2", "township", "gov", "sibling", "city"}),
    ],
)
def test_audit_log_is_scoped(client, users, logged, who, visible):
    client.force_login(getattr(users, who))
    text = _text(client.get("/audit/"))
    shown = {name for name in logged if f"test.{name}<" in text}
    assert shown == visible


@pytest.mark.parametrize("who", ["clerk", "reviewer", "leader"])
def test_case_workers_cannot_read_the_audit_log(client, users, who):
    client.force_login(getattr(users, who))
    assert client.get("/audit/").status_code == 403


def test_audit_log_filters(client, agencies, users, logged):
    client.force_login(users.supervisor)
    by_agency = _text(client.get("/audit/", {"agency": agencies.dept2.pk}))
    assert "test.dept2<" in by_agency and "test.dept<" not in by_agency
    by_object = _text(client.get("/audit/", {"object": "运河街道"}))
    assert "test.township<" in by_object and "test.gov<" not in by_object
    assert "test.dept<" in _text(client.get("/audit/", {"actor": "张经办"}))
    assert "test.dept<" not in _text(client.get("/audit/", {"actor": "nobody"}))
    today = clock.today()
    assert "test.gov<" in _text(client.get("/audit/", {"date_from": today - dt.timedelta(days=1), "date_to": today + dt.timedelta(days=1)}))
    assert "test.gov<" not in _text(client.get("/audit/", {"date_from": today + dt.timedelta(days=1)}))
    wrong = _text(client.get("/audit/", {"date_from": today, "date_to": today - dt.timedelta(days=1)}))
    assert "起始日期不能晚于截止日期" in wrong and "test.gov<" not in wrong


def test_audit_filter_cannot_reach_another_agency(client, agencies, users, logged):
    client.force_login(users.admin)
    text = _text(client.get("/audit/", {"agency": agencies.sibling.pk}))
    assert "test.sibling<" not in text and "test.dept<" not in text
