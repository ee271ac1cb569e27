"""Production settings: HTTPS switches, the Content-Security-Policy, session lifetime, private files."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest
from django.conf import settings

from gongkai.web import config
from tests.web.test_commands import _gongkai

SRC = Path(__file__).resolve().parents[2] / "src" / "gongkai"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_https_deployment_passes_djangos_deploy_checks(tmp_path):
    assert _gongkai("check", "--migrate", data_dir=tmp_path).returncode == 0
    plain = _gongkai("manage", "check", "--deploy", data_dir=tmp_path)
    assert {"security.W004", "security.W008", "security.W012", "security.W016"} <= set(
        re.findall(r"security\.W\d+", plain.stdout + plain.stderr))  # fmt: skip
    https = _gongkai("manage", "check", "--deploy", "--fail-level", "WARNING", data_dir=tmp_path,
                     GONGKAI_HTTPS="true", ALLOWED_HOSTS="gongkai.example.gov.cn")  # fmt: skip
    assert https.returncode == 0, https.stdout + https.stderr
    assert "security.W" not in https.stdout + https.stderr and "no issues" in https.stdout


def test_https_flag_and_session_hours_are_checked(monkeypatch):
    monkeypatch.setenv("GONGKAI_HTTPS", "perhaps")
    with pytest.raises(config.ConfigError, match="GONGKAI_HTTPS must be true or false"):
        config.flag("GONGKAI_HTTPS")
    for value, seconds in (("", 10 * 3600), ("24", 24 * 3600), ("0.5", 1800)):
        monkeypatch.setenv("GONGKAI_SESSION_HOURS", value)
        assert config.session_seconds() == seconds
    for bad in ("336", "0", "a day"):
        monkeypatch.setenv("GONGKAI_SESSION_HOURS", bad)
        with pytest.raises(config.ConfigError, match="GONGKAI_SESSION_HOURS"):
            config.session_seconds()


def test_staff_session_lasts_a_working_day_renewed_by_each_request(client, users):
    assert settings.SESSION_COOKIE_AGE <= 2 * 24 * 3600 and settings.SESSION_SAVE_EVERY_REQUEST
    client.force_login(users.clerk)
    first = client.get("/").cookies[settings.SESSION_COOKIE_NAME]
    assert first["max-age"] == settings.SESSION_COOKIE_AGE  # every response sends a renewed cookie


def test_every_page_carries_a_policy_allowing_only_this_site(client, users):
    client.force_login(users.supervisor)
    for url in ("/login/", "/", "/catalogue/statistics/"):
        policy = client.get(url).headers["Content-Security-Policy"]
        directives = dict(d.split(" ", 1) for d in policy.split("; "))
        assert directives["script-src"] == directives["style-src"] == directives["img-src"] == "'self'"
        assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"


INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=", re.IGNORECASE)


def test_templates_have_no_inline_script_or_style_the_policy_would_block():
    pages = [p for p in SRC.rglob("templates/**/*.html")]
    assert len(pages) > 20
    offending = {str(p.relative_to(SRC)): INLINE.findall(p.read_text()) for p in pages}
    assert {k: v for k, v in offending.items() if v} == {}


def test_statistics_charts_are_inlined_without_inline_css():
    from gongkai.catalogue import statistics

    stats = statistics.YearStats(agency=None, year=2026, total=2, by_category=[("社会保障", 2)],
                                 by_art20=[(1, "规章", 2)], by_month=[1] * 12, on_time=1, late=1, no_deadline=0)  # fmt: skip
    for which in statistics.CHARTS:
        svg = statistics.chart_svg(stats, which)
        assert "<svg" in svg and not INLINE.search(svg)
        assert 'fill="#' in svg  # the colours survived as presentation attributes


def test_a_new_data_directory_and_database_are_private(tmp_path):
    data = tmp_path / "fresh" / "data"
    assert _gongkai("check", "--migrate", data_dir=data).returncode == 0
    assert _mode(data) == 0o700
    for name in ("gongkai.sqlite3", "secret_key"):
        assert _mode(data / name) == 0o600, name


def test_an_existing_data_directory_open_to_others_is_closed(tmp_path):
    data = tmp_path / "old"
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    assert _gongkai("check", "--migrate", data_dir=data).returncode == 0
    assert _mode(data) == 0o700
