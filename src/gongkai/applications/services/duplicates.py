"""Repeated requests (Art. 36(6)): earlier answered applications of the same applicant, most alike
first, and the 不予重复处理 draft."""

from __future__ import annotations

import datetime as dt
import difflib
import re

from django.db.models import Q

from gongkai.applications.models import Application
from gongkai.applications.services.steps import Change, take_step
from gongkai.applications.workflow import State
from gongkai.rules.outcomes import ReplyKind
from gongkai.workflow import TransitionError


def _same_applicant(application: Application) -> Q:
    return Q(agency_id=application.agency_id, id_type=application.id_type, id_number=application.id_number)


def similarity(a: str, b: str) -> float:
    """How alike two descriptions are (0–1), ignoring blanks and punctuation."""
    clean = re.compile(r"[\s\W_]+")
    return difflib.SequenceMatcher(None, clean.sub("", a), clean.sub("", b)).ratio()


def duplicate_candidates(application: Application, limit: int = 5) -> list[tuple[Application, float]]:
    """Earlier replied applications of the same applicant, most similar description first."""
    earlier = (
        Application.objects.filter(_same_applicant(application), state=State.REPLIED.value,
                                   received_on__lte=application.received_on)
        .exclude(pk=application.pk)
        .only("pk", "tracking_number", "description", "received_on", "closed_on")
    )
    scored = sorted(((e, similarity(application.description, e.description)) for e in earlier),
                    key=lambda pair: -pair[1])
    return scored[:limit]


def mark_duplicate(application: Application, user, *, earlier: Application, on: dt.date | None = None,
                   version: int | None = None) -> Application:
    """Draft a 不予重复处理 reply: the same applicant asked for the same information already answered."""
    if earlier.pk == application.pk or earlier.agency_id != application.agency_id:
        raise TransitionError("只能认定为本机关此前已答复的另一件申请的重复申请")
    if (earlier.id_type, earlier.id_number) != (application.id_type, application.id_number):
        raise TransitionError("重复申请须为同一申请人提出（《条例》第三十六条第（六）项）")
    if earlier.state != State.REPLIED.value or earlier.received_on > application.received_on:
        raise TransitionError("被重复的申请须为此前已作出答复的申请（《条例》第三十六条第（六）项）")
    kind = ReplyKind.NOT_PROCESSED_DUPLICATE

    def prepare(a: Application, s) -> Change:
        a.items.update(outcome=kind.key, reason=f"与{earlier.tracking_number}号申请重复，已于"
                                                f"{earlier.closed_on:%Y年%m月%d日}作出答复")
        return Change([], {"duplicate_of": earlier}, note=f"认定为{earlier.tracking_number}的重复申请",
                       after={"duplicate_of": earlier.tracking_number})

    return take_step(application, user, "mark_duplicate", on=on, version=version, prepare=prepare)
