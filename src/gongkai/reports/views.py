"""The reports room (/reports/): per agency and year, the report as it stands, its cells' records,
the text, hand-entered figures, findings, workflow steps, publications and exports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from gongkai import clock
from gongkai.agencies.current import page_agency
from gongkai.agencies.lifecycle import held_actions
from gongkai.agencies.permissions import Action, can, get_scoped_or_404, readable_agencies
from gongkai.annual.formats import FORMATS, era_for_year
from gongkai.annual.model import from_dict
from gongkai.reports import board, compute, forms, services
from gongkai.reports.models import Baseline, Publication, PublishedFile, Report, Scope
from gongkai.reports.page import paper
from gongkai.reports.page import tables as page_tables
from gongkai.reports.workflow import EDITABLE, WORKFLOW, State
from gongkai.workflow import TransitionError

EXPORTS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "svg": "image/svg+xml",
}
#: rows listed on a drill-down page at most (a cell of a big agency can count thousands)
CELL_PAGE_LIMIT = 500
#: Said where an unpublished report's content is withheld (`content_visible`).
WITHHELD = "监督机关只能查看未公开年度报告的状态"


def _report(request, pk: int) -> Report:
    return get_scoped_or_404(Report.objects.select_related("agency", "drafted_by"), request.user, pk=pk)


def content_visible(user, report: Report) -> bool:
    """Whether `user` may read the report's content as it stands (narrative, table values, hand-entered
    figures, findings' text, the working copy's exports): a published report's is published; an
    unpublished one's is for its own agency's staff (`Action.READ_DRAFTS`) — a supervisor sees its
    metadata, status, deadlines and the check's summary counts only. Published versions stay readable
    (`published_file`)."""
    return report.state == State.PUBLISHED or can(user, report.agency_id, Action.READ_DRAFTS)


def _year(request) -> int:
    try:
        year = int(request.GET.get("year") or request.POST.get("year") or clock.today().year - 1)
        era_for_year(year)
    except ValueError as exc:
        raise Http404("年度无效") from exc
    return year


@login_required
def index(request):
    """The agency's reports by year, and the one to start."""
    agency = page_agency(request)
    year = _year(request)
    reports = list(Report.objects.filter(agency=agency).order_by("-year"))
    baselines = list(Baseline.objects.filter(agency=agency).order_by("-year"))
    return render(request, "reports/index.html", {
        "agency": agency, "agencies": readable_agencies(request.user).order_by("name"), "year": year,
        "reports": reports, "baselines": baselines, "can_act": can(request.user, agency, Action.ACT),
        "scopes": _missing_scopes(agency, year, reports),
        "can_oversee": board.may_oversee(request.user, agency),
    })


def _missing_scopes(agency, year: int, reports: list[Report]) -> list[tuple[str, str]]:
    """The scopes the agency may still start a `year` report in (a government chooses)."""
    offered = Scope.choices if agency.kind == "government" else [(Scope.AGENCY.value, Scope.AGENCY.label)]
    held = {r.scope for r in reports if r.year == year}
    return [(value, label) for value, label in offered if value not in held]


@login_required
@require_POST
def start(request):
    agency = page_agency(request)
    year = _year(request)
    scope = request.POST.get("scope") or Scope.AGENCY
    if scope not in Scope.values:
        raise Http404("报告范围无效")
    try:
        report = services.draft(agency, year, request.user, scope=scope)
    except (PermissionDenied, TransitionError) as exc:
        messages.error(request, str(exc))
        return redirect(f"{reverse('reports:index')}?agency={agency.pk}")
    return redirect("reports:detail", report.pk)


