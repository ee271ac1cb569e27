"""Pages to record reconsiderations (行政复议) and lawsuits (行政诉讼) and their results.

Thin views: reading goes through the foundation's scoping (another agency's appeal is a 404),
every change through `gongkai.appeals.services`, whose Chinese refusal is shown beside the form.
Recording needs the action the services require (`Action.ACT`); supervisors only read.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from gongkai.agencies.permissions import Action, can, get_scoped_or_404, roles_in, scoped
from gongkai.appeals import services
from gongkai.appeals.filters import AppealFilter
from gongkai.appeals.forms import AppealForm, ResultForm
from gongkai.appeals.models import Appeal
from gongkai.applications.models import Application
from gongkai.applications.services import TransitionError
from gongkai.personal_data import mask_free_text

LIST_SIZE = 200


@login_required
def appeal_list(request):
    """The current agency's appeals (a supervisor: every agency it oversees), by year and result."""
    agency = request.agency
    own_staff = bool(agency is not None and roles_in(request.user, agency) - {"supervisor"})
    qs = scoped(Appeal.objects.all(), request.user)
    if own_staff:
        qs = qs.filter(agency=agency)
    years = sorted({d.year for d in qs.dates("filed_on", "year")}, reverse=True)
    filters = AppealFilter(request.GET or None, qs, years=years)
    appeals = list(filters.qs.select_related("agency", "application")[:LIST_SIZE + 1])
    return render(request, "appeals/list.html", {
        "appeals": appeals[:LIST_SIZE], "truncated": len(appeals) > LIST_SIZE, "filters": filters.form,
        "many_agencies": not own_staff, "can_record": agency is not None and can(request.user, agency, Action.ACT),
    })


@login_required
@require_http_methods(["GET", "POST"])
def new(request):
    """Record a new appeal in the current agency, or in the agency of ``?application=<pk>`` (pre-filled)."""
    linked = None
    if request.GET.get("application", "").isdigit():
        linked = get_scoped_or_404(Application.objects.select_related("agency"), request.user,
                                   pk=int(request.GET["application"]))
    agency = linked.agency if linked else request.agency
    if agency is None or not can(request.user, agency, Action.ACT):
        raise PermissionDenied("您没有在该机关登记行政复议或诉讼的权限")
    initial = {"tracking_number": linked.tracking_number} if linked else {}
    form = AppealForm(request.POST or None, agency=agency, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            appeal = services.record_appeal(request.user, agency, **form.service_kwargs())
        except services.AppealError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已登记{appeal.get_kind_display()}")
            return redirect("appeals:detail", pk=appeal.pk)
    return render(request, "appeals/new.html", {"form": form, "agency": agency, "linked": linked},
                  status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def detail(request, pk: int):
    """One appeal and the form to record or change its result (a 纠正 reopens the linked application)."""
    appeal = get_scoped_or_404(Appeal.objects.select_related("agency", "application", "created_by"), request.user,
                               pk=pk)
    can_record = can(request.user, appeal.agency_id, Action.ACT)
    if request.method == "POST" and not can_record:
        raise PermissionDenied("您对该机关的行政复议和诉讼只有查看权限")
    initial = {"result": appeal.result, "decided_on": appeal.decided_on, "summary": appeal.summary} \
        if appeal.decided_on else {}
    form = ResultForm(request.POST or None, initial=initial) if can_record else None
    if form is not None and form.is_bound and form.is_valid():
        application = appeal.application
        round_before = application.round if application else None
        try:
            services.record_result(appeal, request.user, **form.service_kwargs())
        except (services.AppealError, TransitionError) as exc:
            form.add_error(None, str(exc))
            appeal.refresh_from_db()
        else:
            messages.success(request, f"已登记结果：{appeal.get_result_display()}")
            if application is not None:
                application.refresh_from_db()
                if application.round != round_before:
                    due = f"，答复期限 {application.due_on:%Y年%m月%d日}" if application.due_on else ""
                    messages.success(request, f"申请 {application.tracking_number} 已重新办理"
                                              f"（第{application.round}轮）{due}")
            return redirect("appeals:detail", pk=appeal.pk)
    # the appellant is usually the applicant: in clear for the agency's own staff only
    appellant = appeal.appellant if can(request.user, appeal.agency_id, Action.READ_PERSONAL) \
        else mask_free_text(appeal.appellant)
    return render(request, "appeals/detail.html", {"appeal": appeal, "form": form, "appellant": appellant},
                  status=400 if request.method == "POST" else 200)
