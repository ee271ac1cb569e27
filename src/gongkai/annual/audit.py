"""`gongkai report audit FILE|DIR… [--json] [--series] [--recursive] [--to csv|xlsx -o FILE]`:
read published reports and check them.

The JSON form is the contract of shared/spec/annual-report.md: one list, one object per file in
input order; a file that cannot be read is an object with ``source`` and ``error``. A report
whose tables could only partly be read is reported with every value read and its findings, and
also counts as not read: exit status 2 and one line on stderr per such file, as for unreadable
ones. Without --json the values and the findings are shown as tables, in Chinese.

Files are read by long-lived worker processes (`limits.WorkerPool`: one, or ``--jobs N``), each
limited in memory from its start and given `limits.TIME_LIMIT` seconds per file, fed one file
after another over a pipe; this process checks each report while the worker reads the next, and
gives the results in input order. A hostile file is refused with one error line, never a hang: a
file over a limit, or one that kills its worker, is refused with the limit's reason and the worker
is replaced for the files after it.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import click

from gongkai import limits
from gongkai.annual.checks import Finding, check, check_series
from gongkai.annual.model import Report, to_dict

#: exit status when some file could not be (fully) read
EXIT_UNREADABLE = 2
#: beyond this many files a progress bar is shown (on a terminal)
PROGRESS_FROM = 10


@dataclass
class Audited:
    source: str
    report: Report | None = None
    error: str | None = None
    findings: list[Finding] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        if self.report is None:
            return {"source": self.source, "error": self.error}
        out = to_dict(self.report, findings=[f.to_dict() for f in self.findings], source=self.source)
        out.pop("sections", None)
        if self.report.unplaced:
            out["unplaced"] = list(self.report.unplaced)
        if self.error:
            out["error"] = self.error
        return out


def _incomplete(report: Report) -> str | None:
    if not report.missing_cells:
        return None
    tables = sorted({t for t, _, _ in report.missing_cells})
    return f"incomplete table ({', '.join(tables)}): {len(report.missing_cells)} cells could not be read"


def _audited(path: str, outcome: tuple[bool, Any]) -> Audited:
    """One file's audit from what its worker answered: the report read, or why not."""
    from gongkai.annual.parse import ReadError

    ok, value = outcome
    if ok:
        return Audited(path, value, _incomplete(value), check(value))
    if isinstance(value, ReadError):
        return Audited(path, error=value.reason)
    if isinstance(value, limits.LimitExceeded):
        return Audited(path, error=str(value))
    # any other reader failure is this file's error, never a traceback
    return Audited(path, error=f"could not be read ({value.__class__.__name__}: {value})")


def jobs_for(jobs: int) -> int:
    """Worker processes for ``--jobs``: as asked, 0 meaning one per core this process may use."""
    if jobs > 0:
        return jobs
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def audit_files(
    paths: list[str],
    series: bool = False,
    progress=None,
    *,
    jobs: int = 1,
    seconds: float | None = None,
    reader: Callable[[str], Report] | None = None,
) -> list[Audited]:
    """Read and check every file; with ``series``, add the cross-year findings to the later year.

    The files are read by `jobs` long-lived bounded workers (`limits.WorkerPool`, no more than
    there are files), each file within `seconds` (`limits.TIME_LIMIT`); `reader` (`parse.read`)
    is what a worker does with one path, a module-level function. Results come in input order.
    """
    from gongkai.annual.parse import read

    budget = limits.TIME_LIMIT if seconds is None else seconds
    with limits.WorkerPool(min(jobs, len(paths)), seconds=budget) as pool:
        outcomes = pool.map(reader or read, paths)
        done = (_audited(path, outcome) for path, outcome in zip(paths, outcomes, strict=True))
        results = list(progress(done, len(paths)) if progress else done)
    if series:
        read_ok = [a for a in results if a.report is not None]
        for finding in check_series([a.report for a in read_ok if a.report]):
            target = next(
                (a for a in read_ok if a.report and a.report.year == finding.where.get("year")), None
            )
            if target is not None:
                target.findings.append(finding)
    return results


# --- the readable form ------------------------------------------------------------------------


def _short(label: str) -> str:
    """A row label without its explanatory parenthesis: （二）部分公开（区分处理的…） → （二）部分公开."""
    cut = label.find("（", 1)
    return label[:cut] if cut > 0 else label


_SEVERITY_ZH = {"error": "[red]错误[/red]", "warning": "[yellow]提示[/yellow]"}


