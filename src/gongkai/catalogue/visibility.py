"""What the public may see: the only queryset helper public routes (portal, search, API, feeds,
sitemap, exports) may use to read items.

An item is public when it is 主动公开, published (signed off, `State.PUBLISHED`) and not
withdrawn. Repealed (废止) or expired (失效) items stay public, listed with their validity.
Drafts, items in review, 依申请公开 and 不予公开 items and withdrawn items never are.
"""

from __future__ import annotations

from django.db.models import QuerySet

from gongkai.catalogue.models import Attachment, Attribute, Item
from gongkai.catalogue.workflow import State


def public_items() -> QuerySet[Item]:
    """Every item the public may see, across agencies (filter by agency yourself)."""
    return Item.objects.filter(
        attribute=Attribute.PROACTIVE, state=State.PUBLISHED, date_published__isnull=False
    )


def public_attachments() -> QuerySet[Attachment]:
    """Attachments of public items only (for download routes)."""
    return Attachment.objects.filter(item__in=public_items())


def is_public(item: Item) -> bool:
    return public_items().filter(pk=item.pk).exists()
