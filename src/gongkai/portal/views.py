"""The portal's pages: thin views over `queries`, the search backend and the catalogue guide.

Anonymous visitors only read; every item comes from `catalogue.visibility`. Display
preferences (large font, high contrast) come from a cookie the static script sets, so the page
is served in that mode without a flash and without inline script.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from urllib.parse import quote, unquote, urlencode

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.agencies.models import Agency
from gongkai.annual.render import html as report_html
from gongkai.applications import letters
from gongkai.catalogue import content
from gongkai.catalogue import guide as guides
from gongkai.catalogue.articles import ART_20_ITEMS
from gongkai.catalogue.models import Genre, Validity
from gongkai.catalogue.visibility import public_attachments, public_items
from gongkai.desk import queries as desk_queries
from gongkai.desk import services as desk_services
from gongkai.portal import abuse, online, pagecache, queries, visits
from gongkai.portal.forms import ApplyForm, ConsultForm, QueryForm
from gongkai.reports import public as public_reports
from gongkai.search import qa as search_qa
from gongkai.search.backends import get_backend
from gongkai.search.documents import Filters

#: Display modes a visitor may switch on (the cookie holds a space-separated subset).
VIEW_COOKIE, VIEW_MODES = "xxgk_view", ("large", "contrast")
#: The longest search text taken from a request (the analyzer bounds it again).
MAX_QUERY = 200
#: Columns of the catalogue downloads (CSV header in Chinese, JSON keys in English).
EXPORT_FIELDS = (
    ("index_number", "索引号"), ("title", "标题"), ("agency", "发布机构"), ("category", "主题分类"),
    ("genre", "体裁"), ("doc_number", "文号"), ("date_made", "成文日期"), ("date_published", "发布日期"),
    ("validity", "有效性"), ("url", "网址"),
)  # fmt: skip


def view_modes(request) -> list[str]:
    value = unquote(request.COOKIES.get(VIEW_COOKIE, "")[:60])  # the script sets it URI-encoded
    return [m for m in VIEW_MODES if m in value.split()]


def page(request, template: str, context: dict, status: int = 200, counted: bool = False) -> HttpResponse:
    """Render a portal page; a `counted` page adds one to today's counter of its path (`visits`),
    and names that counter on the response for `pagecache` to count the page's next views."""
    visit: pagecache.Visit | None = None
    if counted and status == 200:
        item, agency = context.get("item"), context.get("agency")
        visit = (request.path, item.pk if item else None, agency.pk if agency and not item else None)
        visits.count(visit[0], item_id=visit[1], agency_id=visit[2])
    context = {"view_modes": view_modes(request), "columns": queries.agencies(), **context}
    response = render(request, f"portal/{template}", context, status=status)
    pagecache.note_visit(response, visit)
    return response


def _paged(request, items, per_page: int = queries.PER_PAGE):
    return Paginator(items, per_page).get_page(str(request.GET.get("page", ""))[:12])


@require_GET
@pagecache.cached(view_modes)
def index(request):
    return page(request, "index.html", {"latest": queries.latest()}, counted=True)


@require_GET
def column(request, code: str):
    agency = queries.agency(code)
    return page(request, "column.html", {"agency": agency, "latest": queries.latest(agency)}, counted=True)


@require_GET
def guide(request, code: str):
    agency = queries.agency(code)
    return page(
        request, "guide.html", {"agency": agency, "guide": mark_safe(guides.text(agency))}, counted=True
    )


def _query_without_page(request) -> str:
    return urlencode([(k, v) for k, v in request.GET.items() if k != "page"])


@require_GET
@pagecache.cached(view_modes)
def catalogue(request, code: str | None = None):
    agency = queries.agency(code) if code else None
    chosen = queries.Browse.parse(request.GET, agency)
    return page(
        request,
        "catalogue.html",
        {
            "agency": agency,
            "chosen": chosen,
            "page_obj": _paged(request, chosen.items()),
            "categories": queries.categories(chosen.agency),
            "genres": Genre.choices,
            "art20_items": sorted(ART_20_ITEMS.items()),
            "years": queries.years(),
            "validities": Validity.choices,
            "query": _query_without_page(request),
        },
    )


