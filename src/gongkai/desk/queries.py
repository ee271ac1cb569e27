"""Reading desk cases: the public Q&A the portal lists, the red list, the dashboard and the
year's figures for the annual report's narrative.

The public query returns plain values of the public fields only (never a model instance, so a
template cannot reach the asker's contact): published, screened, and for a consultation or
complaint consented to by the asker. The same rows are what the portal's search indexes
(`gongkai.search.qa`, kept in step by every step of a case).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet, Sum

from gongkai.desk import deadlines
from gongkai.desk.models import ASKER_KINDS, PROPOSAL_KINDS, Case, Channel, Kind, Reception, Role
from gongkai.desk.workflow import ANSWERED_STATES, OPEN_STATES, State

#: The fields the public may see of a published case.
PUBLIC_FIELDS = ("id", "agency_id", "agency__name", "agency__slug", "kind", "number", "year", "topic", "member",
                 "public_title", "public_question", "public_reply", "public_is_summary", "replied_on", "published_on")


def public_cases(agency_ids: list[int] | None = None, kinds: tuple[str, ...] | None = None) -> QuerySet:
    """Published replies the portal may list (newest first), as dicts of `PUBLIC_FIELDS`."""
    cases = Case.objects.filter(state=State.PUBLISHED, published_on__isnull=False)
    cases = cases.filter(Q(findings=[]) | ~Q(findings_accepted=""))
    cases = cases.exclude(Q(kind__in=list(ASKER_KINDS)) & Q(consent=False))
    if agency_ids is not None:
        cases = cases.filter(agency_id__in=agency_ids)
    if kinds is not None:
        cases = cases.filter(kind__in=kinds)
    return cases.order_by("-published_on", "-id").values(*PUBLIC_FIELDS)


def contact_shown(case: Case) -> str:
    """The asker as lists, exports and supervisors see them: 张* 138****5678."""
    from gongkai.desk.services import masked_contact

    return " ".join(v for v in masked_contact(case).values() if v)


def offices(agency) -> list[str]:
    """Where a case may be handed: the agency's child agencies and the offices already used."""
    children = list(agency.children.order_by("name").values_list("name", flat=True))
    used = Case.objects.filter(agency=agency).exclude(office="").values_list("office", flat=True).distinct()
    return children + sorted(set(used) - set(children))


# --- the red list ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Urgent:
    case: Case
    left: int  # working days to the deadline; negative: overdue

    @property
    def status(self) -> str:
        return deadlines.left_text(self.left)


def red_list(cases: QuerySet, today: dt.date, workdays) -> list[Urgent]:
    """Open cases overdue or due within `deadlines.DUE_SOON` working days, most urgent first."""
    horizon = workdays.add(today, deadlines.DUE_SOON).date
    found = [Urgent(c, deadlines.working_days_left(c.due_on, today, workdays))
             for c in cases.filter(state__in=list(OPEN_STATES), due_on__lte=horizon).order_by("due_on", "id")]
    return found


def open_cases() -> QuerySet:
    """Every case still waiting for its reply, in every agency (for the daily digest)."""
    return Case.objects.filter(state__in=list(OPEN_STATES))


def digest_lines(agency, today: dt.date) -> list[str]:
    """The agency's red list as lines of the daily digest (`gongkai remind`): kind, number,
    title, deadline and working days left; no contact."""
    from gongkai.applications.services import calendar_for

    lines = []
    for u in red_list(Case.objects.filter(agency=agency), today, calendar_for(agency)):
        lines.append(f"{u.case.get_kind_display()} {u.case.number}  {u.case.title}  "  # type: ignore[attr-defined]
                     f"期限：{u.case.due_on:%Y-%m-%d}  {u.status}")
    return lines


# --- the dashboard ----------------------------------------------------------------------------------


@dataclass
class Bar:
    label: str
    value: int
    extra: str = ""


@dataclass
class Dashboard:
    year: int
    total: int
    replied: int
    on_time: int
    open_by_office: list[tuple[str, int, int]]  # office, open, of which overdue
    by_topic: list[Bar]
    by_channel: list[Bar]
    by_kind: list[Bar]
    by_month: list[Bar]
    most: int = field(default=1)

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.replied if self.replied else None


def _bars(counter: Counter, labels: dict[str, str] | None = None) -> list[Bar]:
    return [Bar((labels or {}).get(k, k) or "（未填）", v) for k, v in counter.most_common()]


def dashboard(cases: QuerySet, year: int, today: dt.date) -> Dashboard:
    """Counts of the year's cases (received that year) and of every case still open."""
    of_year = cases.filter(received_on__year=year)
    rows = list(of_year.values_list("topic", "channel", "kind", "received_on", "state", "late"))
    replied = [r for r in rows if r[4] in ANSWERED_STATES]
    open_rows = cases.filter(state__in=list(OPEN_STATES)).values("office").annotate(
        n=Count("id"), overdue=Count("id", filter=Q(due_on__lt=today))).order_by("-n", "office")
    by_month = Counter(r[3].month for r in rows)
    board = Dashboard(
        year=year, total=len(rows), replied=len(replied), on_time=sum(1 for r in replied if not r[5]),
        open_by_office=[(o["office"] or "（未交办）", o["n"], o["overdue"]) for o in open_rows],
        by_topic=_bars(Counter(r[0] for r in rows)),
        by_channel=_bars(Counter(r[1] for r in rows), dict(Channel.choices)),
        by_kind=_bars(Counter(r[2] for r in rows), dict(Kind.choices)),
        by_month=[Bar(f"{m}月", by_month.get(m, 0)) for m in range(1, 13)],
    )
    board.most = max([1, *(b.value for b in [*board.by_topic, *board.by_channel, *board.by_kind, *board.by_month]),
                      *(n for _, n, _ in board.open_by_office)])
    return board


