"""The catalogue's generation: a token that changes with every change the public could see.

`bump()` runs inside the transaction of the change — `gongkai.search.catalogue.sync` calls it for
every change of an item (publish, withdraw, edit, attachments, validity), `reindex` after a
rebuild, and signals for agencies and subject categories (their names appear on public pages).
Readers take `current()` before reading anything else, so a page built from data at least as new
as the token it is stored under is never served under a newer one. The token is random rather
than a counter, so a rolled-back transaction or a restored database never reuses one.
"""

from __future__ import annotations

import secrets

from django.db.models.signals import post_delete, post_save

from gongkai.agencies.models import Agency
from gongkai.catalogue.models import Generation, SubjectCategory

ROW = 1


def bump() -> str:
    """Give the catalogue a new generation (call inside the transaction of the change)."""
    token = secrets.token_hex(8)
    if not Generation.objects.filter(pk=ROW).update(token=token):
        Generation.objects.update_or_create(pk=ROW, defaults={"token": token})
    return token


def current() -> str:
    """The catalogue's generation now (one indexed read)."""
    token = Generation.objects.filter(pk=ROW).values_list("token", flat=True).first()
    return token if token is not None else bump()


def _changed(sender, **kwargs) -> None:
    bump()


def connect() -> None:
    """Bump on every saved or deleted agency and subject category (from the app's `ready`)."""
    for model in (Agency, SubjectCategory):
        post_save.connect(_changed, sender=model, dispatch_uid=f"generation-{model.__name__}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"generation-{model.__name__}-delete")
