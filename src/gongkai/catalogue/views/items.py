"""The staff catalogue list, drafting a new item and editing a draft."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import render

from gongkai import clock
from gongkai.agencies.current import page_agency
from gongkai.agencies.permissions import Action, can, readable_agencies
from gongkai.catalogue import queries, services
from gongkai.catalogue.filters import ItemFilter
from gongkai.catalogue.forms import ItemForm, policy_ref
from gongkai.catalogue.models import Item, SubjectCategory
from gongkai.catalogue.views.common import scoped_item, with_deadline_status
from gongkai.catalogue.views.page import back
from gongkai.catalogue.workflow import EDITABLE, TransitionError

PAGE_SIZE = 20


@login_required
def item_list(request):
    """The staff catalogue list of one agency, filtered and paginated."""
    agency = page_agency(request)
    categories = SubjectCategory.objects.filter(agency=agency).order_by("code")
    filterset = ItemFilter(request.GET or None, queries.staff_list(request.user, agency), categories=categories)
    items = filterset.qs if not filterset.is_bound or filterset.is_valid() else filterset.queryset.none()
    page = Paginator(items.order_by("-date_made", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    today = clock.today()
    return render(
        request,
        "catalogue/item_list.html",
        {
            "agency": agency,
            "agencies": readable_agencies(request.user).order_by("name"),
            "form": filterset.form,
            "page": page,
            "rows": with_deadline_status(agency, list(page), today),
            "query": query.urlencode(),
            "can_draft": can(request.user, agency, Action.ACT),
        },
    )


@login_required
def item_create(request):
    """A clerk drafts a new item for the current agency."""
    agency = request.agency
    if agency is None or not can(request.user, agency, Action.ACT):
        raise PermissionDenied("您没有在当前机关起草政府信息的权限")
    initial = {}
    wanted = request.GET.get("interprets", "")  # 起草解读 from a policy's page
    if policy := Item.objects.filter(agency=agency, pk=int(wanted)).first() if wanted.isdigit() else None:
        initial = {
            "genre": "interpretation",
            "interprets": policy_ref(policy),
            "category": policy.category_id,
        }
    form = ItemForm(request.POST or None, agency=agency, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.create_item(request.user, agency, **form.item_fields())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "已保存草稿")
            return back(item)
    return render(request, "catalogue/item_form.html", {"form": form, "agency": agency, "item": None})


@login_required
def item_edit(request, pk: int):
    """The clerk changes a draft (only drafts can change; the service says so otherwise)."""
    item = scoped_item(request, pk)
    if not can(request.user, item.agency, Action.ACT):
        raise PermissionDenied("您没有修改该信息的权限")
    if item.state not in EDITABLE and request.method != "POST":  # a POST gets the service's 409
        messages.error(request, f"“{item.state_label}”状态的信息不能修改，请先退回")
        return back(item)
    form = ItemForm(request.POST or None, instance=item, agency=item.agency)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.update_item(item, request.user, version=form.cleaned_data["version"], **form.item_fields())
        except (ValidationError, TransitionError) as exc:
            form.add_error(None, exc if isinstance(exc, ValidationError) else ValidationError(str(exc)))
            status = exc.status if isinstance(exc, TransitionError) else 422
        else:
            messages.success(request, "已保存修改")
            return back(item)
    return render(request, "catalogue/item_form.html", {"form": form, "agency": item.agency, "item": item},
                  status=status)
