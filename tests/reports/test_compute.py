"""`gongkai report compute` writes the computed tables as JSON, Word and Excel."""

from __future__ import annotations

import json

from click.testing import CliRunner

from gongkai.reports.cli import compute


def test_cli_compute_json_docx_xlsx(records, agencies, tmp_path):

    runner = CliRunner()
    result = runner.invoke(compute, ["--agency", agencies.dept.org_code, "--year", "2025"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["applications"]["new"]["total"] == 4 and data["appeals"]["review"]["upheld"] == 1
    for fmt in ("docx", "xlsx"):
        out = tmp_path / f"r.{fmt}"
        result = runner.invoke(compute, ["--agency", "台儿庄区民政局", "--year", "2025", "--to", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 1000
    import docx

    text = "\n".join(c.text for t in docx.Document(tmp_path / "r.docx").tables for row in t.rows for c in row.cells)
    assert "部分公开" in text


def test_cli_compute_bad_agency_is_one_line(db):

    result = CliRunner().invoke(compute, ["--agency", "nope", "--year", "2025"], standalone_mode=True)
    assert result.exit_code == 2 and "no agency" in result.output


def test_build_reports_for_many_agencies_equals_one_by_one(records, agencies):
    from gongkai.annual.model import to_dict
    from gongkai.reports.compute import build_report, build_reports

    every = [agencies.dept, agencies.dept2, agencies.gov]
    many = build_reports(every, 2025)
    for agency in every:
        assert to_dict(many[agency.pk]) == to_dict(build_report(agency, 2025))
    assert many[agencies.dept.pk].applications["new"]["total"] == 4
    assert many[agencies.dept2.pk].applications["new"]["total"] == 0
