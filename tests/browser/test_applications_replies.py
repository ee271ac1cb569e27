"""One application per reply type (Art. 36–39), walked in the browser from receipt to the letter.

Split from test_applications.py so that the two files run on both CI workers. The abandonment
rows (other.no_correction, other.fee_unpaid) are walked there through their own steps; the last
row, other.other (申请人撤回申请 and other endings without a decision), is walked here through
the reviewer's 终止办理 step, so every reply row has a walk.
"""

from __future__ import annotations

import pytest

from gongkai import clock as wallclock
from gongkai.rules import clock
from gongkai.rules.outcomes import ReplyKind
from tests.browser.test_applications import (  # noqa: F401 (fixtures)
    as_user,
    finish_reply,
    make_letter,
    office,
    register,
    workdays_ago,
)

pytestmark = pytest.mark.django_db(transaction=True)

REPLY_KINDS = [k.key for k in ReplyKind if not k.row_key.startswith("other.")]


@pytest.mark.parametrize("outcome", REPLY_KINDS)
def test_each_reply_type_from_receipt_to_letter(as_user, office, outcome):  # noqa: F811 (fixtures)
    page = as_user("office")
    case = register(page)
    finish_reply(case, outcome)
    assert ReplyKind.from_key(outcome).description in page.locator("#items").inner_text()


def test_withdrawn_application_is_closed_as_other_other(as_user, office):  # noqa: F811 (fixtures)
    page = as_user("office")
    case = register(page, received=workdays_ago(2))
    case.step("close_other", {"reason": ""}, expect_error="请按提示修改")
    case.step("close_other", {"reason": "申请人于今日书面撤回申请"}, event=clock.Closed(wallclock.today()))
    assert case.state == "已终止"
    items = page.locator("#items").inner_text()
    assert ReplyKind.OTHER.description in items and "申请人于今日书面撤回申请" in items
    make_letter(case)
    assert "终止办理告知书" in page.locator("#letters").inner_text()
