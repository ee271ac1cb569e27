"""The agency's subject categories (主题分类)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from gongkai.agencies.current import page_agency
from gongkai.agencies.permissions import Action, can, readable_agencies
from gongkai.catalogue import services
from gongkai.catalogue.forms import CategoryForm
from gongkai.catalogue.models import SubjectCategory
from gongkai.catalogue.views.common import errors_text


@login_required
def categories_page(request):
    """The agency's subject categories (主题分类): the tree, and for its admin add / rename, or
    start from the default tree that covers Art. 20 and 21."""
    agency = page_agency(request)
    may_edit = can(request.user, agency, Action.ADMINISTER)
    form = CategoryForm(request.POST if "code" in request.POST else None, agency=agency)
    if request.method == "POST":
        if "seed" in request.POST:
            created = services.seed_categories(agency, request.user)
            messages.success(request, f"已添加{created}个默认分类")
            return redirect(f"{request.path}?agency={agency.pk}")
        if form.is_valid():
            try:
                category = services.save_category(request.user, agency, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, errors_text(exc))
            else:
                messages.success(request, f"已保存分类“{category.code} {category.name}”")
                return redirect(f"{request.path}?agency={agency.pk}")
    categories = SubjectCategory.objects.filter(agency=agency).order_by("code")
    return render(
        request,
        "catalogue/categories.html",
        {
            "agency": agency,
            "agencies": readable_agencies(request.user).order_by("name"),
            "categories": categories,
            "form": form,
            "may_edit": may_edit,
        },
    )
