"""The audit log API every service uses: `record` one change, `diff` two snapshots, mask personal data.

Call `record` inside the service's ``transaction.atomic()`` block, after the change, so that the
entry and the change are committed together or not at all::

    before = audit.snapshot(document, ["title", "status"])
    document.status = "published"; document.save()
    audit.record(user, "document.publish", document, agency=document.agency,
                 **audit.diff(before, audit.snapshot(document, ["title", "status"])))

Personal data (ID numbers, phone numbers, addresses, e-mail addresses) must never reach the log
in plain text: values under the keys in `PERSONAL_KEYS` are masked automatically; pass
``mask=`` to name other keys, or ``mask=()`` for public data such as an office's phone number.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypedDict

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from gongkai.agencies import chain
from gongkai.agencies.models import Agency, AuditEntry, User
from gongkai.personal_data import mask_email, mask_free_text, mask_id_number, mask_phone

#: Keys whose values are personal data, and how each is masked when recorded.
PERSONAL_KEYS: dict[str, Callable[[str], str]] = {
    "id_number": mask_id_number,
    "id_card": mask_id_number,
    "certificate_number": mask_id_number,
    "phone": mask_phone,
    "mobile": mask_phone,
    "telephone": mask_phone,
    "email": mask_email,
    "address": mask_free_text,
    "postal_address": mask_free_text,
}


def mask_values(values: Mapping[str, Any] | None, keys: Iterable[str] | None = None) -> dict[str, Any] | None:
    """A copy of `values` with personal data masked (recursively in nested dicts).

    `keys` names the keys to mask (default: `PERSONAL_KEYS`); keys not in `PERSONAL_KEYS` are
    masked with `mask_free_text`. Values are stripped first, as typed input often carries blanks.
    """
    if values is None:
        return None
    chosen = set(PERSONAL_KEYS if keys is None else keys)
    masked: dict[str, Any] = {}
    for key, value in values.items():
        if isinstance(value, Mapping):
            masked[key] = mask_values(value, chosen)
        elif key in chosen and value not in (None, ""):
            masked[key] = PERSONAL_KEYS.get(key, mask_free_text)(str(value).strip())
        else:
            masked[key] = value
    return masked


def _json_safe(values: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """Dates, decimals, UUIDs and model instances become the strings JSON can hold."""
    if values is None:
        return None
    return json.loads(json.dumps(dict(values), cls=DjangoJSONEncoder, default=str))


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The current values of `fields` of `obj` (foreign keys as their id), ready for `diff`/`record`."""
    values: dict[str, Any] = {}
    for name in fields:
        field = obj._meta.get_field(name)
        if not isinstance(field, models.Field):
            raise TypeError(f"{name} is a reverse relation, not a field of {type(obj).__name__}")
        values[name] = getattr(obj, field.attname)
    return _json_safe(values) or {}


class Changes(TypedDict):
    """What `diff` returns: the keyword arguments ``before`` and ``after`` of `record`."""

    before: dict[str, Any]
    after: dict[str, Any]


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> Changes:
    """Only what changed, as ``{"before": {...}, "after": {...}}`` (keyword arguments of `record`).

    A key present on one side only appears with ``None`` on the other.
    """
    keys = [k for k in dict.fromkeys([*before, *after]) if before.get(k) != after.get(k)]
    return Changes(before={k: before.get(k) for k in keys}, after={k: after.get(k) for k in keys})


def actor_label(actor: User | None) -> str:
    """How an actor is shown in the log: ``username（display name）``, or 系统 for the system."""
    if actor is None:
        return "系统"
    return f"{actor.username}（{actor.display_name}）" if actor.display_name else actor.username


def record(
    actor: User | None,
    action: str,
    obj: models.Model | None,
    *,
    agency: Agency | None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    note: str = "",
    mask: Iterable[str] | None = None,
) -> AuditEntry:
    """Append one entry to the audit log and return it.

    `actor` is the acting user or ``None`` for the system (an anonymous user counts as the
    system); `action` a dotted English name such as ``"application.register"``; `obj` the object
    acted on (or ``None`` for events without one); `agency` the agency whose log holds the entry.
    `before`/`after` are JSON-able dicts, masked as described in the module docstring; `note`
    is stored as given, so it must not contain personal data.
    """
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEntry.objects.create(
        actor=actor,
        actor_label=actor_label(actor),
        agency=agency,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        action=action,
        before=_json_safe(mask_values(before, mask)),
        after=_json_safe(mask_values(after, mask)),
        note=note,
    )


def entries_for(obj: models.Model) -> models.QuerySet[AuditEntry]:
    """The audit trail of one object, newest first."""
    return AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))


def verify_chain(using: str = "default") -> chain.Verdict:
    """Check the whole log's hash chain (`gongkai.agencies.chain`), oldest entry first."""
    entries = AuditEntry.objects.using(using).order_by("id").select_related(None)
    return chain.verify(entries.iterator(chunk_size=2000))
