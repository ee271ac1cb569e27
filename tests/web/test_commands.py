"""`gongkai check`, `demo`, `serve`, `manage`: one clear line per problem and a non-zero exit.

Commands that need their own database run in a subprocess with a fresh data directory and the
embedded SQLite database (the command line is under test here, not the database backend).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from gongkai.cli import cli
from gongkai.web.commands import _calendar_checks


def _gongkai(*args: str, data_dir: Path, **env: str) -> subprocess.CompletedProcess:
    # A command starts as an operator would start it: without the test database, the secret, or
    # the async-safety switch the browser tests set for this process (the deploy check flags it).
    unset = ("DATABASE_URL", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
    environment = {k: v for k, v in os.environ.items() if k not in unset}
    environment.update(GONGKAI_DATA_DIR=str(data_dir), COLUMNS="200", **env)
    return subprocess.run(
        [sys.executable, "-c", "from gongkai.cli import main; main()", *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_help_lists_the_commands():
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for command in ("serve", "demo", "check", "manage"):
        assert command in result.output


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://u:p@localhost/db", "DATABASE_URL must point at PostgreSQL or SQLite"),
        ("not a url", "DATABASE_URL is not a database URL"),
    ],
)
def test_check_reports_a_wrong_database_url(tmp_path, url, message):
    result = CliRunner().invoke(cli, ["check"], env={"GONGKAI_DATA_DIR": str(tmp_path), "DATABASE_URL": url})
    assert result.exit_code == 2
    failures = [line for line in result.stderr.splitlines() if line.startswith("gongkai: ")]
    assert len(failures) == 1 and message in failures[0]
    assert "Traceback" not in result.output + result.stderr


def test_check_reports_an_unwritable_data_directory(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    result = CliRunner().invoke(cli, ["check"], env={"GONGKAI_DATA_DIR": str(blocker / "data")})
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"gongkai: data directory: data directory {blocker / 'data'} is not writable (Not a directory); set GONGKAI_DATA_DIR"
    ]


def test_check_reports_an_unreachable_database(tmp_path):
    result = _gongkai("check", data_dir=tmp_path, DATABASE_URL="postgres://gongkai@127.0.0.1:9/gongkai")
    assert result.returncode == 2
    assert result.stderr.startswith("gongkai: database: cannot connect to PostgreSQL gongkai@127.0.0.1:9/gongkai")
    assert len(result.stderr.strip().splitlines()) == 1


def test_check_reports_unapplied_migrations_and_migrate_fixes_them(tmp_path):
    first = _gongkai("check", data_dir=tmp_path)
    assert first.returncode == 2
    assert "migrations not applied" in first.stderr and "gongkai check --migrate" in first.stderr
    second = _gongkai("check", "--migrate", data_dir=tmp_path)
    assert second.returncode == 0, second.stderr
    assert "all applied" in second.stdout
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_serve_refuses_an_unmigrated_database(tmp_path):
    result = _gongkai("serve", "--bind", "127.0.0.1:1", data_dir=tmp_path)
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("gongkai: ") and line.endswith("database migrations not applied; run `gongkai check --migrate`")


def test_demo_migrates_loads_and_is_idempotent(tmp_path):
    first = _gongkai("demo", data_dir=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "applied" in first.stdout and "gongkai.agencies.demo:load:" in first.stdout
    second = _gongkai("demo", data_dir=tmp_path)
    assert second.returncode == 0, second.stderr
    assert "nothing changed" in second.stdout
    managed = _gongkai("manage", "check", data_dir=tmp_path)
    assert managed.returncode == 0 and "no issues" in managed.stdout


def test_calendar_check_fails_without_this_years_schedule_and_warns_from_november():
    from gongkai.rules.workdays import default_calendar

    assert _calendar_checks(dt.date(2099, 6, 1))[0].status == "fail"
    last = max(default_calendar().official_years)
    june, november = _calendar_checks(dt.date(last, 6, 1)), _calendar_checks(dt.date(last, 11, 1))
    assert [c.status for c in june] == ["ok"]
    assert [c.status for c in november] == ["ok", "warn"] and str(last + 1) in november[1].detail


def test_serve_reports_a_bad_or_busy_address(tmp_path):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = _gongkai("serve", "--bind", f"127.0.0.1:{port}", data_dir=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == f"gongkai: cannot listen on 127.0.0.1:{port}: Address already in use"
    bad = CliRunner().invoke(cli, ["serve", "--bind", "localhost"])
    assert bad.exit_code == 2 and "--bind must be HOST:PORT" in bad.stderr


def test_check_reports_a_broken_calendar_file(tmp_path, monkeypatch):
    from gongkai.rules import workdays

    monkeypatch.setenv("GONGKAI_CALENDAR_FILES", str(tmp_path / "missing.json"))
    workdays.default_calendar.cache_clear()
    try:
        [check] = _calendar_checks(dt.date(2026, 6, 1))
    finally:
        monkeypatch.delenv("GONGKAI_CALENDAR_FILES")
        workdays.default_calendar.cache_clear()
    assert check.status == "fail" and "cannot load the holiday calendar" in check.detail


def test_a_failing_demo_loader_is_one_line_and_saves_nothing(db, monkeypatch):
    from gongkai.agencies.demo import load as load_agencies
    from gongkai.agencies.models import Agency
    from gongkai.registry import Registry
    from gongkai.web import demo

    monkeypatch.setattr(demo, "DEMO_LOADERS", Registry("demo loaders", [load_agencies, _broken_loader]))
    monkeypatch.setattr(demo, "migrate_if_needed", lambda: 0)
    result = CliRunner().invoke(cli, ["demo"])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "gongkai: demo loader tests.web.test_commands:_broken_loader failed: ValueError: 演示数据有误 "
        "(nothing of it was saved; GONGKAI_DEBUG=1 shows the traceback)"
    )
    assert Agency.objects.filter(name="台儿庄区民政局").exists()
    assert not Agency.objects.filter(name="半成品局").exists()


def _broken_loader() -> int:
    from gongkai.agencies.codes import make_uscc
    from gongkai.agencies.models import Agency

    Agency.objects.create(name="半成品局", level="county", kind="department", org_code=make_uscc("11370405009999990"))
    raise ValueError("演示数据有误")