@require_GET
@pagecache.cached(view_modes)
def item(request, pk: int):
    found = queries.item(pk)
    links = queries.links(found)
    return page(
        request,
        "item.html",
        {
            "item": found,
            "agency": found.agency,
            "body": mark_safe(found.body),  # sanitised when saved (catalogue.content.clean_html)
            "attachments": public_attachments().filter(item=found),
            "interpretations": links.interpretations,
            "interprets": links.interprets,
            "superseded_by": links.superseded_by,
            "supersedes": links.supersedes,
        },
        counted=True,
    )


@require_GET
def attachment(request, pk: int):
    """Download an attachment of a public item (404 for any other)."""
    found = public_attachments().filter(pk=pk).first()
    if found is None:
        raise Http404("没有找到该附件")
    try:
        data = content.read(found.path)
    except OSError as exc:
        raise Http404("附件文件不存在") from exc
    response = HttpResponse(data, content_type="application/octet-stream")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(found.name)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def clean_query(value: object) -> str:
    """The visitor's search text, bounded and valid Unicode (a lone surrogate becomes '?')."""
    text = str(value or "")[:MAX_QUERY]
    return text.encode("utf-8", "replace").decode("utf-8")


def search_filters(chosen: queries.Browse) -> Filters:
    return Filters(
        agencies=(chosen.agency.pk,) if chosen.agency else (),
        categories=(chosen.category.pk,) if chosen.category else (),
        genres=(chosen.genre,) if chosen.genre else (),
        years=(chosen.year,) if chosen.year else (),
        validity=(chosen.validity,) if chosen.validity else (),
    )


@require_GET
@pagecache.cached(view_modes)
def search(request):
    q = clean_query(request.GET.get("q"))
    chosen = queries.Browse.parse(request.GET)
    filters = search_filters(chosen)
    results = (
        get_backend().search(q, filters, page=str(request.GET.get("page", "1")))
        if (q.strip() or filters)
        else None
    )
    hits = _hit_rows(results.hits) if results is not None else []
    response = page(
        request,
        "search.html",
        {
            "q": q,
            "chosen": chosen,
            "results": results,
            "hits": hits,
            "categories": queries.categories(chosen.agency),
            "genres": Genre.choices,
            "years": queries.years(),
            "validities": Validity.choices,
            "query": _query_without_page(request),
        },
    )
    if results is not None and results.timed_out:
        response["Cache-Control"] = "no-store"  # a search cut short is not the page to keep
    return response


def _hit_rows(found) -> list[tuple]:
    """Each hit with what its line shows: (hit, item, None) for a catalogue item, (hit, None, Q&A)
    for a published reply with the link to it on its column. The index holds only what may be
    public; reading it through visibility and `public_cases` again costs one query each."""
    qa = {h.key: search_qa.case_id(h.key) for h in found if search_qa.case_id(h.key) is not None}
    items = public_items().select_related("agency").in_bulk([h.key for h in found if h.key not in qa])
    cases = {c["id"]: c for c in desk_queries.public_cases().filter(id__in=list(qa.values()))} if qa else {}
    rows: list[tuple] = []
    for h in found:
        if h.key in items:
            rows.append((h, items[h.key], None))
        elif qa.get(h.key) in cases:
            case = cases[qa[h.key]]
            link = reverse("portal:qa", args=[case["agency__slug"]])
            rows.append((h, None, {**case, "url": f"{link}?{urlencode({'q': case['public_title']})}#qa-{case['id']}"}))
    return rows


# --- data downloads ----------------------------------------------------------------------------------


def export_rows(request, items) -> Iterator[dict[str, str]]:
    for it in items.iterator(chunk_size=2000):
        yield {
            "index_number": it.index_number,
            "title": it.title,
            "agency": it.agency.name,
            "category": it.category.name if it.category else "",
            "genre": it.get_genre_display(),
            "doc_number": it.doc_number,
            "date_made": it.date_made.isoformat(),
            "date_published": it.date_published.isoformat() if it.date_published else "",
            "validity": it.get_validity_display(),
            "url": request.build_absolute_uri(reverse("portal:item", args=[it.pk])),
        }


class _Echo:
    def write(self, value: str) -> str:
        return value


