"""The Content-Security-Policy header on every response.

Django 5.2 has no CSP support of its own (6.0 adds ``SECURE_CSP``; move to it on upgrade). Pages
load scripts and styles from our static files only — no inline ``<script>``, ``<style>``,
``style=`` or ``on…=`` in templates (behaviour hangs on ``data-`` attributes read by
``gongkai.js``) — so the policy allows nothing from elsewhere: a sanitised body that somehow
kept a script, or an image from another host, is refused by the browser too.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

#: The policy, directive → sources; ``settings.CONTENT_SECURITY_POLICY`` is built from it.
POLICY: dict[str, tuple[str, ...]] = {
    "default-src": ("'self'",),
    "script-src": ("'self'",),
    "style-src": ("'self'",),
    "img-src": ("'self'",),
    "font-src": ("'self'",),
    "connect-src": ("'self'",),
    "object-src": ("'none'",),
    "base-uri": ("'none'",),
    "form-action": ("'self'",),
    "frame-ancestors": ("'none'",),
}


def header(policy: dict[str, tuple[str, ...]], *, https: bool) -> str:
    """The header value; behind HTTPS the browser also upgrades any http:// reference."""
    directives = [f"{name} {' '.join(sources)}" for name, sources in policy.items()]
    return "; ".join([*directives, *(["upgrade-insecure-requests"] if https else [])])


class ContentSecurityPolicyMiddleware:
    """Adds ``settings.CONTENT_SECURITY_POLICY`` unless a view set its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response