def _where(finding, report_pk: int) -> list[tuple[str, str]]:
    """Links to where a finding is fixed: its cells, or the text of a section."""
    where = finding.where
    table = where.get("table")
    refs = []
    if table and "cells" in where:
        refs = [(table, *key.split(".", 1)) for key in where["cells"]]
    elif table and where.get("row") and where.get("column"):
        refs = [(table, where["row"], where["column"])]
    elif finding.code == "CROSS_YEAR_CARRY":
        refs = [("applications", "carried_in", where.get("column", "total"))]
    elif finding.code == "CROSS_YEAR_IN_FORCE":
        refs = [("proactive", where["row"], "in_force")]
    links = [(f"{'.'.join(r)}", f"#cell-{'.'.join(r)}") for r in refs]
    if finding.code in ("NARRATIVE_MISMATCH", "SECTION_MISSING"):
        links.append(("修改正文", reverse("reports:text", args=[report_pk])))
    return links


#: The narrative's references to the service desk's figures: ``activity.desk_<key>`` (`desk_figures` keys).
DESK_REF = "activity.desk_"


def _figure_links(report: Report) -> tuple[dict[str, list], dict[str, list[tuple[str, str, str]]]]:
    """The drafted text's sources as the page lists them (section key → [(paragraph, [(label, value,
    table ref, link)])]) and the numbers to link in the paper (paragraph → [(words, number, link)]):
    each service-desk number links to the staff page listing its cases."""
    from gongkai.desk.queries import figure_url

    listed: dict[str, list] = {}
    phrases: dict[str, list[tuple[str, str, str]]] = {}
    for key, paragraphs in (report.sources or {}).items():
        for text, sources in paragraphs:
            rows = []
            for ref, label, value, *before in sources:
                # one number with the words before it (drafts before these links stored listings)
                desk = ref.startswith(DESK_REF) and bool(before)
                href = figure_url(report.agency_id, report.year, ref[len(DESK_REF):]) if desk else None
                table = ref if ref.split(".", 1)[0] in ("applications", "appeals", "proactive") else ""
                rows.append((label, value, table, href))
                if href:
                    phrases.setdefault(text, []).append((before[0], value, href))
            listed.setdefault(key, []).append((text, rows))
    return listed, phrases


def _detail_context(request, report: Report) -> dict:
    if not content_visible(request.user, report):
        return _withheld_context(request, report)
    manual = services.manual_cells(report)
    model = services.assemble(report, manual=manual)
    prior, prior_label = services.previous(report.agency, report.year)
    found = services.findings(report, services.assemble(report, manual=manual), prior)  # model is changed
    moved = services.moved_cells(report) if report.state in EDITABLE else []
    flagged = {(f.where.get("table"), *k.split(".", 1)) for f in found if f.severity == "error"
               for k in f.where.get("cells", {})}
    prefix = reverse("reports:detail", args=[report.pk])  # one reverse for the ~200 cell links
    link = lambda ref: f"{prefix}cell/{ref[0]}/{ref[1]}/{ref[2]}/"  # noqa: E731 - the "reports:cell" pattern
    held = held_actions(request.user, report.agency_id)
    facts = services.facts_of(report, found) if report.state != State.PUBLISHED else None
    steps = [(t, WORKFLOW.refusal(t.name, report.state, held, facts) if facts else None)
             for t in WORKFLOW.transitions if report.state in t.sources and t.sources[report.state] & held]
    from gongkai.catalogue.figures import current as catalogue_figures

    entered = {("proactive", *k.split(".", 1)): f for k, f in catalogue_figures(report.agency, report.year).items()}
    sources, phrases = _figure_links(report)
    return {
        "report": report, "agency": report.agency, "paper": paper(model, link, manual=manual, moved={
            (m.table, m.row, m.column) for m in moved}, flagged=flagged, phrases=phrases),
        "findings": [(f, services.finding_key(f), report.acknowledged.get(services.finding_key(f)),
                      _where(f, report.pk)) for f in found],
        "errors": sum(1 for f in found if f.severity == "error"),
        "moved": moved, "manual": sorted(manual.values(), key=lambda m: (m.table, m.row, m.column)),
        "entered": sorted(entered.values(), key=lambda f: (f.row, f.column)),
        "prior_label": prior_label, "prior": prior,
        "steps": steps, "editable": report.state in EDITABLE and can(request.user, report.agency, Action.ACT),
        "can_explain": report.state != State.PUBLISHED and bool(held),
        "publications": list(report.publications.select_related("published_by").order_by("number")),
        "exports": list(EXPORTS), "cells": forms.cell_choices(report.year),
        "sources": sources, "withheld": False,
    }


