"""图解 read back: every figure a chart prints (bar labels and their figures, by panel) is the
report's; a changed figure is found; a file that is no chart of ours is refused."""

from __future__ import annotations

import copy

import pytest

from gongkai.annual.parse import chart
from gongkai.annual.render import charts
from tests.annual.report_models import realistic


@pytest.mark.parametrize("era", ["2021", "2019", "2008"])
def test_every_printed_figure_is_the_reports(era):
    report = realistic(era)
    panels = chart.read(charts.render([report], "svg"))
    assert [title for title, _ in panels] == [title for title, _ in charts.bar_panels(report)]
    assert chart.mismatches(report, panels) == []


def test_the_figures_read_are_the_tables_cells():
    report = realistic("2021")
    panels = dict(chart.read(charts.render([report], "svg")))
    outcomes = dict(panels["办理结果（件）"])
    assert outcomes["（一）予以公开"] == str(report.applications["granted"]["total"]) == "7"
    assert dict(panels["本年新收申请·申请人类型（件）"])["商业企业"] == str(
        report.applications["new"]["commercial"]
    )
    assert dict(panels["主动公开"])["行政规范性文件·现行有效件数"] == "12"


def test_a_decrease_is_printed_too():
    """Era 2019's 本年增/减 may be negative: its bar and figure are drawn left of 0, not cut off."""
    report = realistic("2019")
    figures = dict(dict(chart.read(charts.render([report], "svg")))["主动公开"])
    assert figures["行政事业性收费·本年增/减"] == "-1"


def test_a_chart_of_several_years_prints_the_latest_reports_figures():
    now = realistic("2021")
    before = copy.deepcopy(now)
    before.year = now.year - 1
    before.applications["granted"]["total"] = 3
    panels = chart.read(charts.render([before, now], "svg"))
    assert chart.mismatches(now, panels) == []
    assert chart.mismatches(before, panels) == ["办理结果（件）: （一）予以公开 3 ≠ （一）予以公开 7"]


def test_files_that_are_no_chart_of_ours_are_refused():
    with pytest.raises(chart.ChartError, match="no figures"):
        chart.read(b'<svg xmlns="http://www.w3.org/2000/svg"><g id="text_1"><!-- 7 --></g></svg>')
    with pytest.raises(chart.ChartError, match="not an SVG"):
        chart.read(b"<svg")
    with pytest.raises(chart.ChartError, match="no figures"):
        chart.read(
            b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>'
        )
