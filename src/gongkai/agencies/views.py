"""Views of the staff shell: login, logout, the agency switcher and the audit-log viewer. Thin."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from gongkai.agencies import current, services
from gongkai.agencies.models import Agency, AuditEntry
from gongkai.agencies.permissions import Action, agencies_for, can, get_scoped_or_404, scoped
from gongkai.web.forms import field


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


@login_required
@require_POST
def switch_agency(request):
    """Make another of the user's agencies the current one, then go back where the user was."""
    try:
        agency = current.select(request, int(request.POST.get("agency", "")))
    except ValueError:
        agency = None
    if agency is None:
        messages.error(request, "无法切换到该机关")
    else:
        messages.success(request, f"当前机关已切换为 {agency.name}")
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "home"
    return redirect(target)


class AuditFilterForm(forms.Form):
    agency = forms.ModelChoiceField(label="机关", queryset=Agency.objects.none(), required=False, empty_label="全部")
    object = forms.CharField(label="对象", required=False, help_text="对象名称、编号或类型")
    actor = forms.CharField(label="操作人", required=False)
    action = forms.CharField(label="操作", required=False)
    date_from = forms.DateField(label="起始日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="截止日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        field(self, "agency", forms.ModelChoiceField).queryset = agencies

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise forms.ValidationError("起始日期不能晚于截止日期")
        return data

    def apply(self, entries):
        data = self.cleaned_data
        if data.get("agency"):
            entries = entries.filter(agency=data["agency"])
        if text := data.get("object", "").strip():
            entries = entries.filter(object_repr__icontains=text) | entries.filter(object_id=text) | entries.filter(
                object_type=text
            )
        if text := data.get("actor", "").strip():
            entries = entries.filter(actor_label__icontains=text)
        if text := data.get("action", "").strip():
            entries = entries.filter(action__icontains=text)
        if data.get("date_from"):
            entries = entries.filter(at__date__gte=data["date_from"])
        if data.get("date_to"):
            entries = entries.filter(at__date__lte=data["date_to"])
        return entries


@login_required
def audit_log(request):
    """The audit log: agency admins see their agency's, supervisors their subtree's, site admins all."""
    agencies = agencies_for(request.user, Action.AUDIT)
    if not request.user.is_superuser and not agencies.exists():
        raise PermissionDenied("您没有查看审计日志的权限")
    entries = scoped(AuditEntry.objects.select_related("agency"), request.user, action=Action.AUDIT)
    form = AuditFilterForm(request.GET or None, agencies=agencies.order_by("name"))
    if form.is_bound and form.is_valid():
        entries = form.apply(entries)
    elif form.is_bound:
        entries = entries.none()
    page = Paginator(entries.order_by("-at", "-id"), 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "agencies/audit_log.html", {"form": form, "page": page, "query": query.urlencode()})


class AgencyContactForm(forms.ModelForm):
    class Meta:
        model = Agency
        fields = list(services.CONTACT_FIELDS)


@login_required
def agency_detail(request, pk: int):
    """An agency's details; its admin may edit the disclosure office's contact details here.

    Agencies the user may not read are a 404.
    """
    agency = get_scoped_or_404(Agency.objects.select_related("parent"), request.user, field="pk", pk=pk)
    editable = can(request.user, agency, Action.ADMINISTER)
    form = AgencyContactForm(instance=agency) if editable else None
    if request.method == "POST":
        if not editable:
            raise PermissionDenied("您没有管理该机关的权限")
        form = AgencyContactForm(request.POST, instance=Agency.objects.get(pk=agency.pk))
        if form.is_valid():
            services.update_agency(request.user, agency, **{f: form.cleaned_data[f] for f in form.fields})
            messages.success(request, "机关信息已保存")
            return redirect("agency-detail", pk=agency.pk)
    return render(request, "agencies/agency_detail.html", {"agency": agency, "form": form})