def _withheld_context(request, report: Report) -> dict:
    """The report page without the draft's content: agency, year, state, versions, the check's
    summary counts and the published versions (`content_visible`)."""
    prior, prior_label = services.previous(report.agency, report.year)
    found = services.findings(report, prior=prior)
    held = held_actions(request.user, report.agency_id)
    steps = [(t, None) for t in WORKFLOW.transitions if report.state in t.sources and t.sources[report.state] & held]
    return {
        "report": report, "agency": report.agency, "withheld": True, "withheld_notice": WITHHELD,
        "errors": sum(1 for f in found if f.severity == "error"),
        "warnings": sum(1 for f in found if f.severity == "warning"), "findings": [], "steps": steps,
        "prior_label": prior_label, "prior": prior, "editable": False, "can_explain": False,
        "publications": list(report.publications.select_related("published_by").order_by("number")),
        "exports": list(EXPORTS),
    }


@login_required
def detail(request, pk: int):
    report = _report(request, pk)
    return render(request, "reports/detail.html", _detail_context(request, report))


def _refused(request, report: Report, exc: TransitionError | PermissionDenied):
    """The report page again with the service's refusal, answered with its status."""
    messages.error(request, str(exc))
    status = getattr(exc, "status", 403)
    return render(request, "reports/detail.html", _detail_context(request, Report.objects.get(pk=report.pk)),
                  status=status)


def _version(request) -> int | None:
    try:
        return int(request.POST["version"])
    except (KeyError, ValueError):
        return None


@login_required
@require_POST
def step(request, pk: int, name: str):
    report = _report(request, pk)
    version, comment = _version(request), request.POST.get("comment", "")
    actions = {
        "submit": lambda: services.submit(report, request.user, version=version),
        "approve": lambda: services.approve(report, request.user, version=version),
        "return": lambda: services.return_(report, request.user, comment=comment, version=version),
        "publish": lambda: services.publish(report, request.user, version=version),
        "correct": lambda: services.correct(report, request.user, reason=comment, version=version),
    }
    if name not in actions:
        raise Http404("没有这个操作")
    try:
        changed = actions[name]()
    except (TransitionError, PermissionDenied) as exc:
        return _refused(request, report, exc)
    messages.success(request, f"{WORKFLOW.transition(name).label}：已办理，当前状态为“{changed.state_label}”")
    return redirect("reports:detail", report.pk)


@login_required
@require_POST
def refresh(request, pk: int):
    report = _report(request, pk)
    try:
        moved = services.refresh(report, request.user, version=_version(request))
    except (TransitionError, PermissionDenied) as exc:
        return _refused(request, report, exc)
    messages.success(request, f"已按最新记录更新{len(moved)}个数据" if moved else "记录没有变化，数据无需更新")
    return redirect("reports:detail", report.pk)


@login_required
@require_POST
def redraft(request, pk: int):
    report = _report(request, pk)
    try:
        services.redraft_text(report, request.user, version=_version(request))
    except (TransitionError, PermissionDenied) as exc:
        return _refused(request, report, exc)
    messages.success(request, "已按当前数据重新生成正文初稿")
    return redirect("reports:detail", report.pk)


@login_required
@require_POST
def figure(request, pk: int):
    report = _report(request, pk)
    form = forms.FigureForm(request.POST, report=report)
    if not form.is_valid():
        return _refused(request, report, TransitionError("；".join(str(e) for es in form.errors.values() for e in es)))
    table, row, column = form.cleaned_data["cell"].split(".", 2)
    try:
        services.set_figure(report, request.user, table=table, row=row, column=column,
                            value=form.cleaned_data["value"], source=form.cleaned_data["source"],
                            version=_version(request))
    except (TransitionError, PermissionDenied) as exc:
        return _refused(request, report, exc)
    messages.success(request, "已保存人工填报数据" if form.cleaned_data["value"] else "已撤销人工填报，恢复按记录统计")
    return redirect("reports:detail", report.pk)


