"""The year's facts for the narrative that no table cell holds (`gongkai.annual.narrative.Activity`),
counted from the catalogue and the applications — for many agencies in a fixed number of grouped
queries, so drafting a whole government's reports costs the same few queries as one."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import Count, F, Q

from gongkai.annual.narrative import Activity
from gongkai.applications import vocab
from gongkai.applications.models import Application, ApplicationEvent
from gongkai.applications.statistics import periods
from gongkai.catalogue.models import Channel, ChannelRecord, Genre, GuideVersion, Validity
from gongkai.catalogue.visibility import public_items
from gongkai.desk import queries as desk_queries
from gongkai.desk.models import Case, Reception
from gongkai.portal import visits


def _grouped(queryset, key: str, label) -> dict[int, tuple[tuple[str, int], ...]]:
    """agency id → ((label, count), …) largest first, from rows with ``agency_id``, `key` and ``n``."""
    out: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for r in queryset.order_by("-n", key):
        out[r["agency_id"]].append((label(r[key]), r["n"]))
    return {a: tuple(v) for a, v in out.items()}


def _fees(ids: list[int], year: int) -> dict[int, tuple[int, Decimal]]:
    """agency id → (fees paid in `year`, the total of their last notices in 元)."""
    paid = ApplicationEvent.objects.filter(application__agency_id__in=ids, kind="fee_paid", on__year=year)
    agency_of = dict(paid.values_list("application_id", "application__agency_id"))
    amounts: dict[int, Decimal] = {}
    for event in ApplicationEvent.objects.filter(application_id__in=list(agency_of), kind="fee_notice_issued").order_by("on", "id"):
        try:
            amounts[event.application_id] = Decimal(str((event.data.get("fee") or {}).get("total", "0")))
        except (InvalidOperation, AttributeError):
            continue
    out: dict[int, tuple[int, Decimal]] = {}
    for application_id, agency_id in agency_of.items():
        n, total = out.get(agency_id, (0, Decimal("0")))
        out[agency_id] = (n + 1, total + amounts.get(application_id, Decimal("0")))
    return out


def activities(agency_ids: list[int], year: int) -> dict[int, Activity]:
    """agency id → the year's activity facts (items published, channels, interpretations,
    applications by channel, replies on time, extensions, fees, guide versions, catalogue updates
    (items added, items marked 废止/失效), NPC/CPPCC
    proposals handled, the service desk's consultations, 12345 transfers and reception, the
    portal's page views)."""
    ids = list(agency_ids)
    published = public_items().filter(agency_id__in=ids, date_published__year=year)
    # grouped rows by agency; read as mappings (several shapes, and `.get` with a default)
    items: dict[int, Mapping[str, Any]] = {r["agency_id"]: r for r in published.values("agency_id").annotate(
        n=Count("id"),
        on_time=Count("id", filter=Q(deadline__isnull=False, date_published__lte=F("deadline"))),
        late=Count("id", filter=Q(deadline__isnull=False, date_published__gt=F("deadline"))),
        interpreted=Count("id", filter=Q(genre=Genre.INTERPRETATION)),  # not `interpretations`: Item's relation
    ).order_by()}
    categories = _grouped(published.values("agency_id", "category__name").annotate(n=Count("id")),
                          "category__name", lambda name: name or "未分类")
    channel_names = dict(Channel.choices)
    channels = _grouped(
        ChannelRecord.objects.filter(item__agency_id__in=ids, on__year=year)
        .values(agency_id=F("item__agency_id"), key=F("channel")).annotate(n=Count("id")),
        "key", lambda c: channel_names.get(c, c))
    rules = periods(year)
    finished = Application.objects.filter(agency_id__in=ids).filter(rules["scope"] & rules["finished"])
    replies: dict[int, Mapping[str, Any]] = {r["agency_id"]: r for r in finished.filter(due_on__isnull=False).values("agency_id").annotate(
        on_time=Count("id", filter=Q(closed_on__lte=F("due_on"))),
        late=Count("id", filter=Q(closed_on__gt=F("due_on"))),
    ).order_by()}
    extensions = dict(
        ApplicationEvent.objects.filter(application__in=finished, kind="extension_approved")
        .values("application__agency_id").annotate(n=Count("application_id", distinct=True))
        .values_list("application__agency_id", "n").order_by()
    )
    app_channels = dict(vocab.Channel.choices)
    received = _grouped(
        Application.objects.filter(agency_id__in=ids, received_on__year=year).values("agency_id", "channel")
        .annotate(n=Count("id")), "channel", lambda c: f"{app_channels.get(c, c)}申请")
    fees = _fees(ids, year)
    guides = dict(GuideVersion.objects.filter(agency_id__in=ids, created_at__year=year).values("agency_id")
                  .annotate(n=Count("id")).values_list("agency_id", "n").order_by())
    # the catalogue lists the public items: an item enters it on its publication date (the count of
    # `published` above), and is marked 废止/失效 on the date its validity changed, if it was in
    # the catalogue by the year's end
    gone: dict[int, Mapping[str, Any]] = {r["agency_id"]: r for r in public_items().filter(
        agency_id__in=ids, validity_changed_on__year=year, date_published__lte=dt.date(year, 12, 31),
    ).values("agency_id").annotate(
        repealed=Count("id", filter=Q(validity=Validity.REPEALED)),
        expired=Count("id", filter=Q(validity=Validity.EXPIRED)),
    ).order_by()}
    # the desk's counts from the very filters of the figure pages the report links to
    # (`desk.queries.case_rules`), so the narrative's numbers and the case lists agree
    desk: dict[int, Mapping[str, Any]] = {r["agency_id"]: r for r in Case.objects.filter(
        desk_queries.year_cases(year), agency_id__in=ids).values("agency_id").annotate(
            **{key: Count("id", filter=rule) for key, rule in desk_queries.case_rules().items()}).order_by()}
    reception = desk_queries.reception_totals(ids, year)
    views = visits.totals(ids, year)
    out = {}
    for a in ids:
        d, seen = desk.get(a, {}), reception.get(a, {})
        i, r = items.get(a, {}), replies.get(a, {})
        fees_count, fees_amount = fees.get(a, (0, Decimal("0")))
        out[a] = Activity(
            published_total=i.get("n", 0), published_by_category=categories.get(a, ()),
            published_by_channel=channels.get(a, ()), interpretations=i.get("interpreted", 0),
            published_on_time=i.get("on_time", 0), published_late=i.get("late", 0),
            applications_by_channel=received.get(a, ()), replied_on_time=r.get("on_time", 0),
            replied_late=r.get("late", 0), extensions=extensions.get(a, 0), fees_count=fees_count,
            fees_amount=fees_amount, guide_versions=guides.get(a, 0), catalogue_added=i.get("n", 0),
            catalogue_repealed=gone.get(a, {}).get("repealed", 0), catalogue_expired=gone.get(a, {}).get("expired", 0),
            npc_suggestions=d.get("npc", 0),
            cppcc_proposals=d.get("cppcc", 0), proposals_replied=d.get("proposals_replied", 0),
            proposals_published=d.get("proposals_published", 0), consultations=d.get("consultations", 0),
            complaints=d.get("complaints", 0), hotline=d.get("hotline", 0),
            hotline_replied=d.get("hotline_replied", 0), hotline_on_time=d.get("hotline_on_time", 0),
            walk_in=seen.get(Reception.Channel.WALK_IN, 0), phone=seen.get(Reception.Channel.PHONE, 0),
            site_visits=views.get(a, 0),
        )
    return out


def activity(agency, year: int) -> Activity:
    """One agency's activity facts."""
    return activities([agency.pk], year)[agency.pk]
