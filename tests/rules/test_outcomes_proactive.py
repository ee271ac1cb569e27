"""Reply kinds ↔ report rows, and the proactive-publication deadline (Art. 26)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from gongkai.rules.outcomes import ROWS, ReplyKind, kinds_for_row
from gongkai.rules.proactive import check_publication, publication_deadline
from gongkai.rules.workdays import default_calendar

D = dt.date.fromisoformat
SPEC = Path(__file__).resolve().parents[2] / ".." / "shared" / "spec" / "regulation.md"


def test_every_spec_row_is_present_and_reachable():
    spec_rows = set(
        re.findall(
            r"`((?:granted|partial|denied|unavailable|not_processed|other)[a-z_.]*)`",
            SPEC.read_text(encoding="utf-8"),
        )
    )
    assert spec_rows <= set(ROWS)
    assert {k.row_key for k in ReplyKind} == set(ROWS)


def test_distinct_replies_share_a_row():
    assert kinds_for_row("granted") == (ReplyKind.GRANTED_ALREADY_PUBLIC, ReplyKind.GRANTED)
    assert {k.key for k in kinds_for_row("unavailable.not_held")} == {
        "unavailable.not_exist",
        "unavailable.other_agency",
    }
    assert ReplyKind.from_key("denied.third_party").row.label == "4.保护第三方合法权益"
    assert ReplyKind.PARTIAL.row.group == "partial"
    assert "第三十七条" in ReplyKind.PARTIAL.article
    with pytest.raises(ValueError):
        kinds_for_row("granted.maybe")


def test_publication_deadline_is_twenty_working_days():
    # Thu 2024-09-12: 9/13 = 1, Sat 9/14 (调休) = 2, 9/15–17 中秋 off, 9/18–20 = 5, 9/23–27 = 10,
    # Sun 9/29 (调休) = 11, 9/30 = 12, 10/1–7 off, 10/8–11 = 16, Sat 10/12 (调休) = 17, 10/14–16 = 20.
    assert publication_deadline(D("2024-09-12")).date == D("2024-10-16")
    ok = check_publication(D("2024-09-12"), D("2024-10-16"))
    assert ok.on_time and ok.working_days_late == 0 and ok.article == "《条例》第二十六条"
    late = check_publication(D("2024-09-12"), D("2024-10-18"), default_calendar())
    assert not late.on_time and late.working_days_late == 2
    with pytest.raises(ValueError):
        check_publication(D("2024-09-12"), D("2024-09-01"))


def test_rules_import_no_django():
    import subprocess
    import sys

    code = (
        "import sys, gongkai.rules.clock, gongkai.rules.fees, gongkai.rules.outcomes, gongkai.rules.proactive,"
        " gongkai.rules.cli; sys.exit(1 if any(m.split('.')[0] == 'django' for m in sys.modules) else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
