"""Staff pages of the catalogue (目录): list, drafting, review, dashboard, statistics, exports. Thin.

Every page needs a login and reads items only within the user's scope (another agency's item is a
404); every change goes through `gongkai.catalogue.services`, whose Chinese error messages are
shown as they are.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai import clock
from gongkai.agencies.audit import entries_for
from gongkai.agencies.current import page_agency
from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import Action, can, get_scoped_or_404, readable_agencies
from gongkai.annual.formats import FORMATS, era_for_year
from gongkai.catalogue import dashboard, figures, guide, queries, services, statistics
from gongkai.catalogue.forms import (
    AttachmentForm,
    CategoryForm,
    ChannelForm,
    CommentForm,
    FiguresForm,
    FiguresImportForm,
    FindingForm,
    GuideForm,
    HandoverForm,
    ItemFilterForm,
    ItemForm,
    ValidityForm,
    YearForm,
    policy_ref,
)
from gongkai.catalogue.models import Attachment, Attribute, Genre, Item, ScreenFinding, SubjectCategory
from gongkai.catalogue.workflow import EDITABLE, STATE_LABELS, UNPUBLISHED, State, TransitionError, from_state

PAGE_SIZE = 20

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


def _errors(exc: Exception) -> str:
    """The Chinese message(s) a service raised, as one line."""
    if isinstance(exc, ValidationError):
        return "；".join(
            m
            for msgs in (exc.message_dict.values() if hasattr(exc, "error_dict") else [exc.messages])
            for m in msgs
        )
    return str(exc)


def content_visible(user, item: Item) -> bool:
    """Whether `user` may read the item's content (body, summary, attachments, screen excerpts):
    published content is public; an unpublished document's is for its own agency's staff
    (`Action.READ_DRAFTS`) — a supervisor sees its metadata and status only."""
    return item.state == State.PUBLISHED or can(user, item.agency_id, Action.READ_DRAFTS)


def _item(request, pk: int) -> Item:
    return get_scoped_or_404(
        Item.objects.select_related("agency", "category", "interprets"), request.user, pk=pk
    )


#: Deadline status (Art. 26) badges: code → label.
DEADLINE_LABELS = {
    "on_time": "按期",
    "late": "逾期发布",
    "overdue": "逾期",
    "due_soon": "临期",
    "pending": "未到期",
}


def _with_deadline_status(
    agency: Agency, items: list[Item], today
) -> list[tuple[Item, tuple[str, str] | None]]:
    """Each item with its deadline status, taken from the dashboard's own queries (no rule here):
    published late / overdue / due soon as `dashboard` defines them; ``None`` without a deadline."""
    ids = [i.pk for i in items]
    late = set(dashboard.published_late(agency).filter(pk__in=ids).values_list("pk", flat=True))
    overdue = set(dashboard.overdue(agency, today).filter(pk__in=ids).values_list("pk", flat=True))
    due = set(dashboard.due(agency, today).filter(pk__in=ids).values_list("pk", flat=True))
    rows = []
    for item in items:
        if item.pk in late:
            code = "late"
        elif item.pk in overdue:
            code = "overdue"
        elif item.pk in due:
            code = "due_soon"
        elif item.deadline is None or item.attribute != Attribute.PROACTIVE or item.state == State.FILED:
            code = None
        elif item.date_published is not None:
            code = "on_time"
        else:
            code = "pending"
        rows.append((item, (code, DEADLINE_LABELS[code]) if code else None))
    return rows


def _back(item: Item):
    return redirect("catalogue:detail", pk=item.pk)


def _act(request, item: Item, call: Callable[[], Any], done: str | Callable[[Any], str]):
    """Run one service call for an item page's POST and go back to the item.

    A refusal (workflow, validation or permission) shows the service's message; success shows
    `done`, or `done(result)` when the message depends on what the service returned.
    """
    try:
        result = call()
    except (TransitionError, ValidationError, PermissionDenied) as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, done(result) if callable(done) else done)
    return _back(item)


@login_required
def item_list(request):
    """The staff catalogue list of one agency, filtered and paginated."""
    agency = page_agency(request)
    categories = SubjectCategory.objects.filter(agency=agency).order_by("code")
    form = ItemFilterForm(request.GET or None, categories=categories)
    items = queries.staff_list(request.user, agency)
    if form.is_bound:
        items = form.apply(items) if form.is_valid() else items.none()
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
            "form": form,
            "page": page,
            "rows": _with_deadline_status(agency, list(page), today),
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
            return _back(item)
    return render(request, "catalogue/item_form.html", {"form": form, "agency": agency, "item": None})


@login_required
def item_edit(request, pk: int):
    """The clerk changes a draft (only drafts can change; the service says so otherwise)."""
    item = _item(request, pk)
    if not can(request.user, item.agency, Action.ACT):
        raise PermissionDenied("您没有修改该信息的权限")
    if item.state not in EDITABLE:
        messages.error(request, f"“{item.state_label}”状态的信息不能修改，请先退回")
        return _back(item)
    form = ItemForm(request.POST or None, instance=item, agency=item.agency)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.update_item(request.user, item, version=form.cleaned_data["version"], **form.item_fields())
        except (ValidationError, TransitionError) as exc:
            form.add_error(None, exc if isinstance(exc, ValidationError) else ValidationError(str(exc)))
            status = exc.status if isinstance(exc, TransitionError) else 422
        else:
            messages.success(request, "已保存修改")
            return _back(item)
    return render(request, "catalogue/item_form.html", {"form": form, "agency": item.agency, "item": item},
                  status=status)


@login_required
def item_detail(request, pk: int):
    """An item with its metadata, screen findings, the buttons its state allows and its history."""
    item = _item(request, pk)
    user = request.user
    content = content_visible(user, item)
    findings = list(item.findings.select_related("resolved_by"))
    open_findings = sum(f.resolution == ScreenFinding.Resolution.OPEN for f in findings)
    findings = findings if content else []
    published = item.state == State.PUBLISHED
    return render(
        request,
        "catalogue/item_detail.html",
        {
            "item": item,
            "deadline": _with_deadline_status(item.agency, [item], clock.today())[0][1],
            "content": content,
            "attachments": item.attachments.all() if content else [],
            "attachment_count": item.attachments.count(),
            "findings": [
                (f, queries.FINDING_KINDS.get(f.kind, f.kind), where_label(f.source, f.where))
                for f in findings
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
            "channels": item.channels.all(),
            "interpretations": item.interpretations.all(),
            "history": [(e, HISTORY_LABELS.get(e.action, e.action)) for e in entries_for(item)],
        },
    )


@login_required
@require_POST
def item_transition(request, pk: int):
    """Fire one workflow transition; a refusal shows the service's message."""
    item = _item(request, pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, "意见过长或操作无效")
        return _back(item)
    return _act(
        request,
        item,
        lambda: services.transition(request.user, item, form.cleaned_data["name"], form.cleaned_data["comment"]),
        lambda changed: f"操作成功，当前状态：{changed.state_label}",
    )