def _show(console, audited: Audited) -> None:
    from rich.table import Table as RichTable

    from gongkai.annual.formats import FORMATS

    console.rule(audited.source)
    if audited.report is None:
        console.print(f"[red]无法读取：[/red]{audited.error}")
        return
    r = audited.report
    era = {"2021": "2021年版格式", "2019": "2019年版格式", "2008": "2019年以前的格式"}[r.era]
    console.print(
        f"机关：{r.agency or '（未识别）'}　年度：{r.year or '（未识别）'}　格式：{era}　"
        f"发布日期：{r.published.isoformat() if r.published else '（未识别）'}"
    )
    fmt = FORMATS[r.era]
    for table in fmt.tables:
        values = r.values(table.key)
        if not values:
            continue
        if table.columns:
            grid = RichTable(title=table.title, title_justify="left")
            grid.add_column("项目", no_wrap=True, max_width=18)
            for col in table.columns:
                grid.add_column(col.label, justify="right")
            for row in table.rows:
                if row.key in values:
                    cells = values[row.key]
                    grid.add_row(_short(row.label), *(str(cells.get(c.key, "")) for c in table.columns))
        else:  # section 二: every row has its own columns
            grid = RichTable(title=table.title, title_justify="left")
            grid.add_column("项目", no_wrap=True)
            grid.add_column("数值")
            for row in table.rows:
                if row.key in values:
                    cells = values[row.key]
                    shown = "；".join(
                        f"{c.label} {cells[c.key]}" for c in table.columns_of(row) if c.key in cells
                    )
                    grid.add_row(_short(row.label), shown)
        console.print(grid)
    for text in r.unplaced:
        console.print(f"[yellow]未能归位的内容：[/yellow]{text}")
    if not audited.findings:
        console.print("[green]未发现问题。[/green]")
    for f in audited.findings:
        console.print(f"{_SEVERITY_ZH[f.severity]} {f.code}：{f.message}")


@click.command()
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--json", "as_json", is_flag=True, help="Print the JSON contract of shared/spec instead of tables."
)
@click.option(
    "--series", is_flag=True, help="The files are consecutive years of one agency: add cross-year checks."
)
@click.option("-r", "--recursive", is_flag=True, help="Read the reports in the folders' subfolders too.")
@click.option(
    "--to", "target", help="Write a spreadsheet instead: csv | xlsx (one row per report, and every cell)."
)
@click.option("-o", "--output", help="The spreadsheet to write (with --to).")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Worker processes reading the files at once (0: one per core).",
)
def audit(
    files: tuple[str, ...],
    as_json: bool,
    series: bool,
    recursive: bool,
    target: str | None,
    output: str | None,
    jobs: int,
) -> None:
    """Read published annual reports (text, HTML, Word, PDF, Excel, JSON; files or folders) and check them."""
    from gongkai.annual import batch

    if target is not None and target not in ("csv", "xlsx"):
        raise click.UsageError(f"--to must be csv or xlsx, not {target!r}")
    if target is not None and not output:
        raise click.UsageError("--to needs --output FILE")
    paths = batch.expand(files, recursive)
    if not paths:
        click.echo("gongkai: no report files found in the folders given", err=True)
        sys.exit(EXIT_UNREADABLE)
    progress = None
    if len(paths) > PROGRESS_FROM and sys.stderr.isatty():
        from rich.console import Console
        from rich.progress import track

        def progress(results, total):
            return track(
                results, total=total, description="读取年度报告", console=Console(stderr=True), transient=True
            )

    results = audit_files(paths, series=series, progress=progress, jobs=jobs_for(jobs))
    if target is not None and output:
        try:
            written = batch.write(results, target, output)
        except OSError as exc:
            click.echo(f"gongkai: cannot write {output}: {exc.strerror or exc}", err=True)
            sys.exit(EXIT_UNREADABLE)
        click.echo(f"{len(results)} reports audited; written: {', '.join(written)}", err=True)
    elif as_json:
        click.echo(json.dumps([a.to_dict() for a in results], ensure_ascii=False, indent=2))
    else:
        from rich.console import Console

        console = Console()
        for audited in results:
            _show(console, audited)
    failed = [a for a in results if a.error]
    for a in failed:
        click.echo(f"gongkai: {a.source}: {a.error}", err=True)
    if failed:
        sys.exit(EXIT_UNREADABLE)
