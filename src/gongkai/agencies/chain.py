"""Tamper evidence for the audit log: every entry stores the hash of the one before it.

Triggers stop UPDATE and DELETE through the application, but someone holding the database file
(or a superuser's connection) can drop them and rewrite history. Chaining makes that visible:
an entry's `entry_hash` is SHA-256 over a canonical serialisation of its content and
`prev_hash`, the `entry_hash` of the entry before it (in id order; ``""`` for the first one).
A changed entry no longer matches its own hash; a deleted or inserted one breaks the link of
the next. `verify` walks the chain and names the first broken link. (Removing the newest entries
leaves a shorter valid chain: keep a copy of the head hash elsewhere to detect that.)

One chain per database: appending takes a lock so concurrent writers cannot fork it — an
advisory transaction lock on PostgreSQL; on SQLite the database's own write lock serialises
writers (BEGIN IMMEDIATE in this project's configuration; a deferred transaction whose read
went stale cannot commit its write either). The lock lasts until the writing transaction ends
(the next writer must read a committed head), so transactions that write the log are serialised
on PostgreSQL too; one that records an entry and then waits for a row another such transaction
holds may be rolled back by PostgreSQL's deadlock detection — lock rows before recording.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections

#: Fields of an entry the hash covers (its id does not exist before the insert; the chain orders it).
HASHED_FIELDS = (
    "at", "actor_id", "actor_label", "agency_id", "object_type", "object_id", "object_repr", "action", "before",
    "after", "note", "prev_hash",
)  # fmt: skip
#: Key of PostgreSQL's advisory lock held while an entry is appended (any constant unique to us).
ADVISORY_LOCK_KEY = 0x676F6E676B6169  # "gongkai"


def _canonical(value: Any) -> Any:
    """JSON values as a database hands them back: integral floats are ints (PostgreSQL's jsonb
    prints 1e20 as 100000000000000000000)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, Mapping):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    return value


def serialise(entry: Any) -> bytes:
    """The canonical bytes of an entry (a model instance, current or historical, or any object
    with the `HASHED_FIELDS` attributes): sorted-key compact JSON, time in UTC to the microsecond."""
    values: dict[str, Any] = {name: getattr(entry, name) for name in HASHED_FIELDS}
    at: dt.datetime = values["at"]
    values["at"] = (at.astimezone(dt.UTC) if at.tzinfo else at).isoformat(timespec="microseconds")
    for name in ("before", "after"):
        values[name] = _canonical(json.loads(json.dumps(values[name], cls=DjangoJSONEncoder)))
    return json.dumps(values, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def entry_hash(entry: Any) -> str:
    """SHA-256 (hex) of the entry's canonical serialisation, its `prev_hash` included."""
    return hashlib.sha256(serialise(entry)).hexdigest()


def lock_head(using: str) -> None:
    """Serialise appends for the rest of the current transaction (PostgreSQL; see module doc)."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])


@dataclass(frozen=True)
class Break:
    """The first broken link: the entry (`entry_id`) and what is wrong with it (English)."""

    entry_id: int
    problem: str

    def __str__(self) -> str:
        return f"chain broken at entry {self.entry_id}: {self.problem}"


@dataclass(frozen=True)
class Verdict:
    """The outcome of `verify`: how many entries were checked and the first break, if any."""

    checked: int
    broken: Break | None


def verify(entries: Iterable[Any]) -> Verdict:
    """Walk `entries` in id order and return the first link that does not hold."""
    previous_hash, previous_id, checked = "", None, 0
    for entry in entries:
        if entry.prev_hash != previous_hash:
            after = f"entry {previous_id}" if previous_id is not None else "the start of the log"
            return Verdict(checked, Break(entry.pk, f"its previous-entry hash does not match {after} "
                                                   "(an entry before it was deleted, inserted or changed)"))
        if entry.entry_hash != entry_hash(entry):
            return Verdict(checked, Break(entry.pk, "its content does not match its hash (the entry was changed)"))
        previous_hash, previous_id, checked = entry.entry_hash, entry.pk, checked + 1
    return Verdict(checked, None)
