"""Clerk workspace for applications (依申请公开): queue, intake, case page, steps, downloads.

Thin views: reading goes through the foundation's scoping (`scoped` / `get_scoped_or_404`, so
another agency's application is a 404), every change through one service of
`gongkai.applications.services`, whose Chinese refusal (the rule) or conflict message is shown
as is. The next allowed steps come from `services.available_transitions`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from gongkai import clock as wallclock
from gongkai import personal_data
from gongkai.agencies import audit
from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import Action, agency_ids, can, get_scoped_or_404, require, roles_in, scoped
from gongkai.applications import attachments, letters, queues, services, vocab, workflow
from gongkai.applications.filters import SORT_FIELDS, QueueFilter
from gongkai.applications.forms import (
    DATE_LABELS,
    STEP_FORMS,
    AttachmentForm,
    CalendarOverrideForm,
    IntakeForm,
    LetterTemplateForm,
)
from gongkai.applications.letter_sandbox import MAX_LOOP_DEPTH
from gongkai.applications.models import AgencyCalendarOverride, Application, Attachment, Letter
from gongkai.applications.workflow import State
from gongkai.rules.clock import ClockError
from gongkai.rules.workdays import Calendar, CalendarError, default_calendar

PAGE_SIZE = 25
#: The red list box above the tabs shows this many of the most urgent cases (all: the 逾期及临期 tab).
RED_LIST_SIZE = 10
#: The red list (红色预警) is `gongkai.applications.queues.red_list`, the same as the daily digest's.
#: A paused case shows the pause instead of a countdown (its due date moves on when it ends); on
#: the red list, it shows the pause's own deadline.
#: Open states listed (not "not final"): the (agency, state, due_on) index then reads open rows only.
OPEN_STATES = services.OPEN_STATES

LIST_FIELDS = ("id", "agency_id", "tracking_number", "channel", "received_on", "applicant_type",
               "applicant_name", "organisation_name", "state", "due_on", "due_provisional", "assignee_id")


def _turn_actions() -> dict[State, frozenset[str]]:
    """Whose turn each open state is: the actions every state-changing step out of it requires.

    Derived from the workflow table (e.g. 答复待审核 → review), so "my queue" follows the core.
    """
    turns: dict[State, frozenset[str]] = {}
    for state in workflow.OPEN:
        sets = [t.actions for t in workflow.TRANSITIONS
                if state in t.sources and t.target is not None and t.routine]
        if sets:
            turns[state] = frozenset.intersection(*sets)
    return turns


TURNS = _turn_actions()


@dataclass(frozen=True, slots=True)
class Row:
    """One line of a list, ready to print (plain strings: lists are rendered many rows at a time)."""

    pk: int
    tracking_number: str
    applicant: str
    applicant_type: str
    agency: str
    channel: str
    received: str
    state: str
    is_open: bool
    due: str
    provisional: bool
    days_left: int | None
    paused: bool
    urgent: bool
    pause: str = ""  # on the red list while paused: the pause (e.g. 等待申请人补正) …
    pause_deadline: str = ""  # … and its own deadline, which put it there

    @property
    def overdue_by(self) -> int:
        return -self.days_left if self.days_left is not None and self.days_left < 0 else 0


def _days_left(calendar: Calendar, today: dt.date, due: dt.date | None) -> int | None:
    if due is None:
        return None
    try:
        return calendar.count(today, due).days
    except CalendarError:
        return None


_CHANNELS = dict(vocab.Channel.choices)
_APPLICANT_TYPES = dict(vocab.ApplicantType.choices)


class _Calendars(dict):
    """Each agency's calendar (with its overrides), read once per request."""

    def __missing__(self, agency_id: int) -> Calendar:
        self[agency_id] = services.calendar_for(agency_id)
        return self[agency_id]


