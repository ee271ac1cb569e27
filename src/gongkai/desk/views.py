"""Pages of the service desk, mounted at /desk/. Thin: a form parses, one service decides, and
its refusal is shown with its own status (409/422) and Chinese message.

The asker's contact is shown in clear only on the case page, to the agency's own staff (经办、
审核、签发: `Action.READ_PERSONAL`); lists, the export, supervisors and the audit log see it masked,
and in the question and reply too. The text proposed for publication and its screen's excerpts
are a draft until published: a supervisor sees that there is one and its state, not its content
(`Action.READ_DRAFTS`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from gongkai import clock, personal_data
from gongkai.agencies.current import page_agency
from gongkai.agencies.lifecycle import held_actions
from gongkai.agencies.permissions import Action, can, get_scoped_or_404, roles_in, scoped
from gongkai.applications.services import calendar_for
from gongkai.desk import deadlines, forms, importer, queries, services
from gongkai.desk.filters import CaseFilter
from gongkai.desk.models import Case, Kind, Reception
from gongkai.desk.workflow import OPEN_STATES, WORKFLOW, State
from gongkai.limits import LimitExceeded
from gongkai.screening import KINDS
from gongkai.screening.patterns import mask_text
from gongkai.workflow import TransitionError

LIST_SIZE = 200

#: The service of each step, called with the step form's cleaned data.
STEP_SERVICES: dict[str, Callable[..., Case]] = {
    "assign": services.assign, "reply": services.reply, "close": services.close,
    "satisfaction": services.record_satisfaction, "propose": services.propose, "resolve": services.resolve,
    "publish": services.publish, "return": services.return_, "decline": services.decline,
    "withdraw": services.withdraw,
}


def _cases(request):
    """The cases this user reads: the current agency's for its staff, every overseen one for a supervisor."""
    agency = request.agency
    cases = scoped(Case.objects.select_related("agency"), request.user)
    own_staff = bool(agency is not None and roles_in(request.user, agency) - {"supervisor"})
    return (cases.filter(agency=agency) if own_staff else cases), own_staff


def _current_agency(request, action: Action, refusal: str):
    """The session's current agency when the user may do `action` there; else 403 with `refusal`."""
    if request.agency is None or not can(request.user, request.agency, action):
        raise PermissionDenied(refusal)
    return request.agency


@login_required
def queue(request):
    """The queue: the red list (overdue and due soon), then every case matching the filters."""
    cases, own_staff = _cases(request)
    filters = CaseFilter(request.GET or None, cases)
    shown = filters.qs if filters.is_valid() else cases  # an invalid filter: its error, every case
    rows = list(shown[: LIST_SIZE + 1])
    agency = request.agency
    red = queries.red_list(cases, clock.today(), calendar_for(agency)) if agency is not None and own_staff else []
    return render(request, "desk/queue.html", {
        "rows": [(c, queries.contact_shown(c)) for c in rows[:LIST_SIZE]], "truncated": len(rows) > LIST_SIZE,
        "red": red, "filters": filters.form, "many_agencies": not own_staff,
        "can_act": agency is not None and can(request.user, agency, Action.ACT),
        "can_admin": agency is not None and can(request.user, agency, Action.ADMINISTER),
    })


@login_required
@require_http_methods(["GET", "POST"])
def new(request):
    """Register a case in the current agency (phone, walk-in, letter, a transfer, a proposal)."""
    agency = _current_agency(request, Action.ACT, "您没有在本机关登记服务台事项的权限")
    kind = request.GET.get("kind") if request.GET.get("kind") in Kind.values else Kind.CONSULTATION
    form = forms.CaseForm(request.POST or None, initial={"kind": kind})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                case = services.register(request.user, agency, **form.cleaned_data)
            except TransitionError as exc:
                form.add_error(None, str(exc))
                status = exc.status
            else:
                messages.success(request, f"已登记{case.get_kind_display()} {case.number}，答复期限 {case.due_on:%Y-%m-%d}")
                return redirect("desk:detail", pk=case.pk)
    return render(request, "desk/new.html", {"form": form, "agency": agency, "offices": queries.offices(agency)},
                  status=status)


