"""Markdown and JSON rendering."""

from __future__ import annotations

import pytest

from gongkai.annual.model import loads
from gongkai.annual.render import json as render_json
from gongkai.annual.render import markdown
from tests.annual.report_models import realistic, same_model


@pytest.mark.parametrize("era", ["2021", "2019", "2008"])
def test_json_is_the_model(era):
    report = realistic(era)
    again = loads(render_json.render(report))
    assert same_model(report, again) == {}
    assert again.published == report.published and again.sections == report.sections


@pytest.mark.parametrize("era", ["2021", "2019", "2008"])
def test_markdown_tables_are_padded_pipe_rows(era):
    text = markdown.render(realistic(era))
    assert text.startswith("# 台儿庄区民政局")
    tables: list[list[str]] = []
    previous = ""
    for line in text.splitlines():
        if line.startswith("|"):
            if not previous.startswith("|"):
                tables.append([])
            tables[-1].append(line)
        previous = line
    assert len(tables) == {"2021": 3, "2019": 3, "2008": 1}[era]
    for rows in tables:
        assert len({row.count(" | ") for row in rows}) == 1  # every row as wide as the grid
        assert set(rows[1].replace("|", "").split()) == {"---"}


def test_markdown_sections_and_values():
    text = markdown.render(realistic("2021"))
    assert "## 三、收到和处理政府信息公开申请情况" in text
    assert "| 一、本年新收政府信息公开申请数量 |  |  | 9 | 2 | 0 | 0 | 1 | 0 | 12 |" in text
    assert "| 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 1 | 1 | 0 | 0 | 0 | 0 | 0 |" in text
