"""The catalogue in the search index: an item is indexed while it is public and only then.

`sync(item)` is called by the catalogue services after every change of an item, inside the
same transaction: a published item is (re)indexed with its attachments' text, anything else
(draft, in review, withdrawn, 依申请公开, 不予公开) is removed — so the index can never hold
what `gongkai.catalogue.visibility` does not allow, not even for the length of a commit. Both
also move the catalogue's generation, in the same transaction, so no cached public page
outlives the change (`gongkai.catalogue.generation`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from django.conf import settings
from django.db import transaction

from gongkai import limits
from gongkai.catalogue import content, generation
from gongkai.catalogue.models import Item, SubjectCategory
from gongkai.catalogue.visibility import is_public, public_items
from gongkai.screening.documents import READERS, ScreenError
from gongkai.search.backends import analysis_pool, get_backend
from gongkai.search.documents import SearchDoc, file_text

#: Items indexed per transaction by `reindex`.
BATCH = 500


def attachment_text(item: Item) -> str:
    """The names and text of the item's attachments, each read by the screen's readers in a
    child process bounded in time and memory (an accepted attachment may still be hostile); an
    unreadable file adds only its name."""
    parts: list[str] = []
    for attachment in item.attachments.all():
        parts.append(attachment.name)
        if attachment.extension not in READERS:
            continue
        path = Path(settings.DATA_DIR) / attachment.path
        try:
            parts.append(limits.isolated(file_text, str(path), attachment.extension))
        except (ScreenError, OSError, limits.LimitExceeded):
            continue
    return "\n".join(parts)


def _categories(category: SubjectCategory | None) -> tuple[int, ...]:
    """The category and its ancestors (filtering by a parent category finds its children's items)."""
    ids: list[int] = []
    while category is not None and category.pk not in ids:
        ids.append(category.pk)
        category = category.parent
    return tuple(ids)


def document(item: Item) -> SearchDoc:
    """What the index holds of a public item."""
    assert item.date_published is not None
    return SearchDoc(
        key=item.pk,
        published=item.date_published,
        title=item.title,
        numbers=f"{item.doc_number}\n{item.index_number}",
        summary=item.summary,
        body=content.html_text(item.body),
        attachments=attachment_text(item),
        agency=item.agency_id,
        categories=_categories(item.category),
        genre=item.genre,
        validity=item.validity,
    )


def sync(item: Item) -> None:
    """Index `item` if the public may see it now, else take it out (inside the caller's
    transaction; call after saving the item)."""
    backend = get_backend()
    if is_public(item):
        backend.index(document(item))
    else:
        backend.remove(item.pk)
    generation.bump()


def _public(agency_ids: list[int] | None):
    items = public_items().select_related("category__parent__parent").prefetch_related("attachments")
    return items.filter(agency_id__in=agency_ids) if agency_ids is not None else items


def reindex(
    agency_ids: list[int] | None = None,
    progress: Callable[[int, int], None] = lambda done, total: None,
    processes: int = 1,
) -> int:
    """Rebuild the index of the given agencies' items (all when None) from the catalogue, in
    batches of `BATCH` per transaction (analysis in `processes` worker processes when more than
    one; the backend's bulk settings meanwhile; a full rebuild leaves the index merged);
    returns how many items are indexed. `progress(done, total)` follows each batch."""
    backend = get_backend()
    with transaction.atomic():
        if agency_ids is None:
            backend.clear()
        else:
            for key in Item.objects.filter(agency_id__in=agency_ids).values_list("pk", flat=True).iterator():
                backend.remove(key)
        generation.bump()
    ids = list(_public(agency_ids).order_by("pk").values_list("pk", flat=True))
    done = 0
    with backend.bulk(), analysis_pool(processes) as pool:
        for batch in _chunks(ids, BATCH):
            with transaction.atomic():
                docs = [document(item) for item in _public(agency_ids).filter(pk__in=batch)]
                done += backend.index_many(docs, pool)
                generation.bump()
            progress(done, len(ids))
    if agency_ids is None:
        backend.merge()
    return done


def _chunks(values: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
