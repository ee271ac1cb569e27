"""The search index behind one interface: SQLite FTS5 (the embedded default) or PostgreSQL full
text (tsvector + GIN), chosen by the database connection's vendor.

Both run on the caller's connection, so an item and its index entry change in the same
transaction (a withdrawn item leaves the index when its withdrawal commits, never later). Both
index the same tokens from `documents.field_tokens` and read the same `analyzer.Query`, so
they find the same items; only relevance scores differ (FTS5 ``bm25`` with column weights
10/6/3/1/0.5, PostgreSQL ``ts_rank_cd`` with weights A–D).

The tables (``search_doc`` with the display text, and on SQLite ``search_fts``) are made by the
``search`` app's migration. Use::

    backend = get_backend()
    backend.index(doc)             # add or replace
    backend.remove(key)
    results = backend.search("低保 标准", Filters(agencies=(3,)), page=1)
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import multiprocessing
import time
import zlib
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from itertools import islice
from multiprocessing.pool import Pool
from typing import Any

from django.db import OperationalError, connections, transaction

from gongkai.search.analyzer import SEPARATOR, Phrase, Query, parse_query
from gongkai.search.documents import (
    FIELDS,
    RANKED_LIMIT,
    Filters,
    Hit,
    Ordering,
    Results,
    SearchDoc,
    field_tokens,
    filter_terms,
    key_of,
    sort_key,
)
from gongkai.search.snippets import highlight, snippet

log = logging.getLogger(__name__)

#: Results per page by default and at most.
PER_PAGE, MAX_PER_PAGE = 20, 50
#: Longest a search may run on the database (a hostile or unlucky query is stopped, not waited for).
SEARCH_SECONDS = 2.0
#: SQLite virtual-machine steps between two looks at the clock.
PROGRESS_STEPS = 10_000
#: Documents written per statement batch.
WRITE_BATCH = 500
#: The values one document is written as: key, sort key, then the backend's columns.
Row = tuple[Any, ...]


@contextmanager
def analysis_pool(processes: int) -> Iterator[Pool | None]:
    """Worker processes for `SearchBackend.index_many` (None for one process: analyse inline).
    Workers only analyse text; they never touch the database."""
    if processes <= 1:
        yield None
        return
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        yield pool


def _batches(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


class SearchBackend(ABC):
    """What both backends share: the search procedure, snippets, paging."""

    def __init__(self, using: str = "default") -> None:
        self.using = using

    def cursor(self):
        return connections[self.using].cursor()

    # --- writing ---------------------------------------------------------------------------------

    #: doc → the row values this backend writes (pure and picklable: may run in worker processes)
    prepare: Callable[[SearchDoc], Row]

    def index(self, doc: SearchDoc) -> None:
        """Add `doc`, replacing an earlier version of the same key."""
        self.index_many([doc])

    def index_many(self, docs: Iterable[SearchDoc], pool: Pool | None = None) -> int:
        """Add or replace many documents; with a `pool` (see `analysis_pool`) the analysis runs in
        its worker processes while this one writes (bulk rebuilds: analysis is most of the CPU)."""
        prepare = type(self).prepare
        rows = pool.imap(prepare, docs, chunksize=64) if pool is not None else map(prepare, docs)
        done = 0
        with self.cursor() as cursor:
            for batch in _batches(rows, WRITE_BATCH):
                self._remove(cursor, [row[0] for row in batch])
                self._write(cursor, batch)
                done += len(batch)
        return done

    @contextmanager
    def bulk(self) -> Iterator[None]:
        """Settings for writing many documents (a rebuild), restored after — none by default."""
        yield

    @abstractmethod
    def merge(self) -> None:
        """Put the index in its best shape for searching (after a rebuild)."""
        ...

    def remove(self, key: int) -> None:
        """Take `key` out of the index (nothing happens when it is not there)."""
        with self.cursor() as cursor:
            self._remove(cursor, [key])

    @abstractmethod
    def clear(self) -> None:
        """Empty the index (before a full rebuild)."""
        ...

    def count(self) -> int:
        with self.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM search_doc")
            return cursor.fetchone()[0]

    @abstractmethod
    def _remove(self, cursor, keys: list[int]) -> None:
        ...

    @abstractmethod
    def _write(self, cursor, rows: list[Row]) -> None:
        ...

    # --- reading ---------------------------------------------------------------------------------

    def search(
        self,
        query: str | Query,
        filters: Filters | None = None,
        page: int | str = 1,
        per_page: int | str = PER_PAGE,
    ) -> Results:
        """One page of the items matching `query` (a visitor's text or a parsed query) within
        `filters`: ranked by relevance while at most `RANKED_LIMIT` match, newest first beyond
        (and when there is no text, only filters)."""
        parsed = parse_query(query) if isinstance(query, str) else query
        filters = filters or Filters()
        per_page = _bounded(per_page, PER_PAGE, 1, MAX_PER_PAGE)
        if not parsed and not filters:
            return Results(highlight=parsed.highlight)
        groups = filters.groups()
        # inside the caller's transaction, a savepoint: a statement stopped by the time limit
        # must not leave that transaction aborted (PostgreSQL); outside one, no write lock taken
        in_transaction = connections[self.using].in_atomic_block
        savepoint = transaction.atomic(using=self.using) if in_transaction else nullcontext()
        try:
            with self.cursor() as cursor, self._time_limit(cursor), savepoint:
                newest = self._newest(cursor, parsed, groups, RANKED_LIMIT + 1)
                exact = len(newest) <= RANKED_LIMIT
                total = len(newest) if exact else RANKED_LIMIT
                pages = max(1, math.ceil(total / per_page))
                page = _bounded(page, 1, 1, pages)
                offset = (page - 1) * per_page
                if exact and parsed:
                    ordering = Ordering.RELEVANCE
                    ranked: list[tuple[int, float | None]] = [*self._ranked(cursor, parsed, groups, per_page, offset)]
                else:
                    ordering = Ordering.NEWEST
                    ranked = [(sk, None) for sk in newest[offset : offset + per_page]]
                display = self._display(cursor, [key_of(sk) for sk, _ in ranked])
        except OperationalError:
            return Results(highlight=parsed.highlight, timed_out=True)
        hits = []
        for sk, score in ranked:
            shown = display.get(key_of(sk))
            if shown is None:  # an index entry whose document row is gone: never shown, never fatal
                log.warning("search index entry %s has no document row: run 'gongkai search reindex'", sk)
                continue
            title, *texts = shown
            hits.append(
                Hit(
                    key=key_of(sk),
                    published=_day(sk),
                    score=score,
                    title_html=highlight(title, parsed.highlight),
                    snippet_html=snippet([texts[1], texts[2], texts[3], texts[0]], parsed.highlight),
                )
            )
        return Results(tuple(hits), total, exact, page, pages, ordering, parsed.highlight)

    @abstractmethod
    def _time_limit(self, cursor) -> AbstractContextManager[None]:
        """Stop the search's statements after `SEARCH_SECONDS` (they raise OperationalError)."""
        ...

    def _display(self, cursor, keys: list[int]) -> dict[int, tuple[str, ...]]:
        if not keys:
            return {}
        marks = ", ".join(["%s"] * len(keys))
        cursor.execute(f"SELECT key, {', '.join(FIELDS)} FROM search_doc WHERE key IN ({marks})", keys)
        return {row[0]: tuple(row[1:]) for row in cursor.fetchall()}

    @abstractmethod
    def _newest(self, cursor, query: Query, groups: list[list[str]], limit: int) -> list[int]:
        ...

    @abstractmethod
    def _ranked(
        self, cursor, query: Query, groups: list[list[str]], limit: int, offset: int
    ) -> list[tuple[int, float]]:
        ...


def _bounded(value: object, default: int, low: int, high: int) -> int:
    """A page number from the request as it came (any string): `default` when not a number."""
    try:
        number = int(str(value)[:12])
    except ValueError:
        number = default
    return min(max(number, low), high)


def _day(sortkey: int) -> dt.date:
    return dt.date.fromordinal(sortkey >> 32)


# --- SQLite FTS5 -----------------------------------------------------------------------------------


#: The FTS5 table's columns: the fields' token streams, then the filter terms.
FTS_COLUMNS = (*FIELDS, "filters")
_FTS_INSERT = (
    f"INSERT INTO search_fts (rowid, {', '.join(FTS_COLUMNS)}) VALUES ({', '.join(['%s'] * (len(FTS_COLUMNS) + 1))})"
)
_FTS_DELETE = (
    f"INSERT INTO search_fts (search_fts, rowid, {', '.join(FTS_COLUMNS)}) "
    f"VALUES ('delete', {', '.join(['%s'] * (len(FTS_COLUMNS) + 1))})"
)
#: Separates the columns in a packed row (a control character: never in a token).
_UNIT = "\x1f"


def pack(columns: list[str]) -> bytes:
    """The FTS5 columns of one document as kept beside it (zlib: token streams repeat a lot)."""
    return zlib.compress(_UNIT.join(columns).encode(), 1)


def unpack(packed: bytes) -> list[str]:
    return zlib.decompress(packed).decode().split(_UNIT)


def _fts_phrase(phrase: Phrase) -> str:
    # tokens are word characters only; quoting makes FTS5 read them as text, never as syntax
    return '"' + " ".join(t.replace('"', '""') for t in phrase.tokens) + '"' + ("*" if phrase.prefix else "")


def fts5_expression(query: Query, groups: list[list[str]], boost: bool = False) -> str:
    """The FTS5 MATCH expression of a query and filter groups (all required)."""
    parts = ["(" + " OR ".join(_fts_phrase(p) for p in c.phrases) + ")" for c in query.clauses]
    parts += ["(" + " OR ".join(_fts_phrase(Phrase((t,))) for t in g) + ")" for g in groups]
    if boost and query.boost and query.clauses:
        # matches the same rows (the first clause is required anyway); bm25 counts the words
        optional = [_fts_phrase(Phrase((w,))) for w in query.boost] + [parts[0]]
        parts.append("(" + " OR ".join(optional) + ")")
    return " AND ".join(parts)


class SqliteBackend(SearchBackend):
    """FTS5 with the ``ascii`` tokenizer: it keeps each of our space-separated tokens whole
    (every non-ASCII character is a token character; ours hold no ASCII punctuation).

    The FTS5 table is contentless (it holds the index only, not a second copy of the token
    streams: a third less disk and a sixth less of the writer's CPU). FTS5 can take a row out of
    a contentless index only when given the very tokens it was indexed with, so each
    ``search_doc`` row keeps them, compressed (`pack`), and `_remove` hands them back.

    There is no prefix index: the analyzer starts each Han run with its first character, so
    only a query of one lone character is a prefix query (FTS5 then merges the document lists of
    every token starting with it, under the search's time limit); a one-character prefix index
    would cost a third of the writer's CPU time for that one kind of query.
    """

    #: bm25 weights of title, numbers, summary, body, attachments, filters
    WEIGHTS = (10.0, 6.0, 3.0, 1.0, 0.5, 0.0)
    #: FTS5 settings while rebuilding → (value, FTS5's default): no merging as it goes, only
    #: when 64 segments pile up on one level (the rebuild ends with `merge` anyway), and pending
    #: terms flushed every 64 MiB rather than 1 MiB — a quarter less of the writer's CPU time
    #: than FTS5's defaults (measured at 40,000 documents); searching wants the defaults.
    BULK_FTS = {"automerge": (0, 4), "crisismerge": (64, 16), "hashsize": (64 * 2**20, 2**20)}
    #: Connection settings while rebuilding: commits not synced one by one (WAL: a crash loses
    #: the last batches, never the database's integrity) and a 256 MiB page cache.
    BULK_PRAGMAS = {"synchronous": "NORMAL", "cache_size": -256 * 1024}

    def clear(self) -> None:
        with self.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('delete-all')")
            cursor.execute("DELETE FROM search_doc")

    @contextmanager
    def bulk(self) -> Iterator[None]:
        # synchronous cannot change inside a transaction: then it stays as it is
        pragmas = {
            name: value
            for name, value in self.BULK_PRAGMAS.items()
            if name != "synchronous" or not connections[self.using].in_atomic_block
        }
        with self.cursor() as cursor:
            cursor.execute("SELECT k, v FROM search_fts_config")
            before_fts = {k: v for k, v in cursor.fetchall() if k in self.BULK_FTS}
            before = {}
            for name, value in pragmas.items():
                cursor.execute(f"PRAGMA {name}")
                before[name] = cursor.fetchone()[0]
                cursor.execute(f"PRAGMA {name} = {value}")
            self._fts_config(cursor, {k: value for k, (value, _) in self.BULK_FTS.items()})
        try:
            yield
        finally:
            with self.cursor() as cursor:
                restored = {k: before_fts.get(k, default) for k, (_, default) in self.BULK_FTS.items()}
                self._fts_config(cursor, restored)
                for name, value in before.items():
                    cursor.execute(f"PRAGMA {name} = {int(value)}")

    def merge(self) -> None:
        """All segments of the index merged into one (FTS5 'optimize')."""
        with self.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")

    @staticmethod
    def _fts_config(cursor, values: dict[str, int]) -> None:
        for name, value in values.items():
            cursor.execute("INSERT INTO search_fts(search_fts, rank) VALUES (%s, %s)", [name, int(value)])

    @staticmethod
    def prepare(doc: SearchDoc) -> Row:
        texts = doc.texts()
        columns = [" ".join(s) for s in field_tokens(texts)] + [" ".join(filter_terms(doc))]
        return (doc.key, sort_key(doc), *texts, pack(columns), *columns)

    def _remove(self, cursor, keys: list[int]) -> None:
        marks = ", ".join(["%s"] * len(keys))
        cursor.execute(f"SELECT sortkey, fts FROM search_doc WHERE key IN ({marks})", keys)
        gone = cursor.fetchall()
        if gone:
            cursor.executemany(_FTS_DELETE, [(sortkey, *unpack(packed)) for sortkey, packed in gone])
            cursor.execute(f"DELETE FROM search_doc WHERE key IN ({marks})", keys)

    def _write(self, cursor, rows: list[Row]) -> None:
        width = len(FIELDS)
        cursor.executemany(
            f"INSERT INTO search_doc (key, sortkey, {', '.join(FIELDS)}, fts) VALUES ({', '.join(['%s'] * (width + 3))})",
            [row[: width + 3] for row in rows],
        )
        cursor.executemany(_FTS_INSERT, [(row[1], *row[width + 3 :]) for row in rows])

    @contextmanager
    def _time_limit(self, cursor) -> Iterator[None]:
        raw = connections[self.using].connection
        deadline = time.monotonic() + SEARCH_SECONDS
        raw.set_progress_handler(lambda: time.monotonic() > deadline, PROGRESS_STEPS)
        try:
            yield
        finally:
            raw.set_progress_handler(None, 0)

    def _newest(self, cursor, query: Query, groups: list[list[str]], limit: int) -> list[int]:
        cursor.execute(
            "SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY rowid DESC LIMIT %s",
            [fts5_expression(query, groups), limit],
        )
        return [row[0] for row in cursor.fetchall()]

    def _ranked(self, cursor, query, groups, limit, offset):
        weights = ", ".join(str(w) for w in self.WEIGHTS)
        cursor.execute(
            f"SELECT rowid, bm25(search_fts, {weights}) AS s FROM search_fts WHERE search_fts MATCH %s "
            "ORDER BY s, rowid DESC LIMIT %s OFFSET %s",
            [fts5_expression(query, groups, boost=True), limit, offset],
        )
        return [(sk, -s) for sk, s in cursor.fetchall()]


# --- PostgreSQL ------------------------------------------------------------------------------------

#: The weight of each field's positions (body and attachments share D).
PG_WEIGHTS = ("A", "B", "C", "D", "D")
#: PostgreSQL keeps at most this many positions of one lexeme in a tsvector.
PG_MAX_POSITIONS = 255


def _lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(streams: list[list[str]], filters: list[str]) -> str:
    """A tsvector in PostgreSQL's input syntax, built from our tokens (no parser, no dictionary
    in between): positions run on across fields with one left free between fields and at each
    separator, so no phrase crosses them — as in FTS5, where phrases stay inside a column."""
    positions: dict[str, list[str]] = {}
    at = 0
    for tokens, weight in zip(streams, PG_WEIGHTS, strict=True):
        for token in tokens:
            at += 1
            if token != SEPARATOR:
                places = positions.setdefault(token, [])
                if len(places) < PG_MAX_POSITIONS:
                    places.append(f"{at}{weight}")
        at += 1
    parts = [f"{_lexeme(t)}:{','.join(p)}" for t, p in positions.items()]
    parts += [_lexeme(t) for t in filters if t not in positions]
    return " ".join(parts)


def _ts_phrase(phrase: Phrase) -> str:
    lexemes = [_lexeme(t) for t in phrase.tokens]
    if phrase.prefix:
        lexemes[-1] += ":*"
    return "(" + " <-> ".join(lexemes) + ")"


def tsquery_literal(query: Query, groups: list[list[str]], boost: bool = False) -> str:
    """The tsquery of a query and filter groups, the same logic as `fts5_expression`."""
    parts = ["(" + " | ".join(_ts_phrase(p) for p in c.phrases) + ")" for c in query.clauses]
    parts += ["(" + " | ".join(_lexeme(t) for t in g) + ")" for g in groups]
    if boost and query.boost and query.clauses:
        parts.append("(" + " | ".join([_lexeme(w) for w in query.boost] + [parts[0]]) + ")")
    return " & ".join(parts)


class PostgresBackend(SearchBackend):
    """One row per item in ``search_doc`` with a ``tokens`` tsvector under a GIN index."""

    #: ts_rank_cd weights of D, C, B, A
    WEIGHTS = "{0.1, 0.3, 0.6, 1.0}"

    def clear(self) -> None:
        with self.cursor() as cursor:
            cursor.execute("DELETE FROM search_doc")

    def merge(self) -> None:
        """Fresh planner statistics (GIN merges its pending entries by itself)."""
        with self.cursor() as cursor:
            cursor.execute("ANALYZE search_doc")

    @staticmethod
    def prepare(doc: SearchDoc) -> Row:
        texts = doc.texts()
        return (doc.key, sort_key(doc), *texts, tsvector_literal(field_tokens(texts), filter_terms(doc)))

    def _remove(self, cursor, keys: list[int]) -> None:
        cursor.execute("DELETE FROM search_doc WHERE key = ANY(%s)", [keys])

    def _write(self, cursor, rows: list[Row]) -> None:
        cursor.executemany(
            f"INSERT INTO search_doc (key, sortkey, {', '.join(FIELDS)}, tokens) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s::tsvector)",
            rows,
        )

    @contextmanager
    def _time_limit(self, cursor) -> Iterator[None]:
        cursor.execute("SHOW statement_timeout")
        before = cursor.fetchone()[0]
        cursor.execute(
            "SELECT set_config('statement_timeout', %s, false)", [f"{max(1, int(SEARCH_SECONDS * 1000))}ms"]
        )
        try:
            yield
        finally:
            cursor.execute("SELECT set_config('statement_timeout', %s, false)", [before])

    def _newest(self, cursor, query, groups, limit):
        cursor.execute(
            "SELECT sortkey FROM search_doc WHERE tokens @@ %s::tsquery ORDER BY sortkey DESC LIMIT %s",
            [tsquery_literal(query, groups), limit],
        )
        return [row[0] for row in cursor.fetchall()]

    def _ranked(self, cursor, query, groups, limit, offset):
        ts = tsquery_literal(query, groups, boost=True)
        cursor.execute(
            f"SELECT sortkey, ts_rank_cd('{self.WEIGHTS}', tokens, %s::tsquery) AS s FROM search_doc "
            "WHERE tokens @@ %s::tsquery ORDER BY s DESC, sortkey DESC LIMIT %s OFFSET %s",
            [ts, ts, limit, offset],
        )
        return [(sk, float(s)) for sk, s in cursor.fetchall()]


def get_backend(using: str = "default") -> SearchBackend:
    """The backend for the database `using` (SQLite FTS5 or PostgreSQL)."""
    vendor = connections[using].vendor
    if vendor == "sqlite":
        return SqliteBackend(using)
    if vendor == "postgresql":
        return PostgresBackend(using)
    raise RuntimeError(f"full-text search supports SQLite and PostgreSQL, not {vendor}")