@login_required
@require_POST
def finding_resolve(request, pk: int, finding_pk: int):
    """The reviewer redacts or accepts (with a reason) one finding of the screen."""
    item = _item(request, pk)
    try:
        finding = item.findings.get(pk=finding_pk)
    except ScreenFinding.DoesNotExist as exc:
        raise Http404("没有这条审查发现") from exc
    form = FindingForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择“已删除/遮盖”或“确认可公开”")
        return _back(item)
    return _act(
        request,
        item,
        lambda: services.resolve_finding(
            request.user, finding, form.cleaned_data["resolution"], form.cleaned_data["reason"]
        ),
        "已处理该审查发现",
    )


def _upload(request, missing: str):
    """The file posted through an `AttachmentForm`, or None after telling the user `missing`."""
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        return form.cleaned_data["file"]
    messages.error(request, missing)
    return None


@login_required
@require_POST
def attachment_add(request, pk: int):
    item = _item(request, pk)
    upload = _upload(request, "请选择要上传的文件")
    if upload is None:
        return _back(item)
    return _act(
        request,
        item,
        lambda: services.add_attachment(request.user, item, upload.name, upload.read()),
        f"已上传附件“{upload.name}”",
    )


def _attachment(request, attachment_pk: int) -> Attachment:
    return get_scoped_or_404(
        Attachment.objects.select_related("item__agency"),
        request.user,
        field="item__agency",
        pk=attachment_pk,
    )