def _inert(value: str) -> str:
    """A CSV cell a spreadsheet will not run as a formula (a title may start with = + - @)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def _csv(rows: Iterator[dict[str, str]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow([label for _, label in EXPORT_FIELDS])
    for row in rows:
        yield writer.writerow([_inert(row[key]) for key, _ in EXPORT_FIELDS])


def _json(rows: Iterator[dict[str, str]]) -> Iterator[str]:
    yield "["
    for n, row in enumerate(rows):
        yield ("," if n else "") + "\n" + json.dumps(row, ensure_ascii=False)
    yield "\n]\n"


@require_GET
@cache_control(max_age=600)
def export(request, fmt: str, code: str | None = None):
    """The catalogue (or one agency's) as CSV or JSON, streamed (it may hold a million rows)."""
    agency = queries.agency(code) if code else None
    items = public_items().select_related("agency", "category").order_by("-date_published", "-id")
    if agency is not None:
        items = items.filter(agency=agency)
    rows = export_rows(request, items)
    name = f"catalogue-{agency.org_code if agency else 'all'}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(_csv(rows), content_type="text/csv; charset=utf-8")
    else:
        response = StreamingHttpResponse(_json(rows), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
def robots(request):
    sitemap = request.build_absolute_uri(reverse("portal:sitemap"))
    text = f"User-agent: *\nAllow: /xxgk/\nAllow: /static/\nDisallow: /\nSitemap: {sitemap}\n"
    return HttpResponse(text, content_type="text/plain; charset=utf-8")


# --- online application and status query -----------------------------------------------------------


def _refused(request, message: str, status: int) -> HttpResponse:
    return page(request, "refused.html", {"message": message}, status=status)


@require_http_methods(["GET", "POST"])
def apply(request):
    """The online application form; on success, the confirmation with number and query code."""
    form = ApplyForm(request.POST or None, request.FILES or None, initial=_initial_agency(request))
    error = ""
    if request.method == "POST":
        if abuse.over_limit(request, "apply"):
            return _refused(request, "提交过于频繁，请稍后再试", 429)
        if not abuse.solved(request.POST.get("altcha", "")):
            error = "未通过防刷验证：请确认浏览器已启用JavaScript，等待页面完成验证后再提交"
        elif form.is_valid():
            if abuse.identity_over_limit("apply.identity", form.cleaned_data["id_number"]):
                return _refused(request, "同一身份证明号码提交的申请过多，请明天再试", 429)
            data = {k: v for k, v in form.cleaned_data.items() if k not in ("agency", "id_scan", "altcha")}
            scan = form.cleaned_data["id_scan"]
            try:
                submission, code = online.submit(form.cleaned_data["agency"], data, (scan.name, scan.read()))
            except online.SubmissionError as exc:
                error = str(exc)
            else:
                return page(request, "applied.html", {"submission": submission, "code": code})
    status = 422 if request.method == "POST" else 200
    return page(
        request, "apply.html", {"form": form, "error": error, "challenge": abuse.new_challenge()}, status
    )


def _initial_agency(request) -> dict:
    code = str(request.GET.get("agency", ""))[:20]
    found = Agency.objects.filter(org_code=code.upper()).first() if code else None
    return {"agency": found} if found else {}


@require_http_methods(["GET", "POST"])
def query(request):
    """The status query: number and query code → the masked status, or only "not found"."""
    form = QueryForm(request.POST or None)
    if request.method == "POST":
        refused = _query_refused(request)
        if refused is not None:
            return refused
        found = _find(request) if form.is_valid() else None
        if found is None:
            return page(request, "query.html", {"form": form, "not_found": True}, status=404)
        return page(request, "status.html", {"status": online.status(found), "form": form})
    return page(request, "query.html", {"form": form})


def _query_refused(request) -> HttpResponse | None:
    """The 429 page when the address queries too often or the number had too many wrong codes
    (then even the right code waits: a guesser learns nothing from the refusal)."""
    if abuse.over_limit(request, "query"):
        return _refused(request, "查询过于频繁，请稍后再试", 429)
    if abuse.used_up("query.number", _number(request)):
        return _refused(request, "该编号查询码输入错误次数过多，请一小时后再试", 429)
    return None


def _number(request) -> str:
    return abuse.normalised(request.POST.get("number", ""))[:20]


def _find(request):
    """The submission of the posted number and code; a wrong code counts against the number
    (whether or not it exists, so the count tells nothing either)."""
    found = online.find(_number(request), request.POST.get("code", ""))
    if found is None and _number(request):
        abuse.hit("query.number", _number(request))
    return found


@require_POST
def reply_letter(request):
    """The reply letter of a replied application, for whoever holds its number and query code."""
    refused = _query_refused(request)
    if refused is not None:
        return refused
    found = _find(request)
    state = online.status(found) if found is not None else None
    if state is None or state.reply is None:
        raise Http404("未找到")
    response = HttpResponse(letters.letter_docx(state.reply), content_type=DOCX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(state.reply.title)}.docx"
    return response


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@require_GET
def reports(request, code: str):
    """The agency's published annual reports, a year each, with their corrections."""
    agency = queries.agency(code)
    return page(request, "reports.html", {"agency": agency, "years": public_reports.published_years(agency)},
                counted=True)


def _published(code: str, year: str, number: str | None):
    agency = queries.agency(code)
    found = public_reports.published_year(agency, int(year))
    if found is None:
        raise Http404("该年度报告尚未发布")
    pub = found.current if number is None else next((p for p in found.versions if p.number == int(number)), None)
    if pub is None:
        raise Http404("没有这个版本")
    return agency, found, pub


@require_GET
def report(request, code: str, year: str, number: str | None = None):
    """One published report as a page (the current version unless a version is asked for)."""
    agency, found, pub = _published(code, year, number)
    body = mark_safe(report_html.body(public_reports.model_of(pub)))  # the renderer escapes every value
    return page(request, "report.html", {
        "agency": agency, "found": found, "pub": pub, "body": body, "downloads": public_reports.DOWNLOADS,
    }, counted=True)


@require_GET
def report_file(request, code: str, year: str, number: str, kind: str):
    """A published rendering, as it was frozen at publication."""
    agency, _found, pub = _published(code, year, number)
    stored = public_reports.published_file(pub, kind)
    if stored is None:
        raise Http404("没有这个格式")
    suffix = f"（第{pub.number}版）" if pub.number > 1 else ""
    name = f"{agency.name}{year}年政府信息公开工作年度报告{suffix}.{kind}"
    response = HttpResponse(bytes(stored.content), content_type=public_reports.DOWNLOADS[kind][1])
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_http_methods(["GET", "POST"])
def consult(request, code: str):
    """An agency's consultation and complaint form (咨询投诉); the reply comes by phone or e-mail,
    and is published on the Q&A column only with the asker's consent."""
    agency = queries.agency(code)
    form = ConsultForm(request.POST or None)
    error = ""
    if request.method == "POST":
        if abuse.over_limit(request, "consult"):
            return _refused(request, "提交过于频繁，请稍后再试", 429)
        if not abuse.solved(request.POST.get("altcha", "")):
            error = "未通过防刷验证：请确认浏览器已启用JavaScript，等待页面完成验证后再提交"
        elif form.is_valid():
            if abuse.identity_over_limit("consult.contact", form.cleaned_data["phone"], form.cleaned_data["email"]):
                return _refused(request, "同一联系方式提交的咨询过多，请明天再试", 429)
            data = {k: v for k, v in form.cleaned_data.items() if k != "altcha"}
            try:
                case = desk_services.submit_public_consultation(agency, **data)
            except desk_services.DeskError as exc:
                error = str(exc)
            else:
                return page(request, "consulted.html", {"agency": agency, "case": case})
    status = 422 if request.method == "POST" else 200
    return page(request, "consult.html", {"agency": agency, "form": form, "error": error,
                                          "challenge": abuse.new_challenge()}, status)


@require_GET
def qa(request, code: str):
    """The agency's published questions and answers (咨询答复), searchable by words they contain."""
    agency = queries.agency(code)
    words = str(request.GET.get("q", ""))[:MAX_QUERY].split()[:8]
    cases = desk_queries.public_cases([agency.pk])
    for word in words:
        cases = cases.filter(Q(public_title__icontains=word) | Q(public_question__icontains=word)
                             | Q(public_reply__icontains=word))
    return page(request, "qa.html", {"agency": agency, "q": " ".join(words), "page_obj": _paged(request, cases),
                                     "query_string": _query_without_page(request)}, counted=True)
