"""`gongkai report render` and `gongkai report template`: report models (JSON) to published forms.

Bad input — a missing or unreadable file, invalid JSON, an unknown era, row or column — is one
line on stderr and exit status 2 (`CliError`), never a traceback.
"""

from __future__ import annotations

import json
from decimal import Decimal
from importlib import import_module
from pathlib import Path

import click

from gongkai.cli import CliError

#: --to → (renderer module, binary output)
TARGETS = {
    "docx": ("gongkai.annual.render.docx", True),
    "xlsx": ("gongkai.annual.render.xlsx", True),
    "html": ("gongkai.annual.render.html", False),
    "md": ("gongkai.annual.render.markdown", False),
    "json": ("gongkai.annual.render.json", False),
    "svg": ("gongkai.annual.render.charts", False),
    "png": ("gongkai.annual.render.charts", True),
}
CHARTS = ("svg", "png")


def load_model(path: str):
    """A report model from a JSON file, every failure as a one-line CliError naming the file."""
    from gongkai.annual.model import from_dict

    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CliError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CliError(f"{path}: cannot read the file ({exc.__class__.__name__})") from None
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise CliError(f"{path}: invalid JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(data, dict):
        raise CliError(f"{path}: a report model is a JSON object, not {type(data).__name__}")
    try:
        return from_dict(data)
    except (ValueError, TypeError, KeyError) as exc:
        raise CliError(f"{path}: {exc}") from None


def _emit(content: str | bytes, output: str | None, binary: bool, target: str) -> None:
    if output is None or output == "-":
        if binary:
            raise CliError(f"--to {target} writes a binary file: give -o FILE")
        click.echo(content, nl=False)
        return
    try:
        if isinstance(content, bytes):
            Path(output).write_bytes(content)
        else:
            Path(output).write_text(content, encoding="utf-8")
    except OSError as exc:
        raise CliError(f"{output}: cannot write ({exc.strerror or exc.__class__.__name__})") from None


@click.command()
@click.argument("models", nargs=-1, metavar="MODEL.json...")
@click.option("--to", "target", help="docx | xlsx | html | md | json | svg | png (required)")
@click.option("-o", "--output", help="the file to write (text formats go to stdout without it)")
def render(models: tuple[str, ...], target: str | None, output: str | None) -> None:
    """Render a report model as Word, Excel, HTML, Markdown, JSON or a chart (图解).

    Several models are accepted for charts only: they are the years of one agency, drawn year
    over year.
    """
    if not models:
        raise CliError("give the report model to render: gongkai report render MODEL.json --to FORMAT")
    if target not in TARGETS:
        raise CliError(f"--to must be one of {', '.join(TARGETS)}" + (f", not {target!r}" if target else ""))
    if len(models) > 1 and target not in CHARTS:
        raise CliError(f"several models can only be charted (--to svg or png), not rendered as {target}")
    reports = [load_model(path) for path in models]
    module_name, binary = TARGETS[target]
    module = import_module(module_name)
    try:
        content = module.render(reports, target) if target in CHARTS else module.render(reports[0])
    except ValueError as exc:
        raise CliError(f"{models[0]}: {exc}") from None
    _emit(content, output, binary, target)


@click.command()
@click.option("--era", default="2021", show_default=True, help="2021 | 2019 | 2008")
@click.option("--agency", help="the agency's name (机关名称)")
@click.option("--year", help="the report year")
@click.option("-o", "--output", help="the file to write (stdout without it)")
def template(era: str, agency: str | None, year: str | None, output: str | None) -> None:
    """Write an empty report model of an era (every table cell 0) to fill in, as JSON."""
    from gongkai.annual.formats import ERAS, FORMATS
    from gongkai.annual.model import dumps
    from gongkai.annual.model import template as empty

    if era not in ERAS:
        raise CliError(f"--era must be one of {', '.join(ERAS)}, not {era!r}")
    if year is not None and not year.isdigit():
        raise CliError(f"--year must be a year such as 2023, not {year!r}")
    if year is not None and not FORMATS[era].covers(int(year)):
        raise CliError(f"a {year} report does not use the {era} format")
    report = empty(era)
    report.agency, report.year = agency, int(year) if year is not None else None
    _emit(dumps(report) + "\n", output, False, "json")
