"""Every change to an annual report: draft, refresh, edit, hand-entered figures, warnings
explained, the workflow steps, publication (a frozen snapshot) and last year's report brought in
from outside. Each checks permission, version and rule, runs in one transaction and writes the
audit log; refusals are `TransitionError` / `ConflictError` with the Chinese rule.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from gongkai import clock
from gongkai.agencies import audit
from gongkai.agencies.lifecycle import take
from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import Action, require
from gongkai.annual import narrative
from gongkai.annual.checks import Finding, check, check_series
from gongkai.annual.formats import FORMATS, era_for_year
from gongkai.annual.model import TABLES, from_dict, to_dict
from gongkai.annual.model import Report as Model
from gongkai.reports import compute
from gongkai.reports.models import Baseline, ManualFigure, Publication, PublishedFile, Report, Scope
from gongkai.reports.workflow import EDITABLE, WORKFLOW, Facts, State
from gongkai.workflow import ConflictError, TransitionError, stale

NOUN = "年度报告"
AUDIT_FIELDS = ("state", "version", "correction_reason")
#: renderings kept with each publication
FILE_KINDS = ("docx", "pdf", "xlsx", "html", "json", "svg")


# --- reading a report ------------------------------------------------------------------------


def _plain_tables(model: Model) -> dict:
    data = to_dict(model)
    return {t: data[t] for t in TABLES if t in data}


def previous(agency, year: int) -> tuple[Model | None, str]:
    """Last year's report of `agency` as published here (its latest version), else the baseline
    staff confirmed from an outside file; with a Chinese note of where it comes from."""
    return previous_many([agency.pk], year)[agency.pk]


def previous_many(agency_ids: list[int], year: int) -> dict[int, tuple[Model | None, str]]:
    """`previous` for many agencies in two queries."""
    out: dict[int, tuple[Model | None, str]] = dict.fromkeys(agency_ids, (None, ""))
    for base in Baseline.objects.filter(agency_id__in=agency_ids, year=year - 1, confirmed_at__isnull=False):
        out[base.agency_id] = (from_dict(base.content), f"{year - 1}年度报告（外部导入：{base.filename}）")
    pubs = (
        Publication.objects.filter(report__agency_id__in=agency_ids, report__year=year - 1, report__scope=Scope.AGENCY)
        .order_by("number").values_list("report__agency_id", "number", "content")
    )
    for agency_id, number, content in pubs:  # the latest version wins
        out[agency_id] = (from_dict(content), f"{year - 1}年度报告（本系统发布，第{number}版）")
    return out


def manual_cells(report: Report) -> dict[tuple[str, str, str], ManualFigure]:
    return {(m.table, m.row, m.column): m for m in report.manual.select_related("entered_by")}


def assemble(report: Report, *, manual: dict | None = None) -> Model:
    """The report as it stands: the drafted tables, the hand-entered figures over them, the text."""
    model = Model(era=era_for_year(report.year), agency=report.agency.name, year=report.year,
                  agency_kind=compute.agency_kind(report.agency))
    snapshot = from_dict({"era": model.era, **report.figures})
    for table in TABLES:
        setattr(model, table, snapshot.values(table))
    for (table, row, column), m in (manual if manual is not None else manual_cells(report)).items():
        fmt_col = {c.key: c for c in FORMATS[model.era].table(table).columns_of(row)}[column]
        model.set(table, row, column, m.value.normalize() if fmt_col.money else int(m.value))
    model.sections = dict(report.sections)
    if "problems" in model.sections:
        model.sections["problems"] = narrative.with_assessment(model.sections["problems"], report.assessment)
    pub = report.publications.order_by("-number").first() if report.state == State.PUBLISHED else None
    model.published = pub.published_on if pub else None
    return model


def finding_key(f: Finding) -> str:
    """A stable key of one finding (its code and where), under which a reason is recorded."""
    where = json.dumps(f.to_dict()["where"], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(f"{f.code}|{where}".encode()).hexdigest()[:16]


def findings(report: Report, model: Model | None = None, prior: Model | None = None) -> list[Finding]:
    """Every finding about the report now: the checks of one report (as if published today when it
    is not published yet, so a missed deadline shows) and the cross-year checks against last year's."""
    model = model or assemble(report)
    if model.published is None and report.state != State.PUBLISHED:
        model.published = clock.today()
    found = check(model)
    if prior is None:
        prior, _ = previous(report.agency, report.year)
    if prior is not None:
        found += [f for f in check_series([prior, model]) if f.where.get("year") == report.year]
    return sorted(found, key=lambda f: f.severity != "error")


