"""Public read-side queries of the portal: the agencies' columns and the catalogue browse.

Items come only from `catalogue.visibility.public_items`; a filter value the visitor typed that
does not parse is dropped (the list is then wider, never an error or a leak).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from gongkai.agencies.models import Agency
from gongkai.catalogue.articles import ART_20_ITEMS
from gongkai.catalogue.models import Genre, Item, SubjectCategory, Validity
from gongkai.catalogue.visibility import public_items
from gongkai.portal import pagecache

#: Items listed per page of the catalogue, and on a column's "latest" list.
PER_PAGE, LATEST = 20, 10
#: What a filter value may be at most (a longer one is not a value of ours).
MAX_VALUE = 40


def agencies() -> QuerySet[Agency]:
    """Every agency with a column: governments first, then departments and townships, by name."""
    return Agency.objects.order_by("level", "-kind", "name")


def agency(slug: str) -> Agency:
    """The agency of a column URL (its slug; `gongkai.portal.columns` redirects an organisation
    code there), else 404."""
    found = Agency.objects.filter(slug=slug.strip().lower()[:MAX_VALUE]).first()
    if found is None:
        raise Http404("没有这个机关")
    return found


def latest(agency: Agency | None = None, limit: int = LATEST) -> QuerySet[Item]:
    items = public_items().select_related("agency")
    if agency is not None:
        items = items.filter(agency=agency)
    return items.order_by("-date_published", "-id")[:limit]


def _int(value: object, low: int, high: int) -> int | None:
    text = str(value or "").strip()[:MAX_VALUE]
    if not text.isdecimal() or not text.isascii():
        return None
    number = int(text)
    return number if low <= number <= high else None


def _choice(value: object, choices: Mapping[str, str]) -> str:
    text = str(value or "")[:MAX_VALUE]
    return text if text in choices else ""


@dataclass(frozen=True)
class Browse:
    """The catalogue filters a visitor chose (each None/"" when not chosen or not valid)."""

    agency: Agency | None = None
    category: SubjectCategory | None = None
    genre: str = ""
    art20: int | None = None
    year: int | None = None
    validity: str = ""

    @classmethod
    def parse(cls, params: Mapping[str, object], agency: Agency | None = None) -> Browse:
        if agency is None and (agency_id := _int(params.get("agency"), 1, 2**62)) is not None:
            agency = Agency.objects.filter(pk=agency_id).first()
        category = None
        if agency is not None and (category_id := _int(params.get("category"), 1, 2**62)) is not None:
            category = SubjectCategory.objects.filter(pk=category_id, agency=agency).first()
        return cls(
            agency=agency,
            category=category,
            genre=_choice(params.get("genre"), dict(Genre.choices)),
            art20=_int(params.get("art20"), 1, max(ART_20_ITEMS)),
            year=_int(params.get("year"), 1900, 9999),
            validity=_choice(params.get("validity"), dict(Validity.choices)),
        )

    def items(self) -> QuerySet[Item]:
        """The public items matching every chosen filter, newest published first."""
        items = public_items().select_related("agency", "category")
        if self.agency is not None:
            items = items.filter(agency=self.agency)
        if self.category is not None:
            c = self.category
            items = items.filter(Q(category=c) | Q(category__parent=c) | Q(category__parent__parent=c))
        if self.genre:
            items = items.filter(genre=self.genre)
        if self.art20 is not None:
            items = items.filter(art20_item=self.art20)
        if self.year is not None:
            items = items.filter(date_published__year=self.year)
        if self.validity:
            items = items.filter(validity=self.validity)
        return items.order_by("-date_published", "-id")


def categories(agency: Agency | None) -> list[SubjectCategory]:
    """An agency's categories in code order (the tree reads from the codes), [] without one."""
    if agency is None:
        return []
    return list(SubjectCategory.objects.filter(agency=agency).order_by("code"))


def years() -> list[int]:
    """The publication years that have public items, newest first (scanned once per catalogue
    generation: every search and catalogue page shows them)."""
    return pagecache.remembered(
        "years", lambda: [d.year for d in public_items().dates("date_published", "year", order="DESC")]
    )


def item(pk: int) -> Item:
    """A public item, else 404 (a draft, withdrawn or withheld item does not exist here)."""
    found = public_items().select_related("agency", "category").filter(pk=pk).first()
    if found is None:
        raise Http404("没有找到该信息")
    return found


@dataclass(frozen=True)
class Links:
    """The public items an item page links to: its interpretations (政策解读), the items it
    replaces, and the item it interprets and the one replacing it (each None unless public)."""

    interpretations: list[Item]
    supersedes: list[Item]
    interprets: Item | None
    superseded_by: Item | None


def links(found: Item) -> Links:
    """`found`'s public linked items, read in one query (an item page is the portal's most
    requested page: each query saved is a share of its cost)."""
    pointed = [pk for pk in (found.interprets_id, found.superseded_by_id) if pk is not None]
    linked = Q(interprets=found) | Q(superseded_by=found)
    if pointed:
        linked |= Q(pk__in=pointed)
    rows = list(public_items().filter(linked).order_by("date_published", "id"))
    by_pk = {row.pk: row for row in rows}
    return Links(
        interpretations=[row for row in rows if row.interprets_id == found.pk],
        supersedes=[row for row in reversed(rows) if row.superseded_by_id == found.pk],
        interprets=by_pk.get(found.interprets_id) if found.interprets_id else None,
        superseded_by=by_pk.get(found.superseded_by_id) if found.superseded_by_id else None,
    )
