"""The `gongkai` command line.

Sub-command groups live beside the code they drive (`gongkai.rules.cli`, `gongkai.annual.cli`, …)
and are imported only when called, so that `gongkai rules …` never pays for Django.
"""

from __future__ import annotations

import importlib
import os
import sys

import click

#: command name → "module:attribute" of a click command; loaded on first use.
LAZY_COMMANDS: dict[str, str] = {
    "serve": "gongkai.web.commands:serve",
    "demo": "gongkai.web.commands:demo",
    "check": "gongkai.web.commands:check",
    "manage": "gongkai.web.commands:manage",
    "rules": "gongkai.rules.cli:rules",
    "report": "gongkai.annual.cli:report",
    "remind": "gongkai.applications.remind:remind",
    "applications": "gongkai.applications.cli:applications",
    "screen": "gongkai.screening.cli:screen",
    "catalogue": "gongkai.catalogue.cli:catalogue",
    "search": "gongkai.search.cli:search",
    "audit": "gongkai.agencies.cli:audit",
    "desk": "gongkai.desk.cli:desk",
}


class CliError(click.ClickException):
    """Bad input or a failed precondition: one line on stderr, exit status 2."""

    exit_code = 2

    def show(self, file=None) -> None:  # noqa: D102 - one clear line, no usage banner
        click.echo(f"gongkai: {self.format_message()}", err=True)


class LazyGroup(click.Group):
    """A group whose sub-commands are imported on first use from a name → "module:attr" map."""

    def __init__(self, *args, lazy_commands: dict[str, str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands = lazy_commands

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(self.lazy_commands)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = self.lazy_commands.get(cmd_name)
        if target is None:
            return None
        module, _, attr = target.partition(":")
        return getattr(importlib.import_module(module), attr)


@click.group(
    cls=LazyGroup, lazy_commands=LAZY_COMMANDS, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(package_name="gongkai")
def cli() -> None:
    """Gongkai (公开): government information disclosure work and annual-report auditing."""


def agency_option(*, required: bool = True):
    """``--agency CODE``: the agency a command works on, by organisation code or exact name."""
    return click.option("--agency", "code", required=required,
                        help="Organisation code (统一社会信用代码) or exact name.")


def find_agency(code: str):
    """The agency with this organisation code (or exact name); CliError when there is none."""
    from gongkai.agencies.codes import normalise
    from gongkai.agencies.models import Agency

    agency = Agency.objects.filter(org_code=normalise(code)).first() or Agency.objects.filter(name=code.strip()).first()
    if agency is None:
        raise CliError(f"no agency with organisation code or name {code!r}")
    return agency


def progress_bar(*columns):
    """A rich progress bar on stderr that disappears when done (stdout stays for results)."""
    from rich.console import Console
    from rich.progress import Progress

    return Progress(*columns, console=Console(stderr=True), transient=True)


def setup_django() -> None:
    """Configure Django for commands that need the database; configuration errors become one line."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as exc:
        raise CliError(str(exc)) from exc


def main() -> None:
    try:
        importlib.import_module("gongkai.clock")  # reads GONGKAI_TODAY
    except ValueError as exc:
        click.echo(f"gongkai: {exc}", err=True)
        sys.exit(2)
    try:
        cli(prog_name="gongkai")
    except KeyboardInterrupt:
        click.echo("gongkai: interrupted", err=True)
        sys.exit(130)
