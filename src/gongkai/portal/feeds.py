"""RSS and Atom feeds of newly published items, for the whole site or one agency's column."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from gongkai.agencies.models import Agency
from gongkai.catalogue.models import Item
from gongkai.portal import queries

#: Items per feed.
FEED_ITEMS = 50


class LatestItems(Feed):
    """The newest public items (all agencies, or the one of ``/xxgk/<slug>/feed/…``)."""

    def get_object(self, request, code: str | None = None) -> Agency | None:
        return queries.agency(code) if code else None

    def title(self, agency: Agency | None) -> str:
        return f"{agency.name if agency else '政府信息公开'} · 最新主动公开信息"

    def link(self, agency: Agency | None) -> str:
        return reverse("portal:column", args=[agency.slug]) if agency else reverse("portal:index")

    def description(self, agency: Agency | None) -> str:
        return "主动公开的政府信息，按发布日期从新到旧"

    def items(self, agency: Agency | None):
        return queries.latest(agency, FEED_ITEMS)

    def item_title(self, item: Item) -> str:
        return item.title

    def item_description(self, item: Item) -> str:
        return item.summary

    def item_link(self, item: Item) -> str:
        return reverse("portal:item", args=[item.pk])

    def item_pubdate(self, item: Item):
        assert item.date_published is not None  # a public item is published
        return dt.datetime.combine(item.date_published, dt.time(0))

    def item_author_name(self, item: Item) -> str:
        return item.agency.name


class LatestItemsAtom(LatestItems):
    feed_type = Atom1Feed
    subtitle = LatestItems.description
