"""Letters render as Word and PDF with the tracking number, the article, the fee and the remedies."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pdfplumber
import pytest

from gongkai.applications import letters, services
from tests.applications.conftest import ID_NUMBER

D = dt.date


def _text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


def test_reply_letter_docx_and_pdf(register, users, data_dir):
    a = register(items=["低保名单", "资金明细"])
    services.draft_reply(a, users.clerk, on=D(2026, 9, 3),
                         outcomes={1: ("granted", ""), 2: ("denied.third_party", "涉及第三方个人隐私")})
    assert letters.available_letters(a) == [("reply_partial", "答复书（部分公开）")]
    letter = letters.issue_letter(a, users.clerk, "reply_partial", on=D(2026, 9, 3))
    text = _text(letters.letter_docx(letter))
    for wanted in (a.tracking_number, "台儿庄区民政局", "《条例》第十五条", "涉及第三方个人隐私", "60日内", "6个月内",
                   "第五十一条", "台儿庄区人民政府申请行政复议", "2026年9月1日"):
        assert wanted in text, wanted
    assert ID_NUMBER not in text and "13800001234" not in text
    pdf = letters.letter_pdf(letter)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        pdf_text = "".join(page.extract_text() or "" for page in doc.pages)
    assert a.tracking_number in pdf_text and "行政复议" in pdf_text
    assert (data_dir / "applications" / "letters" / letter.path).exists()


def test_step_letters(register, users, data_dir):
    a = register(items=[f"事项{i}" for i in range(1, 13)])
    services.request_correction(a, users.clerk, content="请写明所需信息的年份", reply_by=D(2026, 9, 15), on=D(2026, 9, 2))
    assert "请写明所需信息的年份" in _text(letters.render_docx(a, "correction_notice"))
    services.record_correction(a, users.clerk, on=D(2026, 9, 4))
    services.issue_fee_notice(a, users.clerk, on=D(2026, 9, 7))
    fee_text = _text(letters.render_docx(a, "fee_notice"))
    assert "200.00" in fee_text and "第四十二条" in fee_text
    services.record_payment(a, users.clerk, on=D(2026, 9, 8))
    services.approve_extension(a, users.reviewer, days=15, reason="需要调取历史档案", on=D(2026, 9, 9))
    assert "延长15个工作日" in _text(letters.render_docx(a, "extension_notice"))
    services.start_third_party(a, users.clerk, third_party="枣庄某公司", on=D(2026, 9, 10))
    third = _text(letters.render_docx(a, "third_party_letter"))
    assert "枣庄某公司" in third and "王某某" not in third  # the third party is not told who asked
    with pytest.raises(letters.LetterError, match="不符"):
        letters.render_docx(a, "reply_granted")


def test_agency_template_overrides_the_default(register, users, data_dir):
    a = register()
    services.request_correction(a, users.clerk, content="年份", reply_by=D(2026, 9, 15), on=D(2026, 9, 2))
    own = docx.Document()
    own.add_paragraph("本局专用补正通知 {{ a.tracking_number }} {{ correction.content }}")
    buffer = io.BytesIO()
    own.save(buffer)
    with pytest.raises(Exception, match="权限"):
        letters.upload_template(users.clerk, a.agency, "correction_notice", buffer.getvalue())
    with pytest.raises(letters.LetterError, match="Word"):
        letters.upload_template(users.admin, a.agency, "correction_notice", b"%PDF-1.4 not a template")
    letters.upload_template(users.admin, a.agency, "correction_notice", buffer.getvalue())
    assert f"本局专用补正通知 {a.tracking_number} 年份" in _text(letters.render_docx(a, "correction_notice"))


def test_pdf_sample_page(register, users, data_dir):
    """Writes a sample PDF when GONGKAI_LETTER_SAMPLE names a path (for looking at the layout)."""
    import os

    target = os.environ.get("GONGKAI_LETTER_SAMPLE")
    a = register(items=["低保名单", "资金明细"])
    services.draft_reply(a, users.clerk, on=D(2026, 9, 3),
                         outcomes={1: ("granted", ""), 2: ("denied.third_party", "涉及第三方个人隐私")})
    pdf = letters.render_pdf(letters.render_docx(a, "reply_partial"))
    assert pdf.startswith(b"%PDF")
    if target:
        with open(target, "wb") as fh:
            fh.write(pdf)
