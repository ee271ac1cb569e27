"""`gongkai desk …`: import the 12345 hotline platform's export."""

from __future__ import annotations

from pathlib import Path

import click

from gongkai.cli import CliError, agency_option, find_agency, progress_bar, setup_django


@click.group()
def desk() -> None:
    """Service desk (服务台): 12345 hotline transfers."""


@desk.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@agency_option()
@click.option("--dry-run", is_flag=True, help="Check every row, write nothing.")
def import_(file: Path, code: str, dry_run: bool) -> None:
    """Import 12345 transfers from FILE (.xlsx/.csv export of the hotline platform).

    Rows with an error (a case number already registered or repeated included) are refused one
    by one and listed; the others are imported together. Exit status 2 when any row was refused.
    """
    setup_django()
    from rich.progress import TaskID

    from gongkai.desk import importer
    from gongkai.limits import LimitExceeded
    from gongkai.sheets import SheetError

    agency = find_agency(code)
    try:
        table = importer.read(file)
    except (SheetError, LimitExceeded) as exc:
        raise CliError(str(exc)) from exc
    with progress_bar() as bar:
        tasks: dict[str, TaskID] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done)
        try:
            outcome = importer.run(agency, table, dry_run=dry_run, progress=progress)
        except importer.FileProblem as exc:
            raise CliError(str(exc)) from exc
    for row in outcome.refused:
        click.echo(f"row {row.number}: {row.error}", err=True)
    valid = len(outcome.valid)
    if dry_run:
        click.echo(f"dry run: {valid} row(s) would be imported, {len(outcome.refused)} refused; nothing was written")
    else:
        click.echo(f"imported {len(outcome.written)} transfer(s) into {agency.name}")
    if outcome.refused:
        raise CliError(f"{len(outcome.refused)} of {len(outcome.rows)} row(s) refused")
