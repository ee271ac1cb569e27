"""The agency's disclosure guide (政府信息公开指南) editor."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from gongkai.agencies.current import page_agency
from gongkai.agencies.permissions import Action, can, readable_agencies
from gongkai.catalogue import guide
from gongkai.catalogue.forms import GuideForm
from gongkai.catalogue.views.common import errors_text


@login_required
def guide_page(request):
    """The disclosure guide (指南) editor: every save is a new version; older ones stay readable."""
    agency = page_agency(request)
    may_edit = can(request.user, agency, Action.ACT) or can(request.user, agency, Action.ADMINISTER)
    history = list(guide.versions(agency).select_related("created_by"))
    shown = None
    if number := request.GET.get("version"):
        shown = next((v for v in history if str(v.number) == number), None)
        if shown is None:
            raise Http404("没有这个版本")
    body = guide.generate(agency) if request.GET.get("generate") else guide.text(agency)
    form = GuideForm(request.POST or None, initial={"body": body})
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied("您没有修改本机关政府信息公开指南的权限")
        if form.is_valid():
            try:
                version = guide.save(
                    request.user, agency, form.cleaned_data["body"], form.cleaned_data["note"]
                )
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, errors_text(exc))
            else:
                messages.success(request, f"已保存为第{version.number}版")
                return redirect(f"{request.path}?agency={agency.pk}")
    return render(
        request,
        "catalogue/guide.html",
        {
            "agency": agency,
            "agencies": readable_agencies(request.user).order_by("name"),
            "form": form,
            "may_edit": may_edit,
            "history": history,
            "shown": shown,
            "current": history[0] if history else None,
        },
    )
