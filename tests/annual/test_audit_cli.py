"""`gongkai report audit`: the JSON contract, exit statuses, one stderr line per bad file, --series."""

from __future__ import annotations

import json
import zipfile

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.cli import cli
from tests.annual.test_parse_text import SHAPES

SEED_FACTS = [
    ("000_69e293b2d5903820.txt", "张店区民政局", 2017, "2008", None),
    ("001_c94faf85e129d082.txt", "漳平市民政局", 2017, "2008", "2018-01-05"),
    ("002_9d95345f879c4801.txt", "聊城市民政局", 2020, "2019", None),
    ("003_1e04eba79b283af5.txt", "旅顺口区民政局", 2018, "2008", "2019-03-22"),
    ("004_6e55085021e6342f.txt", "台儿庄区民政局", 2023, "2021", "2024-01-16"),
]


def run(*args):
    return CliRunner().invoke(cli, ["report", "audit", *map(str, args)])


def test_seeds_json_contract(seeds_dir):
    paths = [seeds_dir / name for name, *_ in SEED_FACTS]
    result = run(*paths, "--json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert [(d["source"], d["agency"], d["year"], d["era"], d["published"]) for d in data] == [
        (str(p), agency, year, era, published)
        for p, (_, agency, year, era, published) in zip(paths, SEED_FACTS, strict=True)
    ]
    by_name = {d["source"].rsplit("/", 1)[-1]: d for d in data}
    assert by_name["004_6e55085021e6342f.txt"]["applications"]["new"] == {
        "natural_person": 0, "commercial": 0, "research": 0, "nonprofit": 0, "legal_service": 0, "other_org": 0, "total": 0,
    }  # fmt: skip
    assert by_name["002_9d95345f879c4801.txt"]["proactive"]["procurement"] == {"items": 11, "amount": 434.936}
    assert by_name["001_c94faf85e129d082.txt"]["legacy"]["proactive_total"] == {"year": 23, "cumulative": 429}
    assert (
        "proactive" not in by_name["001_c94faf85e129d082.txt"]
    )  # keys the report does not contain are omitted
    for d in data:
        assert [f for f in d["findings"] if f["severity"] == "error"] == []
        for f in d["findings"]:
            assert set(f) == {"code", "severity", "message", "where"}


