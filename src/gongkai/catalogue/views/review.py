"""The review workflow on the item page: transitions (submit, approve, sign off, return,
withdraw) and the reviewer's handling of the screen's findings."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.views.decorators.http import require_POST

from gongkai.catalogue import services
from gongkai.catalogue.forms import CommentForm, FindingForm
from gongkai.catalogue.models import ScreenFinding
from gongkai.catalogue.views.common import scoped_item
from gongkai.catalogue.views.page import act, refuse


@login_required
@require_POST
def item_transition(request, pk: int):
    """Fire one workflow transition; a refusal shows the page again with the service's message
    (409: the item moved on or changed since the page was read; 422: a rule, a missing comment or
    the wrong role)."""
    item = scoped_item(request, pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return refuse(request, item, "意见过长或操作无效", status=400)
    data = form.cleaned_data
    return act(
        request,
        item,
        lambda: services.transition(item, request.user, data["name"], comment=data["comment"], version=data["version"]),
        lambda changed: f"操作成功，当前状态：{changed.state_label}",
        kept={"name": data["name"], "comment": data["comment"]},  # the comment stays in its box
    )


@login_required
@require_POST
def finding_resolve(request, pk: int, finding_pk: int):
    """The reviewer redacts or accepts (with a reason) one finding of the screen."""
    item = scoped_item(request, pk)
    try:
        finding = item.findings.get(pk=finding_pk)
    except ScreenFinding.DoesNotExist as exc:
        raise Http404("没有这条审查发现") from exc
    form = FindingForm(request.POST)
    if not form.is_valid():
        return refuse(request, item, "请选择“已删除/遮盖”或“确认可公开”", status=400)
    return act(
        request,
        item,
        lambda: services.resolve_finding(
            finding, request.user, resolution=form.cleaned_data["resolution"], reason=form.cleaned_data["reason"]
        ),
        "已处理该审查发现",
    )
