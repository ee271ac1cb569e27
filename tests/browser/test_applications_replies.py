"""One application per reply type (Art. 36–39), walked in the browser from receipt to the letter.

Split from test_applications.py so that the two files run on both CI workers. The abandonment
rows (other.no_correction, other.fee_unpaid) are walked there through their own steps.
"""

from __future__ import annotations

import pytest

from gongkai.rules.outcomes import ReplyKind
from tests.browser.test_applications import as_user, finish_reply, office, register  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db(transaction=True)

REPLY_KINDS = [k.key for k in ReplyKind if not k.row_key.startswith("other.")]


@pytest.mark.parametrize("outcome", REPLY_KINDS)
def test_each_reply_type_from_receipt_to_letter(as_user, office, outcome):  # noqa: F811 (fixtures)
    page = as_user("office")
    case = register(page)
    finish_reply(case, outcome)
    assert ReplyKind.from_key(outcome).description in page.locator("#items").inner_text()
