"""Taking a workflow step on a record: the service half of the shared convention of
`gongkai.workflow`, for records that have ``agency``, ``state`` and ``version`` fields.

`take` does, in one transaction and in this order: the reader check (another agency's record is
a 404 upstream, a refusal here), lock the row, refuse a stale version (409), ask the workflow
with the actions the actor holds in the record's agency (409 wrong state; 422 who, comment,
rule), let the app change the record, move it to the transition's target, bump the version,
save (``UPDATE … WHERE version = n`` first: a writer that slipped past the lock still loses),
and append the audit entry with before and after. An app with more to do (events, clocks)
passes ``facts`` and ``change``; a ``change`` that has more to say in the audit entry (the act's
wording, values outside the snapshot) returns an `AuditExtra`. Nothing is written when any step
refuses.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar, cast

from django.db import models, transaction

from gongkai.agencies import audit
from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import Action, can, require
from gongkai.workflow import Transition, Workflow, stale

M = TypeVar("M", bound=models.Model)


class _Stateful(Protocol):
    """The fields `take` needs of a record (a model type cannot say "a Model with these fields")."""

    agency_id: int
    agency: Agency
    state: str
    version: int


@dataclass(frozen=True)
class AuditExtra:
    """What an app's ``change`` adds to the audit entry: the note (default: the comment) and values
    beside the snapshot in ``after``."""

    note: str = ""
    after: Mapping[str, Any] | None = None


#: The permission actions a workflow table may name.
WORKFLOW_ACTIONS = (Action.ACT, Action.REVIEW, Action.SIGN_OFF)


def held_actions(user, agency) -> set[str]:
    """The workflow actions (act 经办 / review 审核 / sign_off 签发) `user` holds in `agency`."""
    return {action.value for action in WORKFLOW_ACTIONS if can(user, agency, action)}


def take(
    record: M,
    actor,
    workflow: Workflow[Any],
    name: str,
    *,
    noun: str,
    audit_action: str,
    audit_fields: Sequence[str],
    version: int | None = None,
    comment: str | None = None,
    facts: Callable[[M], Any] | None = None,
    change: Callable[[M, Transition], AuditExtra | None] | None = None,
    changes_only: bool = False,
    snapshot: Callable[[M], dict[str, Any]] | None = None,
) -> M:
    """Take step `name` on `record` as `actor`; `version` is the one the person saw (default:
    `record`'s own). ``changes_only``: the audit entry keeps only the values that changed
    (`audit.diff`) rather than both whole snapshots. ``snapshot``: how the record reads in the
    audit entry (default: `audit_fields` as they are; an app passes its own to mask a value that
    may hold personal data). Returns the saved record."""
    row = cast(_Stateful, record)
    require(actor, row.agency_id, Action.READ)
    seen = row.version if version is None else version
    manager = type(record)._default_manager

    def read(obj: M) -> dict[str, Any]:
        return snapshot(obj) if snapshot is not None else audit.snapshot(obj, audit_fields)

    with transaction.atomic():
        fresh = manager.select_for_update().get(pk=record.pk)
        current = cast(_Stateful, fresh)
        if current.version != seen:
            raise stale(noun, seen, current.version)
        held = held_actions(actor, current.agency_id)
        step = workflow.check(name, current.state, held, facts(fresh) if facts else None, comment)
        before = read(fresh)
        extra = (change(fresh, step) if change is not None else None) or AuditExtra()
        if step.target is not None:
            current.state = step.target
        if not manager.filter(pk=fresh.pk, version=seen).update(version=seen + 1):
            raise stale(noun, seen, manager.filter(pk=fresh.pk).values_list("version", flat=True).get())
        current.version = seen + 1
        fresh.save()
        after = {**read(fresh), **(extra.after or {})}
        changes = audit.diff(before, after) if changes_only else audit.Changes(before=before, after=after)
        audit.record(actor, audit_action, fresh, agency=current.agency, note=extra.note or comment or "",
                     **changes)
    return fresh