# --- the annual report's narrative -----------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One number of the narrative, with the records it counts (for the link to its cases)."""

    label: str
    value: int | float | None
    queryset: QuerySet

    @property
    def text(self) -> str:
        """As a sentence states it: 173, 98.5%, or — for a rate without cases."""
        if self.value is None:
            return "—"
        return f"{self.value:.1%}" if isinstance(self.value, float) else str(self.value)


@dataclass(frozen=True)
class DeskFigures:
    agency_id: int
    year: int
    figures: dict[str, Figure]

    def __getitem__(self, key: str) -> Figure:
        return self.figures[key]

    def url(self, key: str) -> str:
        """The staff page listing the records behind figure `key` (for the narrative's links)."""
        from django.urls import reverse

        return f"{reverse('desk:figure', args=[self.year, key])}?agency={self.agency_id}"


def case_rules() -> dict[str, Q]:
    """Figure key → which of a year's cases (received that year) it counts: the one definition
    behind both the report narrative's counts (`gongkai.reports.activity`, grouped per agency) and
    the lists of `desk_figures`, so a number and the cases it links to cannot disagree. Replied
    means any state after the reply; published, the reply is on the portal now (a withdrawn one
    is not)."""
    hotline = Q(kind=Kind.HOTLINE)
    replied = Q(state__in=list(ANSWERED_STATES))
    published = Q(state=State.PUBLISHED)
    proposals = Q(kind__in=list(PROPOSAL_KINDS))
    return {
        "consultations": Q(kind=Kind.CONSULTATION),
        "complaints": Q(kind=Kind.COMPLAINT),
        "hotline": hotline,
        "hotline_replied": hotline & replied,
        "hotline_on_time": hotline & replied & Q(late=False),
        "npc": Q(kind=Kind.NPC),
        "cppcc": Q(kind=Kind.CPPCC),
        "proposals_main": proposals & Q(role=Role.MAIN),
        "proposals_assisting": proposals & Q(role=Role.ASSISTING),
        "proposals_replied": proposals & replied,
        "proposals_published": proposals & published,
        "npc_published": Q(kind=Kind.NPC) & published,
        "cppcc_published": Q(kind=Kind.CPPCC) & published,
    }


#: The labels of the case figures (as the figure pages head them).
CASE_LABELS = {
    "consultations": "咨询", "complaints": "投诉", "hotline": "12345转办件", "hotline_replied": "12345转办件已答复",
    "hotline_on_time": "12345转办件按期答复", "npc": "人大代表建议", "cppcc": "政协提案",
    "proposals_main": "主办建议提案", "proposals_assisting": "协办建议提案", "proposals_replied": "建议提案已答复",
    "proposals_published": "建议提案办理结果公开", "npc_published": "人大代表建议办理结果公开",
    "cppcc_published": "政协提案办理结果公开",
}


#: Every key of `desk_figures`.
FIGURE_KEYS = frozenset({*CASE_LABELS, "hotline_on_time_rate", "walk_in", "phone"})


def figure_url(agency_id: int, year: int, key: str) -> str | None:
    """The staff page listing figure `key`'s records of an agency's year; None for no such figure."""
    return DeskFigures(agency_id, year, {}).url(key) if key in FIGURE_KEYS else None


def year_cases(year: int) -> Q:
    """The cases a year's figures count: received (收到/交办) that year."""
    return Q(received_on__year=year)


def reception_totals(agency_ids: list[int], year: int) -> dict[int, dict[str, int]]:
    """agency id → reception channel → the year's 人次."""
    out: dict[int, dict[str, int]] = {a: {} for a in agency_ids}
    for row in (Reception.objects.filter(agency_id__in=agency_ids, on__year=year).values("agency_id", "channel")
                .annotate(n=Sum("count")).order_by()):
        out[row["agency_id"]][row["channel"]] = row["n"] or 0
    return out


def desk_figures(agency, year: int) -> DeskFigures:
    """The year's desk counts of one agency for the report narrative (sections 一 and 六): cases
    received that year, each with its queryset (`case_rules`). Keys: consultations, complaints,
    hotline, hotline_replied, hotline_on_time, hotline_on_time_rate (None without replies), npc,
    cppcc, proposals_main, proposals_assisting, proposals_replied, proposals_published
    (npc_published, cppcc_published), walk_in, phone (reception 人次). `DeskFigures.url(key)` is
    the page listing a figure's records."""
    agency_id = getattr(agency, "pk", agency)
    cases = Case.objects.filter(year_cases(year), agency_id=agency_id)
    rules = case_rules()
    counted = cases.aggregate(**{key: Count("id", filter=rule) for key, rule in rules.items()})
    figures = {key: Figure(CASE_LABELS[key], counted[key], cases.filter(rule)) for key, rule in rules.items()}
    n_replied, n_on_time = counted["hotline_replied"], counted["hotline_on_time"]
    figures["hotline_on_time_rate"] = Figure("12345转办件按期答复率", n_on_time / n_replied if n_replied else None,
                                             figures["hotline_replied"].queryset)
    reception = Reception.objects.filter(agency_id=agency_id, on__year=year)
    seen = reception_totals([agency_id], year)[agency_id]
    for key, channel in (("walk_in", Reception.Channel.WALK_IN), ("phone", Reception.Channel.PHONE)):
        figures[key] = Figure(channel.label, seen.get(channel, 0), reception.filter(channel=channel))
    return DeskFigures(agency_id, year, figures)