def _rows(lists, today: dt.date, calendars: _Calendars, pauses: dict[int, queues.PauseDeadline],
          personal: set[int] | None) -> list[list[Row]]:
    """Rows of each list of applications; agency names come in one query (a join would mislead
    SQLite's planner away from the (agency, state, due_on) index). Applicants' names are masked
    outside the agencies in `personal` (`Action.READ_PERSONAL`; ``None``: all)."""
    lists = [list(applications) for applications in lists]
    ids = {a.agency_id for applications in lists for a in applications}
    names = dict(Agency.objects.filter(pk__in=ids).order_by().values_list("pk", "name")) if ids else {}
    return [[_row(a, today, calendars[a.agency_id], names, pauses.get(a.pk),
                  masked=personal is not None and a.agency_id not in personal) for a in applications]
            for applications in lists]


def _row(a: Application, today: dt.date, calendar: Calendar, names: dict[int, str],
         pause: queues.PauseDeadline | None = None, *, masked: bool = False) -> Row:
    is_open = a.is_open
    paused = State(a.state) in queues.PAUSED_STATES
    left = _days_left(calendar, today, pause.deadline if pause else a.due_on) if is_open else None
    return Row(
        pk=a.pk, tracking_number=a.tracking_number, applicant=a.applicant_label_masked if masked else a.applicant_label,
        applicant_type=_APPLICANT_TYPES.get(a.applicant_type, a.applicant_type), agency=names[a.agency_id],
        channel=_CHANNELS.get(a.channel, a.channel), received=a.received_on.isoformat(), state=a.state_label,
        is_open=is_open, due=a.due_on.isoformat() if a.due_on else "", provisional=a.due_provisional,
        days_left=left, paused=paused,
        urgent=left is not None and (pause is not None or not paused) and left <= queues.DUE_SOON,
        pause=pause.label if pause else "", pause_deadline=pause.deadline.isoformat() if pause else "",
    )


def _queue_scope(request, own_staff: bool):
    """The applications this user may read, narrowed to the current agency for its own staff."""
    qs = scoped(Application.objects.all(), request.user)
    return qs.filter(agency=request.agency) if own_staff else qs


def _mine(qs, request, held: set[str]):
    """'My queue': open applications where it is the user's turn (clerks: their own cases)."""
    if request.agency is None:
        return qs.none()
    cond = Q(pk__in=[])
    for state, actions in TURNS.items():
        if actions & held:
            mine = Q(state=state.value)
            if actions <= {workflow.ACT}:
                mine &= Q(assignee=request.user) | Q(assignee__isnull=True)
            cond |= mine
    return qs.filter(cond)


def home_panel(request):
    """The home page box (工作台): my queue and red-list counts of the current agency, for its staff;
    its admin (机关管理员) also gets the links to the calendar and letter-template settings."""
    from gongkai.web.home import Panel

    agency = request.agency
    held = services.held_actions(request.user, agency) if agency is not None else set()
    administers = agency is not None and can(request.user, agency, Action.ADMINISTER)
    if not held and not administers:
        return None
    today = wallclock.today()
    open_qs = Application.objects.filter(agency=agency).filter(state__in=OPEN_STATES)
    urgent = queues.red_list(open_qs, today, services.calendar_for(agency.pk)).queryset
    return Panel("依申请公开", "applications/_home_panel.html",
                 {"mine": _mine(open_qs, request, held).count(), "open": open_qs.count(), "urgent": urgent.count(),
                  "can_register": workflow.ACT in held, "case_work": bool(held), "administers": administers})


TABS = [("mine", "我的待办"), ("open", "全部在办"), ("urgent", "逾期及临期"), ("all", "全部申请")]


