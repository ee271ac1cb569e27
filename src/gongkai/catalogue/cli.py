"""`gongkai catalogue …`: catalogue work from the command line.

* ``gongkai catalogue import FILE --agency CODE [--dry-run]`` — bulk import (docs/import-catalogue.md);
* ``gongkai catalogue handover --agency CODE --channel archive [--year Y] [-o FILE.csv]`` — the
  handover list (移交清单) of one channel as CSV.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import click

from gongkai.cli import CliError, agency_option, find_agency, progress_bar, setup_django


@click.group("catalogue")
def catalogue() -> None:
    """Proactive-disclosure catalogue (主动公开目录)."""


@catalogue.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@agency_option()
@click.option("--dry-run", is_flag=True, help="Check every row and constraint, then roll back.")
def import_command(file: Path, code: str, dry_run: bool) -> None:
    """Import an existing catalogue from FILE (.xlsx or .csv), all rows or none."""
    setup_django()
    from gongkai.catalogue.importer import ImportFailed, import_catalogue
    from gongkai.sheets import SheetError, read_rows

    agency = find_agency(code)
    try:
        total = len(read_rows(file))
    except SheetError as exc:
        raise CliError(str(exc)) from exc
    try:
        with progress_bar() as bar:
            task = bar.add_task("checking" if dry_run else "importing", total=total)
            result = import_catalogue(
                file, agency, dry_run=dry_run, progress=lambda n: bar.update(task, completed=n)
            )
    except ImportFailed as exc:
        for line in exc.errors[:200]:
            click.echo(f"  {line}", err=True)
        if len(exc.errors) > 200:
            click.echo(f"  … and {len(exc.errors) - 200} more", err=True)
        raise CliError(f"{file}: {exc}") from exc
    except SheetError as exc:
        raise CliError(str(exc)) from exc
    verb = "would import" if dry_run else "imported"
    click.echo(
        f"{verb} {result.created} of {result.rows} rows into {agency.name} ({result.published} published)"
    )


@catalogue.command("handover")
@agency_option()
@click.option(
    "--channel", required=True, type=click.Choice(["wechat", "gazette", "notice_board", "archive", "library"])
)
@click.option("--year", type=int, help="Only records of this year.")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="CSV file (default stdout)."
)
def handover(code: str, channel: str, year: int | None, output: Path | None) -> None:
    """List the public items recorded on a channel (e.g. the 两馆 handover list) as CSV."""
    setup_django()
    from gongkai.catalogue.services import HANDOVER_COLUMNS, channel_rows

    agency = find_agency(code)
    rows = [HANDOVER_COLUMNS, *channel_rows(agency, channel, year)]
    if output is None:
        csv.writer(sys.stdout).writerows(rows)
        return
    try:
        with output.open("w", newline="", encoding="utf-8-sig") as fh:
            csv.writer(fh).writerows(rows)
    except OSError as exc:
        raise CliError(f"cannot write {output}: {exc.strerror}") from exc
    click.echo(f"wrote {len(rows) - 1} rows to {output}", err=True)