@login_required
@require_POST
def explain(request, pk: int):
    report = _report(request, pk)
    try:
        services.explain(report, request.user, key=request.POST.get("key", ""), reason=request.POST.get("reason", ""),
                         version=_version(request))
    except (TransitionError, PermissionDenied) as exc:
        return _refused(request, report, exc)
    messages.success(request, "已记录说明")
    return redirect("reports:detail", report.pk)


@login_required
def text(request, pk: int):
    """Edit the narrative; a form based on an older version is refused (409), never saved over."""
    report = _report(request, pk)
    if request.method == "GET" and not (report.state in EDITABLE and can(request.user, report.agency, Action.ACT)):
        messages.error(request, f"报告当前为“{report.state_label}”，只有经办人可在草稿状态修改正文")
        return redirect("reports:detail", report.pk)
    keys = [s for s in FORMATS[era_for_year(report.year)].sections]
    if request.method == "POST":
        form = forms.TextForm(request.POST, sections=keys)
        if form.is_valid():
            try:
                services.save_text(report, request.user, sections={s.key: form.cleaned_data[s.key] for s in keys},
                                   assessment=form.cleaned_data["assessment"], version=form.cleaned_data["version"])
            except (TransitionError, PermissionDenied) as exc:
                messages.error(request, str(exc))
                return render(request, "reports/text.html", {"report": Report.objects.get(pk=report.pk),
                              "form": form, "sources": report.sources}, status=getattr(exc, "status", 403))
            messages.success(request, "正文已保存")
            return redirect("reports:detail", report.pk)
        status = 422
    else:
        form = forms.TextForm(sections=keys, initial={**report.sections, "assessment": report.assessment,
                                                      "version": report.version})
        status = 200
    return render(request, "reports/text.html", {"report": report, "form": form, "sources": report.sources},
                  status=status)


def _record_rows(queryset):
    """(link, cells…) of each record on a drill-down page, by the kind of record."""
    model = queryset.model._meta.label
    if model == "applications.Application":
        rows = queryset.order_by("received_on", "id")[:CELL_PAGE_LIMIT]
        head = ("受理编号", "收到申请之日", "申请人类型", "申请方式", "办结日期", "状态")
        return head, [(reverse("applications:detail", args=[a.pk]), a.tracking_number, a.received_on,
                       a.get_applicant_type_display(), a.get_channel_display(), a.closed_on or "—", a.state_label)
                      for a in rows]
    if model == "appeals.Appeal":
        rows = queryset.order_by("filed_on", "id")[:CELL_PAGE_LIMIT]
        head = ("类型", "案号", "申请/立案日期", "结果", "决定/判决日期", "复议机关/法院")
        return head, [(reverse("appeals:detail", args=[a.pk]), a.get_kind_display(), a.case_number or "—",
                       a.filed_on, a.get_result_display(), a.decided_on or "—", a.body) for a in rows]
    rows = queryset.order_by("date_made", "id")[:CELL_PAGE_LIMIT]
    head = ("标题", "文号", "成文日期", "发布日期", "有效性", "废止/失效日期")
    return head, [(reverse("catalogue:detail", args=[i.pk]), i.title, i.doc_number or "—", i.date_made,
                   i.date_published or "—", i.get_validity_display(), i.validity_changed_on or "—") for i in rows]


