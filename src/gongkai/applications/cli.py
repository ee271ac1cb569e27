"""`gongkai applications …`: import past applications; recompute due dates after a calendar change."""

from __future__ import annotations

from pathlib import Path

import click

from gongkai import clock
from gongkai.cli import CliError, agency_option, find_agency, progress_bar, setup_django


@click.group()
def applications() -> None:
    """Applications (依申请公开): import past records, recompute due dates."""


@applications.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@agency_option()
@click.option("--dry-run", is_flag=True, help="Check every row, write nothing.")
def import_(file: Path, code: str, dry_run: bool) -> None:
    """Import past applications from FILE (.xlsx/.csv, header row per docs/import-applications.md)."""
    setup_django()
    from django.db import transaction

    from gongkai.applications.importer import FileProblem, check_row, rows_of, write
    from gongkai.sheets import SheetError, read_table

    agency = find_agency(code)
    try:
        rows = rows_of(read_table(file))
    except (SheetError, FileProblem) as exc:
        raise CliError(str(exc)) from exc
    today = clock.today()
    checked: list[dict] = []
    with progress_bar() as progress:
        task = progress.add_task("checking", total=len(rows))
        for row in rows:
            if (data := check_row(row, today)) is not None:  # None: the row's errors are listed below
                checked.append(data)
            progress.advance(task)
    bad = [r for r in rows if r.errors]
    if bad:
        for r in bad:
            for error in r.errors:
                click.echo(f"row {r.number}: {error}", err=True)
        raise CliError(f"{len(bad)} of {len(rows)} row(s) have errors; nothing was imported")
    if dry_run:
        click.echo(f"dry run: {len(rows)} row(s) are valid; nothing was imported")
        return
    with transaction.atomic(), progress_bar() as progress:
        task = progress.add_task("importing", total=len(rows))
        for data in checked:
            write(agency, data)
            progress.advance(task)
    click.echo(f"imported {len(rows)} application(s) into {agency.name}")


@applications.command("recompute-due")
@click.option("--reason", default="节假日安排已更新", show_default=True, help="Why (kept in the audit log).")
def recompute_due(reason: str) -> None:
    """Recompute the due dates of open applications (run after installing a year's schedule file).

    Each change is written to the audit log and shown on the case page. A running web server
    keeps its calendar until it is restarted.
    """
    setup_django()
    from rich.console import Console
    from rich.table import Table

    from gongkai.applications.services import recompute_due_dates
    from gongkai.rules.workdays import default_calendar

    default_calendar.cache_clear()
    changes = recompute_due_dates(reason)
    table = Table("tracking number", "old due", "new due")
    for number, old, new in changes:
        table.add_row(number, str(old or "—"), str(new or "—"))
    if changes:
        Console().print(table)
    click.echo(f"{len(changes)} due date(s) changed")
