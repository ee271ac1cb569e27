"""Readable column URLs: /xxgk/<slug>/ from the pinyin of the agency's name, unique, editable by
the agency's admin; the organisation-code URL redirects permanently to the same page by slug."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from gongkai.agencies import services, slugs
from gongkai.agencies.models import Agency, AuditEntry

pytestmark = pytest.mark.django_db


def test_slugs_are_the_pinyin_of_the_name_and_unique(agencies, make_agency):
    assert agencies.dept.slug == "taierzhuangquminzhengju"
    assert agencies.gov.slug == "taierzhuangqurenminzhengfu"
    assert make_agency("测试局").slug == "ceshiju" and make_agency("策试局").slug == "ceshiju-2"
    assert slugs.from_name("Search") == "jiguansearch" and slugs.from_name("123") == "jiguan"


def test_the_data_migration_gives_every_existing_agency_its_unique_slug(agencies, make_agency):
    make_agency("测试局")
    make_agency("策试局")
    for agency in Agency.objects.all():
        Agency.objects.filter(pk=agency.pk).update(slug=f"old{agency.pk}")
    importlib.import_module("gongkai.agencies.migrations.0005_agency_slug").fill(apps, None)
    found = dict(Agency.objects.values_list("name", "slug"))
    assert found["台儿庄区民政局"] == "taierzhuangquminzhengju" and found["峄城区人民政府"] == "yichengqurenminzhengfu"
    assert {found["测试局"], found["策试局"]} == {"ceshiju", "ceshiju-2"}
    assert len(set(found.values())) == len(found)


@pytest.mark.parametrize("rest", ["", "guide/", "catalogue/?year=2025&page=2", "catalogue.csv", "qa/?q=%E4%BD%8E%E4%BF%9D",  # as a browser sends 低保
                                  "feed/atom/", "reports/2025/v1.pdf"])
def test_the_organisation_code_url_redirects_permanently_to_the_slug_url(client, agencies, rest):
    for code in (agencies.dept.org_code, agencies.dept.org_code.lower()):
        response = client.get(f"/xxgk/{code}/{rest}")
        assert response.status_code == 301
        assert response["Location"] == f"/xxgk/{agencies.dept.slug}/{rest}"


def test_pages_link_the_slug_urls_never_the_code(client, agencies):
    for url in ("/xxgk/", f"/xxgk/{agencies.dept.slug}/", "/xxgk/sitemap-columns.xml",
                f"/xxgk/{agencies.dept.slug}/feed/rss/"):
        response = client.get(url)
        page = (b"".join(response.streaming_content) if response.streaming else response.content).decode()
        assert response.status_code == 200 and f"/xxgk/{agencies.dept.slug}/" in page
        assert f"/xxgk/{agencies.dept.org_code}/" not in page
    assert reverse("portal:column", args=[agencies.dept.slug]) == f"/xxgk/{agencies.dept.slug}/"


def test_the_agency_admin_changes_the_slug_and_the_column_moves(client, agencies, users):
    client.force_login(users.admin)
    form = client.get(reverse("agency-detail", args=[agencies.dept.pk])).content.decode()
    assert "专栏网址名" in form and f"/xxgk/{agencies.dept.slug}/" in form
    services.update_agency(users.admin, agencies.dept, slug="minzhengju")
    assert client.get("/xxgk/minzhengju/").status_code == 200
    assert client.get(f"/xxgk/{agencies.dept.org_code}/")["Location"] == "/xxgk/minzhengju/"
    assert AuditEntry.objects.filter(action="agency.update", after__slug="minzhengju").exists()
    services.update_agency(users.admin, agencies.dept, slug="")  # cleared: the pinyin again
    assert Agency.objects.get(pk=agencies.dept.pk).slug == "taierzhuangquminzhengju"


@pytest.mark.parametrize(("slug", "message"), [
    ("search", "门户网站已使用"),
    ("MinZheng", "小写字母"),
    ("1abc", "以字母开头"),
    ("a", "2至60位"),
    ("taierzhuangqurenminzhengfu", "已存在"),
])
def test_an_unusable_slug_is_refused_in_chinese_and_nothing_changes(agencies, users, slug, message):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        services.update_agency(users.admin, agencies.dept, slug=slug)
    assert message in str(refused.value)
    assert Agency.objects.get(pk=agencies.dept.pk).slug == "taierzhuangquminzhengju"


def test_a_slug_never_reads_as_an_organisation_code():
    from gongkai.agencies.codes import make_uscc

    code = make_uscc("Y1370405MA3C00001")
    assert slugs.is_code(code.lower())
    with pytest.raises(slugs.SlugError, match="机构代码"):
        slugs.check(code.lower())
