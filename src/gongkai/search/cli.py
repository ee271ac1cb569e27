"""`gongkai search …`: the full-text index from the command line.

* ``gongkai search reindex [--agency CODE]`` — rebuild the index of every public item (or of one
  agency's) from the catalogue, with a progress bar, then the published Q&A of the service desk;
  needed after changing the analyzer.
"""

from __future__ import annotations

import os

import click

from gongkai.cli import agency_option, find_agency, progress_bar, setup_django


@click.group("search")
def search() -> None:
    """Full-text search index (全文检索)."""


@search.command("reindex")
@agency_option(required=False)
@click.option(
    "--processes", type=click.IntRange(1, 64), default=min(2, os.cpu_count() or 1), show_default=True,
    help="Worker processes analysing the text while this one writes.",
)  # fmt: skip
def reindex_command(code: str | None, processes: int) -> None:
    """Rebuild the search index from the catalogue's public items and the published Q&A."""
    setup_django()
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn

    from gongkai.search import qa
    from gongkai.search.catalogue import reindex

    agency = find_agency(code) if code else None
    columns = (TextColumn("indexing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with progress_bar(*columns) as bar:
        task = bar.add_task("indexing", total=None)
        count = reindex(
            [agency.pk] if agency else None,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
            processes=processes,
        )
    answers = qa.reindex([agency.pk] if agency else None)
    click.echo(f"indexed {count} public item(s) and {answers} published Q&A{f' of {agency.name}' if agency else ''}")