@login_required
def queue(request):
    """The clerk's workspace: my queue, all open applications, the red list, all applications."""
    today = wallclock.today()
    agency = request.agency
    held = services.held_actions(request.user, agency) if agency is not None else set()
    tabs = [(key, label) for key, label in TABS if held or key != "mine"]  # readers have no queue of their own
    tab = request.GET.get("tab") or tabs[0][0]
    if tab not in dict(tabs):
        tab = tabs[0][0]
    own_staff = bool(agency is not None and roles_in(request.user, agency) - {"supervisor"})
    base = _queue_scope(request, own_staff)
    open_qs = base.filter(state__in=OPEN_STATES)
    calendars = _Calendars()
    calendar = calendars[agency.pk] if agency else default_calendar()
    red = queues.red_list(open_qs, today, calendar)
    mine = _mine(open_qs, request, held)
    counts = {"mine": mine.count(), "open": open_qs.count(), "urgent": red.queryset.count()}
    qs = {"mine": mine, "open": open_qs, "urgent": red.queryset, "all": base}[tab]
    sort = "-received" if tab == "all" else "due"  # finished cases have no due date: newest first
    personal = agency_ids(request.user, Action.READ_PERSONAL)
    filters = QueueFilter(request.GET or None, qs.only(*LIST_FIELDS).order_by(*SORT_FIELDS[sort]), personal=personal)
    if filters.is_valid():  # an invalid filter is shown with its error, the queue unfiltered
        qs, sort = filters.qs, filters.form.cleaned_data["sort"] or sort
    else:
        qs = filters.queryset
    paginator = Paginator(qs, PAGE_SIZE)
    if tab in counts and not (filters.is_bound and filters.form.has_changed()):
        paginator.count = counts[tab]  # already counted for the tabs: spare the query
    page = paginator.get_page(request.GET.get("page"))
    top = [e.application for e in queues.entries(replace(red, queryset=red.queryset.only(*LIST_FIELDS)), calendar,
                                                 limit=RED_LIST_SIZE)]
    rows, red_rows = _rows([page.object_list, top], today, calendars, red.pauses, personal)
    params = request.GET.copy()
    params.pop("page", None)
    sort_params = params.copy()
    sort_params.pop("sort", None)
    return render(request, "applications/queue.html", {
        "tab": tab, "tabs": [(key, label, counts.get(key)) for key, label in tabs],
        "filters": filters.form, "page": page, "rows": rows, "red": red_rows,
        "urgent_total": counts["urgent"], "sort": sort, "query": params.urlencode(),
        "sort_query": sort_params.urlencode(), "today": today, "soon": red.soon,
        "detail_base": reverse("applications:queue"),
        "can_register": workflow.ACT in held, "many_agencies": not own_staff,
    })


@login_required
@require_http_methods(["GET", "POST"])
def intake(request):
    """Register an application received through any channel (登记)."""
    agency = request.agency
    if agency is None or not can(request.user, agency, Action.ACT):
        raise PermissionDenied("您没有在当前机关登记申请的权限")
    form = IntakeForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("items", "identity_file", "application_file")}
        try:
            warning = services.receipt_warning(agency, data)
            if warning and not data.get("confirm_date"):  # Art. 31(3): likely a slip, confirm it
                raise services.TransitionError(f"{warning}。如确认无误，请勾选“已核对：双方确认之日无误”后再提交")
            with transaction.atomic():  # the application and its files together, or nothing
                application = services.register(request.user, agency, data, items=form.item_texts())
                for kind, name, content in form.files_to_attach():
                    attachments.add_attachment(application, request.user, kind=kind, name=name, data=content)
        except (services.TransitionError, attachments.AttachmentError) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已登记，受理编号 {application.tracking_number}，答复期限 "
                                      f"{application.due_on:%Y年%m月%d日}{'（暂定）' if application.due_provisional else ''}")
            return redirect("applications:detail", pk=application.pk)
    return render(request, "applications/intake.html", {
        "form": form, "agency": agency,
        "receipt_rules": [(key, label, vocab.RECEIPT_RULES.get(key, "")) for key, label in vocab.Channel.choices],
    }, status=400 if request.method == "POST" else 200)


def _application(request, pk: int) -> Application:
    return get_scoped_or_404(Application.objects.select_related("agency", "assignee", "duplicate_of"),
                             request.user, pk=pk)


def _personal_files(request, pk: int) -> Application:
    """The application whose letters or uploaded files (identity scans) are asked for: these carry
    the applicant's personal data, for the agency's own staff only (403 for a supervisor)."""
    application = _application(request, pk)
    require(request.user, application.agency_id, Action.READ_PERSONAL)
    return application


