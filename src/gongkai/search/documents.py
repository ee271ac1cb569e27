"""What the search index holds and returns (pure): `SearchDoc` in, `Results` out, `Filters`.

A document is five weighted fields — title > numbers (文号, 索引号) > summary > body >
attachments — analysed into one token stream each, and its filter values as terms of their own
(``§a12`` agency, ``§c7`` category and each of its ancestors, ``§gnotice`` genre, ``§y2025``
year of publication, ``§vvalid`` validity): filtering is part of the full-text match, so a
filter never makes the engine walk every match (the p95 at 1,000,000 items depends on it).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from gongkai import limits
from gongkai.screening.documents import READERS, Segment
from gongkai.search.analyzer import analyze

#: The fields, in weight order (the backends' columns / PostgreSQL weights A, B, C, D, D).
FIELDS = ("title", "numbers", "summary", "body", "attachments")
#: The fields indexed with their dictionary words too (ranking a real word above a straddle):
#: the short, heavily weighted ones — in the body and attachments the words would cost a tenth
#: of the indexing time and lift a document by little next to its title.
WORD_FIELDS = frozenset(("title", "numbers", "summary"))
#: Most tokens indexed per document, all fields together: PostgreSQL keeps positions only up
#: to 16,383, and both backends must index the same tokens; the cut falls on the last fields.
MAX_DOC_TOKENS = 16000
#: Most characters kept per field for snippets (what lies beyond is not indexed either).
MAX_FIELD_CHARS = 20000
#: Keys are packed with the publication date into one sortable integer (see `sort_key`).
MAX_KEY = 2**32 - 1
FILTER_MARK = "§"
#: Document kinds share the key space: a catalogue item's key is its id (below `QA_KEYS`), a
#: published Q&A's (`gongkai.search.qa`) is `QA_KEYS` + its case id; Q&A carry the genre `QA_GENRE`.
QA_KEYS, QA_GENRE = 2**31, "qa"


@dataclass(frozen=True)
class SearchDoc:
    """One public item as the index sees it; `key` is the item's id."""

    key: int
    published: dt.date
    title: str
    numbers: str = ""
    summary: str = ""
    body: str = ""
    attachments: str = ""
    agency: int = 0
    categories: tuple[int, ...] = ()
    genre: str = ""
    validity: str = ""

    def __post_init__(self) -> None:
        if not 0 < self.key <= MAX_KEY:
            raise ValueError(f"search key out of range: {self.key}")

    def texts(self) -> list[str]:
        """The fields' display text, whitespace collapsed and bounded."""
        return [" ".join(getattr(self, name).split())[:MAX_FIELD_CHARS] for name in FIELDS]


def file_text(path: str, extension: str) -> str:
    """The text of a stored attachment as the screen's readers see it, cut at `MAX_FIELD_CHARS`
    ("" for a type without a reader). Run it through `limits.isolated`: the file is untrusted."""
    reader = READERS.get(extension)
    if reader is None:
        return ""
    parts, size = [], 0
    for piece in reader(limits.read_file(Path(path))):
        if isinstance(piece, Segment):
            parts.append(piece.text)
            size += len(piece.text)
            if size >= MAX_FIELD_CHARS:
                break
    return "\n".join(parts)[:MAX_FIELD_CHARS]


def _code(value: str) -> str:
    return re.sub(r"[^a-z0-9]", "", str(value).lower())


@dataclass(frozen=True)
class Filters:
    """Restrictions of a search: within a group any value (OR), across groups all (AND)."""

    agencies: tuple[int, ...] = ()
    categories: tuple[int, ...] = ()
    genres: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    validity: tuple[str, ...] = ()

    def groups(self) -> list[list[str]]:
        """The filter terms, one list per restricting group."""
        groups = [
            [f"{FILTER_MARK}a{int(v)}" for v in self.agencies],
            [f"{FILTER_MARK}c{int(v)}" for v in self.categories],
            [f"{FILTER_MARK}g{_code(v)}" for v in self.genres],
            [f"{FILTER_MARK}y{int(v)}" for v in self.years],
            [f"{FILTER_MARK}v{_code(v)}" for v in self.validity],
        ]
        return [sorted(set(g)) for g in groups if g]

    def __bool__(self) -> bool:
        return bool(self.groups())


def filter_terms(doc: SearchDoc) -> list[str]:
    """The filter terms a document is indexed with (see `Filters.groups`)."""
    values = Filters(
        agencies=(doc.agency,),
        categories=doc.categories,
        genres=(doc.genre,) if doc.genre else (),
        years=(doc.published.year,),
        validity=(doc.validity,) if doc.validity else (),
    )
    return [term for group in values.groups() for term in group]


def field_tokens(texts: list[str]) -> list[list[str]]:
    """The token stream of each field, cut so that all fields hold at most `MAX_DOC_TOKENS`
    (one position per field boundary counted)."""
    budget = MAX_DOC_TOKENS
    streams = []
    for name, text in zip(FIELDS, texts, strict=True):
        tokens = analyze(text, words=name in WORD_FIELDS)[: max(budget, 0)]
        budget -= len(tokens) + 1
        streams.append(tokens)
    return streams


def sort_key(doc: SearchDoc) -> int:
    """Newest first is descending order of this key: publication day, then item id."""
    return (doc.published.toordinal() << 32) | doc.key


def key_of(sortkey: int) -> int:
    return sortkey & MAX_KEY


class Ordering(StrEnum):
    RELEVANCE = "relevance"
    NEWEST = "newest"


#: How many matches at most are ranked by relevance. Beyond it the matches are listed newest
#: first (the product decision for very common terms: ranking every match of 通知 among a
#: million items costs seconds, while the newest matching items are what a visitor most
#: likely wants); the count is then shown as "more than".
RANKED_LIMIT = 1000


@dataclass(frozen=True)
class Hit:
    key: int
    published: dt.date
    #: relevance score (higher is better; not comparable across backends), None when listed by date
    score: float | None
    title_html: str
    snippet_html: str


@dataclass(frozen=True)
class Results:
    hits: tuple[Hit, ...] = ()
    #: number of matches; a lower bound when `total_exact` is false
    total: int = 0
    total_exact: bool = True
    page: int = 1
    pages: int = 0
    ordering: Ordering = Ordering.RELEVANCE
    highlight: tuple[str, ...] = field(default=())
    #: the search was stopped at its time limit (no hits: say so, suggest fewer or other words)
    timed_out: bool = False

    @property
    def note(self) -> str:
        """How the results are ordered (or why there are none), in words for the page."""
        if self.timed_out:
            return "检索用时过长已停止，请减少或更换关键词后重试"
        if self.ordering == Ordering.RELEVANCE:
            return "按相关度排序"
        if not self.total_exact:
            return f"匹配结果超过{RANKED_LIMIT}条，按发布日期从新到旧排序；增加关键词或筛选条件可按相关度排序"
        return "按发布日期从新到旧排序"
