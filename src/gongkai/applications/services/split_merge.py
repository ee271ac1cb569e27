"""Splitting and merging the requested items (一事一申请)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import F

from gongkai.applications.models import Application, Item
from gongkai.applications.services.steps import Change, clean_text, take_step
from gongkai.workflow import TransitionError


def _renumber(application: Application) -> None:
    for i, item in enumerate(application.items.order_by("position", "id"), 1):
        if item.position != i:
            Item.objects.filter(pk=item.pk).update(position=i)


def split_item(application: Application, user, *, position: int, parts: Sequence[str],
               version: int | None = None) -> Application:
    """Replace item `position` by the separate `parts` (one matter per request, 一事一申请)."""
    texts = [p.strip() for p in parts if p.strip()]
    if len(texts) < 2:
        raise TransitionError("拆分后至少应有两个申请事项")

    def prepare(a: Application, s) -> Change:
        item = a.items.filter(position=position).first()
        if item is None:
            raise TransitionError(f"没有第{position}项申请事项")
        Item.objects.filter(application=a, position__gt=position).update(position=F("position") + len(texts) - 1)
        item.description = texts[0]
        item.save(update_fields=["description"])
        Item.objects.bulk_create(Item(application=a, position=position + i, description=t)
                                 for i, t in enumerate(texts[1:], 1))
        return Change([], {}, note=f"第{position}项拆分为{len(texts)}项", after={"items": a.items.count()})

    return take_step(application, user, "split_item", on=None, version=version, prepare=prepare)


def merge_items(application: Application, user, *, positions: Sequence[int], description: str,
                version: int | None = None) -> Application:
    """Merge the items at `positions` into one item described by `description`."""
    text = clean_text(description, "合并后的申请事项")
    wanted = sorted(set(positions))
    if len(wanted) < 2:
        raise TransitionError("请至少选择两个要合并的申请事项")

    def prepare(a: Application, s) -> Change:
        items = list(a.items.filter(position__in=wanted).order_by("position"))
        if len(items) != len(wanted):
            raise TransitionError("所选申请事项不存在")
        first, rest = items[0], items[1:]
        first.description = text
        first.save(update_fields=["description"])
        Item.objects.filter(pk__in=[i.pk for i in rest]).delete()
        _renumber(a)
        return Change([], {}, note=f"合并第{'、'.join(map(str, wanted))}项", after={"items": a.items.count()})

    return take_step(application, user, "merge_items", on=None, version=version, prepare=prepare)
