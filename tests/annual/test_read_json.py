"""The auditor reads the JSON contract (our JSON export) back: the same model, checked like any
report; an object breaking the contract is refused with the reason; other JSON is no report."""

from __future__ import annotations

import json

import pytest

from gongkai.annual.checks import check
from gongkai.annual.parse import ReadError, read
from gongkai.annual.render import json as json_render
from tests.annual.report_models import realistic, same_model


@pytest.mark.parametrize("era", ["2021", "2019", "2008"])
def test_our_json_export_reads_back_to_the_same_model(tmp_path, era):
    report = realistic(era)
    path = tmp_path / "report.json"
    path.write_text(json_render.render(report), encoding="utf-8")
    back = read(path)
    assert same_model(report, back) == {}
    assert (back.agency, back.year, back.published) == (report.agency, report.year, report.published)
    assert [f.code for f in check(back) if f.severity == "error"] == []


def test_a_figure_broken_in_the_json_is_found_by_the_checks(tmp_path):
    data = json.loads(json_render.render(realistic("2021")))
    data["applications"]["new"]["total"] += 1
    path = tmp_path / "report.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert "APP_ROW_SUM" in [f.code for f in check(read(path))]


def test_an_object_breaking_the_contract_is_refused_with_the_reason(tmp_path):
    data = json.loads(json_render.render(realistic("2021")))
    data["applications"]["new"]["bogus"] = 1
    path = tmp_path / "report.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ReadError, match="JSON not in the report contract.*unknown column 'bogus'"):
        read(path)


def test_other_json_is_no_report(tmp_path):
    path = tmp_path / "data.json"
    path.write_text('{"name": "通知", "items": [1, 2]}', encoding="utf-8")
    with pytest.raises(ReadError, match="not a government information disclosure annual report"):
        read(path)
