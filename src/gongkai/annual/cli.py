"""`gongkai report …`: audit published reports, render and fill in report models, compute them from records."""

from __future__ import annotations

import click

from gongkai.cli import LazyGroup

REPORT_COMMANDS = {
    "audit": "gongkai.annual.audit:audit",
    "render": "gongkai.annual.render.cli:render",
    "template": "gongkai.annual.render.cli:template",
    "compute": "gongkai.reports.cli:compute",
}


@click.group(cls=LazyGroup, lazy_commands=REPORT_COMMANDS)
def report() -> None:
    """Annual reports (政府信息公开工作年度报告): audit, render, template, compute."""
