"""Remedies in reply letters: reconsideration first for refusals from 2024-01-01 (行政复议法
Art. 23(1)(4)), the choice otherwise and before, and the reconsideration body by agency shape."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.rules import remedies
from gongkai.rules.outcomes import ReplyKind
from gongkai.rules.remedies import Agency, Body

D = dt.date
CITY = Agency("枣庄市人民政府", "city", "government", Agency("山东省人民政府", "province", "government"))
COUNTY = Agency("台儿庄区人民政府", "county", "government", CITY)
DEPT = Agency("台儿庄区民政局", "county", "department", COUNTY)
LAST_OLD_DAY, FIRST_NEW_DAY = D(2023, 12, 31), D(2024, 1, 1)

REVIEW_FIRST = "可以自收到本答复之日起60日内向台儿庄区人民政府申请行政复议；对行政复议决定不服的，可以依法向人民法院提起行政诉讼"
CHOICE = ("可以自收到本答复之日起60日内向台儿庄区人民政府申请行政复议，也可以自收到本答复之日起6个月内"
          "依法向人民法院提起行政诉讼")

#: Every reply kind and whether it refuses disclosure (spec table; Art. 36(7) is not a refusal).
REFUSING = {
    "granted_already_public": False, "granted": False, "partial": True,
    "denied.state_secret": True, "denied.prohibited_by_law": True, "denied.security_stability": True,
    "denied.third_party": True, "denied.internal_affairs": True, "denied.process_info": True,
    "denied.enforcement_file": True, "denied.inquiry_matter": False,
    "unavailable.not_exist": False, "unavailable.other_agency": False, "unavailable.needs_creation": False,
    "unavailable.still_unclear": False, "not_processed.petition": False, "not_processed.duplicate": False,
    "not_processed.publication": False, "not_processed.excessive": False,
    "not_processed.confirm_or_reissue": False, "other.no_correction": False, "other.fee_unpaid": False,
    "other.other": False,
}


def test_the_refusal_table_covers_every_reply_kind():
    assert set(REFUSING) == {k.key for k in ReplyKind}
    assert {k for k, refusing in REFUSING.items() if refusing} == remedies.REFUSALS


@pytest.mark.parametrize("key", list(REFUSING))
def test_from_2024_refusals_go_to_reconsideration_first_and_others_keep_the_choice(key):
    r = remedies.remedies(DEPT, FIRST_NEW_DAY, [(1, key)])
    assert r.revised_law
    if REFUSING[key]:
        assert r.reconsideration_first == (1,)
        assert r.text == (f"如对本答复不予公开的决定不服，应当先申请行政复议：{REVIEW_FIRST}（《中华人民共和国行政复议法》"
                          "第二十条第一款、第二十三条第一款第（四）项和第二款）。")
        assert "6个月" not in r.text
    else:
        assert r.reconsideration_first == ()
        assert r.text == (f"如对本答复不服，{CHOICE}（《中华人民共和国行政复议法》第二十条第一款、"
                          "《中华人民共和国行政诉讼法》第四十六条第一款）。")
    assert "第五十一条" not in r.text  # Art. 51 opens the remedies; it does not set their periods


@pytest.mark.parametrize("key", list(REFUSING))
def test_before_2024_every_reply_keeps_the_old_choice_wording(key):
    r = remedies.remedies(DEPT, LAST_OLD_DAY, [(1, key)])
    assert not r.revised_law and r.reconsideration_first == ()
    assert r.text == ("如对本答复不服，可以自收到本答复之日起60日内向台儿庄区人民政府或者上一级主管部门申请行政复议，"
                      "或者自收到本答复之日起6个月内向人民法院提起行政诉讼（《中华人民共和国行政复议法》第九条第一款、"
                      "《中华人民共和国行政诉讼法》第四十六条第一款）。")


def test_mixed_items_name_the_refused_ones_and_give_the_others_the_choice():
    r = remedies.remedies(DEPT, D(2026, 9, 3), [(1, "granted"), (2, "denied.third_party"), (3, "partial"),
                                                 (4, "unavailable.not_exist")])
    assert r.reconsideration_first == (2, 3)
    assert r.text.startswith(f"对本答复第2、3项中不予公开的决定不服的，应当先申请行政复议：{REVIEW_FIRST}（")
    assert f"。对本答复其他事项不服的，{CHOICE}（" in r.text


@given(st.dates(min_value=D(2019, 5, 15), max_value=D(2040, 12, 31)),
       st.lists(st.sampled_from(sorted(REFUSING)), min_size=1, max_size=6))
def test_reconsideration_first_exactly_for_refusals_dated_from_2024(day, keys):
    items = list(enumerate(keys, start=1))
    r = remedies.remedies(DEPT, day, items)
    expected = tuple(n for n, k in items if REFUSING[k]) if day >= FIRST_NEW_DAY else ()
    assert r.reconsideration_first == expected
    assert ("应当先申请行政复议" in r.text) == bool(expected)
    assert ("6个月" in r.text) == (not expected or len(expected) < len(items))


@pytest.mark.parametrize(("agency", "on", "body"), [
    # a State Council department hears its own (行政复议法 2023 Art. 25(1); 2017 Art. 14)
    (Agency("自然资源部", "national", "department"), FIRST_NEW_DAY,
     Body(("自然资源部",), "《中华人民共和国行政复议法》第二十五条第（一）项")),
    (Agency("自然资源部", "national", "department"), LAST_OLD_DAY,
     Body(("自然资源部",), "《中华人民共和国行政复议法》第十四条")),
    # a provincial government hears its own (2023 Art. 24(2))
    (CITY.parent, FIRST_NEW_DAY, Body(("山东省人民政府",), "《中华人民共和国行政复议法》第二十四条第二款")),
    # other governments: the government above (2023 Art. 24(1); 2017 Art. 13)
    (COUNTY, FIRST_NEW_DAY, Body(("枣庄市人民政府",), "《中华人民共和国行政复议法》第二十四条第一款")),
    (Agency("运河街道办事处", "township", "government", COUNTY), LAST_OLD_DAY,
     Body(("台儿庄区人民政府",), "《中华人民共和国行政复议法》第十三条")),
    # a local department: its own-level government only from 2024 (2023 Art. 24(1)(1)) …
    (DEPT, FIRST_NEW_DAY, Body(("台儿庄区人民政府",), "《中华人民共和国行政复议法》第二十四条第一款第（一）项")),
    # … before, that government or the department above, the applicant choosing (2017 Art. 12(1))
    (DEPT, LAST_OLD_DAY, Body(("台儿庄区人民政府", "上一级主管部门"), "《中华人民共和国行政复议法》第十二条第一款")),
    # a vertically led department (its parent is a department): the department above (2023 Art. 27)
    (Agency("台儿庄区税务局", "county", "department", Agency("枣庄市税务局", "city", "department")), FIRST_NEW_DAY,
     Body(("枣庄市税务局",), "《中华人民共和国行政复议法》第二十七条")),
    # no parent recorded: named generically, never left blank
    (Agency("某局", "county", "department"), FIRST_NEW_DAY,
     Body(("本级人民政府",), "《中华人民共和国行政复议法》第二十四条第一款第（一）项")),
    (Agency("某县人民政府", "county", "government"), FIRST_NEW_DAY,
     Body(("上一级人民政府",), "《中华人民共和国行政复议法》第二十四条第一款")),
])
def test_reconsideration_body_by_agency_shape_and_date(agency, on, body):
    assert remedies.reconsideration_body(agency, on) == body


def test_bad_input_is_an_error():
    with pytest.raises(ValueError, match="at least one item"):
        remedies.remedies(DEPT, FIRST_NEW_DAY, [])
    with pytest.raises(ValueError, match="unknown reply kind"):
        remedies.remedies(DEPT, FIRST_NEW_DAY, [(1, "refused")])
