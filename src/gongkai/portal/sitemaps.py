"""sitemap.xml: the home page, every agency's column and guide, and every public item."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from gongkai.catalogue.visibility import public_items
from gongkai.portal import queries


class ColumnSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return [("portal:index", ())] + [
            (name, (slug,)) for slug in queries.agencies().values_list("slug", flat=True)
            for name in ("portal:column", "portal:guide", "portal:agency-catalogue")
        ]  # fmt: skip

    def location(self, entry) -> str:
        name, args = entry
        return reverse(name, args=args)


class ItemSitemap(Sitemap):
    changefreq = "monthly"
    limit = 10000

    def items(self):
        return public_items().order_by("pk").only("pk", "date_published", "date_changed")

    def location(self, item) -> str:
        return reverse("portal:item", args=[item.pk])

    def lastmod(self, item):
        return item.date_changed or item.date_published


SITEMAPS = {"columns": ColumnSitemap, "items": ItemSitemap}
