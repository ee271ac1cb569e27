"""Anonymous portal pages from a cache, keyed by everything that changes them.

The key holds the catalogue's generation (`gongkai.catalogue.generation`, read before anything
else, and changed in the same transaction as any publish, withdrawal or edit: a withdrawn item
is gone from the next page served), the day (pages show dates and validity), the display mode
(large font, high contrast), the path and the query string. Only anonymous GETs are served or
stored: a request with a session or messages cookie bypasses the cache, and a response is stored
only when it is a 200 that set no cookie, used no CSRF token, queued no message and is not
marked no-store (a search cut short by its time limit). A page that
counts its views still counts them when served from the cache (`visits`).

Pages live in the ``pages`` cache (its own, so they never push out the rate limits' counters in
the default cache).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse

from gongkai import clock
from gongkai.catalogue import generation
from gongkai.portal import visits

ALIAS = "pages"
#: A stored page is dropped after this many seconds even when nothing changed.
TIMEOUT = 600
MESSAGES_COOKIE = "messages"
T = TypeVar("T")


def _cache():
    return caches[ALIAS]


def anonymous(request: HttpRequest) -> bool:
    """A request the cache may answer: a GET without a session, messages or login."""
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and MESSAGES_COOKIE not in request.COOKIES
        and not request.user.is_authenticated
    )


def key(request: HttpRequest, modes: list[str]) -> str:
    where = hashlib.sha256(f"{request.path}?{request.META.get('QUERY_STRING', '')}".encode()).hexdigest()
    return f"portal:{generation.current()}:{clock.today().isoformat()}:{'+'.join(modes)}:{where}"


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    queued = getattr(getattr(request, "_messages", None), "_queued_messages", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "no-store" not in response.get("Cache-Control", "")
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not queued
    )


#: The response attribute naming the visit counter a page added to (see `note_visit`).
_VISIT = "counted_visit"
#: A counted page's visit: its path, and its item's or agency's id (or None).
Visit = tuple[str, int | None, int | None]


def note_visit(response: HttpResponse, visit: Visit | None) -> None:
    """Name on `response` the counter its page added one to, so that the page's later views
    from the cache count too."""
    response.__dict__[_VISIT] = visit


def remembered(name: str, compute: Callable[[], T]) -> T:
    """A value derived from the catalogue, computed once per generation (e.g. the years list)."""
    cache, where = _cache(), f"portal:{name}:{generation.current()}"
    value = cache.get(where)
    if value is None:
        value = compute()
        cache.set(where, value, TIMEOUT)
    return value


def cached(modes: Callable[[HttpRequest], list[str]]):
    """Decorate a portal view whose page depends only on the catalogue, the request's path and
    query, the day and the display `modes` read from the request."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not anonymous(request):
                return view(request, *args, **kwargs)
            where = key(request, modes(request))
            stored = _cache().get(where)
            if stored is not None:
                content, content_type, visit = stored
                if visit is not None:
                    path, item_id, agency_id = visit
                    visits.count(path, item_id=item_id, agency_id=agency_id)
                return HttpResponse(content, content_type=content_type)
            response = view(request, *args, **kwargs)
            if _storable(request, response):
                visit = response.__dict__.get(_VISIT)
                _cache().set(where, (response.content, response["Content-Type"], visit), TIMEOUT)
            return response

        return wrapper

    return decorate