@login_required
def cell(request, pk: int, table: str, row: str, column: str):
    """What one number counts: its records (each linking to it), or who entered it by hand."""
    report = _report(request, pk)
    era = era_for_year(report.year)
    fmt = FORMATS[era]
    try:
        label_row = fmt.table(table).row(row)
        label_col = {c.key: c for c in fmt.table(table).columns_of(label_row)}[column]
    except KeyError as exc:
        raise Http404("报告表格中没有这一项") from exc
    if not content_visible(request.user, report):
        return _withheld_cell(request, report, table, label_row, label_col)
    manual = services.manual_cells(report).get((table, row, column))
    model = services.assemble(report)
    records = compute.cell_records(report.agency, report.year, era, table, row, column)
    head, rows, count = (), [], None
    if records is not None:
        count = records.count()
        head, found = _record_rows(records)
        rows = [(r[0], list(zip(head, r[1:], strict=True))) for r in found]
    from gongkai.catalogue.figures import current as catalogue_figures

    entered = catalogue_figures(report.agency, report.year).get(f"{row}.{column}") if table == "proactive" else None
    prior, prior_label = services.previous(report.agency, report.year)
    carried = prior.get("applications", "carried_forward", column) if prior and row == "carried_in" else None
    return render(request, "reports/cell.html", {
        "parts": _cell_parts(request.user, report, table, row, column) if report.scope == Scope.AREA else None,
        "report": report, "table": table, "row": label_row, "column": label_col, "value": model.get(table, row, column),
        "held": from_dict({"era": era, **report.figures}).get(table, row, column),
        "manual": manual, "entered": entered, "records": rows, "head": head, "count": count,
        "limit": CELL_PAGE_LIMIT, "carried": carried, "prior_label": prior_label,
        "previous_report": Report.objects.filter(agency=report.agency, year=report.year - 1, scope=report.scope).first(),
        "cell_key": f"{table}.{row}.{column}",
        "editable": report.state in EDITABLE and can(request.user, report.agency, Action.ACT),
    })


def _withheld_cell(request, report: Report, table: str, label_row, label_col):
    """A cell of a report whose content the user may not read: what it is and where it comes from,
    not the report's value (`content_visible`)."""
    parts = _cell_parts(request.user, report, table, label_row.key, label_col.key, values=False) \
        if report.scope == Scope.AREA else None
    return render(request, "reports/cell.html", {
        "report": report, "table": table, "row": label_row, "column": label_col, "parts": parts,
        "withheld": True, "withheld_notice": WITHHELD, "cell_key": f"{table}.{label_row.key}.{label_col.key}",
        "records": [], "count": None, "manual": None, "entered": None, "editable": False,
    })


def _cell_parts(user, report: Report, table: str, row: str, column: str, *,
                values: bool = True) -> list[tuple[str, object, str | None]]:
    """An area report's cell by the agencies behind it: (name, value, link to that agency's own
    report cell when the user may read it). An agency's unpublished report gives its value only to
    who may read its content (`content_visible`); none is given with ``values=False``."""
    from gongkai.agencies.permissions import agency_ids

    readable = agency_ids(user, Action.READ)
    out: list[tuple[str, object, str | None]] = []
    for part in services.area_parts(report.agency, report.year):
        own = part.report is None and part.agency.pk == report.agency_id
        link = None
        if part.report is not None and (readable is None or part.agency.pk in readable):
            link = reverse("reports:cell", args=[part.report.pk, table, row, column])
        name = f"{part.agency.name}（本机关记录）" if own else part.agency.name
        shown = values and (part.report is None or content_visible(user, part.report))
        out.append((name, part.model.get(table, row, column) if shown else None, link))
    return out


def _attachment(data: bytes, kind: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=EXPORTS[kind])
    disposition = "inline" if kind in ("html", "svg", "pdf") else "attachment"
    from urllib.parse import quote

    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(name)}"
    if kind in ("html", "svg"):
        response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    return response


@login_required
def export(request, pk: int, kind: str):
    """The report as it stands now (not yet published: a working copy) in one format."""
    report = _report(request, pk)
    if kind not in EXPORTS:
        raise Http404("不支持的格式")
    if not content_visible(request.user, report):
        raise PermissionDenied(f"{WITHHELD}，不能导出工作稿；已发布的版本可在“已发布版本”中下载")
    model = services.assemble(report)
    data = services.renderings(model, only=kind, prior=services.previous(report.agency, report.year)[0])[kind]
    return _attachment(data, kind, f"{report.agency.name}{report.year}年政府信息公开工作年度报告（工作稿）.{kind}")


