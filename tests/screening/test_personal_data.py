"""The shared personal-data rules (`gongkai.personal_data`): one pure module for registration,
screening and the audit log."""

from __future__ import annotations

import subprocess
import sys

import pytest

from gongkai import clock
from gongkai import personal_data as pd


def test_personal_data_imports_no_django():
    code = (
        "import sys, gongkai.personal_data;"
        " sys.exit(1 if any(m.split('.')[0] == 'django' for m in sys.modules) else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("11010519491231002X", None),
        ("11010519491231002", "应为18位"),
        ("110105194902300021", "出生日期不存在"),
        ("110105194912310021", "校验位不正确"),
    ],
)
def test_resident_id_problem_says_what_is_wrong(value, problem):
    found = pd.resident_id_problem(value)
    assert (found is None) if problem is None else (problem in found)


def test_resident_ids_in_text_must_also_be_plausible():
    assert pd.is_resident_id("11010519491231002x")
    body = "0" + "1010519491231002"
    assert pd.resident_id_problem(body + pd.resident_id_check_char(body)) is None
    assert not pd.is_resident_id(body + pd.resident_id_check_char(body))  # no area code starts with 0
    future = f"110105{clock.today().year + 1}0101002"
    assert not pd.is_resident_id(future + pd.resident_id_check_char(future))


def test_luhn():
    assert pd.luhn_ok("4111111111111111") and not pd.luhn_ok("4111111111111112")


def test_masks_keep_length_and_their_formats():
    assert pd.mask_id_number("37040219900101123X") == "370***********123X"
    assert pd.mask_document_number("370402199001011238") == "3704**********1238"
    assert pd.mask_phone("13812345678") == "138****5678"
    assert pd.mask_landline("0632-6611201") == "0632******01"
    assert pd.mask_bank_card("6222021234567890123") == "6222***********0123"
    assert pd.mask_email("zhang@example.cn") == "z****@example.cn"
    assert pd.mask_email("z@example.cn") == "*@example.cn"
    assert pd.mask_free_text("张三丰") == "张**"
    assert pd.mask_middle("1234", 3, 4) == "****"