@pytest.fixture
def bad_files(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.bin"
    binary.write_bytes(bytes(range(256)) * 8)
    prose = tmp_path / "notice.txt"
    prose.write_text("关于端午节放假安排的通知\n各单位：端午节放假一天。\n", encoding="utf-8")
    archive = tmp_path / "data.docx"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("data.csv", "a,b\n")
    truncated = tmp_path / "truncated.txt"
    text = SHAPES["tabs"]
    truncated.write_text(text[: text.index("（五）不予处理")], encoding="utf-8")
    return {"empty": empty, "binary": binary, "prose": prose, "archive": archive, "truncated": truncated}


def test_bad_files_exit_2_with_one_line_each_and_the_rest_still_reported(seeds_dir, bad_files, tmp_path):
    good = seeds_dir / "004_6e55085021e6342f.txt"
    missing = tmp_path / "missing.txt"
    files = [
        bad_files["empty"],
        good,
        bad_files["binary"],
        bad_files["prose"],
        bad_files["archive"],
        missing,
        bad_files["truncated"],
    ]
    result = run(*files, "--json")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 6
    for path, line in zip([f for f in files if f != good], lines, strict=True):
        assert line.startswith(f"gongkai: {path}: ")
    assert "Traceback" not in result.output
    data = json.loads(result.stdout)
    assert [d["source"] for d in data] == [str(f) for f in files]
    assert data[0] == {"source": str(bad_files["empty"]), "error": "empty file"}
    assert data[1]["agency"] == "台儿庄区民政局" and "error" not in data[1]
    assert "binary" in data[2]["error"]
    assert "not a government information disclosure annual report" in data[3]["error"]
    assert "not a Word" in data[4]["error"]
    assert data[5]["error"] == "no such file"
    # a cut-off table: every value read is still reported, with findings saying what is missing
    truncated = data[6]
    assert truncated["applications"]["granted"]["total"] == 6
    assert "incomplete table" in truncated["error"]
    assert "TABLE_INCOMPLETE" in [f["code"] for f in truncated["findings"]]


def test_readable_output_in_chinese(seeds_dir):
    result = run(seeds_dir / "003_1e04eba79b283af5.txt", seeds_dir / "002_9d95345f879c4801.txt")
    assert result.exit_code == 0
    assert "旅顺口区民政局" in result.stdout
    assert "BLANK_CELL" in result.stdout and "单元格留空" in result.stdout
    assert "收到和处理政府信息公开申请情况" in result.stdout
    assert "434.936" in result.stdout


def test_readable_output_names_unreadable_files(bad_files):
    result = run(bad_files["empty"])
    assert result.exit_code == 2
    assert "无法读取" in result.stdout
    assert result.stderr.strip() == f"gongkai: {bad_files['empty']}: empty file"


def test_series_adds_cross_year_findings_to_the_later_year(tmp_path):
    earlier = (
        SHAPES["tabs"]
        .replace("2023年政府信息公开", "2022年政府信息公开")
        .replace("2024年1月16日", "2023年1月16日")
    )
    carried = "四、结转下年度继续办理\t1\t0\t0\t0\t0\t0\t1"
    assert carried in earlier
    (tmp_path / "2022.txt").write_text(
        earlier.replace(carried, carried.replace("\t1", "\t2")), encoding="utf-8"
    )
    (tmp_path / "2023.txt").write_text(SHAPES["tabs"], encoding="utf-8")
    plain = json.loads(run(tmp_path / "2023.txt", tmp_path / "2022.txt", "--json").stdout)
    assert all(f["code"] != "CROSS_YEAR_CARRY" for d in plain for f in d["findings"])
    result = run(tmp_path / "2023.txt", tmp_path / "2022.txt", "--json", "--series")
    data = json.loads(result.stdout)
    later = data[0]
    carry = [f for f in later["findings"] if f["code"] == "CROSS_YEAR_CARRY"]
    assert carry and carry[0]["where"]["previous_year"] == 2022
    assert all(f["code"] != "CROSS_YEAR_CARRY" for f in data[1]["findings"])


def test_no_file_is_a_usage_error():
    result = run()
    assert result.exit_code == 2


def test_truncated_word_file_and_image_only_pdf(tmp_path):
    import io

    import docx
    import weasyprint

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    cut = tmp_path / "report.docx"
    cut.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    scan = tmp_path / "scan.pdf"
    weasyprint.HTML(
        string="<html><body><div style='height:5cm;background:#ccc'></div></body></html>"
    ).write_pdf(scan)
    renamed = tmp_path / "scan.txt"  # the content decides, not the extension
    renamed.write_bytes(scan.read_bytes())
    result = run(cut, scan, renamed, "--json")
    assert result.exit_code == 2
    errors = [d["error"] for d in json.loads(result.stdout)]
    assert "truncated or damaged" in errors[0]
    assert "image-only PDF" in errors[1] and "image-only PDF" in errors[2]
    assert len(result.stderr.splitlines()) == 3


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig"])
def test_text_encodings_are_sniffed(seeds_dir, tmp_path, encoding):
    from gongkai.annual.parse import read

    seed = seeds_dir / "004_6e55085021e6342f.txt"
    copy = tmp_path / "report.dat"
    copy.write_bytes(seed.read_text(encoding="utf-8").encode(encoding))
    original, back = read(seed), read(copy)
    assert (back.agency, back.year, back.era, back.published) == (
        original.agency,
        original.year,
        original.era,
        original.published,
    )
    assert back.applications == original.applications and back.proactive == original.proactive


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_are_a_report_or_a_read_error(data):
    import tempfile

    from gongkai.annual.parse import ReadError, read

    with tempfile.NamedTemporaryFile(suffix=".txt") as fh:
        fh.write(data)
        fh.flush()
        try:
            read(fh.name)
        except ReadError as exc:
            assert exc.reason and "\n" not in exc.reason
