"""Appeals: recording, results, and the reopening of an application after a corrected result."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.agencies.models import AuditEntry
from gongkai.appeals import services as appeals
from gongkai.applications import services

D = dt.date


def test_reopen_after_corrected_appeal(records, users):
    a1 = records[0]
    appeal = a1.appeals.get()
    appeal.result, appeal.decided_on = "pending", None
    appeal.save()
    appeals.record_result(appeal, users.clerk, result="corrected", decided_on=D(2026, 2, 2))
    a1.refresh_from_db()
    assert (a1.state, a1.round, a1.closed_on, a1.report_row) == ("received", 2, None, "")
    assert a1.due_on == services.calendar_for(a1.agency).add(D(2026, 2, 2), 20).date
    with pytest.raises(services.TransitionError, match="纠正"):
        services.reopen(records[2], users.clerk, on=D(2026, 2, 3))


def test_bad_appeals_are_refused(records, users, agencies, make_user):
    a1 = records[0]
    with pytest.raises(appeals.AppealError, match="复议机关或法院"):
        appeals.record_appeal(users.clerk, a1.agency, kind="review", body=" ", filed_on=D(2025, 4, 1), application=a1)
    with pytest.raises(appeals.AppealError, match="不能早于"):
        appeals.record_appeal(users.clerk, a1.agency, kind="review", body="区政府", filed_on=D(2025, 1, 1),
                              application=a1)
    other_clerk = make_user("c2", (agencies.dept2, "clerk"))
    with pytest.raises(appeals.AppealError, match="不属于本机关"):
        appeals.record_appeal(other_clerk, agencies.dept2, kind="review", body="区政府", filed_on=D(2025, 4, 1),
                              application=a1)
    with pytest.raises(PermissionDenied):
        appeals.record_appeal(users.reviewer, a1.agency, kind="review", body="区政府", filed_on=D(2025, 4, 1))
    appeal = appeals.record_appeal(users.clerk, a1.agency, kind="review", body="区政府", filed_on=D(2025, 4, 1))
    with pytest.raises(appeals.AppealError, match="不能早于"):
        appeals.record_result(appeal, users.clerk, result="upheld", decided_on=D(2025, 3, 1))
    assert AuditEntry.objects.filter(action="appeal.record", object_id=str(appeal.pk)).exists()
