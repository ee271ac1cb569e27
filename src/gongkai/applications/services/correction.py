"""Correction (补正, Art. 30): the one notice, the corrected application, or the period lapsing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from gongkai import clock as wallclock
from gongkai.applications.models import Application, Item
from gongkai.applications.services.steps import Change, abandon, clean_text, take_step
from gongkai.rules.outcomes import ReplyKind
from gongkai.workflow import TransitionError


def request_correction(application: Application, user, *, content: str, reply_by: dt.date,
                       on: dt.date | None = None, version: int | None = None) -> Application:
    """Send the one correction notice: `content` lists everything to correct, `reply_by` the period."""
    content = clean_text(content, "需要补正的事项")
    day = on or wallclock.today()
    if reply_by <= day:
        raise TransitionError("补正期限应晚于告知补正之日（《条例》第三十条：给予合理的补正期限）")
    return take_step(application, user, "request_correction", on=on, version=version,
                       prepare=lambda a, s: Change([("correction_requested", day, {"reply_by": reply_by.isoformat(),
                                                                                    "content": content})], {},
                                                    note=f"告知补正，补正期限至{reply_by:%Y-%m-%d}"))


def record_correction(application: Application, user, *, items: Mapping[int, str] | None = None, note: str = "",
                      on: dt.date | None = None, version: int | None = None) -> Application:
    """The corrected application arrived on `on`: the reply period restarts from that day (Art. 30).

    What the applicant corrected is recorded: `items` maps item position → the item's corrected
    wording (it replaces the item's description), `note` says what else was corrected (e.g. a
    missing identity proof). At least one change or a note is required.
    """
    note = clean_text(note, "补正说明", required=False, max_length=500)
    day = on or wallclock.today()
    wanted = dict(items or {})

    def prepare(a: Application, s) -> Change:
        current = {i.position: i for i in a.items.all()}
        unknown = sorted(set(wanted) - set(current))
        if unknown:
            raise TransitionError(f"没有第{'、'.join(map(str, unknown))}项申请事项")
        changed: dict[str, dict[str, str]] = {}
        for position, text in sorted(wanted.items()):
            item, new = current[position], clean_text(text, f"第{position}项补正后的申请事项", max_length=2000)
            if new != item.description:
                changed[str(position)] = {"before": item.description, "after": new}
                Item.objects.filter(pk=item.pk).update(description=new)
        if not changed and not note:
            raise TransitionError("请记录申请人补正的内容：修改后的申请事项表述，或补正说明（《条例》第三十条）")
        data = {"note": note, "items": {k: v["after"] for k, v in changed.items()}}
        summary = "；".join(f"第{k}项改为“{v['after']}”" for k, v in changed.items())
        return Change([("corrected", day, {k: v for k, v in data.items() if v})], {},
                       note="收到补正：" + "；".join(t for t in (summary, note) if t),
                       after={"corrected_items": changed} if changed else None)

    return take_step(application, user, "record_correction", on=on, version=version, prepare=prepare)


def correction_lapsed(application: Application, user, *, on: dt.date | None = None,
                      version: int | None = None) -> Application:
    """No correction in time: the application is treated as abandoned (row other.no_correction)."""
    return abandon(application, user, "correction_lapsed", "correction_lapsed", ReplyKind.OTHER_NO_CORRECTION,
                    on, version)