def _detail(request, case: Case, *, error: str = "", bound: tuple[str, object] | None = None, status: int = 200):
    held = held_actions(request.user, case.agency_id)
    facts = services.facts_of(case)
    step_forms = []
    for step in _steps_here(case.state, held):
        if bound is not None and bound[0] == step.name:
            form = bound[1]
        elif step.name == "propose":
            form = forms.ProposeForm.for_case(case)
        else:
            form = forms.STEP_FORMS[step.name](initial={"office": case.office} if step.name == "assign" else None)
        refusal = WORKFLOW.refusal(step.name, case.state, held, facts)
        step_forms.append((step, form, str(refusal) if refusal else ""))
    staff = bool(held)
    personal = staff and can(request.user, case.agency_id, Action.READ_PERSONAL)
    return render(request, "desk/detail.html", {
        "case": case, "steps": step_forms, "error": error, "staff": staff, "personal": personal,
        "contact": None if personal else queries.contact_shown(case),
        "question": case.question if personal else _masked(case, case.question),
        "reply": case.reply if personal else _masked(case, case.reply),
        "draft_visible": case.state == State.PUBLISHED or can(request.user, case.agency_id, Action.READ_DRAFTS),
        "left": deadlines.left_text(deadlines.working_days_left(case.due_on, clock.today(), calendar_for(case.agency_id)))
        if case.state in OPEN_STATES else "",
        "findings": [(KINDS.get(f["kind"], f["kind"]), f) for f in case.findings],
        "offices": queries.offices(case.agency) if staff else [],
    }, status=status)


def _masked(case: Case, text: str) -> str:
    """`text` with the personal data the screen finds masked, and the asker's own name, phone and
    e-mail wherever they appear (a reply often greets the asker by name)."""
    text = mask_text(text)
    for value, mask in ((case.asker_name, personal_data.mask_free_text), (case.asker_phone, personal_data.mask_phone),
                        (case.asker_email, personal_data.mask_email)):  # fmt: skip
        if value.strip():
            text = text.replace(value, mask(value))
    return text


def _steps_here(state: str, held: set[str]):
    """The steps this person may take from this state, including those a rule forbids for now
    (shown with the rule, so that the reviewer sees why 审核并公开 waits)."""
    return [t for t in WORKFLOW.transitions if t.sources.get(state, frozenset()) & held]


@login_required
def detail(request, pk: int):
    return _detail(request, get_scoped_or_404(Case.objects.select_related("agency"), request.user, pk=pk))


@login_required
@require_POST
def take_step(request, pk: int, name: str):
    """Take one workflow step with its form; a refusal re-shows the page with the service's message."""
    case = get_scoped_or_404(Case.objects.select_related("agency"), request.user, pk=pk)
    if name not in STEP_SERVICES:
        return _detail(request, case, error=f"未知的操作：{name}", status=404)
    form = forms.STEP_FORMS[name](request.POST)
    if not form.is_valid():
        return _detail(request, case, error="请检查填写的内容", bound=(name, form), status=422)
    version = int(request.POST["version"]) if request.POST.get("version", "").isdigit() else None
    try:
        STEP_SERVICES[name](case, request.user, version=version, **form.cleaned_data)
    except TransitionError as exc:
        case.refresh_from_db()
        return _detail(request, case, error=str(exc), bound=(name, form), status=exc.status)
    messages.success(request, f"已{WORKFLOW.transition(name).label}")
    return redirect("desk:detail", pk=case.pk)


@login_required
@require_http_methods(["GET", "POST"])
def reception(request):
    """Quick counters of today's front-desk visitors and phone calls, and any day's count set by hand."""
    agency = _current_agency(request, Action.READ, "请先选择机关")
    may_count = can(request.user, agency, Action.ACT)
    form = forms.ReceptionForm(request.POST if "set" in request.POST else None)
    status = 200
    if request.method == "POST":
        if not may_count:
            raise PermissionDenied("您没有登记接待人次的权限")
        try:
            if "add" in request.POST:
                services.count_reception(request.user, agency, on=clock.today(), channel=request.POST["add"], add=1)
                return redirect("desk:reception")
            if form.is_valid():
                d = form.cleaned_data
                services.count_reception(request.user, agency, on=d["on"], channel=d["channel"], set_to=d["count"])
                messages.success(request, "已保存")
                return redirect("desk:reception")
            status = 400
        except TransitionError as exc:
            form.add_error(None, str(exc))
            status = exc.status
    rows = Reception.objects.filter(agency=agency).order_by("-on", "channel")[:62]
    today = {r.channel: r.count for r in Reception.objects.filter(agency=agency, on=clock.today())}
    return render(request, "desk/reception.html", {
        "form": form, "rows": rows, "may_count": may_count, "channels": Reception.Channel.choices,
        "today": [(key, label, today.get(key, 0)) for key, label in Reception.Channel.choices],
    }, status=status)


@login_required
def dashboard(request):
    """Open and overdue cases per office, the on-time rate, by kind, topic, channel and month."""
    cases, own_staff = _cases(request)
    years = sorted({d.year for d in cases.dates("received_on", "year")} | {clock.today().year}, reverse=True)
    year = int(request.GET["year"]) if request.GET.get("year", "").isdigit() and int(request.GET["year"]) in years \
        else years[0]
    board = queries.dashboard(cases, year, clock.today())
    return render(request, "desk/dashboard.html", {"board": board, "years": years, "many_agencies": not own_staff})