@login_required
def published_file(request, pk: int, number: int, kind: str):
    pub = get_object_or_404(Publication.objects.select_related("report__agency"), report_id=pk, number=number)
    get_scoped_or_404(Report.objects.all(), request.user, pk=pk)
    f = get_object_or_404(PublishedFile, publication=pub, kind=kind)
    suffix = f"（第{pub.number}版）" if pub.number > 1 else ""
    return _attachment(bytes(f.content), kind,
                       f"{pub.report.agency.name}{pub.report.year}年政府信息公开工作年度报告{suffix}.{kind}")


@login_required
def baseline(request):
    """Upload last year's report published outside the system, then confirm its figures."""
    agency = page_agency(request)
    year = _year(request)
    base = Baseline.objects.filter(agency=agency, year=year).first()
    status = 200
    if request.method == "POST" and "file" in request.FILES:
        upload = forms.UploadForm(request.POST, request.FILES)
        if upload.is_valid():
            f = upload.cleaned_data["file"]
            try:
                base = services.upload_baseline(agency, year, request.user, filename=f.name,
                                                data=f.read(services.MAX_UPLOAD_BYTES + 1))
            except (services.Unreadable, TransitionError, PermissionDenied) as exc:
                messages.error(request, getattr(exc, "message", str(exc)))
                status = getattr(exc, "status", 403)
            else:
                messages.success(request, "已读取报告，请核对下列数据后确认")
        else:
            messages.error(request, "请选择要上传的文件")
            status = 422
    elif request.method == "POST" and base is not None:
        values = {k[5:]: v for k, v in request.POST.items() if k.startswith("cell:")}
        try:
            base = services.confirm_baseline(base, request.user, values=values, version=_version(request))
        except (TransitionError, PermissionDenied) as exc:
            messages.error(request, str(exc))
            status = getattr(exc, "status", 403)
        else:
            messages.success(request, f"{year}年度数据已确认，将作为{year + 1}年度报告的上年数据")
            return redirect(f"{reverse('reports:baseline')}?agency={agency.pk}&year={year}")
    cells = []
    if base is not None:
        model = from_dict(base.content)
        for t in FORMATS[model.era].tables:
            for r, c in t.cells():
                value = model.get(t.key, r.key, c.key)
                if value is not None:
                    cells.append((f"{t.key}.{r.key}.{c.key}", f"{t.title}｜{r.label}｜{c.label}", value))
    return render(request, "reports/baseline.html", {
        "agency": agency, "year": year, "base": base, "cells": cells, "form": forms.UploadForm(),
        "can_act": can(request.user, agency, Action.ACT),
    }, status=status)


def home_panel(request):
    """年度报告 on the home page: last year's report of the current agency and its state."""
    from gongkai.web.home import Panel

    agency = request.agency
    if agency is None or not can(request.user, agency, Action.READ):
        return None
    year = clock.today().year - 1
    report = Report.objects.filter(agency=agency, year=year, scope=Scope.AGENCY).first()
    return Panel("年度报告", "reports/_home_panel.html", {"report": report, "year": year,
                                                     "deadline": board.deadline_of(agency, year), "agency": agency})


def _board_government(request):
    government = page_agency(request)
    if not board.may_oversee(request.user, government):
        raise PermissionDenied("只有本级政府信息公开工作机构的管理人员或监督人员可以查看年度报告进度")
    return government


@login_required
def deadlines(request):
    """The deadline board: every agency below a government and the government, for one year."""
    government = _board_government(request)
    year = _year(request)
    today = clock.today()
    rows = board.rows(government, year, today)
    return render(request, "reports/board.html", {
        "agency": government, "year": year, "today": today, "rows": rows,
        "late": [r for r in rows if r.late], "published_late": [r for r in rows if r.published_late],
        "agencies": readable_agencies(request.user).order_by("name"),
    })


