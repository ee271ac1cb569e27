"""The year's facts for the narrative that no table cell holds (`gongkai.annual.narrative.Activity`),
counted from the catalogue and the applications."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db.models import Count, F

from gongkai.annual.narrative import Activity
from gongkai.applications import vocab
from gongkai.applications.models import Application, ApplicationEvent
from gongkai.applications.statistics import periods
from gongkai.catalogue.models import Channel, ChannelRecord, Genre, GuideVersion
from gongkai.catalogue.statistics import yearly
from gongkai.catalogue.visibility import public_items


def _fees(agency, year: int) -> tuple[int, Decimal]:
    """Fees paid in `year`: how many, and the total of their notices (元)."""
    paid = list(
        ApplicationEvent.objects.filter(application__agency=agency, kind="fee_paid", on__year=year)
        .values_list("application_id", flat=True)
    )
    notices = ApplicationEvent.objects.filter(application_id__in=paid, kind="fee_notice_issued").order_by("on", "id")
    last: dict[int, Decimal] = {}
    for event in notices:
        try:
            last[event.application_id] = Decimal(str((event.data.get("fee") or {}).get("total", "0")))
        except (InvalidOperation, AttributeError):
            continue
    total = sum(last.values(), Decimal("0"))
    return len(paid), total


def activity(agency, year: int, assessment: str = "") -> Activity:
    stats = yearly(agency, year)
    channels = dict(Channel.choices)
    by_channel = (
        ChannelRecord.objects.filter(item__agency=agency, on__year=year)
        .values("channel").annotate(n=Count("id")).order_by("-n", "channel")
    )
    rules = periods(year)
    finished = Application.objects.filter(agency=agency).filter(rules["scope"] & rules["finished"])
    on_time = finished.filter(due_on__isnull=False, closed_on__lte=F("due_on")).count()
    late = finished.filter(due_on__isnull=False, closed_on__gt=F("due_on")).count()
    app_channels = dict(vocab.CHANNELS)
    received = (
        Application.objects.filter(agency=agency, received_on__year=year)
        .values("channel").annotate(n=Count("id")).order_by("-n", "channel")
    )
    fees_count, fees_amount = _fees(agency, year)
    return Activity(
        published_total=stats.total,
        published_by_category=tuple(stats.by_category),
        published_by_channel=tuple((channels.get(r["channel"], r["channel"]), r["n"]) for r in by_channel),
        interpretations=public_items().filter(agency=agency, genre=Genre.INTERPRETATION,
                                              date_published__year=year).count(),
        published_on_time=stats.on_time,
        published_late=stats.late,
        applications_by_channel=tuple((f"{app_channels.get(r['channel'], r['channel'])}申请", r["n"]) for r in received),
        replied_on_time=on_time,
        replied_late=late,
        extensions=ApplicationEvent.objects.filter(application__in=finished, kind="extension_approved")
        .values("application_id").distinct().count(),
        fees_count=fees_count,
        fees_amount=fees_amount,
        guide_versions=GuideVersion.objects.filter(agency=agency, created_at__year=year).count(),
        assessment=assessment,
    )