def facts_of(report: Report, found: list[Finding] | None = None) -> Facts:
    """The workflow's facts: error findings, and warnings without a recorded reason."""
    found = findings(report) if found is None else found
    errors = [f for f in found if f.severity == "error"]
    unexplained = [f for f in found if f.severity == "warning" and finding_key(f) not in report.acknowledged]
    return Facts(len(errors), len(unexplained), errors[0].message if errors else "")


@dataclass(frozen=True)
class Moved:
    table: str
    row: str
    column: str
    held: object
    now: object


def moved_cells(report: Report, fresh: Model | None = None) -> list[Moved]:
    """Cells whose records changed since the tables were drafted (shown, never applied silently)."""
    fresh = fresh or tables_now(report)
    held = from_dict({"era": fresh.era, **report.figures})
    out = []
    for table in TABLES:
        for row, cols in fresh.values(table).items():
            for column, value in cols.items():
                before = held.get(table, row, column)
                if before != value:
                    out.append(Moved(table, row, column, before, value))
    return out


# --- a government's report for its whole area ---------------------------------------------------


@dataclass(frozen=True)
class Part:
    """One agency's share of an area report: its tables, and its own report when it has one."""

    agency: Agency
    model: Model
    report: Report | None


def area_parts(government, year: int) -> list[Part]:
    """The parts an area report adds up: the government's own records, then every agency below it
    by name — its report as it stands (hand-entered figures included) where it has one, else the
    tables of its records."""
    below = list(government.descendants().order_by("name"))
    reports = {r.agency_id: r for r in Report.objects.filter(agency__in=below, year=year, scope=Scope.AGENCY)
               .select_related("agency")}
    computed = compute.build_reports([government, *[a for a in below if a.pk not in reports]], year)
    parts = [Part(government, computed[government.pk], None)]
    for agency in below:
        report = reports.get(agency.pk)
        parts.append(Part(agency, assemble(report) if report else computed[agency.pk], report))
    return parts


def aggregate(government, year: int, parts: list[Part]) -> Model:
    """The cell-wise sum of the parts' tables (every identity of the format is a sum, so the
    aggregate balances when each part does)."""
    total = Model(era=era_for_year(year), agency=government.name, year=year, agency_kind=compute.agency_kind(government))
    for part in parts:
        for table in TABLES:
            for row, cols in part.model.values(table).items():
                for column, value in cols.items():
                    if value is not None:
                        held = total.get(table, row, column)
                        total.set(table, row, column, value if held is None else held + value)
    return total


def tables_now(report: Report) -> Model:
    """The tables the records give now: the agency's own, or its area's sum for an area report."""
    if report.scope == Scope.AREA:
        return aggregate(report.agency, report.year, area_parts(report.agency, report.year))
    return compute.build_report(report.agency, report.year)


def scope_sentence(report: Report) -> str:
    """Section 一's statement of what a government's report covers (none for a department, or a
    government with no agency below it reporting only for itself)."""
    below = list(report.agency.descendants().values_list("kind", flat=True))
    if report.scope == Scope.AREA:
        departments, townships = below.count("department"), below.count("government")
        return (f"本报告为{report.agency.name}本行政区域{report.year}年度政府信息公开工作年度报告，"
                f"汇总本级政府及所属{departments}个部门、{townships}个乡镇（街道）的统计数据。")
    if report.agency.kind == "government" and below:
        return f"本报告仅反映{report.agency.name}本机关的政府信息公开工作情况，不含所属部门和乡镇（街道）的数据。"
    return ""


@transaction.atomic
def draft_area(government, year: int, actor) -> Report:
    """The government's report for its whole area (scope 本行政区域), drafted when it does not
    exist yet: its departments' and townships' tables added to its own records."""
    from gongkai.reports.activity import activity

    require(actor, government, Action.ACT)
    if government.kind != "government":
        raise TransitionError("只有人民政府可以编制本行政区域的汇总年度报告")
    era_for_year(year)
    held = Report.objects.filter(agency=government, year=year, scope=Scope.AREA).first()
    if held is not None:
        return held
    model = aggregate(government, year, area_parts(government, year))
    report = Report(agency=government, year=year, scope=Scope.AREA, figures=_plain_tables(model),
                    drafted_at=clock.now(), drafted_by=actor)
    _narrative(report, model, activity(government, year), previous(government, year)[0])
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        raise ConflictError("报告已由他人同时生成，请刷新页面") from None
    audit.record(actor, "report.draft", report, agency=government,
                 after={"year": year, "scope": Scope.AREA.value, "figures": report.figures})
    return report