@login_required
@require_POST
def remind(request):
    """E-mail the late agencies on the board (their office address and staff)."""
    government = _board_government(request)
    year = _year(request)
    sent = board.remind(government, year, request.user, clock.today())
    if not sent:
        messages.info(request, "没有逾期未公布年度报告的机关，无需催办")
    else:
        without = [a.name for a, to in sent if not to]
        messages.success(request, f"已向{len(sent) - len(without)}个逾期机关发送催办邮件"
                         + (f"；{'、'.join(without)}没有电子邮箱，未能发送" if without else ""))
    return redirect(f"{reverse('reports:deadlines')}?agency={government.pk}&year={year}")


@login_required
def supervision(request):
    """Every report the user may read in a government's subtree: findings, cross-year differences,
    publication date; or, with ``?format=xlsx``, their figures as one spreadsheet."""
    from gongkai.reports import supervision as oversight

    government = page_agency(request)
    year = _year(request)
    entries = oversight.entries(request.user, government, year, clock.today())
    if request.GET.get("format") == "xlsx":
        return _attachment(oversight.workbook(year, entries), "xlsx", f"{government.name}{year}年度报告数据汇总.xlsx")
    audited, status = None, 200
    if request.method == "POST":
        audited, status = _audit_upload(request, entries, year)
    return render(request, "reports/supervision.html", {
        "agency": government, "year": year, "entries": entries, "audited": audited,
        "agencies": readable_agencies(request.user).filter(kind="government").order_by("name"),
    }, status=status)


def _audit_upload(request, entries, year: int):
    """(entry, audit) of a report published outside the system, uploaded for one listed agency;
    nothing is stored. A refusal is a message and its status."""
    from gongkai.reports import supervision as oversight

    upload = forms.UploadForm(request.POST, request.FILES)
    entry = next((e for e in entries if str(e.row.agency.pk) == request.POST.get("target")), None)
    if entry is None or not upload.is_valid():
        messages.error(request, "请选择机关和要审核的报告文件")
        return None, 422
    try:
        audit = oversight.audit_upload(entry, year, upload.cleaned_data["file"].read(services.MAX_UPLOAD_BYTES + 1))
    except services.Unreadable as exc:
        messages.error(request, exc.message)
        return None, exc.status
    return (entry, audit), 200


@login_required
def quarterly(request):
    """季度统计: sections 二, 三 and 四 of one agency for a quarter or a date range, or its .xlsx."""
    import datetime as dt

    from gongkai.annual.span import Span
    from gongkai.reports import quarterly as periods

    agency = page_agency(request)
    today = clock.today()
    year = _year(request) if request.GET.get("year") else today.year
    status, span, error = 200, None, ""
    try:
        if request.GET.get("start") or request.GET.get("end"):
            span = periods.span_of(dt.date.fromisoformat(request.GET.get("start", "")),
                                   dt.date.fromisoformat(request.GET.get("end", "")))
        else:
            quarter = int(request.GET.get("quarter") or (today.month - 1) // 3 + 1)
            if quarter not in (1, 2, 3, 4):
                raise periods.BadPeriod("季度应为1至4")
            whole = Span.quarter(year, quarter)
            span = periods.span_of(whole.start, whole.end)
    except periods.BadPeriod as exc:
        error, status = str(exc), 422
    except ValueError:
        error, status = "日期格式应为“年-月-日”，如2026-01-01", 422
    model = periods.build(agency, span) if span else None
    if span is not None and model is not None and request.GET.get("format") == "xlsx":
        return _attachment(periods.workbook(agency, span, model), "xlsx", f"{periods.heading(agency, span)}.xlsx")
    return render(request, "reports/quarterly.html", {
        "agency": agency, "agencies": readable_agencies(request.user).order_by("name"), "year": year, "span": span,
        "heading": periods.heading(agency, span) if span else "", "error": error,
        "tables": page_tables(model) if model is not None else "", "query": request.GET.urlencode(),
    }, status=status)

