"""JSON: the model in the form of the spec's JSON contract (`gongkai.annual.model.dumps`)."""

from __future__ import annotations

from gongkai.annual.model import Report, dumps


def render(report: Report) -> str:
    return dumps(report) + "\n"
