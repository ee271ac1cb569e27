"""The URL patterns of named route groups, for the sweeps that request every route of an app
(tests/web/test_supervisor_routes*.py)."""

from __future__ import annotations

from collections.abc import Collection

from django.urls import URLPattern, URLResolver, get_resolver


def routes(groups: Collection[str]) -> list[tuple[str, URLPattern]]:
    """(namespace, pattern) of every URL pattern included under one of `groups` (a namespace, or
    the urlconf module's dotted name for an include without one), in the resolver's order."""
    found: list[tuple[str, URLPattern]] = []
    for entry in get_resolver().url_patterns:
        if not isinstance(entry, URLResolver):
            continue
        group = entry.namespace or getattr(entry.urlconf_name, "__name__", entry.urlconf_name)
        if group in groups:
            found += [(entry.namespace or "", p) for p in entry.url_patterns if isinstance(p, URLPattern)]
    return found
