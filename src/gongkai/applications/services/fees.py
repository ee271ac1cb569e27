"""The information processing fee (《政府信息公开信息处理费管理办法》): the quote numbered within the
applicant's month, the notice, its delivery, the payment or the fee lapsing; and the monthly
count behind Art. 35's excessive-request hint."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.db.models import Q

from gongkai import clock as wallclock
from gongkai.applications.models import Application, Item
from gongkai.applications.services.steps import Change, abandon, take_step, today_check
from gongkai.rules import clock, fees
from gongkai.rules.outcomes import ReplyKind
from gongkai.workflow import TransitionError

#: Art. 35: more requests than this in a calendar month are a hint of excessive requests, and the
#: by-count fee (《办法》) starts after the same number of free requests.
EXCESSIVE_HINT_THRESHOLD = fees.COUNT_FREE


def monthly_requests(application: Application) -> int:
    """The applicant's requests (items) received by this agency in the application's calendar month.

    Art. 35: above `EXCESSIVE_HINT_THRESHOLD` the case page shows an excessive-request hint; the
    same count numbers the requests for the by-count fee.
    """
    d = application.received_on
    return Item.objects.filter(
        Q(application__received_on__year=d.year, application__received_on__month=d.month),
        **{f"application__{k}": v for k, v in (("agency_id", application.agency_id),
                                                ("id_type", application.id_type),
                                                ("id_number", application.id_number))},
    ).count()


def fee_quote(application: Application, bases: Mapping[int, tuple[str, int]] | None = None) -> fees.FeeAssessment:
    """The itemised fee for this application's items, numbered within the applicant's month.

    `bases` maps item position → (``"count"`` | ``"volume"``, pages); default: the basis stored on
    each item, else by count. Requests the applicant made earlier in the month take their place
    in the count (the bands count requests made) but are charged in their own notices, so here
    they stand as zero-page requests that pay nothing.
    """
    d = application.received_on
    earlier = (
        Item.objects.filter(application__received_on__year=d.year, application__received_on__month=d.month,
                            application__agency_id=application.agency_id, application__id_type=application.id_type,
                            application__id_number=application.id_number)
        .filter(Q(application__received_on__lt=d) | Q(application__received_on=d, application_id__lt=application.pk))
        .count()
    )
    requests = [fees.FeeRequest(f"earlier-{i}", fees.Basis.VOLUME, 0) for i in range(earlier)]
    for item in application.items.all():
        basis, pages = (bases or {}).get(item.position, (item.fee_basis or "count", item.pages))
        if basis not in ("count", "volume"):
            raise TransitionError("计费方式只能是按件或按量")
        requests.append(fees.FeeRequest(f"{application.tracking_number}-{item.position}", fees.Basis(basis),
                                        pages if basis == "volume" else 0))
    try:
        return fees.assess(requests)
    except ValueError as exc:
        raise TransitionError(f"信息处理费计算有误：{exc}") from None


def issue_fee_notice(application: Application, user, *, bases: Mapping[int, tuple[str, int]] | None = None,
                     delivered: dt.date | None = None, on: dt.date | None = None,
                     version: int | None = None) -> Application:
    """Issue the fee notice (收费通知) with the itemised fee; the clock pauses until payment.

    `delivered`: the day the applicant received it, when known now (handed over); otherwise it is
    recorded later (`record_fee_delivery`). The 20 working days to pay run from the day after it.
    """
    day = on or wallclock.today()

    def prepare(a: Application, s: clock.ClockState) -> Change:
        if s.due and day > s.due:
            raise TransitionError(f"收费通知应在答复期限内发出，答复期限已于{s.due:%Y-%m-%d}届满（《政府信息公开信息处理费管理办法》）")
        for item in a.items.all():
            basis, pages = (bases or {}).get(item.position, (item.fee_basis or "count", item.pages))
            Item.objects.filter(pk=item.pk).update(fee_basis=basis, pages=pages if basis == "volume" else 0)
        quote = fee_quote(a)
        if quote.total <= 0:
            raise TransitionError("按《政府信息公开信息处理费管理办法》计算，本申请无需收费（每月前10件、每件前30页免费），不能发出收费通知")
        data: dict[str, object] = {"fee": quote.as_dict()}
        if delivered:
            today_check(delivered)
            data["delivered"] = delivered.isoformat()
        return Change([("fee_notice_issued", day, data)], {}, note=f"收费通知：{quote.total}元",
                       after={"fee_total": str(quote.total)})

    return take_step(application, user, "issue_fee_notice", on=on, version=version, prepare=prepare)


def record_fee_delivery(application: Application, user, *, on: dt.date | None = None,
                        version: int | None = None) -> Application:
    """The applicant received the fee notice on `on` (known later, e.g. by post): the 20 working
    days to pay run from the next day (《办法》), and only then can the fee lapse."""
    day = on or wallclock.today()
    return take_step(application, user, "record_fee_delivery", on=on, version=version,
                       prepare=lambda a, s: Change([(clock.FeeNoticeDelivered.kind, day, {})], {},
                                                    note=f"申请人于{day:%Y-%m-%d}收到收费通知"))


def record_payment(application: Application, user, *, on: dt.date | None = None,
                   version: int | None = None) -> Application:
    """The applicant paid the fee on `on`; the clock runs again."""
    day = on or wallclock.today()
    return take_step(application, user, "record_payment", on=on, version=version,
                       prepare=lambda a, s: Change([("fee_paid", day, {})], {}))


def fee_lapsed(application: Application, user, *, on: dt.date | None = None,
               version: int | None = None) -> Application:
    """The fee was not paid within 20 working days: treated as abandoned (row other.fee_unpaid)."""
    return abandon(application, user, "fee_lapsed", "fee_lapsed", ReplyKind.OTHER_FEE_UNPAID, on, version)