# --- drafting ---------------------------------------------------------------------------------


def _narrative(report: Report, model: Model, activity: narrative.Activity, prior: Model | None) -> None:
    """Draft the text from the figures now held, and keep each paragraph's sources."""
    drafted = narrative.draft(model, activity, prior)
    report.sections = {key: narrative.text(paragraphs) for key, paragraphs in drafted.items()}
    said = scope_sentence(report)
    if said:
        report.sections["overview"] = f"{said}\n{report.sections.get('overview', '')}".strip()
    report.sources = {
        key: [[p.text, [[s.ref, s.label, s.value, *([s.before] if s.before else [])] for s in p.sources]]
              for p in paragraphs if p.sources]
        for key, paragraphs in drafted.items()
    }


def _editable(report: Report, actor, version: int | None) -> Report:
    """The row locked for a change, after permission, version and state checks."""
    require(actor, report.agency_id, Action.ACT)
    fresh = Report.objects.select_for_update().select_related("agency").get(pk=report.pk)
    seen = report.version if version is None else version
    if fresh.version != seen:
        raise stale(NOUN, seen, fresh.version)
    if fresh.state not in EDITABLE:
        raise ConflictError(f"报告当前为“{fresh.state_label}”，只有草稿可以修改（请先退回修改）")
    return fresh


def _saved(report: Report) -> Report:
    report.version += 1
    report.updated_at = clock.now()
    report.save()
    return report


def draft(agency, year: int, actor, *, scope: str = Scope.AGENCY) -> Report:
    """The agency's report for `year`, created from its records and drafted when it does not exist
    yet (a government's report for its whole area with ``scope`` 本行政区域)."""
    if scope == Scope.AREA:
        return draft_area(agency, year, actor)
    return draft_many([agency], year, actor)[0]


def draft_many(agencies, year: int, actor) -> list[Report]:
    """The reports of many agencies for `year` (e.g. every department of a government), each
    drafted from its records when it does not exist yet. A fixed number of grouped queries serves
    any number of agencies (`compute.build_reports`, `activity.activities`); one audit entry per
    report, or one for the whole batch."""
    from gongkai.agencies.permissions import agency_ids
    from gongkai.reports.activity import activities

    agencies = list(agencies)
    allowed = agency_ids(actor, Action.ACT)
    for agency in agencies:
        if allowed is not None and agency.pk not in allowed:
            require(actor, agency, Action.ACT)  # raises with the Chinese message
    era_for_year(year)
    held = {r.agency_id: r for r in Report.objects.filter(agency__in=agencies, year=year, scope=Scope.AGENCY)}
    todo = [a for a in agencies if a.pk not in held]
    models = compute.build_reports(todo, year)
    facts = activities([a.pk for a in todo], year)
    priors = previous_many([a.pk for a in todo], year)
    made = []
    for agency in todo:
        model = models[agency.pk]
        report = Report(agency=agency, year=year, scope=Scope.AGENCY, figures=_plain_tables(model),
                        drafted_at=clock.now(), drafted_by=actor)
        _narrative(report, model, facts[agency.pk], priors[agency.pk][0])
        made.append(report)
    try:
        with transaction.atomic():
            Report.objects.bulk_create(made)
            if len(made) == 1:
                audit.record(actor, "report.draft", made[0], agency=made[0].agency,
                             after={"year": year, "figures": made[0].figures})
            elif made:
                audit.record(actor, "report.draft_many", None, agency=made[0].agency.parent or made[0].agency,
                             after={"year": year, "reports": {r.agency.name: r.pk for r in made}})
    except IntegrityError:
        raise ConflictError("报告已由他人同时生成，请刷新页面") from None
    if made:
        held.update({r.agency_id: r for r in Report.objects.filter(pk__in=[r.pk for r in made])})
    return [held[a.pk] for a in agencies]


