"""Anti-abuse for the public forms: a per-IP rate limit in Django's cache (the address is kept
only as part of a hashed cache key, for the window's length) and the proof-of-work challenge
(issued with the site's key, each solution accepted once)."""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

from gongkai.portal import challenge

#: Requests allowed per address and window (seconds), per form.
LIMITS = {"apply": (10, 3600), "consult": (10, 3600), "query": (30, 600)}


def _key() -> bytes:
    return salted_hmac("gongkai.portal.challenge", "key", secret=settings.SECRET_KEY).digest()


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def over_limit(request, form: str) -> bool:
    """Count this request; True when the address has used up the form's allowance."""
    allowed, window = LIMITS[form]
    digest = hashlib.sha256(f"{settings.SECRET_KEY}|{client_address(request)}".encode()).hexdigest()[:32]
    key = f"portal:rate:{form}:{digest}:{int(time.time()) // window}"
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # the entry expired between add and incr
        cache.set(key, 1, window)
        count = 1
    return count > allowed


def new_challenge() -> challenge.Challenge:
    return challenge.issue(_key(), time.time())


def solved(value: str) -> bool:
    """True once per valid solution (a replayed solution is refused)."""
    found = challenge.verify(_key(), value or "", time.time())
    return found is not None and cache.add(f"portal:pow:{found}", 1, challenge.LIFETIME)