@login_required
@require_POST
def attachment_replace(request, attachment_pk: int):
    """The reviewer swaps in a redacted version of an attachment during review; it is screened again."""
    attachment = _attachment(request, attachment_pk)
    item = attachment.item
    upload = _upload(request, "请选择处理后的附件")
    if upload is None:
        return _back(item)
    return _act(
        request,
        item,
        lambda: services.replace_attachment(request.user, attachment, upload.name, upload.read()),
        f"已用“{upload.name}”替换“{attachment.name}”，并重新审查",
    )


@login_required
@require_POST
def attachment_remove(request, attachment_pk: int):
    attachment = _attachment(request, attachment_pk)
    return _act(request, attachment.item, lambda: services.remove_attachment(request.user, attachment), "已删除附件")


@login_required
def attachment_download(request, attachment_pk: int):
    """A staff download of an attachment of an item the user may read."""
    from gongkai.catalogue.content import read

    attachment = _attachment(request, attachment_pk)
    if not content_visible(request.user, attachment.item):
        raise PermissionDenied("该信息尚未发布，您没有查看其附件的权限")
    try:
        data = read(attachment.path)
    except OSError as exc:
        raise Http404("附件文件不存在") from exc
    response = HttpResponse(data, content_type="application/octet-stream")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(attachment.name)}"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


@login_required
@require_POST
def item_validity(request, pk: int):
    """Repeal (废止) or expire (失效) a published item, or restore it to 有效."""
    item = _item(request, pk)
    form = ValidityForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写有效性和日期")
        return _back(item)
    data = form.cleaned_data
    superseded_by = None
    if number := data["superseded_by"].strip():
        superseded_by = Item.objects.filter(agency=item.agency, index_number=number).first()
        if superseded_by is None:
            messages.error(request, f"本机关没有索引号为“{number}”的信息")
            return _back(item)
    return _act(
        request,
        item,
        lambda: services.change_validity(
            request.user, item, data["validity"], data["on"], superseded_by=superseded_by, note=data["note"]
        ),
        "已变更有效性",
    )


@login_required
@require_POST
def item_channel(request, pk: int):
    """Mark a published item as also published on a channel or handed to the archive/library."""
    item = _item(request, pk)
    form = ChannelForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择渠道并填写日期")
        return _back(item)
    data = form.cleaned_data
    return _act(
        request,
        item,
        lambda: services.mark_channel(request.user, item, data["channel"], data["on"], data["note"]),
        "已登记发布渠道",
    )


