"""The pre-publication screen catches each kind of finding in every format, and clean documents stay clean."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from gongkai.cli import cli
from gongkai.personal_data import luhn_ok
from gongkai.screening import KINDS, ScreenError, screen_bytes, screen_file, screen_text
from gongkai.screening.patterns import find, is_resident_id, mask_text

from .conftest import (
    ADDRESS,
    BANK_CARD,
    CLEAN_LINES,
    DIRTY_KINDS,
    EMAIL,
    ID_NUMBER,
    LANDLINE,
    MOBILE,
    valid_id,
)

PERSONAL_VALUES = [ID_NUMBER, BANK_CARD, MOBILE, LANDLINE, EMAIL, ADDRESS]


def kinds(findings) -> set[str]:
    return {f.kind for f in findings}


@pytest.mark.parametrize("fmt", ["txt", "html", "pdf"])
def test_text_formats_catch_every_kind_of_personal_data(docset, fmt):
    findings = screen_file(docset.dirty[fmt])
    assert kinds(findings) == DIRTY_KINDS


@pytest.mark.parametrize("fmt", ["txt", "html", "pdf", "docx", "xlsx"])
def test_clean_documents_are_clean(docset, fmt):
    assert screen_file(docset.clean[fmt]) == []


@pytest.mark.parametrize("fmt", ["txt", "html", "pdf"])
def test_excerpts_never_show_personal_data_in_clear(docset, fmt):
    shown = " ".join(f.excerpt for f in screen_file(docset.dirty[fmt]))
    for value in PERSONAL_VALUES:
        assert value not in shown


def test_where_names_the_line_and_page(docset):
    by_kind = {f.kind: f.where for f in screen_file(docset.dirty["txt"])}
    assert by_kind["id_number"] == "line 1"
    assert by_kind["secret_word"] == "line 7"
    pdf = {f.kind: f.where for f in screen_file(docset.dirty["pdf"])}
    assert pdf["mobile"].startswith("page 1 line ")


def test_docx_tracked_change_comment_and_author_are_found(docset):
    findings = screen_file(docset.dirty["docx"])
    assert kinds(findings) == {"tracked_change", "comment", "metadata"}
    change = next(f for f in findings if f.kind == "tracked_change")
    assert "新增一句" in change.excerpt and change.where.startswith("paragraph ")
    comment = next(f for f in findings if f.kind == "comment")
    assert "此处需再核实" in comment.excerpt
    meta = {f.where: f.excerpt for f in findings if f.kind == "metadata"}
    assert meta["docProps/core.xml author"] == "张**"  # the author's name is masked too


def test_docx_deleted_text_and_company_are_found(tmp_path):
    import zipfile

    from .conftest import make_docx

    path = make_docx(tmp_path / "x.docx", ["正文"])
    with zipfile.ZipFile(path) as src:
        parts = {n: src.read(n) for n in src.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"</w:body>",
        f'<w:p><w:del w:id="7" w:author="A"><w:r><w:delText>原手机{MOBILE}</w:delText></w:r></w:del></w:p></w:body>'.encode(),
    )
    parts["docProps/app.xml"] = (
        b'<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'extended-properties"><Company>\xe6\x9f\x90\xe5\x85\xac\xe5\x8f\xb8</Company></Properties>'
    )
    with zipfile.ZipFile(path, "w") as dst:
        for name, data in parts.items():
            dst.writestr(name, data)
    findings = screen_file(path)
    assert {"tracked_change", "mobile", "metadata"} <= kinds(findings)
    assert any(f.where == "docProps/app.xml company" for f in findings)
    assert MOBILE not in " ".join(f.excerpt for f in findings)


def test_xlsx_hidden_sheet_row_and_column_are_found(docset):
    findings = screen_file(docset.dirty["xlsx"])
    where = {f.kind: f.where for f in findings}
    assert where["hidden_sheet"] == "原始数据"
    assert where["hidden_row"] == "名单!3:3"
    assert where["hidden_column"] == "名单!C"
    assert "metadata" in where


def test_xlsx_cells_are_screened_including_numbers(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active["B2"] = int(MOBILE)
    wb.active["C3"] = f"身份证{ID_NUMBER}"
    wb.properties.creator = ""
    wb.save(tmp_path / "n.xlsx")
    where = {f.kind: f.where for f in screen_file(tmp_path / "n.xlsx")}
    assert where == {"mobile": "Sheet!B2", "id_number": "Sheet!C3"}


def test_html_comments_and_author_meta_are_found():
    html = b"<html><head><meta name='author' content='\xe5\xbc\xa0\xe4\xb8\x89'></head><body><p>x</p><!-- draft --></body></html>"
    assert kinds(screen_bytes("a.html", html)) == {"metadata", "comment"}


# --- detectors -------------------------------------------------------------------------------


def test_id_number_needs_a_valid_check_digit_and_date():
    good = valid_id("11010519491231002")
    assert is_resident_id(good)
    wrong_check = good[:-1] + ("0" if good[-1] != "0" else "1")
    assert not is_resident_id(wrong_check)
    assert not is_resident_id(valid_id("11010519491331002"))  # month 13
    assert kinds(screen_text(f"号码{good.lower()}")) == {"id_number"}


def test_an_id_with_a_wrong_check_digit_is_a_mistyped_id_of_its_own_kind():
    findings = screen_text("申请人身份证号370405195501011234")  # 台儿庄区, 1955-01-01, check should be 5
    assert [f.kind for f in findings] == ["id_number_mistyped"]
    assert "370405195501011234" not in findings[0].excerpt
    assert kinds(screen_text("号码990405195501011234")) == set()  # no such region
    assert kinds(screen_text("号码370405195513011234")) == set()  # month 13
    assert kinds(screen_text("号码370405290001011234")) == set()  # born in 2900


def test_bank_cards_are_found_by_issuer_range_not_by_luhn_alone():
    assert luhn_ok(BANK_CARD)
    unionpay_typo = BANK_CARD[:-1] + str((int(BANK_CARD[-1]) + 1) % 10)
    assert kinds(screen_text(f"卡号{unionpay_typo}")) == {"bank_card"}  # UnionPay: the range decides
    grouped = " ".join(BANK_CARD[i : i + 4] for i in range(0, len(BANK_CARD), 4))
    assert kinds(screen_text(f"卡号 {grouped}")) == {"bank_card"}
    assert kinds(screen_text("补助发放至6228 4804 0256 4890 018")) == {"bank_card"}  # 19 digits, 4-4-4-4-3
    assert kinds(screen_text("Visa 4111111111111111")) == {"bank_card"}
    assert kinds(screen_text("Visa 4111111111111112")) == set()  # Visa numbers always pass Luhn
    assert kinds(screen_text("编码8888888888888888")) == set()  # passes Luhn, no issuer


@pytest.mark.parametrize(
    "text",
    [
        "索引号：6222021234567890128",
        "11370405MB2842601X/2025-00003",
        "文号 4111111111111111",
        "流水号4111111111111111",
        "统计期间20250101-20251231",
        "编号 2025030112345678",
        "登记时间 20250301 12304501",
    ],
)
def test_document_numbers_index_numbers_and_dates_are_not_cards(text):
    assert "bank_card" not in kinds(screen_text(text))


def test_id_number_is_not_also_a_card_or_phone():
    hits = find(f"身份证{ID_NUMBER}")
    assert [h.kind for h in hits] == ["id_number"]


@pytest.mark.parametrize(
    "text",
    ["+86 139 1234 5678", "139-1234-5678", "手机13912345678号"],
)
def test_mobile_formats(text):
    assert kinds(screen_text(text)) == {"mobile"}


@pytest.mark.parametrize("text", ["（0632）6612345", "0632-6612345", "电话 06326612345", "010-87654321"])
def test_landline_formats(text):
    assert kinds(screen_text(text)) == {"landline"}


@pytest.mark.parametrize("text", ["金额06326612345元", "编号2025000001", "第1390123号"])
def test_numbers_that_are_not_phones(text):
    assert kinds(screen_text(text)) == set()


@pytest.mark.parametrize(
    "text",
    [
        "当事人张某，住址：台儿庄区运河路88号。",
        "居民赵六家住幸福小区5栋。",
        "台儿庄区金光路12号3单元501室",
        "阳光花园2号楼1单元302室",
    ],
)
def test_private_addresses_are_found(text):
    assert kinds(screen_text(text)) == {"address"}


@pytest.mark.parametrize(
    "text",
    [
        "办公地址：台儿庄区华兴路1号。",
        "受理地点：区政务服务中心3楼301室",
        "沿运河路向东至华兴路。",
        "本局设在文化路18号区政府大楼5楼。",
    ],
)
def test_office_addresses_are_not_flagged(text):
    assert kinds(screen_text(text)) == set()


@pytest.mark.parametrize(
    "text", ["绝密★10年", "机密", "秘密★", "涉密载体管理", "内部资料 注意保存", "仅限内部传阅"]
)
def test_classification_words_are_found(text):
    assert kinds(screen_text(text)) == {"secret_word"}


@pytest.mark.parametrize(
    "text", CLEAN_LINES + ["秘书长讲话", "内部审计", "不涉及国家秘密", "依法保护商业秘密"]
)
def test_ordinary_words_are_not_classification_marks(text):
    assert screen_text(text) == []


def test_masking_keeps_length_and_hides_the_value():
    text = f"电话{MOBILE}，邮箱{EMAIL}"
    masked = mask_text(text)
    assert len(masked) == len(text) and MOBILE not in masked and EMAIL not in masked


def test_every_kind_has_a_chinese_label():
    assert DIRTY_KINDS | {
        "id_number_mistyped",
        "hidden_sheet",
        "hidden_row",
        "hidden_column",
        "comment",
        "tracked_change",
        "metadata",
        "hidden_text",
    } == set(KINDS)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("a.docx", b"not a zip"),
        ("a.xlsx", b"PK\x03\x04broken"),
        ("a.pdf", b"%PDF-1.4 garbage"),
        ("a.doc", b"x"),
    ],
)
def test_unreadable_files_raise_screen_error(name, data):
    with pytest.raises(ScreenError):
        screen_bytes(name, data)


# --- the command ---------------------------------------------------------------------------------


def run(*args):
    return CliRunner().invoke(cli, ["screen", *map(str, args)])


def test_command_exit_0_when_clean(docset):
    result = run(docset.clean["txt"].parent, "--json")
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert len(lines) == 5 and all(obj["findings"] == [] for obj in lines)


def test_command_exit_1_with_one_json_object_per_file(docset):
    result = run(docset.dirty["txt"], docset.dirty["xlsx"], "--json")
    assert result.exit_code == 1
    objects = [json.loads(line) for line in result.output.splitlines()]
    assert [o["source"] for o in objects] == [str(docset.dirty["txt"]), str(docset.dirty["xlsx"])]
    assert {f["kind"] for f in objects[0]["findings"]} == DIRTY_KINDS
    assert set(objects[0]["findings"][0]) == {"kind", "where", "excerpt"}
    assert ID_NUMBER not in result.output


def test_command_folders_are_recursive(docset):
    result = run(docset.dirty["txt"].parent.parent, "--json")
    assert result.exit_code == 1
    assert len(result.output.splitlines()) == 10


def test_command_exit_2_for_an_unreadable_file_and_still_reports_others(tmp_path, docset):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    result = run(broken, docset.dirty["txt"], "--json")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert objects[0]["source"] == str(broken) and "error" in objects[0]
    assert objects[1]["findings"]
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("gongkai: ")


def test_command_missing_file_is_exit_2_with_one_line(tmp_path):
    result = run(tmp_path / "nope.txt")
    assert result.exit_code == 2
    assert "gongkai:" in result.output and "Traceback" not in result.output


def test_command_table_output(docset):
    result = run(docset.dirty["xlsx"])
    assert result.exit_code == 1 and "hidden_sheet" in result.output


def test_html_hidden_elements_are_found_and_screened():
    html = (
        "<html><body><p>公开内容</p><div style='display: none'>备注：联系人手机13912345678</div>"
        "<span hidden>草稿</span></body></html>"
    ).encode()
    findings = screen_bytes("a.html", html)
    assert sorted(f.kind for f in findings) == ["hidden_text", "hidden_text", "mobile"]
    assert MOBILE not in " ".join(f.excerpt for f in findings)


def test_docx_hidden_text_is_found(tmp_path):
    import docx

    document = docx.Document()
    document.core_properties.author = ""
    paragraph = document.add_paragraph("可见文字")
    paragraph.add_run("隐藏的审批意见").font.hidden = True
    document.save(tmp_path / "h.docx")
    findings = screen_file(tmp_path / "h.docx")
    assert [(f.kind, f.where) for f in findings] == [("hidden_text", "paragraph 1")]
    assert "隐藏的审批意见" in findings[0].excerpt


def _pdf_with_note(note: str) -> bytes:
    """A one-page PDF with a sticky-note (Text) annotation, written by hand with a correct xref."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Annots [4 0 R] >>",
        b"<< /Type /Annot /Subtype /Text /Rect [10 10 30 30] /T (reviewer) /Contents <"
        + ("\ufeff" + note).encode("utf-16-be").hex().encode()
        + b"> >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def test_pdf_annotations_are_found():
    findings = screen_bytes("n.pdf", _pdf_with_note(f"请删除手机{MOBILE}"))
    assert [(f.kind, f.where) for f in findings] == [
        ("comment", "page 1 annotation"),
        ("mobile", "page 1 annotation"),
    ]
    assert MOBILE not in " ".join(f.excerpt for f in findings) and "r*******" in findings[0].excerpt


def test_gb18030_text_is_read(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(f"联系电话：{LANDLINE}".encode("gb18030"))
    assert [f.kind for f in screen_file(path)] == ["landline"]


def test_folder_without_supported_files_is_exit_2(tmp_path):
    (tmp_path / "a.doc").write_bytes(b"x")
    result = run(tmp_path)
    assert result.exit_code == 2 and "no supported files" in result.stderr
