"""`gongkai audit …`: commands about the audit log."""

from __future__ import annotations

import click

from gongkai.cli import CliError


@click.group()
def audit() -> None:
    """The audit log (审计日志)."""


@audit.command()
def verify() -> None:
    """Check the audit log's hash chain; name the first broken link (exit 2)."""
    from gongkai.web.commands import ready_database

    ready_database()
    from gongkai.agencies.audit import verify_chain

    verdict = verify_chain()
    if verdict.broken is not None:
        raise CliError(f"audit log {verdict.broken} ({verdict.checked} entries before it are intact)")
    click.echo(f"audit log chain intact: {verdict.checked} entries")