@login_required
def figure(request, year: int, key: str):
    """The records one figure of `queries.desk_figures` counts (the report narrative links here,
    naming the report's agency with ``?agency=``: 404 for one the user may not read)."""
    agency = page_agency(request) if request.GET.get("agency") else _current_agency(request, Action.READ, "请先选择机关")
    figures = queries.desk_figures(agency, year)
    if key not in figures.figures:
        raise Http404("没有这一项统计")
    shown = figures[key]
    records = list(shown.queryset.order_by(*(("on",) if shown.queryset.model is Reception else ("received_on", "id"))))
    return render(request, "desk/figure.html", {
        "year": year, "figure": shown, "reception": shown.queryset.model is Reception, "agency": agency,
        "records": records if shown.queryset.model is Reception else [(c, queries.contact_shown(c)) for c in records],
    })


@login_required
@require_http_methods(["GET", "POST"])
def import_hotline(request):
    """Upload the 12345 platform's export: rows with an error are listed and refused, the rest imported."""
    agency = _current_agency(request, Action.ACT, "您没有在本机关导入12345工单的权限")
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    outcome, problem, status = None, "", 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                outcome = importer.run(agency, _table(form.cleaned_data["file"]), actor=request.user,
                                       dry_run=form.cleaned_data["dry_run"])
                status = 200 if not outcome.refused else 422
            except (importer.FileProblem, ValueError) as exc:
                problem = _problem_text(exc)
    return render(request, "desk/import.html", {"form": form, "outcome": outcome, "problem": problem},
                  status=status)


def _table(upload):
    """The uploaded sheet's cells (read from a temporary file by the shared reader)."""
    import tempfile
    from pathlib import Path

    suffix = Path(upload.name).suffix.lower()
    with tempfile.NamedTemporaryFile(suffix=suffix) as tmp:
        for chunk in upload.chunks():
            tmp.write(chunk)
        tmp.flush()
        return importer.read(Path(tmp.name))


def _problem_text(exc: Exception) -> str:
    """The whole file's problem in Chinese (the importer words it in English for the CLI)."""
    if isinstance(exc, LimitExceeded):
        return f"文件超出处理限制：{exc.zh}"
    text = str(exc)
    if "missing column" in text:
        return "表头缺少必需的列：" + text.split(":", 1)[1].strip() + "（须有 工单编号、受理时间、诉求标题）"
    if "too many rows" in text:
        return f"行数过多，每个文件最多{importer.MAX_ROWS}行"
    if "empty" in text:
        return "文件是空的：第一行须为表头"
    return "无法读取该文件，请上传12345平台导出的 .xlsx 或 UTF-8 编码的 .csv 文件"


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request):
    """The agency admin's reply deadline (working days) and proposal deadline (months)."""
    agency = _current_agency(request, Action.ADMINISTER, "只有机关管理员可以修改服务台设置")
    current = services.settings_for(agency)
    form = forms.SettingsForm(request.POST or None, initial={"reply_days": current.reply_days,
                                                              "proposal_months": current.proposal_months})
    if request.method == "POST" and form.is_valid():
        try:
            services.update_settings(request.user, agency, **form.cleaned_data)
        except TransitionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "已保存；已登记事项的答复期限不变")
            return redirect("desk:settings")
    return render(request, "desk/settings.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def export_csv(request):
    """The listed cases as CSV, the asker's contact masked."""
    cases, _ = _cases(request)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["机关", "类别", "编号", "标题", "主题", "提问人（已遮盖）", "代表/委员", "渠道", "收到日期",
                     "答复期限", "承办科室/单位", "状态", "答复日期", "逾期答复", "满意度", "公开日期"])
    for c in cases.order_by("received_on", "id")[:50000]:
        writer.writerow([c.agency.name, c.get_kind_display(), c.number, c.title, c.topic, queries.contact_shown(c),
                         c.member, c.get_channel_display(), c.received_on, c.due_on, c.office, c.state_label,
                         c.replied_on or "", "是" if c.late else "", c.get_satisfaction_display(),
                         c.published_on or ""])
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="desk.csv"'
    return response


def home_panel(request):
    """The 服务台 box on the home page: open, overdue and due-soon cases, replies waiting for review."""
    from gongkai.web.home import Panel

    agency, user = request.agency, request.user
    if agency is None or not (roles_in(user, agency) - {"supervisor"}):
        return None
    cases = Case.objects.filter(agency=agency)
    red = queries.red_list(cases, clock.today(), calendar_for(agency))
    return Panel("服务台", "desk/_home_panel.html", {
        "open": cases.filter(state__in=list(OPEN_STATES)).count(),
        "overdue": sum(1 for u in red if u.left < 0), "soon": sum(1 for u in red if u.left >= 0),
        "review": cases.filter(state=State.REVIEW).count(),
        "queue": reverse("desk:queue"),
    })
