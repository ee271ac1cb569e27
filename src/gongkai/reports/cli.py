"""`gongkai report compute`: an agency's annual-report tables computed from its records."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from gongkai.cli import CliError, agency_option, find_agency, setup_django

FORMATS = ("json", "docx", "xlsx")


@click.command()
@agency_option()
@click.option("--year", type=int, required=True, help="Report year.")
@click.option("--to", "fmt", type=click.Choice(FORMATS), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here (default: JSON on stdout; docx/xlsx need -o).")
def compute(code: str, year: int, fmt: str, output: Path | None) -> None:
    """Compute sections 三 and 四 (and every other section with a provider) from the records."""
    setup_django()
    from gongkai.annual.model import dumps
    from gongkai.reports.compute import build_report, findings

    agency = find_agency(code)
    try:
        report = build_report(agency, year)
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    if fmt == "json":
        text = dumps(report, findings=findings(report)) + "\n"
        if output is None:
            sys.stdout.write(text)
        else:
            output.write_text(text, encoding="utf-8")
        return
    if output is None:
        raise CliError(f"--to {fmt} writes a file: give it with -o FILE.{fmt}")
    from gongkai.annual.render import docx, xlsx

    try:
        output.write_bytes((docx if fmt == "docx" else xlsx).render(report))
    except OSError as exc:
        raise CliError(f"cannot write {output}: {exc.strerror}") from exc
    click.echo(f"wrote {output}", err=True)
