"""Staff pages of the portal: online submissions waiting for confirmation (网上申请确认).
Confirming registers the application (channel 网上, the confirmation day as the day of
receipt, 《条例》第三十一条第三项)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai import clock
from gongkai.agencies.current import page_agency
from gongkai.applications import identity
from gongkai.portal import online, visits
from gongkai.workflow import TransitionError


@login_required
def submissions(request):
    agency = page_agency(request)
    rows = [(s, identity.mask(s.data.get("id_number", ""))) for s in online.pending(request.user, agency)]
    return render(request, "portal/staff_submissions.html", {"rows": rows, "today": clock.today()})


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
        messages.error(request, str(exc))
        return redirect("portal-staff:submissions")
    messages.success(request, f"已确认收到，受理编号{application.tracking_number}")
    return redirect("applications:detail", application.pk)


@login_required
def visit_counts(request):
    """The agency's page views per day and its most viewed items (counts only, no visitor data)."""
    return render(request, "portal/staff_visits.html", visits.summary(request.user, page_agency(request)))
