"""图解: SVG and PNG charts of one report or several years, with a CJK font or without one."""

from __future__ import annotations

import copy

import pytest

from gongkai.annual.model import template
from gongkai.annual.render import charts
from tests.annual.report_models import realistic

PNG = b"\x89PNG\r\n\x1a\n"


def _titles(fig) -> list[str]:
    return [ax.get_title() for ax in fig.axes]


@pytest.mark.parametrize("era", ["2021", "2019", "2008"])
@pytest.mark.parametrize("fmt", ["svg", "png"])
def test_every_era_charts(era, fmt):
    data = charts.render([realistic(era)], fmt)
    assert data.startswith(PNG) if fmt == "png" else data.lstrip().startswith(b"<?xml") and b"<svg" in data


def test_panels_of_a_report():
    fig, _ = charts.figure([realistic("2021")])
    assert _titles(fig) == ["办理结果（件）", "本年新收申请·申请人类型（件）", "主动公开"]
    outcomes = dict(charts.outcomes(realistic("2021")))
    assert outcomes == {
        "（一）予以公开": 7,
        "（二）部分公开": 1,
        "（三）不予公开": 0,
        "（四）无法提供": 2,
        "（五）不予处理": 1,
        "（六）其他处理": 0,
    }
    assert dict(charts.applicants(realistic("2021")))["商业企业"] == 2
    assert ("行政规范性文件·现行有效件数", 12) in charts.proactive(realistic("2021"))
    assert all(
        label != "行政事业性收费·本年收费金额（单位：万元）"
        for label, _ in charts.proactive(realistic("2021"))
    )


def test_legacy_report_charts_its_facts():
    fig, _ = charts.figure([realistic("2008")])
    assert _titles(fig) == ["主要指标（本年度）"]
    assert ("主动公开文件数", 205) in charts.proactive(realistic("2008"))


def test_year_over_year_with_several_reports():
    earlier = realistic("2021")
    earlier.year = 2022
    earlier.applications = copy.deepcopy(earlier.applications)
    earlier.applications["new"]["total"] = 5
    years, series = charts.trends([realistic("2021"), earlier])
    assert years == [2022, 2023]
    assert dict(series)["本年新收申请"] == [5, 12]
    fig, _ = charts.figure([realistic("2021"), earlier])
    assert _titles(fig)[-1] == "历年对比"
    assert fig.axes[0].figure._suptitle.get_text().startswith("台儿庄区民政局2023年")


def test_series_across_eras_follows_the_keys_they_share():
    old, new = realistic("2008"), realistic("2021")
    years, series = charts.trends([old, new, realistic("2019")])
    assert years == [2015, 2020, 2023]
    assert dict(series)["本年新收申请"] == [None, 12, 12]


def test_cjk_font_is_found_and_used():
    assert charts.cjk_font() == "Noto Sans CJK SC"
    _, rc = charts.figure([realistic("2021")])
    assert rc["font.family"][0] == "Noto Sans CJK SC"


def test_without_a_cjk_font_it_still_renders(monkeypatch):
    monkeypatch.setattr(charts, "cjk_font", lambda: None)
    assert charts.render([realistic("2021")], "png").startswith(PNG)


def test_nothing_to_chart_is_an_error():
    empty = template("2008")
    empty.legacy = {}
    with pytest.raises(ValueError, match="no figures"):
        charts.figure([empty])
    with pytest.raises(ValueError, match="chart format"):
        charts.render([realistic("2021")], "gif")
