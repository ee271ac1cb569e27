"""`gongkai serve`, `gongkai demo`, `gongkai check` and `gongkai manage`: running the web application."""

from __future__ import annotations

import datetime as dt
import os
import socket
from dataclasses import dataclass
from typing import Literal

import click

from gongkai import clock
from gongkai.cli import CliError, setup_django
from gongkai.web import config


@dataclass(frozen=True)
class Check:
    """The outcome of one configuration check."""

    name: str
    status: Literal["ok", "warn", "fail"]
    detail: str


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]


def _describe_database(settings_db: dict) -> str:
    engine = settings_db["ENGINE"].rsplit(".", 1)[-1]
    if engine == "sqlite3":
        return f"SQLite {settings_db['NAME']}"
    host = settings_db.get("HOST") or "local socket"
    port = f":{settings_db['PORT']}" if settings_db.get("PORT") else ""
    return f"PostgreSQL {settings_db.get('USER') or ''}@{host}{port}/{settings_db.get('NAME')}"


def _calendar_checks(today: dt.date) -> list[Check]:
    try:
        from gongkai.rules import workdays

        calendar = workdays.default_calendar()
    except Exception as exc:  # a broken schedule file (CalendarError) or a broken installation
        return [Check("calendar", "fail", f"cannot load the holiday calendar: {_first_line(exc)}")]
    years = sorted(calendar.official_years)
    if today.year not in calendar.official_years:
        return [Check("calendar", "fail", f"no official holiday schedule for {today.year} (loaded: {years[0]}–{years[-1]})")]
    checks = [Check("calendar", "ok", f"official holiday schedules {years[0]}–{years[-1]}")]
    if warning := workdays.schedule_warning(today, calendar):
        checks.append(Check("calendar next year", "warn", warning))
    return checks


def _audit_chain_check() -> Check:
    from gongkai.agencies.audit import verify_chain

    verdict = verify_chain()
    if verdict.broken is not None:
        return Check("audit log", "fail", f"{verdict.broken}; run `gongkai audit verify`")
    return Check("audit log", "ok", f"hash chain intact ({verdict.checked} entries)")


def run_checks(*, migrate: bool = False, today: dt.date | None = None) -> list[Check]:
    """Check the configuration in order, stopping at the first failure later checks depend on."""
    checks: list[Check] = []
    try:
        directory = config.data_dir()
    except config.ConfigError as exc:
        return [Check("data directory", "fail", str(exc))]
    checks.append(Check("data directory", "ok", f"{directory} is writable"))
    try:
        database = config.database(directory)
    except config.ConfigError as exc:
        return [*checks, Check("DATABASE_URL", "fail", str(exc))]
    checks.append(Check("DATABASE_URL", "ok", _describe_database(database)))
    source = "SECRET_KEY" if os.environ.get("SECRET_KEY") else f"{directory / 'secret_key'}"
    config.secret_key(directory)
    checks.append(Check("secret key", "ok", f"from {source}"))

    setup_django()
    from django.db import connection

    from gongkai.web import demo

    try:
        connection.ensure_connection()
    except Exception as exc:  # the driver's own error classes (OperationalError, …)
        return [*checks, Check("database", "fail", f"cannot connect to {_describe_database(database)}: {_first_line(exc)}")]
    checks.append(Check("database", "ok", f"connected ({connection.vendor})"))
    try:
        applied = demo.migrate_if_needed() if migrate else 0
        pending = demo.pending_migrations()
    except Exception as exc:
        return [*checks, Check("migrations", "fail", f"migrating failed: {_first_line(exc)}")]
    if pending:
        checks.append(
            Check("migrations", "fail", f"{len(pending)} migrations not applied (first: {pending[0]}); run `gongkai check --migrate`")
        )
    else:
        checks.append(Check("migrations", "ok", f"all applied{f' ({applied} just now)' if applied else ''}"))
        checks.append(_audit_chain_check())
    checks.extend(_calendar_checks(today or clock.today()))
    return checks


