"""Anti-abuse for the public forms: rate limits per address and per identity, and the
proof-of-work challenge (issued with the site's key, each solution accepted once).

The counters live in a table of the site's database (`RateCount`), not in Django's cache: a
cache local to a process (the default) lets each gunicorn worker count alone, a file cache is
local to one machine, and Django's DatabaseCache shares the count but increments by reading and
writing back, so two workers can both read 5 and both write 6. A row incremented in SQL
(``count = count + 1``) is atomic on SQLite and PostgreSQL, is shared by every worker and, with
PostgreSQL, by every machine, and its table comes with `migrate` (no ``createcachetable``).

What is counted — an address, an identity-document number, a phone number or e-mail address,
a tracking number — is kept only as a hash keyed with the site's secret key, for the length of
its window. The allowances are far above what a person needs: one application per matter, a
few consultations, a few mistyped query codes.
"""

from __future__ import annotations

import re
import time

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.crypto import salted_hmac

from gongkai.portal import challenge
from gongkai.portal.models import RateCount

#: Requests allowed per (allowance, window in seconds): per address and form, then per
#: identity-document number (applications), per phone or e-mail (consultations) and per
#: tracking number (wrong query codes).
LIMITS = {
    "apply": (10, 3600),
    "consult": (10, 3600),
    "query": (30, 600),
    "apply.identity": (20, 86400),
    "consult.contact": (10, 86400),
    "query.number": (10, 3600),
}


def _key() -> bytes:
    return salted_hmac("gongkai.portal.challenge", "key", secret=settings.SECRET_KEY).digest()


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def _counter(name: str, value: str, now: float) -> tuple[str, int]:
    """The counter's key for `value` in the current window of `name`, and when that window ends."""
    window = LIMITS[name][1]
    digest = salted_hmac("gongkai.portal.rate", f"{name}|{value}", secret=settings.SECRET_KEY).hexdigest()
    start = int(now) // window
    return f"{name}:{digest}:{start}", (start + 1) * window


def _add_one(key: str, expires: int, now: float) -> int:
    """Add one to the counter `key` (created at 1) and return its count."""
    with transaction.atomic():
        if not RateCount.objects.filter(key=key).update(count=F("count") + 1):
            try:
                with transaction.atomic():
                    RateCount.objects.create(key=key, count=1, expires=expires)
            except IntegrityError:  # another worker created it first
                RateCount.objects.filter(key=key).update(count=F("count") + 1)
            else:  # a new window: drop the counters of windows that have ended
                RateCount.objects.filter(expires__lt=int(now)).delete()
        return RateCount.objects.values_list("count", flat=True).get(key=key)


def hit(name: str, value: str) -> bool:
    """Count one use by `value` under `name`; True when it has used up its allowance."""
    now = time.time()
    key, expires = _counter(name, value, now)
    return _add_one(key, expires, now) > LIMITS[name][0]


def used_up(name: str, value: str) -> bool:
    """True when `value` has used up its allowance under `name` (nothing counted)."""
    key, _expires = _counter(name, value, time.time())
    count = RateCount.objects.filter(key=key).values_list("count", flat=True).first() or 0
    return count >= LIMITS[name][0]


def over_limit(request, form: str) -> bool:
    """Count this request; True when the address has used up the form's allowance."""
    return hit(form, client_address(request))


def identity_over_limit(name: str, *values: str) -> bool:
    """Count a submission under each given identity (empty ones skipped); True when any of them
    has used up its allowance."""
    over = [hit(name, normalised(value)) for value in values if normalised(value)]
    return any(over)


def normalised(value: str) -> str:
    """An identity as counted: case, spaces and dashes do not make another person."""
    return re.sub(r"[\s\-]", "", str(value)).upper()


def new_challenge() -> challenge.Challenge:
    return challenge.issue(_key(), time.time())


def solved(value: str) -> bool:
    """True once per valid solution (a replayed solution is refused, by every worker)."""
    now = time.time()
    found = challenge.verify(_key(), value or "", now)
    if found is None:
        return False
    try:
        with transaction.atomic():
            RateCount.objects.create(key=f"pow:{found}", count=1, expires=int(now) + challenge.LIFETIME)
    except IntegrityError:
        return False
    return True