def _inert(value: str) -> str:
    """A cell a spreadsheet will not run as a formula (a title may start with = + - @)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


@login_required
def handover(request):
    """The handover list (移交清单) of one channel as CSV or XLSX; only public items are listed."""
    agency = page_agency(request)
    form = HandoverForm(request.GET or None)
    if not form.is_bound or not form.is_valid():
        return render(request, "catalogue/handover.html", {"form": form, "agency": agency})
    data = form.cleaned_data
    rows = [[_inert(v) for v in row] for row in services.channel_rows(agency, data["channel"], data["year"])]
    stem = f"handover-{data['channel']}-{data['year'] or 'all'}"
    if data["format"] == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(services.HANDOVER_COLUMNS)
        writer.writerows(rows)
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{stem}.csv"'
        return response
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "移交清单"
    sheet.append(services.HANDOVER_COLUMNS)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{stem}.xlsx"'
    return response


@login_required
def deadlines(request):
    """The Art. 26 dashboard: items due soon, overdue, and published late this year — of one agency,
    or (``?below=1``) of it and every agency below it that the user may read (a supervisor's view)."""
    agency = page_agency(request)
    today = clock.today()
    below = request.GET.get("below") == "1"
    scope = readable_agencies(request.user).filter(pk__in=agency.subtree()) if below else agency
    return render(
        request,
        "catalogue/dashboard.html",
        {
            "agency": agency,
            "agencies": readable_agencies(request.user).order_by("name"),
            "below": below,
            "has_below": agency.children.exists(),
            "today": today,
            "due": dashboard.due(scope, today).select_related("agency")[:100],
            "overdue": dashboard.overdue(scope, today).select_related("agency")[:100],
            "late": dashboard.published_late(scope, today.year).select_related("agency")[:100],
            "counts": dashboard.counts(scope, today),
            "due_within": dashboard.DUE_SOON_WORKDAYS,
        },
    )


def _year(request, default: int | None = None) -> int:
    form = YearForm(request.GET)
    if form.is_valid():
        return form.cleaned_data["year"]
    return default or clock.today().year


@login_required
def statistics_page(request):
    """Items an agency published in a year: by category, by Art. 20 item, by month, on-time rate."""
    agency = page_agency(request)
    year = _year(request, default=statistics.latest_year(agency))
    stats = statistics.yearly(agency, year)
    charts = (
        [(which, statistics.chart_svg(stats, which)) for which in statistics.CHARTS] if stats.total else []
    )
    return render(
        request,
        "catalogue/statistics.html",
        {
            "agency": agency,
            "year": year,
            "years": range(clock.today().year, clock.today().year - 6, -1),
            "stats": stats,
            "rate": "—" if stats.on_time_rate is None else f"{stats.on_time_rate:.1%}",
            "months": list(zip(range(1, 13), stats.by_month, strict=True)),
            "charts": charts,
        },
    )


@login_required
def figures_page(request):
    """Section 二 figures not held in the catalogue, per agency and year, with their source."""
    agency = page_agency(request)
    year = _year(request)
    may_edit = can(request.user, agency, Action.ACT)
    cells = figures.entry_cells(year)
    form = FiguresForm(
        request.POST if request.method == "POST" and "source" in request.POST else None,
        cells=cells,
        held=figures.current(agency, year),
    )
    import_form = FiguresImportForm()
    era = era_for_year(year)
    derived = statistics.derived(agency, year, era)
    computed = [
        (f"{row.label}·{col.label}", derived[row.key][col.key])
        for row, col in FORMATS[era].table("proactive").cells()
        if row.key in derived and col.key in derived[row.key]
    ]
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied("您没有在该机关填报统计数据的权限")
        if "source" in request.POST:
            if form.is_valid():
                try:
                    changed = figures.save_figures(
                        request.user, agency, year, form.values(), form.cleaned_data["source"]
                    )
                except (ValidationError, PermissionDenied) as exc:
                    form.add_error(None, _errors(exc))
                else:
                    messages.success(request, f"已保存{year}年度数据（{changed}项有变化）")
                    return redirect(f"{request.path}?agency={agency.pk}&year={year}")
        else:
            import_form = FiguresImportForm(request.POST, request.FILES)
            if import_form.is_valid() and _import_figures(request, import_form.cleaned_data["file"]):
                return redirect(f"{request.path}?agency={agency.pk}&year={year}")
    return render(
        request,
        "catalogue/figures.html",
        {
            "agency": agency,
            "agencies": readable_agencies(request.user).order_by("name"),
            "year": year,
            "form": form,
            "import_form": import_form,
            "computed": computed,
            "may_edit": may_edit,
        },
    )


def _import_figures(request, upload) -> bool:
    """Run the core's all-or-nothing figures import on an uploaded sheet; messages say what happened."""
    import tempfile
    from pathlib import Path

    suffix = Path(upload.name).suffix.lower()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"figures{suffix}"
        path.write_bytes(upload.read())
        try:
            saved = figures.import_figures(request.user, path)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, _errors(exc))
            return False
    messages.success(request, f"已导入{saved}项数据")
    return True


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
                form.add_error(None, _errors(exc))
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


def home_panel(request):
    """The 主动公开 box on the staff home page: deadline counts and the items waiting for this user
    (the unpublished states from which the workflow lets the user act)."""
    from django.urls import reverse

    from gongkai.web.home import Panel

    agency, user = request.agency, request.user
    if agency is None or not can(user, agency, Action.READ):
        return None
    waiting = []
    for state in (s for s in State if s in UNPUBLISHED):
        actions = set().union(*(t.sources[state] for t in from_state(state)))
        if any(can(user, agency, Action(a)) for a in actions):
            count = Item.objects.filter(agency=agency, state=state).count()
            waiting.append((STATE_LABELS[state], count, f"{reverse('catalogue:list')}?state={state.value}"))
    return Panel(
        "主动公开",
        "catalogue/_home_panel.html",
        {
            "counts": dashboard.counts(agency, clock.today()),
            "waiting": waiting,
            "can_draft": can(user, agency, Action.ACT),
        },
    )


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
                form.add_error(None, _errors(exc))
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