@click.command()
@click.option("--migrate", is_flag=True, help="Apply pending database migrations before checking.")
def check(migrate: bool) -> None:
    """Check the configuration: data directory, database, migrations, audit log chain, holiday calendar."""
    from rich.console import Console
    from rich.table import Table

    checks = run_checks(migrate=migrate)
    table = Table(title="gongkai check")
    table.add_column("check")
    table.add_column("status")
    table.add_column("detail", overflow="fold")
    style = {"ok": "[green]ok[/]", "warn": "[yellow]warning[/]", "fail": "[red]FAILED[/]"}
    for c in checks:
        table.add_row(c.name, style[c.status], c.detail)
    Console().print(table)
    failures = [c for c in checks if c.status == "fail"]
    for c in failures:
        click.echo(f"gongkai: {c.name}: {c.detail}", err=True)
    if failures:
        raise SystemExit(2)


def ready_database() -> None:
    """Set up Django and fail in one line when the database is unreachable or not migrated."""
    setup_django()
    from django.db import connection

    from gongkai.web import demo

    try:
        connection.ensure_connection()
        pending = demo.pending_migrations()
    except Exception as exc:
        raise CliError(f"database: {_first_line(exc)} (run `gongkai check`)") from exc
    if pending:
        raise CliError(f"{len(pending)} database migrations not applied; run `gongkai check --migrate`")


@click.command()
def demo() -> None:
    """Apply migrations if needed, then load the demo agencies, staff and records (idempotent)."""
    setup_django()
    from gongkai.web import demo as demo_data

    try:
        applied = demo_data.migrate_if_needed()
    except Exception as exc:
        raise CliError(f"database: {_first_line(exc)} (run `gongkai check`)") from exc
    if applied:
        click.echo(f"applied {applied} migrations")
    try:
        total = demo_data.load_all(lambda name, count: click.echo(f"{name}: {count} created"))
    except demo_data.LoaderFailed as exc:
        if os.environ.get("GONGKAI_DEBUG") == "1":
            raise
        raise CliError(f"{exc} (nothing of it was saved; GONGKAI_DEBUG=1 shows the traceback)") from exc
    click.echo("demo data already loaded; nothing changed" if total == 0 else f"demo data loaded: {total} objects")


def _check_bind(bind: str) -> None:
    """Fail in one line when ``host:port`` cannot be listened on (gunicorn would retry, then trace)."""
    host, _, port = bind.rpartition(":")
    if not host or not port.isdigit() or bind.startswith("unix:"):
        raise CliError(f"--bind must be HOST:PORT, e.g. 127.0.0.1:8000, not {bind!r}")
    host = host.strip("[]")
    try:
        infos = socket.getaddrinfo(host, int(port), type=socket.SOCK_STREAM)
        family, kind, proto, _, address = infos[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
    except OSError as exc:
        raise CliError(f"cannot listen on {bind}: {exc.strerror or exc}") from exc


def _worker_exit(server, worker) -> None:
    """A worker stopping normally writes the portal's visit counts it still holds."""
    from gongkai.portal import visits

    visits.flush()


@click.command()
@click.option("--bind", default="127.0.0.1:8000", show_default=True, help="Address and port to listen on.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64), help="Worker processes.")
@click.option("--timeout", default=60, show_default=True, type=click.IntRange(5, 3600), help="Request timeout, seconds.")
def serve(bind: str, workers: int, timeout: int) -> None:
    """Serve the web application with gunicorn (static files through WhiteNoise)."""
    _check_bind(bind)
    ready_database()
    from django.core.management import call_command
    from django.db import connections
    from gunicorn.app.base import BaseApplication

    call_command("collectstatic", interactive=False, verbosity=0)
    connections.close_all()  # no connection may cross the fork into the workers

    class Application(BaseApplication):
        def load_config(self) -> None:
            for key, value in {
                "bind": [bind],
                "workers": workers,
                "timeout": timeout,
                "accesslog": "-",
                "errorlog": "-",
                "proc_name": "gongkai",
                "control_socket_disable": True,  # gunicorn ≥ 25 would otherwise open one in $HOME
                "worker_exit": _worker_exit,
            }.items():
                if key in self.cfg.settings:
                    self.cfg.set(key, value)

        def load(self):
            from gongkai.web.wsgi import application

            return application

    click.echo(f"gongkai: serving on http://{bind}/ (Ctrl+C to stop)")
    Application().run()


@click.command(
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True, "help_option_names": []},
    add_help_option=False,
)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """Run one of Django's management commands, e.g. `gongkai manage createsuperuser`."""
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["gongkai manage", *args])
