"""Published questions and answers of the service desk (咨询答复) in the search index: a document
kind beside catalogue items, keyed `QA_KEYS` + the case id, with the genre `QA_GENRE`.

`sync(case)` is called by the desk services after every step of a case, inside the same
transaction: a reply the portal's Q&A column shows (`gongkai.desk.queries.public_cases`:
published, screened, consented to) is (re)indexed, anything else is removed — so a withdrawn
reply is gone from search the moment it is gone from the column. Only the public texts are
indexed (the title, question and reply staff prepared and screened for publication), never the
asker's name, contact or the internal reply.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from gongkai.catalogue import generation
from gongkai.desk.models import Case
from gongkai.desk.queries import public_cases
from gongkai.search.backends import get_backend
from gongkai.search.documents import MAX_KEY, QA_GENRE, QA_KEYS, SearchDoc


def key(case_id: int) -> int:
    return QA_KEYS + case_id


def case_id(search_key: int) -> int | None:
    """The case of a Q&A document's key; None for a catalogue item's."""
    return search_key - QA_KEYS if QA_KEYS < search_key <= MAX_KEY else None


def document(row: Mapping[str, Any]) -> SearchDoc:
    """What the index holds of a published reply (a row of `public_cases`)."""
    return SearchDoc(
        key=key(row["id"]),
        published=row["published_on"],
        title=row["public_title"],
        summary=row["public_question"],
        body=row["public_reply"],
        agency=row["agency_id"],
        genre=QA_GENRE,
    )


def sync(case: Case) -> None:
    """Index `case` if the portal shows its reply now, else take it out (inside the caller's
    transaction; call after saving the case). The catalogue's generation moves with it, so no
    cached search page keeps a withdrawn reply."""
    generation.bump()
    row = public_cases().filter(id=case.pk).first()
    if row is not None:
        get_backend().index(document(row))
    else:
        get_backend().remove(key(case.pk))


def reindex(agency_ids: list[int] | None = None) -> int:
    """Rebuild the Q&A of the given agencies (all when None); returns how many are indexed."""
    backend = get_backend()
    with transaction.atomic():
        cases = Case.objects.all() if agency_ids is None else Case.objects.filter(agency_id__in=agency_ids)
        for pk in cases.values_list("pk", flat=True).iterator():
            backend.remove(key(pk))
        return backend.index_many(document(row) for row in public_cases(agency_ids).iterator())