@transaction.atomic
def refresh(report: Report, actor, *, version: int | None = None) -> list[Moved]:
    """Take the records' current figures into the draft (on request); returns the cells that moved."""
    report = _editable(report, actor, version)
    fresh = tables_now(report)
    moved = moved_cells(report, fresh)
    if moved:
        report.figures = _plain_tables(fresh)
        report.drafted_at, report.drafted_by = clock.now(), actor
        _saved(report)
        audit.record(actor, "report.refresh", report, agency=report.agency,
                     before={f"{m.table}.{m.row}.{m.column}": str(m.held) for m in moved},
                     after={f"{m.table}.{m.row}.{m.column}": str(m.now) for m in moved})
    return moved


@transaction.atomic
def redraft_text(report: Report, actor, *, version: int | None = None) -> Report:
    """Write the narrative again from the figures now held (replaces the staff's text: on request)."""
    report = _editable(report, actor, version)
    from gongkai.reports.activity import activity

    before = dict(report.sections)
    _narrative(report, assemble(report), activity(report.agency, report.year), previous(report.agency, report.year)[0])
    _saved(report)
    audit.record(actor, "report.redraft", report, agency=report.agency, before={"sections": before},
                 after={"sections": report.sections})
    return report


@transaction.atomic
def save_text(report: Report, actor, *, sections: dict[str, str], assessment: str | None = None,
              version: int | None = None) -> Report:
    """Save the staff's text of some sections (and the Art. 50(4) results); a stale version is a
    conflict, never a lost edit."""
    report = _editable(report, actor, version)
    known = {s.key for s in FORMATS[era_for_year(report.year)].sections}
    unknown = set(sections) - known
    if unknown:
        raise TransitionError(f"报告格式中没有这些部分：{'、'.join(sorted(unknown))}")
    before = {"sections": dict(report.sections), "assessment": report.assessment}
    report.sections = {**report.sections, **{k: v.strip() for k, v in sections.items()}}
    if assessment is not None:
        report.assessment = assessment.strip()
    _saved(report)
    audit.record(actor, "report.edit", report, agency=report.agency, before=before,
                 after={"sections": report.sections, "assessment": report.assessment})
    return report


def _number(table: str, row: str, column: str, era: str, raw) -> Decimal:
    try:
        columns = {c.key: c for c in FORMATS[era].table(table).columns_of(row)}
        col = columns[column]
    except KeyError:
        raise TransitionError(f"报告表格中没有这一项：{table}.{row}.{column}") from None
    try:
        value = Decimal(str(raw).strip().replace(",", ""))
    except InvalidOperation:
        raise TransitionError(f"“{raw}”不是数字") from None
    if not value.is_finite() or abs(value) >= Decimal("1e10"):
        raise TransitionError(f"“{raw}”不是有效的数值")
    if not col.money and value != value.to_integral_value():
        raise TransitionError("该项应填整数")
    if value < 0 and column != "change":
        raise TransitionError("该项不能为负数")
    return value


@transaction.atomic
def set_figure(report: Report, actor, *, table: str, row: str, column: str, value, source: str,
               version: int | None = None) -> Report:
    """Enter one cell by hand with its source (or clear it with ``value`` None: back to the records)."""
    report = _editable(report, actor, version)
    key = f"{table}.{row}.{column}"
    held = ManualFigure.objects.filter(report=report, table=table, row=row, column=column).first()
    before: dict[str, str | None] = {key: str(held.value.normalize()) if held else None}
    if value is None or str(value).strip() == "":
        if held is not None:
            ManualFigure.objects.filter(pk=held.pk).delete()
        after: dict[str, str | None] = {key: None}
    else:
        if not source.strip():
            raise TransitionError("请注明数据来源（如：行政许可办件系统年度统计）")
        number = _number(table, row, column, era_for_year(report.year), value)
        ManualFigure.objects.update_or_create(
            report=report, table=table, row=row, column=column,
            defaults={"value": number, "source": source.strip()[:200], "entered_by": actor, "entered_at": clock.now()},
        )
        after = {key: str(number.normalize()), "source": source.strip()}
    _saved(report)
    audit.record(actor, "report.figure", report, agency=report.agency, before=before, after=after)
    return report


