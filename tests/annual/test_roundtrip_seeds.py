"""Real published reports (the seeds), read, rendered again and read back: nothing is lost."""

from __future__ import annotations

import pytest

from gongkai.annual.parse import read
from gongkai.annual.render import docx, html, markdown
from tests.annual.report_models import same_model

SEEDS = ["000", "001", "002", "003", "004"]
WRITERS = {
    "docx": lambda report, path: path.write_bytes(docx.render(report)),
    "html": lambda report, path: path.write_text(html.render(report), encoding="utf-8"),
    "md": lambda report, path: path.write_text(markdown.render(report), encoding="utf-8"),
}


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_seed_survives_rendering(seeds_dir, tmp_path, seed, fmt):
    [source] = seeds_dir.glob(f"{seed}_*.txt")
    published = read(source)
    path = tmp_path / f"again.{fmt}"
    WRITERS[fmt](published, path)
    again = read(path)
    assert same_model(published, again) == {}
    assert again.published == published.published


def test_seed_004_renders_its_sections_and_agency(seeds_dir, tmp_path):
    [source] = seeds_dir.glob("004_*.txt")
    report = read(source)
    text = markdown.render(report)
    assert text.startswith("# 台儿庄区民政局2023年政府信息公开工作年度报告")
    assert "2024年1月16日" in text
    assert "“台儿庄民政”微信公众号" in text


def test_seed_004_signature_is_printed_once_and_not_in_section_six(seeds_dir):
    [source] = seeds_dir.glob("004_*.txt")
    report = read(source)
    assert report.sections["other"].endswith("予以报告的事项：无。")
    text = markdown.render(report)
    assert text.count("2024年1月16日") == 1
    assert text.count("台儿庄区民政局\n") == 1
    assert "— 3 —" not in text
