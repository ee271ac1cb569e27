"""Hostile files are refused quickly with a clear reason, by the screen, its command and the isolated
run; deeply nested HTML hides nothing; program-default authors are not personal data."""

from __future__ import annotations

import time

import pytest
from click.testing import CliRunner

from gongkai import limits
from gongkai.cli import cli
from gongkai.screening import ScreenError, screen_bytes, screen_file
from gongkai.screening.documents import screen_file_isolated
from gongkai.screening.markup import html_text, map_text

from . import hostile
from .conftest import make_docx

MiB = hostile.MiB


@pytest.fixture(scope="module")
def bombs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    return {
        "docx": hostile.docx_bomb(folder / "bomb.docx", 60 * MiB),
        "liar": hostile.docx_lying_about_its_size(folder / "liar.docx", 20 * MiB),
        "pdf": hostile.pdf_deflate_bomb(folder / "bomb.pdf"),
        "txt": hostile.big_text(folder / "big.txt", 20 * MiB),
    }


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("docx", "word/document.xml inflates to more than 48 MB"),
        ("liar", "word/document.xml is damaged (Bad CRC-32"),
        ("pdf", "PDF stream inflates to more than 16 MB"),
        ("txt", "text file larger than 16 MB"),
    ],
)
def test_hostile_files_are_refused_within_a_second_with_the_reason(bombs, kind, reason):
    started = time.monotonic()
    with pytest.raises(ScreenError, match=reason.replace("(", r"\(")) as refused:
        screen_file(bombs[kind])
    assert time.monotonic() - started < 1
    assert refused.value.zh and not refused.value.zh.isascii()  # the review screen shows Chinese


def test_a_docx_bomb_is_refused_by_its_declared_size_before_anything_is_inflated(bombs):
    with pytest.raises(limits.LimitExceeded, match="inflates to more than"):
        import zipfile

        limits.read_member(zipfile.ZipFile(bombs["docx"]), "word/document.xml")


def test_a_zip_member_that_lies_about_its_size_stops_at_the_declared_size(tmp_path):
    import zipfile

    path = hostile.docx_lying_about_its_size(tmp_path / "liar.docx", 4 * MiB)
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo("word/document.xml").file_size == 1024  # passes the declared check
        with pytest.raises(zipfile.BadZipFile, match="CRC"):  # zipfile stops at 1 KB, the CRC fails
            limits.read_member(archive, "word/document.xml", cap=2 * MiB)


def test_text_beyond_the_character_budget_refuses_the_document_instead_of_screening_half(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("a\n" * limits.MAX_TEXT_CHARS + "申请人身份证号370405195501011235\n")
    with pytest.raises(ScreenError, match="more than 3,000,000 characters"):
        screen_file(path)


def test_the_isolated_screen_gives_the_same_findings_and_the_same_refusals(docset, bombs):
    assert screen_file_isolated(docset.dirty["docx"]) == screen_file(docset.dirty["docx"])
    with pytest.raises(ScreenError, match="inflates to more than"):
        screen_file_isolated(bombs["docx"])


def test_isolation_stops_a_reader_that_runs_too_long_or_takes_too_much_memory():
    started = time.monotonic()
    with pytest.raises(limits.LimitExceeded, match="longer than 1 s") as slow:
        limits.isolated(time.sleep, 30, seconds=1)
    assert time.monotonic() - started < 5 and "秒" in slow.value.zh
    with pytest.raises(limits.LimitExceeded, match="more than 256 MB of memory"):
        limits.isolated(bytearray, 1024 * MiB, memory=256 * MiB)


def test_the_isolated_child_reads_the_moved_clock():
    import datetime as dt

    from gongkai import clock

    with clock.moved_to(dt.date(2031, 5, 6)):
        assert limits.isolated(clock.today) == dt.date(2031, 5, 6)


def test_command_refuses_a_bomb_with_one_english_line_and_exit_2(bombs):
    result = CliRunner().invoke(cli, ["screen", str(bombs["docx"]), str(bombs["pdf"])])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and all(line.startswith("gongkai: ") and line.isascii() for line in lines)
    assert "inflates to more than" in lines[0] and "PDF stream" in lines[1]


# --- HTML however deep -------------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [300, 3000, 100_000])
def test_text_nested_deeper_than_libxml2_reads_is_screened(depth):
    html = f"<html><body>{hostile.deep_html(depth)}</body></html>".encode()
    assert {f.kind for f in screen_bytes("deep.html", html)} == {"id_number", "mobile", "secret_word"}


def test_command_finds_personal_data_in_deeply_nested_html(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text(hostile.deep_html(300))
    result = CliRunner().invoke(cli, ["screen", "--json", str(path)])
    assert result.exit_code == 1 and "id_number" in result.stdout and "secret_word" in result.stdout


def test_html_text_keeps_blocks_on_lines_and_skips_scripts():
    body = "<p>第一段<b>加粗</b></p><script>var x = '机密';</script><ul><li>一</li><li>二</li></ul>甲<br>乙"
    assert html_text(body).splitlines() == ["第一段加粗", "一", "二", "甲", "乙"]


def test_hidden_text_inside_deep_nesting_is_found():
    html = "<div>" * 500 + '<span style="display:none">手机13912345678</span>' + "</div>" * 500
    kinds = [f.kind for f in screen_bytes("x.html", html.encode())]
    assert "hidden_text" in kinds and "mobile" in kinds


def test_map_text_rewrites_text_at_any_depth_and_keeps_the_markup():
    body = hostile.deep_html(400, "手机13912345678 &lt;b&gt;")
    out = map_text(body, lambda text: text.replace("13912345678", "139****5678"))
    assert "139****5678" in out and "13912345678" not in out
    assert out.count("<div>") == 400 and "&lt;b&gt;" in out  # entities stay escaped


# --- metadata ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("author", ["python-docx", "Microsoft Office User", "Administrator", "WPS", " user "])
def test_a_programs_default_author_is_not_personal_data(tmp_path, author):
    path = make_docx(tmp_path / "a.docx", ["通知"], author=author)
    assert [f for f in screen_file(path) if f.kind == "metadata"] == []


def test_a_persons_name_as_author_is_personal_data(tmp_path):
    path = make_docx(tmp_path / "a.docx", ["通知"], author="张三丰")
    assert {f.where for f in screen_file(path) if f.kind == "metadata"} == {
        "docProps/core.xml author",
        "docProps/core.xml last modified by",
    }


def test_openpyxl_as_creator_is_not_personal_data(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active["A1"] = "公开目录"
    wb.save(tmp_path / "a.xlsx")
    assert screen_file(tmp_path / "a.xlsx") == []


def test_a_workbook_too_large_to_screen_in_seconds_is_refused_at_once(tmp_path):
    path = hostile.xlsx_bomb(tmp_path / "名单.xlsx", 20 * MiB)  # under the member cap, over the sheets cap
    started = time.monotonic()
    with pytest.raises(ScreenError, match="worksheets inflate to more than 16 MB"):
        screen_file(path)
    assert time.monotonic() - started < 2


@pytest.mark.parametrize("unit", ["<a b='x", "<?", "<a", "</a", "<!"])
def test_malformed_markup_is_read_in_linear_time(unit):
    started = time.monotonic()
    findings = screen_bytes("x.html", (unit * 50_000 + "<p>手机13912345678</p>").encode())
    assert "mobile" in {f.kind for f in findings}
    assert time.monotonic() - started < 3  # Python 3.11's html.parser alone takes minutes
