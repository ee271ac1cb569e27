"""`gongkai report render` and `gongkai report template`."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from gongkai.annual.model import dumps, loads
from gongkai.cli import cli
from tests.annual.report_models import realistic, same_model


@pytest.fixture
def model(tmp_path):
    path = tmp_path / "model.json"
    path.write_text(dumps(realistic("2021")), encoding="utf-8")
    return path


def run(*args):
    return CliRunner().invoke(cli, ["report", *map(str, args)])


@pytest.mark.parametrize(
    ("target", "magic"),
    [("docx", b"PK"), ("xlsx", b"PK"), ("html", b"<!DOCTYPE html>"), ("md", b"# "), ("json", b"{"),
     ("svg", b"<?xml"), ("png", b"\x89PNG")],
)  # fmt: skip
def test_render_every_target(model, tmp_path, target, magic):
    out = tmp_path / f"out.{target}"
    result = run("render", model, "--to", target, "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(magic)


def test_text_targets_go_to_stdout(model):
    result = run("render", model, "--to", "md")
    assert result.exit_code == 0 and result.output.startswith("# 台儿庄区民政局2023年")


def test_several_models_make_a_year_over_year_chart(model, tmp_path):
    earlier = realistic("2021")
    earlier.year = 2022
    other = tmp_path / "2022.json"
    other.write_text(dumps(earlier), encoding="utf-8")
    result = run("render", model, other, "--to", "svg", "-o", tmp_path / "c.svg")
    assert result.exit_code == 0, result.output
    svg = (tmp_path / "c.svg").read_text()
    assert "<!-- 历年对比 -->" in svg and "<!-- 2022年 -->" in svg  # glyphs drawn as paths, text in comments


def test_template_is_an_empty_model(tmp_path):
    out = tmp_path / "t.json"
    result = run("template", "--era", "2019", "--agency", "某局", "--year", "2020", "-o", out)
    assert result.exit_code == 0, result.output
    report = loads(out.read_text(encoding="utf-8"))
    assert (report.era, report.agency, report.year) == ("2019", "某局", 2020)
    assert report.applications["new"]["total"] == 0 and "other" in report.applications
    stdout = run("template")
    assert json.loads(stdout.output)["era"] == "2021"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("render", "missing.json", "--to", "docx", "-o", "x.docx"), "missing.json: no such file"),
        (("render", "{model}", "--to", "pdf", "-o", "x"), "--to must be one of"),
        (("render", "{model}", "--to", "docx"), "binary file: give -o FILE"),
        (("render", "{model}", "{model}", "--to", "html"), "several models can only be charted"),
        (("render", "{bad_json}", "--to", "md"), "invalid JSON"),
        (("render", "{bad_row}", "--to", "md"), "unknown row 'bogus'"),
        (("render", "{bad_column}", "--to", "md"), "unknown column 'typo'"),
        (("render", "{bad_era}", "--to", "md"), "'era' must be one of"),
        (("render", "{a_list}", "--to", "md"), "a report model is a JSON object"),
        (("template", "--era", "1999"), "--era must be one of 2021, 2019, 2008"),
        (("template", "--year", "二〇二三"), "--year must be a year such as 2023"),
        (("render", "--to", "docx"), "give the report model to render"),
        (("render", "{model}"), "--to must be one of docx, xlsx, html, md, json, svg, png"),
        (("template", "--era", "2019", "--year", "2023"), "a 2023 report does not use the 2019 format"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(model, tmp_path, args, message):
    files = {
        "bad_json": "{oops",
        "bad_row": '{"era": "2021", "applications": {"bogus": {"total": 1}}}',
        "bad_column": '{"era": "2021", "appeals": {"review": {"typo": 1}}}',
        "bad_era": '{"era": "1999"}',
        "a_list": "[]",
    }
    paths = {"model": model}
    for name, text in files.items():
        paths[name] = tmp_path / f"{name}.json"
        paths[name].write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["report", *(a.format(**paths) for a in args)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("gongkai: ") and message in lines[0]
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_json_target_round_trips(model):
    result = run("render", model, "--to", "json")
    assert same_model(loads(result.output), realistic("2021")) == {}
