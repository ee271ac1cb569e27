"""The item page: metadata, content, the screen's findings, the buttons its state allows and its
history; and how the page's POSTs answer (the workflow convention: success goes back to the page,
a refusal shows the page again with the service's Chinese message and HTTP 409 / 422 / 403, a
form that does not parse with 400)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from gongkai import clock
from gongkai.agencies.audit import entries_for
from gongkai.agencies.permissions import Action, can
from gongkai.catalogue import queries, services
from gongkai.catalogue.forms import AttachmentForm, ChannelForm, ValidityForm
from gongkai.catalogue.models import Genre, Item, ScreenFinding
from gongkai.catalogue.views.common import content_visible, errors_text, scoped_item, with_deadline_status
from gongkai.catalogue.workflow import EDITABLE, State, TransitionError

#: How the item's audit entries read on its page.
HISTORY_LABELS = {
    "catalogue.item.create": "起草",
    "catalogue.item.update": "修改",
    "catalogue.item.submit": "提交保密审查",
    "catalogue.item.approve": "审查通过",
    "catalogue.item.sign_off": "领导签发",
    "catalogue.item.return": "退回修改",
    "catalogue.item.withdraw": "撤回",
    "catalogue.item.withdraw_with_policy": "随政策撤回",
    "catalogue.item.publish_with_policy": "随政策发布",
    "catalogue.item.validity": "变更有效性",
    "catalogue.attachment.add": "添加附件",
    "catalogue.attachment.remove": "删除附件",
    "catalogue.attachment.replace": "替换附件（处理后重新审查）",
    "catalogue.finding.resolve": "处理审查发现",
    "catalogue.channel.mark": "登记发布渠道",
}


#: The screen's English locations ("page 3 line 12") as a reviewer reads them (第3页第12行).
WHERE_WORDS = [
    (re.compile(r"page (\d+)\s*"), r"第\1页"),
    (re.compile(r"line (\d+)\s*"), r"第\1行"),
    (re.compile(r"paragraph (\d+)\s*"), r"第\1段"),
    (re.compile(r"comment (\d+)\s*"), r"批注\1"),
    (re.compile(r"^docProps/(core|app)\.xml\s*|^PDF info\s*"), "文档属性 "),
]


def where_label(source: str, where: str) -> str:
    """Where a finding is, in Chinese, without repeating its source (正文 · 第2行)."""
    if where.startswith(source):
        where = where[len(source) :].strip()
    for pattern, replacement in WHERE_WORDS:
        where = pattern.sub(replacement, where)
    return " · ".join(part for part in (source, where.strip()) if part)


def back(item: Item):
    return redirect("catalogue:detail", pk=item.pk)


def refuse(request, item: Item, error: str, *, status: int, **shown: Any):
    """The item page again, read afresh, with `error` on top and HTTP `status`; `shown` replaces
    parts of the page (a bound form with its errors, the comment the person typed)."""
    return render_item(request, scoped_item(request, item.pk), error=error, status=status, **shown)


def act(request, item: Item, call: Callable[[], Any], done: str | Callable[[Any], str], **shown: Any):
    """Run one service call for an item page's POST.

    Success: back to the item with `done` (or `done(result)`). A refusal: the page again with the
    service's Chinese message and its status (`TransitionError.status`) — 409 when the item is no
    longer where the step starts or someone changed it since the page was read, 422 when a rule,
    the input or the workflow's roles forbid it (a workflow step by the wrong role: "“审查通过”只能由
    审核人办理"), 403 for `PermissionDenied` (another agency's record, or the wrong role for a
    change outside the workflow: attachments, findings, validity, channels).
    """
    try:
        result = call()
    except PermissionDenied as exc:
        return refuse(request, item, str(exc), status=403, **shown)
    except TransitionError as exc:
        return refuse(request, item, str(exc), status=exc.status, **shown)
    except ValidationError as exc:
        return refuse(request, item, errors_text(exc), status=422, **shown)
    messages.success(request, done(result) if callable(done) else done)
    return back(item)


def render_item(request, item: Item, *, error: str = "", status: int = 200, **shown: Any):
    """The item page: metadata, content, findings, the buttons its state allows and its history."""
    user = request.user
    content = content_visible(user, item)
    findings = list(item.findings.select_related("resolved_by"))
    open_findings = sum(f.resolution == ScreenFinding.Resolution.OPEN for f in findings)
    findings = findings if content else []
    published = item.state == State.PUBLISHED
    context = {
        "item": item,
        "error": error,
        "deadline": with_deadline_status(item.agency, [item], clock.today())[0][1],
        "content": content,
        "attachments": item.attachments.all() if content else [],
        "attachment_count": item.attachments.count(),
        "findings": [
            (f, queries.FINDING_KINDS.get(f.kind, f.kind), where_label(f.source, f.where)) for f in findings
        ],
        "open_findings": open_findings,
        "can_resolve": item.state == State.REVIEW and can(user, item.agency, Action.REVIEW),
        "transitions": services.available_transitions(item, user),
        "can_attach": item.state in EDITABLE and can(user, item.agency, Action.ACT),
        "can_interpret": item.genre != Genre.INTERPRETATION
        and item.state != State.WITHDRAWN
        and can(user, item.agency, Action.ACT)
        and request.agency == item.agency,
        "can_validity": published and can(user, item.agency, Action.SIGN_OFF),
        "can_channel": published and can(user, item.agency, Action.ACT),
        "attachment_form": AttachmentForm(),
        "validity_form": ValidityForm(initial={"validity": item.validity, "on": clock.today()}),
        "channel_form": ChannelForm(initial={"on": clock.today()}),
        "kept": None,
        "channels": item.channels.all(),
        "interpretations": item.interpretations.all(),
        "history": [(e, HISTORY_LABELS.get(e.action, e.action)) for e in entries_for(item)],
    }
    return render(request, "catalogue/item_detail.html", {**context, **shown}, status=status)


@login_required
def item_detail(request, pk: int):
    """An item with its metadata, screen findings, the buttons its state allows and its history."""
    return render_item(request, scoped_item(request, pk))
