"""Staff pages of the portal: online submissions waiting for confirmation (网上申请确认).
Confirming registers the application (channel 网上, the confirmation day as the day of
receipt, 《条例》第三十一条第三项).

The applicant's identity is for the agency's own staff (`Action.READ_PERSONAL`): a supervisor
reads the queue with names and requests masked, never a document number or the identity scan
(no page serves a submission's scan), and confirms nothing."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai import clock, personal_data
from gongkai.agencies.current import page_agency
from gongkai.agencies.permissions import Action, can
from gongkai.applications import identity
from gongkai.portal import online, visits
from gongkai.portal.models import Submission
from gongkai.screening.patterns import mask_text
from gongkai.workflow import TransitionError


def _row(submission: Submission, personal: bool) -> tuple[Submission, str, str, str]:
    """(submission, applicant, masked document number, requested information) as the list shows
    them: in clear for the agency's own staff, masked for everyone else."""
    data = submission.data
    name = str(data.get("applicant_name", ""))
    applicant = data.get("organisation_name") or (name if personal else personal_data.mask_free_text(name))
    description = str(data.get("description", ""))
    return (submission, applicant, identity.mask(data.get("id_number", "")),
            description if personal else mask_text(description))


def _queue(request, error: str = "", status: int = 200):
    """The queue page; after a refused confirmation, with the refusal and its status (409/422)."""
    agency = page_agency(request)
    personal = can(request.user, agency, Action.READ_PERSONAL)
    waiting = online.pending(request.user, agency) if personal else \
        Submission.objects.filter(agency=agency, state=Submission.State.PENDING)
    return render(request, "portal/staff_submissions.html", {
        "rows": [_row(s, personal) for s in waiting], "today": clock.today(), "personal": personal,
        "can_confirm": can(request.user, agency, Action.ACT), "error": error,
    }, status=status)


@login_required
def submissions(request):
    return _queue(request)


@login_required
@require_POST
def confirm(request, pk: int):
    agency = page_agency(request)
    submission = online.pending(request.user, agency).filter(pk=pk).first()
    if submission is None:
        raise Http404("没有这个待确认的网上申请")
    try:
        on = dt.date.fromisoformat(str(request.POST.get("on", ""))[:10])
    except ValueError:
        messages.error(request, "请填写双方确认之日（年-月-日）")
        return redirect("portal-staff:submissions")
    try:
        application = online.confirm(
            submission, request.user, on=on, version=int(request.POST.get("version", 0) or 0) or None
        )
    except TransitionError as exc:
        return _queue(request, str(exc), exc.status)
    messages.success(request, f"已确认收到，受理编号{application.tracking_number}")
    return redirect("applications:detail", application.pk)


@login_required
def visit_counts(request):
    """The agency's page views per day and its most viewed items (counts only, no visitor data)."""
    return render(request, "portal/staff_visits.html", visits.summary(request.user, page_agency(request)))