def _step_form(name: str, application: Application, data=None):
    form_class = STEP_FORMS[name]
    kwargs: dict[str, Any] = {"application": application, "date_label": DATE_LABELS.get(name, "办理日期")}
    if name == "mark_duplicate":
        kwargs["candidates"] = services.duplicate_candidates(application)
    elif name == "approve_extension":
        kwargs["pending"] = services.pending_extension(application)
    return form_class(data, **kwargs)


def _detail(request, application: Application, *, failed: tuple[str, object] | None = None,
            error: str = "", status: int = 200, attachment_form: AttachmentForm | None = None, fee=None):
    today = wallclock.today()
    try:
        clock = services.clock_state(application, today)
        clock_error = ""
    except (ClockError, CalendarError) as exc:
        clock, clock_error = None, services.clock_refusal(exc)
    steps = services.available_transitions(application, request.user, today) if clock else []
    if failed and failed[0] not in {s.name for s in steps}:  # keep the person's input and its errors
        t = workflow.transition(failed[0])
        steps.append(services.Step(t.name, t.label, t.needs))
    actions = []
    for step in steps:
        form = failed[1] if failed and failed[0] == step.name else _step_form(step.name, application)
        extra = {}
        if step.name == "issue_fee_notice":
            extra["fee"] = fee or services.fee_quote(application)
        actions.append({"step": step, "form": form, "open": bool(failed and failed[0] == step.name), **extra})
    can_act = can(request.user, application.agency_id, Action.ACT)
    # personal data in clear and the applicant's files are for the agency's own staff only
    # (a supervisor reads the case masked: `Action.READ_PERSONAL`)
    personal = can(request.user, application.agency_id, Action.READ_PERSONAL)
    monthly = services.monthly_requests(application)
    # the reply letter under review or awaiting sign-off: what the reviewer and the leader approve
    # (it names the applicant: for the agency's own staff only)
    drafted = application.state in (State.DRAFTED, State.REVIEWED, State.SIGNED)
    draft = letters.draft_letter(application) if personal and drafted else None
    return render(request, "applications/detail.html", {
        "a": application, "clock": clock, "clock_error": clock_error,
        "overdue_by": -clock.working_days_left if clock and clock.working_days_left < 0 else 0,
        "actions": actions, "error": error,
        "id_number": application.id_number if personal else application.id_number_masked,
        "applicant": application.applicant_label if personal else application.applicant_label_masked,
        "contact": application.applicant_name if personal else personal_data.mask_free_text(application.applicant_name),
        "personal": personal, "items": application.items.order_by("position"),
        "history": audit.entries_for(application).select_related("actor")[:100],
        "letters": application.letters.order_by("-created_at", "-id"),
        "letter_choices": letters.available_letters(application) if can_act else [],
        "counting_note": letters.counting_note(application),
        "draft_letter": draft, "draft_blocks": letters.blocks(letters.letter_docx(draft)) if draft else [],
        "attachments": application.attachments.order_by("uploaded_at"),
        "appeals": application.appeals.order_by("filed_on", "id"),
        "attachment_form": (attachment_form or AttachmentForm()) if can_act else None,
        "monthly_requests": monthly, "excessive_hint": monthly > services.EXCESSIVE_HINT_THRESHOLD,
        "read_only": not services.held_actions(request.user, application.agency_id),
        "channel_rule": vocab.RECEIPT_RULES.get(application.channel, ""),
    }, status=status)


@login_required
def detail(request, pk: int):
    """The case page: header, clock explanation, history, documents and the next allowed steps."""
    return _detail(request, _application(request, pk))