@transaction.atomic
def explain(report: Report, actor, *, key: str, reason: str, version: int | None = None) -> Report:
    """Record why a warning does not stop the report (who and when are kept with the reason). Any
    person of the workflow may, in any state before publication: a warning may appear late (the
    deadline passes while the report waits for sign-off)."""
    from gongkai.agencies.lifecycle import held_actions

    if not held_actions(actor, report.agency_id):
        raise PermissionDenied("您没有办理该机关年度报告的权限")
    report = Report.objects.select_for_update().select_related("agency").get(pk=report.pk)
    seen = report.version if version is None else version
    if report.version != seen:
        raise stale(NOUN, seen, report.version)
    if report.state == State.PUBLISHED:
        raise ConflictError("报告已发布，不能再补充说明")
    warnings = {finding_key(f): f for f in findings(report) if f.severity == "warning"}
    if key not in warnings:
        raise ConflictError("该提示已不存在（数据可能已变化），请刷新页面")
    if not reason.strip():
        raise TransitionError("请填写该提示不影响报告的理由")
    report.acknowledged = {**report.acknowledged, key: {
        "reason": reason.strip()[:500], "by": actor.display_name or actor.username,
        "at": clock.now().isoformat(timespec="minutes"), "code": warnings[key].code}}
    _saved(report)
    audit.record(actor, "report.explain", report, agency=report.agency,
                 after={"code": warnings[key].code, "reason": reason.strip()[:500]})
    return report


# --- the workflow -----------------------------------------------------------------------------


def _take(report: Report, actor, name: str, *, version=None, comment=None, change=None) -> Report:
    return take(report, actor, WORKFLOW, name, noun=NOUN, audit_action=f"report.{name}", audit_fields=AUDIT_FIELDS,
                version=version, comment=comment, facts=facts_of, change=change)


def submit(report: Report, actor, *, version: int | None = None) -> Report:
    return _take(report, actor, "submit", version=version)


def approve(report: Report, actor, *, version: int | None = None) -> Report:
    return _take(report, actor, "approve", version=version)


def return_(report: Report, actor, *, comment: str, version: int | None = None) -> Report:
    return _take(report, actor, "return", version=version, comment=comment)


def correct(report: Report, actor, *, reason: str, version: int | None = None) -> Report:
    """Reopen a published report for a correction; the reason is published with the next version."""

    def change(r: Report, _step) -> None:
        r.correction_reason = reason.strip()
        r.acknowledged = {}

    return _take(report, actor, "correct", version=version, comment=reason, change=change)


def publish(report: Report, actor, *, version: int | None = None) -> Report:
    """Sign off and publish: freeze the figures, text, findings and renderings as the next version."""

    def change(r: Report, _step) -> None:
        freeze(r, actor)

    return _take(report, actor, "publish", version=version, change=change)


def content_hash(content: dict) -> str:
    return hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def renderings(model: Model, only: str | None = None, prior: Model | None = None) -> dict[str, bytes]:
    """The published files of one report model, by kind (or only the kind asked for); the chart
    (图解) compares with last year's report when there is one."""
    from gongkai.annual.render import charts, docx, html, xlsx
    from gongkai.annual.render import json as json_render

    makers = {
        "docx": lambda: docx.render(model),
        "pdf": lambda: pdf(html.render(model)),
        "xlsx": lambda: xlsx.render(model),
        "html": lambda: html.render(model).encode(),
        "json": lambda: json_render.render(model).encode(),
        "svg": lambda: charts.render([prior, model] if prior is not None else [model], "svg"),
    }
    return {kind: make() for kind, make in makers.items() if only in (None, kind)}


def pdf(page: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=page).write_pdf()


def freeze(report: Report, actor) -> Publication:
    """The next publication of `report` (called inside the publish step's transaction)."""
    model = assemble(report)
    model.published = clock.today()
    found = findings(report, model)
    number = report.publications.count() + 1
    content = to_dict(model, findings=[f.to_dict() for f in found])
    content["explained"] = report.acknowledged
    pub = Publication.objects.create(
        report=report, number=number, published_on=model.published, published_by=actor,
        reason=report.correction_reason if number > 1 else "", content=content, sha256=content_hash(content),
    )
    for kind, data in renderings(model, prior=previous(report.agency, report.year)[0]).items():
        PublishedFile.objects.create(publication=pub, kind=kind, content=data, sha256=hashlib.sha256(data).hexdigest())
    return pub


# --- last year's report from outside ---------------------------------------------------------


class Unreadable(Exception):
    """An upload that is no readable annual report; the message is Chinese."""

    status = 422

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


