"""`gongkai screen PATH… [--json]`: screen files or folders before they enter the system.

Exit status: 0 when every file is clean, 1 when anything was found, 2 when a file cannot be read
or is over a limit (one line on stderr per such file; the other files are still screened and
reported). Each file is screened in a child process bounded in time and memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import click

from gongkai.cli import CliError
from gongkai.screening import KINDS, SUPPORTED, ScreenError, screen_file_isolated

EXIT_CLEAN, EXIT_FOUND, EXIT_UNREADABLE = 0, 1, 2


def expand(paths: tuple[str, ...]) -> Iterator[Path]:
    """Files as given, and every supported file under each folder (recursively, sorted)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED)
        else:
            yield path


@click.command("screen")
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per file (JSON Lines).")
def screen(paths: tuple[str, ...], as_json: bool) -> None:
    """Screen documents for personal data, classification marks and hidden content.

    PATH is a .txt, .html, .docx, .xlsx or .pdf file, or a folder searched recursively.
    """
    from rich.console import Console
    from rich.table import Table

    status = EXIT_CLEAN
    console = Console()
    files = list(expand(paths))
    if not files:
        raise CliError("no supported files found (.txt, .html, .docx, .xlsx, .pdf)")
    for path in files:
        try:
            findings = screen_file_isolated(path)
        except ScreenError as exc:
            click.echo(f"gongkai: {path}: {exc}", err=True)
            if as_json:
                click.echo(json.dumps({"source": str(path), "error": str(exc)}, ensure_ascii=False))
            status = EXIT_UNREADABLE
            continue
        if findings and status == EXIT_CLEAN:
            status = EXIT_FOUND
        if as_json:
            payload = {"source": str(path), "findings": [f.to_dict() for f in findings]}
            click.echo(json.dumps(payload, ensure_ascii=False))
        elif not findings:
            console.print(f"[green]✓[/green] {path}: clean")
        else:
            table = Table(title=f"{path}: {len(findings)} finding(s)", title_justify="left")
            for column in ("kind", "where", "excerpt"):
                table.add_column(column)
            for f in findings:
                table.add_row(f"{f.kind} {KINDS.get(f.kind, '')}", f.where, f.excerpt)
            console.print(table)
    raise SystemExit(status)