@login_required
@require_POST
def step(request, pk: int, name: str):
    """Take one step: parse its form, call its service, show the rule or conflict on refusal."""
    application = _application(request, pk)
    if name not in STEP_FORMS:
        raise Http404("没有这个办理步骤")
    form = _step_form(name, application, request.POST)
    if not form.is_valid():
        return _detail(request, application, failed=(name, form), error="请按提示修改后重新提交", status=400)
    if name == "issue_fee_notice" and "preview" in request.POST:  # 试算: show the fee, issue nothing
        try:
            quote = services.fee_quote(application, form.service_kwargs()["bases"])
        except services.TransitionError as exc:
            return _detail(request, application, failed=(name, form), error=str(exc), status=exc.status)
        return _detail(request, application, failed=(name, form), fee=quote)
    service = letters.REPLY_STEPS.get(name) or getattr(services, name)  # a reply draft makes its letter
    try:
        service(application, request.user, **form.service_kwargs())
    except services.ConflictError as exc:
        application.refresh_from_db()
        return _detail(request, application, error=str(exc), status=exc.status)
    except PermissionDenied as exc:
        return _detail(request, application, error=str(exc), status=403)
    except services.TransitionError as exc:
        form.add_error(None, str(exc))
        return _detail(request, application, failed=(name, form), error=str(exc), status=exc.status)
    messages.success(request, f"已办理：{workflow.transition(name).label}")
    return redirect(reverse("applications:detail", kwargs={"pk": application.pk}))



@login_required
@require_POST
def issue_letter(request, pk: int):
    """Make a letter (告知书) from the application's record with the agency's template."""
    application = _application(request, pk)
    kind = request.POST.get("kind", "")
    try:
        letter = letters.issue_letter(application, request.user, kind)
    except PermissionDenied as exc:
        return _detail(request, application, error=str(exc), status=403)
    except (services.TransitionError, letters.LetterError) as exc:
        return _detail(request, application, error=str(exc), status=getattr(exc, "status", 422))
    messages.success(request, f"已制作{letter.title}")
    return redirect(reverse("applications:detail", kwargs={"pk": application.pk}) + "#letters")