#: Largest uploaded report (the bounded readers refuse more anyway).
MAX_UPLOAD_BYTES = 32 * 1024 * 1024


def read_upload(path) -> Model:
    """The report an uploaded file publishes, read by the bounded reader in a child process."""
    from gongkai.annual.parse import ReadError, read_isolated

    try:
        return read_isolated(path)
    except ReadError as exc:
        known = _READ_ERRORS.get(exc.reason.split(" (")[0], "文件无法作为年度报告读取（可能超出大小、时间限制或已损坏）")
        raise Unreadable(f"{known}。原因：{exc.reason}") from None


def read_bytes(data: bytes) -> Model:
    """`read_upload` of an uploaded file's bytes (refused above `MAX_UPLOAD_BYTES`)."""
    import tempfile
    from pathlib import Path

    if len(data) > MAX_UPLOAD_BYTES:
        raise Unreadable(f"文件超过{MAX_UPLOAD_BYTES // (1024 * 1024)}MB，无法读取")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report"
        path.write_bytes(data)
        return read_upload(path)


_READ_ERRORS = {
    "empty file": "文件是空的",
    "no text found": "文件中没有文字",
    "binary file, not a text, HTML, Word or PDF report": "文件不是文本、网页、Word或PDF格式",
    "not a government information disclosure annual report": "文件不是政府信息公开工作年度报告（没有报告标题或统计表格）",
    "truncated or damaged zip/Word file": "Word文件已损坏或不完整",
    "a zip archive that is not a Word .docx document": "压缩文件不是Word（.docx）文档",
}


@transaction.atomic
def upload_baseline(agency, year: int, actor, *, filename: str, data: bytes) -> Baseline:
    """Read last year's published report from a file; it becomes a baseline once staff confirm it.
    Nothing is stored when the file is unreadable or not an annual report of that year."""
    require(actor, agency, Action.ACT)
    model = read_bytes(data)
    if model.year is not None and model.year != year:
        raise Unreadable(f"文件是{model.year}年度的报告，不是{year}年度的报告")
    if model.era == "2008" or not model.applications:
        raise Unreadable("文件中没有读到第三部分（收到和处理政府信息公开申请情况）的统计表，不能作为上年度数据")
    model.year, model.agency = year, agency.name
    if Publication.objects.filter(report__agency=agency, report__year=year).exists():
        raise ConflictError(f"{year}年度报告已在本系统发布，无需导入")
    content = to_dict(model)
    content.pop("sections", None)
    found = [f.to_dict() for f in check(model)]
    base, _ = Baseline.objects.update_or_create(agency=agency, year=year, defaults={
        "filename": filename[:200], "file_sha256": hashlib.sha256(data).hexdigest(), "content": content,
        "findings": found, "uploaded_by": actor, "uploaded_at": clock.now(), "confirmed_by": None,
        "confirmed_at": None})
    audit.record(actor, "report.baseline.upload", base, agency=agency,
                 after={"year": year, "filename": filename[:200], "sha256": base.file_sha256})
    return base


@transaction.atomic
def confirm_baseline(base: Baseline, actor, *, values: dict[str, object], version: int | None = None) -> Baseline:
    """Staff confirm the figures read (correcting any ``table.row.column`` → value first)."""
    require(actor, base.agency_id, Action.ACT)
    fresh = Baseline.objects.select_for_update().get(pk=base.pk)
    seen = base.version if version is None else version
    if fresh.version != seen:
        raise stale("上年度报告数据", seen, fresh.version)
    model = from_dict(fresh.content)
    changed = {}
    for key, raw in values.items():
        table, row, column = (key.split(".", 2) + ["", ""])[:3]
        number = _number(table, row, column, model.era, raw)
        old = model.get(table, row, column)
        if old is None or Decimal(old) != number:
            money = {c.key: c for c in FORMATS[model.era].table(table).columns_of(row)}[column].money
            model.set(table, row, column, number if money else int(number))
            changed[key] = {"before": None if old is None else str(old), "after": str(number.normalize())}
    fresh.content = to_dict(model)
    fresh.content.pop("sections", None)
    fresh.findings = [f.to_dict() for f in check(model)]
    fresh.confirmed_by, fresh.confirmed_at = actor, clock.now()
    fresh.version += 1
    fresh.save()
    audit.record(actor, "report.baseline.confirm", fresh, agency=fresh.agency, after={"changed": changed})
    return fresh
