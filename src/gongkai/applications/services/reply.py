"""How a case ends: the reply drafted, reviewed, signed off and sent; or the case closed without a
decision; and handled again after a corrected appeal result."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from gongkai import clock as wallclock
from gongkai.applications import counting, workflow
from gongkai.applications.letter_store import draft_letter, letter_digest
from gongkai.applications.models import Application
from gongkai.applications.services.steps import Change, clean_text, take_step
from gongkai.rules import clock
from gongkai.rules.outcomes import ReplyKind
from gongkai.workflow import TransitionError


def draft_reply(application: Application, user, *, outcomes: Mapping[int, tuple[str, str]],
                on: dt.date | None = None, version: int | None = None) -> Application:
    """Draft the reply: `outcomes` maps every item position → (reply kind key, reasons).

    Reply kinds are `gongkai.rules.outcomes.ReplyKind` keys; reasons are required for every
    reply that does not disclose (Art. 36 asks for the reasons of a refusal).
    """
    def prepare(a: Application, s) -> Change:
        items = list(a.items.all())
        missing = [i.position for i in items if i.position not in outcomes]
        if missing:
            raise TransitionError(f"第{'、'.join(map(str, missing))}项申请事项尚未填写处理结果（每一事项须有一个处理结果）")
        for item in items:
            key, reason = outcomes[item.position]
            try:
                kind = ReplyKind.from_key(key)
            except ValueError:
                raise TransitionError(f"未知的处理结果：{key}") from None
            if kind.row_key.startswith("other."):
                raise TransitionError("视为放弃申请或撤回等终止办理的情形，请通过“逾期未补正”“逾期未缴费”或“终止办理”办理")
            if kind.row_key not in ("granted",) and not (reason or "").strip():
                raise TransitionError(f"第{item.position}项为“{kind.description}”，请写明理由")
            item.outcome, item.reason = kind.key, (reason or "").strip()
            item.save(update_fields=["outcome", "reason"])
        return Change([], {}, after={"outcomes": {str(p): o[0] for p, o in outcomes.items()}})

    return take_step(application, user, "draft_reply", on=on, version=version, prepare=prepare)


def _letter_acted_on(application: Application) -> dict[str, object]:
    """The reply letter a review or sign-off passes, for its audit entry (the workflow's guard
    has made sure there is one)."""
    letter = draft_letter(application)
    if letter is None:
        return {}
    return {"letter": letter.pk, "letter_title": letter.title, "letter_sha256": letter_digest(letter)}


def _plain(name: str, *, letter: bool = False) -> Callable[..., Application]:
    label = workflow.transition(name).label

    def step(application: Application, user, *, on: dt.date | None = None, version: int | None = None,
             reason: str = "") -> Application:
        comment = (reason or "").strip()
        if name == "return_draft" and not comment:
            raise TransitionError("请写明退回理由")
        note = f"{label}：{comment}" if comment else label  # the history names the act, then the comment
        return take_step(application, user, name, on=on, version=version,
                         prepare=lambda a, s: Change([], {}, note=note, after=_letter_acted_on(a) if letter else None))

    step.__name__ = name
    step.__doc__ = f"{label} ({name}); the audit entry names the act and keeps `reason`" + (
        ", and the reply letter passed with its SHA-256 (see gongkai.applications.letter_store)." if letter else ".")
    return step


review = _plain("review", letter=True)
sign_off = _plain("sign_off", letter=True)
return_draft = _plain("return_draft")


def send_reply(application: Application, user, *, on: dt.date | None = None,
               version: int | None = None) -> Application:
    """The signed reply was sent (答复之日): the clock stops and the case counts in that year's report."""
    day = on or wallclock.today()

    def prepare(a: Application, s) -> Change:
        rows = [ReplyKind.from_key(i.outcome).row_key for i in a.items.order_by("position")]
        row = counting.application_row(rows)
        return Change([("replied", day, {})], {"closed_on": day, "report_row": row}, after={"report_row": row})

    return take_step(application, user, "send_reply", on=on, version=version, prepare=prepare)


def reopen(application: Application, user, *, on: dt.date | None = None, version: int | None = None,
           note: str = "") -> Application:
    """After a corrected reconsideration/lawsuit result, handle the application again (new round).

    The new round's reply period runs from `on` (the day the decision was received); the
    earlier outcomes are cleared, the case leaves the statistics of its old finishing year and
    counts in the year of its new reply.
    """
    day = on or wallclock.today()

    def prepare(a: Application, s) -> Change:
        a.items.update(outcome="", reason="")
        return Change([("received", day, {})], {"round": a.round + 1, "closed_on": None, "report_row": ""},
                       note=note or "复议或诉讼结果为纠正，重新办理")

    return take_step(application, user, "reopen", on=on, version=version, prepare=prepare)


def close_other(application: Application, user, *, reason: str, on: dt.date | None = None,
                version: int | None = None) -> Application:
    """End the application without a decision: the applicant withdrew it (申请人撤回申请) or it
    ended for another recorded `reason`. The clock stops; it counts in row other.other (其他)."""
    reason = clean_text(reason, "终止办理的原因", max_length=500)
    kind = ReplyKind.OTHER
    day = on or wallclock.today()

    def prepare(a: Application, s) -> Change:
        a.items.update(outcome=kind.key, reason=reason)
        return Change([(clock.Closed.kind, day, {"reason": reason})], {"closed_on": day, "report_row": kind.row_key},
                       note=f"终止办理：{reason}", after={"outcome": kind.key})

    return take_step(application, user, "close_other", on=on, version=version, prepare=prepare)
