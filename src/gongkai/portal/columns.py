"""An agency's column lives at ``/xxgk/<slug>/…`` (`Agency.slug`, the pinyin of its name).

The URL with the organisation code (``/xxgk/<code>/…``, the only one before slugs, printed in
guides and linked from elsewhere) keeps working: it answers with a permanent redirect to the same
page under the slug, so each page has one address for readers and search engines. A slug never
reads as an organisation code (`gongkai.agencies.slugs.check`), so the two cannot be confused
and a request by slug costs no extra query.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.urls import reverse

from gongkai.agencies import slugs
from gongkai.agencies.models import Agency


def by_slug(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wrap a column view taking ``code`` (the slug): an organisation code is redirected."""

    @functools.wraps(view)
    def wrapped(request, code: str, **kwargs) -> HttpResponse:
        if not slugs.is_code(code):
            return view(request, code=code, **kwargs)
        slug = Agency.objects.filter(org_code=code.upper()).values_list("slug", flat=True).first()
        if slug is None:
            raise Http404("没有这个机关")
        root = reverse("portal:index")
        target = f"{root}{slug}{request.path[len(root) + len(code):]}"
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)

    return wrapped
