"""`gongkai report audit` on hostile files: each is refused in seconds with one English line and
exit status 2, whatever reader it reaches; a normal report is still read in the child process."""

from __future__ import annotations

import json
import time

import pytest
from click.testing import CliRunner

from gongkai.annual.parse import ReadError, read_document, read_isolated
from gongkai.cli import cli
from tests.screening import hostile

MiB = hostile.MiB


@pytest.fixture(scope="module")
def hostile_reports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile-reports")
    deep = folder / "deep.html"
    deep.write_text(
        f"<html><body><p>2023年政府信息公开工作年度报告</p>{hostile.deep_html(300)}</body></html>"
    )
    return {
        "docx": hostile.docx_bomb(folder / "bomb.docx", 60 * MiB),
        "liar": hostile.docx_lying_about_its_size(folder / "liar.docx", 20 * MiB),
        "pdf": hostile.pdf_deflate_bomb(folder / "bomb.pdf"),
        "txt": hostile.big_text(folder / "big.txt", 20 * MiB),
        "html": deep,
    }


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("docx", "word/document.xml inflates to more than 48 MB"),
        ("liar", "not a readable Word .docx file (BadZipFile)"),
        ("pdf", "PDF stream inflates to more than 16 MB"),
        ("txt", "text file larger than 16 MB"),
        ("html", "HTML nested deeper than 255 elements"),
    ],
)
def test_each_hostile_report_is_refused_quickly_with_its_reason(hostile_reports, kind, reason):
    started = time.monotonic()
    with pytest.raises(ReadError) as refused:
        read_document(hostile_reports[kind])
    assert reason in refused.value.reason
    assert time.monotonic() - started < 2


def test_audit_gives_one_line_per_hostile_file_and_exit_2(hostile_reports):
    paths = [str(p) for p in hostile_reports.values()]
    started = time.monotonic()
    result = CliRunner().invoke(cli, ["report", "audit", "--json", *paths])
    assert time.monotonic() - started < 5 * len(paths)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == len(paths) and all(line.startswith("gongkai: ") and line.isascii() for line in lines)
    assert [d["source"] for d in json.loads(result.stdout) if d.get("error")] == paths


def test_text_beyond_the_report_budget_is_refused(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("2023年政府信息公开工作年度报告\n" + "本机关依法公开政府信息。\n" * 100_000)
    with pytest.raises(ReadError, match="characters of text"):
        read_document(path)


def test_a_seed_reads_the_same_in_the_child_process(seeds_dir):
    from gongkai.annual.parse import read

    path = seeds_dir / "004_6e55085021e6342f.txt"
    assert read_isolated(path) == read(path)


def test_hostile_files_between_reports_leave_the_reports_read_by_the_same_worker(hostile_reports, seeds_dir):
    from gongkai.annual.audit import audit_files
    from gongkai.annual.parse import read

    seeds = sorted(str(p) for p in seeds_dir.glob("*.txt"))
    paths = [p for pair in zip(seeds, map(str, hostile_reports.values()), strict=True) for p in pair]
    results = audit_files(paths)
    assert [a.source for a in results] == paths
    assert [a.report is None for a in results] == [False, True] * len(seeds)
    assert [a.report for a in results[::2]] == [read(p) for p in seeds]
