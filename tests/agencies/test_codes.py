"""Organisation codes: check characters of 统一社会信用代码 and 组织机构代码, index patterns."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from gongkai.agencies import codes
from gongkai.agencies.models import Agency, validate_index_pattern


def test_published_credit_code_is_accepted():
    # The example printed in GB 32100-2015; its positions 9–17 are a valid organisation code.
    assert codes.validate(" 91350100m000100y43 ") == "91350100M000100Y43"
    assert codes.validate("M000100Y4") == "M000100Y4"


def test_wrong_check_character_is_rejected():
    with pytest.raises(codes.CodeError, match="校验位"):
        codes.validate("91350100M000100Y44")


def test_organisation_code_with_hyphen_is_normalised():
    assert codes.org_check_char("D2143569") == "X"  # example from GB 11714-1997
    assert codes.validate("d2143569-x") == "D2143569X"
    with pytest.raises(codes.CodeError, match="组织机构代码校验位"):
        codes.validate("D2143569-3")


@pytest.mark.parametrize("bad", ["", "123", "9135010OM000100Y4", "91350100M000100Y4Z"])
def test_malformed_codes_are_rejected(bad):
    with pytest.raises(codes.CodeError):
        codes.validate(bad)


@given(st.text(alphabet=codes.USCC_ALPHABET, min_size=17, max_size=17), st.integers(0, 16), st.data())
def test_any_single_character_change_breaks_the_check(body, position, data):
    code = codes.make_uscc(body)
    replacement = data.draw(st.sampled_from([c for c in codes.USCC_ALPHABET if c != body[position]]))
    changed = code[:position] + replacement + code[position + 1 :]
    with pytest.raises(codes.CodeError):
        codes.validate(changed)


def test_agency_model_validates_code_and_pattern(db):
    agency = Agency(name="测试局", level="county", kind="department", org_code="91350100M000100Y44")
    with pytest.raises(ValidationError) as info:
        agency.full_clean()
    assert "org_code" in info.value.message_dict
    agency.org_code, agency.index_pattern = "91350100M000100Y43", "{org_code}/{year}"
    with pytest.raises(ValidationError) as info:
        agency.full_clean()
    assert "流水号" in info.value.message_dict["index_pattern"][0]


@pytest.mark.parametrize("pattern", ["{org_code}/{year}-{unknown}", "{org_code}/{year}-{serial:05d", "{serial:q}"])
def test_bad_index_patterns_are_rejected(pattern):
    with pytest.raises(ValidationError):
        validate_index_pattern(pattern)


def test_index_number_follows_the_pattern(agencies):
    assert agencies.dept.index_number(2026, 7) == f"{agencies.dept.org_code}/2026-00007"
    agencies.dept.index_pattern = "{short_name}〔{year}〕{serial}号"
    assert agencies.dept.index_number(2026, 7) == "区民政局〔2026〕7号"


def test_hierarchy_helpers(agencies, make_agency):
    centre = make_agency("台儿庄区社会救助服务中心", parent=agencies.dept)
    assert set(agencies.gov.descendants()) == {agencies.dept, agencies.dept2, agencies.township, centre}
    assert set(agencies.gov.subtree()) == {agencies.gov, agencies.dept, agencies.dept2, agencies.township, centre}
    assert centre.ancestors() == [agencies.dept, agencies.gov, agencies.city]
    agencies.gov.parent = centre
    with pytest.raises(ValidationError, match="上级机关"):
        agencies.gov.full_clean()
