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