DOWNLOADS = {
    "docx": (letters.letter_docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "pdf": (letters.letter_pdf, "application/pdf"),
}


@login_required
def download_letter(request, pk: int, letter_pk: int, fmt: str):
    """A letter as Word or PDF; it names the applicant: for the agency's own staff only."""
    application = _personal_files(request, pk)
    letter = Letter.objects.filter(application=application, pk=letter_pk).first()
    if letter is None or fmt not in DOWNLOADS:
        raise Http404("没有这份文书")
    render_bytes, content_type = DOWNLOADS[fmt]
    response = HttpResponse(render_bytes(letter), content_type=content_type)
    name = f"{application.tracking_number}-{letter.title}.{fmt}"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@login_required
@require_POST
def upload_attachment(request, pk: int):
    """Add a file (identity proof, letter, correction material) to the application."""
    application = _application(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        return _detail(request, application, attachment_form=form, error="上传失败，请按提示修改", status=400)
    upload = form.cleaned_data["file"]
    try:
        attachments.add_attachment(application, request.user, kind=form.cleaned_data["kind"], name=upload.name,
                                   data=upload.read())
    except PermissionDenied as exc:
        return _detail(request, application, error=str(exc), status=403)
    except attachments.AttachmentError as exc:
        return _detail(request, application, error=str(exc), status=400)
    messages.success(request, "已上传材料")
    return redirect(reverse("applications:detail", kwargs={"pk": application.pk}) + "#attachments")


@login_required
def download_attachment(request, pk: int, attachment_pk: int):
    """An uploaded file, always as a download (never rendered inline)."""
    application = _personal_files(request, pk)
    attachment = Attachment.objects.filter(application=application, pk=attachment_pk).first()
    if attachment is None:
        raise Http404("没有这份材料")
    response = HttpResponse(attachments.attachment_bytes(attachment), content_type=attachment.content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(attachment.original_name)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- agency settings (机关管理员): working-day calendar and letter templates ---------------------


def _administered_agency(request) -> Agency:
    """The current agency, if the user administers it (else 403: these are the admin's own pages)."""
    agency = request.agency
    if agency is None or not can(request.user, agency, Action.ADMINISTER):
        raise PermissionDenied("只有本机关的机关管理员可以修改本机关设置")
    return agency


def _changes_message(changes: services.CalendarChanges) -> str:
    if not changes:
        return "没有在办申请的答复期限因此改变"
    shown = "；".join(f"{number}：{old:%Y-%m-%d}→{new:%Y-%m-%d}" if old and new else number
                     for number, old, new in changes[:10])
    more = f"等{len(changes)}件" if len(changes) > 10 else ""
    return f"已重新计算{len(changes)}件在办申请的答复期限（{shown}{more}）"


@login_required
@require_http_methods(["GET", "POST"])
def settings_calendar(request):
    """The agency's own closures and extra working days (本机关工作日调整), and a form to add one."""
    agency = _administered_agency(request)
    form = CalendarOverrideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            override, changes = services.add_calendar_override(request.user, agency, **form.cleaned_data)
        except services.TransitionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已保存{override.date:%Y年%m月%d日}"
                                      f"{'调为工作日' if override.workday else '停止办公'}。{_changes_message(changes)}")
            return redirect("applications:settings-calendar")
    return render(request, "applications/settings_calendar.html", {
        "agency": agency, "form": form, "overrides": agency.calendar_overrides.order_by("-date"),
    }, status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def settings_calendar_remove(request, pk: int):
    """Withdraw one of the agency's calendar changes (another agency's is a 404)."""
    agency = _administered_agency(request)
    override = get_scoped_or_404(AgencyCalendarOverride.objects.select_related("agency"), request.user,
                                 action=Action.ADMINISTER, pk=pk, agency=agency)
    changes = services.remove_calendar_override(request.user, override)
    messages.success(request, f"已撤销{override.date:%Y年%m月%d日}的调整。{_changes_message(changes)}")
    return redirect("applications:settings-calendar")


def _letter_kind(kind: str) -> str:
    if kind not in letters.TITLES:
        raise Http404("没有这种文书")
    return kind


def _settings_letters(request, agency: Agency, *, failed: tuple[str, LetterTemplateForm] | None = None,
                      status: int = 200):
    rows = []
    for kind, title in letters.TITLES.items():
        _, own = letters.current_template(agency.pk, kind)
        form = failed[1] if failed and failed[0] == kind else LetterTemplateForm()
        rows.append({"kind": kind, "title": title, "own": own, "form": form})
    return render(request, "applications/settings_letters.html",
                  {"agency": agency, "rows": rows, "max_loop_depth": MAX_LOOP_DEPTH}, status=status)


@login_required
def settings_letters(request):
    """Each letter kind with the template in use (默认模板 / 本机关模板): download, replace, revert."""
    return _settings_letters(request, _administered_agency(request))


@login_required
def settings_letter_download(request, kind: str):
    """The template the agency uses now, to restyle it in Word."""
    agency = _administered_agency(request)
    path, own = letters.current_template(agency.pk, _letter_kind(kind))
    response = HttpResponse(path.read_bytes(), content_type=DOWNLOADS["docx"][1])
    name = f"{letters.TITLES[kind]}（{'本机关模板' if own else '默认模板'}）.docx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@login_required
@require_POST
def settings_letter_upload(request, kind: str):
    """Replace one letter kind's template with an uploaded Word file (refused with the reason)."""
    agency = _administered_agency(request)
    form = LetterTemplateForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            letters.upload_template(request.user, agency, _letter_kind(kind), form.cleaned_data["file"].read())
        except letters.LetterError as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(request, f"已启用本机关的{letters.TITLES[kind]}模板，此后制作的文书将使用该模板")
            return redirect(reverse("applications:settings-letters") + f"#{kind}")
    return _settings_letters(request, agency, failed=(_letter_kind(kind), form), status=400)


@login_required
@require_POST
def settings_letter_revert(request, kind: str):
    """Go back to the shipped default template of one letter kind."""
    agency = _administered_agency(request)
    try:
        letters.revert_template(request.user, agency, _letter_kind(kind))
    except letters.LetterError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{letters.TITLES[kind]}已恢复为默认模板")
    return redirect(reverse("applications:settings-letters") + f"#{kind}")
