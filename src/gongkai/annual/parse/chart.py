"""The figures a 图解 chart (SVG, `gongkai.annual.render.charts`) prints, read back from the file.

A chart is not a report: it draws some of a report's figures (applications by outcome and by
applicant type, section 二), not its tables, so `gongkai report audit` does not take it. What can
be checked is that every figure it prints is the report's: matplotlib writes each text it draws as
glyph outlines preceded by the text itself in a comment, and the chart gives the group of each
panel title, bar label and printed figure an id (``gk-panel-P``, ``gk-label-P-I``,
``gk-value-P-I``). `read` collects them; `mismatches` compares them with a report's figures.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml import etree

from gongkai import limits
from gongkai.annual.model import Report

_ID = re.compile(r"gk-(panel|label|value)-(\d+)(?:-(\d+))?")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
#: a chart is a few hundred kB; a larger file is no chart of ours
MAX_CHART_BYTES = 8 * limits.MiB

Panel = tuple[str, list[tuple[str, str]]]


class ChartError(ValueError):
    """A file that is no chart with readable figures."""


def _text(group) -> str | None:
    for node in group:
        if node.tag is etree.Comment:
            return (node.text or "").strip()
    return None


def read(data: bytes) -> list[Panel]:
    """(title, [(label, printed figure), …]) of every bar panel, in the chart's order."""
    if len(data) > MAX_CHART_BYTES:
        raise ChartError(f"larger than {MAX_CHART_BYTES // limits.MiB} MB")
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise ChartError(f"not an SVG file ({exc.__class__.__name__})") from None
    titles: dict[int, str] = {}
    parts: dict[tuple[int, int], dict[str, str]] = {}
    for group in root.iter("{http://www.w3.org/2000/svg}g"):
        m = _ID.fullmatch(group.get("id", ""))
        text = _text(group) if m else None
        if m is None or text is None:
            continue
        kind, panel = m.group(1), int(m.group(2))
        if kind == "panel":
            titles[panel] = text
        elif m.group(3) is not None:
            parts.setdefault((panel, int(m.group(3))), {})[kind] = text
    if not titles:
        raise ChartError("no figures found (not a chart of ours, or drawn without its ids)")
    out: list[Panel] = []
    for panel in sorted(titles):
        items = sorted((i, p) for (n, i), p in parts.items() if n == panel)
        out.append((titles[panel], [(p.get("label", ""), p.get("value", "")) for _, p in items]))
    return out


def mismatches(report: Report, panels: Sequence[Panel]) -> list[str]:
    """Where the chart's printed figures differ from `report`'s (empty when they agree)."""
    from gongkai.annual.render.charts import bar_panels, figure_text

    expected = [
        (title, [(label, figure_text(v)) for label, v in items]) for title, items in bar_panels(report)
    ]
    out = []
    if [t for t, _ in expected] != [t for t, _ in panels]:
        out.append(f"panels: chart has {[t for t, _ in panels]}, report gives {[t for t, _ in expected]}")
    for (title, want), (_, got) in zip(expected, panels, strict=False):
        if want != got:
            wrong = [
                f"{a} {b} ≠ {c} {d}" for (a, b), (c, d) in zip(want, got, strict=False) if (a, b) != (c, d)
            ]
            out.append(f"{title}: {'; '.join(wrong) or f'{len(got)} bars, report gives {len(want)}'}")
    return out
