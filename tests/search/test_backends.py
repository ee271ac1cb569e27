"""The index backends on the test database's vendor (SQLite here; PostgreSQL with DATABASE_URL):
the same documents and queries give the same matches on both."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest

from gongkai.search.backends import FTS_COLUMNS, SqliteBackend, get_backend, pack, unpack
from gongkai.search.documents import RANKED_LIMIT, Filters, Ordering, SearchDoc

pytestmark = pytest.mark.django_db

LATEST = "0003_reanalysed_without_prefix_index"


def doc(key, title, body="", *, published=dt.date(2025, 7, 1), **fields):
    fields.setdefault("agency", 1)
    fields.setdefault("genre", "notice")
    fields.setdefault("validity", "valid")
    return SearchDoc(key=key, published=published, title=title, body=body, **fields)


@pytest.fixture
def backend():
    return get_backend()


@pytest.fixture
def corpus(backend):
    backend.index_many(
        [
            doc(
                1,
                "台儿庄区民政局关于2025年城乡低保标准调整的通知",
                "城乡居民最低生活保障标准提高到每人每月800元。",
                numbers="11370405MB2858284X/2025-00001 台民发〔2025〕5号",
                categories=(10, 11),
            ),
            doc(
                2,
                "关于做好困难群众基本生活保障工作的意见",
                "各街道要把低保对象纳入常态化救助。",
                published=dt.date(2025, 8, 1),
                agency=2,
                genre="opinion",
                categories=(10, 12),
            ),
            doc(
                3,
                "臺兒莊區教育局招生公告",
                "义务教育阶段招生工作安排，详见附件。",
                attachments="附件：2025年秋季学期招生计划表 低保家庭子女优先",
                published=dt.date(2024, 8, 1),
                agency=2,
                genre="announcement",
                validity="repealed",
            ),
            doc(
                4,
                "关于印发《社会救助暂行办法》实施细则的通知",
                "根据台民发(2025)5号文件精神，制定本细则。",
                published=dt.date(2025, 9, 1),
            ),
        ]
    )
    return backend


def keys(results):
    return [h.key for h in results.hits]


def test_two_character_term_found_in_title_body_and_attachments(corpus):
    results = corpus.search("低保")
    assert sorted(keys(results)) == [1, 2, 3]
    assert results.ordering == Ordering.RELEVANCE and results.total == 3 and results.total_exact


def test_title_match_ranks_above_body_and_attachment_matches(corpus):
    assert keys(corpus.search("低保"))[0] == 1


def test_plain_terms_are_all_required_anywhere_quoted_phrase_as_written(corpus):
    assert keys(corpus.search("城乡 标准")) == [1]
    assert keys(corpus.search("低保 教育")) == [3]
    assert keys(corpus.search('"低保标准"')) == [1]
    assert keys(corpus.search('"标准低保"')) == []


def test_phrase_never_spans_two_fields(backend):
    backend.index(doc(9, "城乡低保", "标准调整", summary="标准"))
    assert keys(backend.search("低保 标准")) == [9]
    assert keys(backend.search('"低保标准"')) == []


def test_substring_of_a_longer_word_is_found(corpus):
    assert keys(corpus.search("最低生活保障")) == [1]
    assert keys(corpus.search("低生")) == [1]


def test_traditional_query_and_document_meet_in_simplified(corpus):
    assert keys(corpus.search("台儿庄区教育局")) == [3]
    assert keys(corpus.search("臺兒莊區民政局")) == [1]


@pytest.mark.parametrize(
    "typed",
    [
        "台民发〔2025〕5号",
        "台民发[2025]5号",
        "台民发(2025)5号",
        "台民发【2025】5号",
        "台民发（2025）5号",
        "台民发［２０２５］５号",
    ],
)
def test_doc_number_typed_loosely_is_found(corpus, typed):
    results = corpus.search(typed)
    assert sorted(keys(results)) == [1, 4]
    assert keys(results)[0] == 1  # the item whose 文号 it is, before the one citing it


def test_doc_number_with_another_serial_is_not_found(corpus):
    assert keys(corpus.search("台民发〔2025〕50号")) == []


def test_index_number_found(corpus):
    assert keys(corpus.search("11370405MB2858284X/2025-00001")) == [1]


def test_filters_restrict_inside_the_match(corpus):
    assert sorted(keys(corpus.search("低保", Filters(agencies=(2,))))) == [2, 3]
    assert keys(corpus.search("低保", Filters(agencies=(2,), validity=("repealed",)))) == [3]
    assert keys(corpus.search("低保", Filters(genres=("opinion",)))) == [2]
    assert keys(corpus.search("低保", Filters(years=(2024,)))) == [3]
    assert sorted(keys(corpus.search("低保", Filters(categories=(10,))))) == [1, 2]
    assert keys(corpus.search("低保", Filters(categories=(12,)))) == [2]
    assert sorted(keys(corpus.search("低保", Filters(agencies=(1, 2), years=(2025,))))) == [1, 2]


def test_filters_alone_list_newest_first(corpus):
    results = corpus.search("", Filters(agencies=(1,)))
    assert keys(results) == [4, 1] and results.ordering == Ordering.NEWEST


def test_no_text_and_no_filter_finds_nothing(corpus):
    assert corpus.search("").total == 0


def test_snippets_are_escaped_and_marked_in_the_original_text(backend):
    backend.index(doc(7, "<b>低保</b>通知", "前言。" * 40 + "低保金按月发放 <script>alert(1)</script>"))
    hit = backend.search("低保").hits[0]
    assert hit.title_html == "&lt;b&gt;<mark>低保</mark>&lt;/b&gt;通知"
    assert "<mark>低保</mark>金按月发放 &lt;script&gt;" in hit.snippet_html
    assert hit.snippet_html.startswith("…") and "<script>" not in hit.snippet_html


def test_loose_doc_number_marked_as_written(corpus):
    hit = next(h for h in corpus.search("台民发[2025]5号").hits if h.key == 4)
    assert "<mark>台民发(2025)5号</mark>" in hit.snippet_html


def test_remove_and_replace(corpus):
    corpus.remove(1)
    assert sorted(keys(corpus.search("低保"))) == [2, 3]
    corpus.index(doc(2, "关于调整救助标准的意见", "无关内容"))
    assert keys(corpus.search("低保")) == [3]
    assert keys(corpus.search("救助标准")) == [2]
    corpus.remove(999)  # not indexed: nothing happens
    assert corpus.count() == 3


def test_common_term_beyond_the_ranked_limit_is_listed_newest_first(backend):
    base = dt.date(2020, 1, 1)
    backend.index_many(
        doc(n, f"关于第{n}批救助资金的通知", "救助", published=base + dt.timedelta(days=n % 700))
        for n in range(1, RANKED_LIMIT + 31)
    )
    results = backend.search("救助", per_page=10)
    assert results.ordering == Ordering.NEWEST and not results.total_exact and results.total == RANKED_LIMIT
    assert "按发布日期从新到旧" in results.note
    dates = [h.published for h in results.hits]
    assert dates == sorted(dates, reverse=True) and dates[0] == base + dt.timedelta(days=699)
    assert all(h.score is None for h in results.hits)
    last = backend.search("救助", per_page=10, page=10_000)
    assert last.page == last.pages == RANKED_LIMIT // 10 and len(last.hits) == 10


def test_paging_relevance_results(corpus):
    first, second = corpus.search("低保", per_page=2), corpus.search("低保", per_page=2, page=2)
    assert first.pages == 2 and len(first.hits) == 2 and len(second.hits) == 1
    assert set(keys(first)) | set(keys(second)) == {1, 2, 3}


@pytest.mark.parametrize(
    "hostile",
    [
        '"',
        '""',
        '低保"',
        "NEAR(低保 标准)",
        "低保 OR 1=1",
        "'; DROP TABLE search_doc; --",
        "title:低保",
        "低保*",
        "^低保",
        "-低保",
        "{title}: x",
        "<script>alert(1)</script>",
        "\ud800低保\udfff",
        "\x00\x1f低保",
        "低" * 100_000,
        "a " * 50_000,
        "(((((",
        "§a1",
        "·低保",
        "〓",
        "%_%",
        "\\' OR '1'='1",
    ],
)
def test_hostile_queries_never_error(corpus, hostile):
    results = corpus.search(hostile)
    assert results.total >= 0
    for hit in results.hits:
        assert "<script" not in hit.snippet_html and "<script" not in hit.title_html
    assert corpus.count() == 4


@pytest.mark.parametrize("page", ["abc", "", "-5", "0", "1e9", "9" * 40, None])
def test_any_page_number_gives_a_valid_page(corpus, page):
    results = corpus.search("低保", page=page, per_page=page)
    assert 1 <= results.page <= results.pages and results.hits


def test_filter_terms_cannot_be_typed(corpus):
    assert corpus.search("§a1").total == 0


SLOW_SQL = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000000) SELECT count(*) FROM c"


@pytest.mark.parametrize("in_transaction", [False, True])
def test_a_search_over_its_time_limit_stops_and_says_so(corpus, monkeypatch, in_transaction):
    from django.db import transaction

    from gongkai.search import backends

    def slow(cursor, query, groups, limit):
        cursor.execute(SLOW_SQL)
        return []

    monkeypatch.setattr(backends, "SEARCH_SECONDS", 0.2)
    monkeypatch.setattr(corpus, "_newest", slow)
    with transaction.atomic() if in_transaction else contextlib.nullcontext():
        results = corpus.search("低保")
        assert results.timed_out and results.total == 0 and "用时过长" in results.note
        monkeypatch.undo()
        assert sorted(keys(corpus.search("低保"))) == [1, 2, 3]  # the connection and transaction still work


def _settings(backend):
    with backend.cursor() as cursor:
        cursor.execute("SELECT k, v FROM search_fts_config WHERE k != 'version'")
        fts = dict(cursor.fetchall())
        cursor.execute("PRAGMA cache_size")
        return fts, cursor.fetchone()[0]


def test_bulk_settings_hold_while_rebuilding_and_are_restored_after_even_on_error(backend):
    if not isinstance(backend, SqliteBackend):
        pytest.skip("FTS5 settings")
    with backend.cursor() as cursor:
        cursor.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('automerge', 8)")
    before = _settings(backend)
    with backend.bulk():
        fts, cache = _settings(backend)
        assert (fts["automerge"], fts["crisismerge"], cache) == (0, 64, -256 * 1024)
        backend.index_many([doc(1, "城乡低保标准的通知")])
    assert _settings(backend) == ({**before[0], "crisismerge": 16, "hashsize": 2**20}, before[1])
    with pytest.raises(RuntimeError), backend.bulk():
        raise RuntimeError("stopped half-way")
    assert _settings(backend)[0]["automerge"] == 8
    backend.merge()
    assert [h.key for h in backend.search("低保").hits] == [1]


def _integrity(backend) -> None:
    """FTS5's own check of its index (raises when a delete left it inconsistent)."""
    with backend.cursor() as cursor:
        cursor.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 0)")


def test_replacing_and_removing_documents_keeps_the_index_consistent(backend):
    if not isinstance(backend, SqliteBackend):
        pytest.skip("the contentless FTS5 table")
    backend.index_many([doc(1, "城乡低保标准的通知", "2023年度低保资金"), doc(2, "教育局招生公告", "各街道")])
    backend.index(doc(1, "关于养老服务的通知", "2024年养老补贴"))  # replaced: its old tokens go
    assert keys(backend.search("低保")) == [] and keys(backend.search("2024年")) == [1]
    backend.remove(2)
    backend.remove(99)  # not there: nothing happens
    assert keys(backend.search("招生")) == [] and backend.count() == 1
    left = backend.search("", Filters(agencies=(1,)))
    assert keys(left) == [1] and left.total == 1  # no filter term left behind
    _integrity(backend)
    backend.clear()
    assert backend.count() == 0 and keys(backend.search("养老")) == []
    _integrity(backend)


def test_a_title_holding_the_term_as_a_word_ranks_above_one_where_it_straddles_two(backend):
    backend.index_many([doc(1, "最低保障线通知"), doc(2, "关于城乡低保对象的通知")])  # 1: shorter
    assert keys(backend.search("低保")) == [2, 1]


def test_a_character_after_a_number_is_a_token_a_lone_character_a_prefix(backend):
    backend.index_many([doc(1, "2023年度报告"), doc(2, "二〇二三年报告"), doc(3, "2023 发展"), doc(4, "第3条规定")])
    assert keys(backend.search("2023年")) == [1] and keys(backend.search("2023年度")) == [1]
    assert keys(backend.search("第3条")) == [4] and keys(backend.search("23年")) == []  # (a number is a whole token)
    assert sorted(keys(backend.search("年"))) == [1, 2]


@pytest.mark.django_db(transaction=True)
def test_the_reanalysing_migration_gives_every_entry_the_current_tokens(backend):
    """Entries analysed before Han runs started with their first character are analysed again;
    their filter terms stay, and a removal still finds the tokens it must give FTS5."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    def migrate(target: str) -> None:
        MigrationExecutor(connection).migrate([("search", target)])

    backend.index_many([doc(1, "2023年度低保资金", agency=7), doc(2, "教育局招生公告", categories=(5,))])
    sqlite = isinstance(backend, SqliteBackend)
    with connection.cursor() as cursor:  # entry 1 as the old analyzer made it: no run-initial 年
        if sqlite:
            cursor.execute("SELECT sortkey, fts FROM search_doc WHERE key = 1")
            sortkey, packed = cursor.fetchone()
            columns = unpack(packed)
            marks = ", ".join(["%s"] * len(columns))
            fts = f"search_fts (search_fts, rowid, {', '.join(FTS_COLUMNS)})"
            cursor.execute(f"INSERT INTO {fts} VALUES ('delete', %s, {marks})", [sortkey, *columns])
            columns[0] = columns[0].replace("2023 年 ", "2023 ")
            cursor.execute(f"INSERT INTO search_fts (rowid, {', '.join(FTS_COLUMNS)}) VALUES (%s, {marks})", [sortkey, *columns])
            cursor.execute("UPDATE search_doc SET fts = %s WHERE sortkey = %s", [pack(columns), sortkey])
        else:
            cursor.execute("UPDATE search_doc SET tokens = ts_delete(tokens, '年') WHERE key = 1")
    try:
        assert keys(backend.search("2023年")) == []
        migrate("0002_contentless_fts")
        migrate(LATEST)
        assert keys(backend.search("2023年")) == [1]
        assert keys(backend.search("", Filters(agencies=(7,)))) == [1]
        assert keys(backend.search("招生", Filters(categories=(5,)))) == [2]
        backend.remove(1)
        assert keys(backend.search("低保")) == [] and backend.count() == 1
        if sqlite:
            _integrity(backend)
    finally:
        migrate(LATEST)
        backend.clear()


@pytest.mark.django_db(transaction=True)
def test_the_contentless_migration_carries_the_index_over_and_back():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor


    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    docs = [doc(1, "城乡低保标准的通知", "2023年度低保资金"), doc(2, "教育局招生公告", "各街道")]
    rows = [SqliteBackend.prepare(d) for d in docs]
    width = len(FTS_COLUMNS) - 1

    def migrate(target: str) -> None:
        executor = MigrationExecutor(connection)
        executor.migrate([("search", target)])

    def matches(expression: str) -> list[int]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY rowid", [expression])
            return [sortkey & 0xFFFFFFFF for (sortkey,) in cursor.fetchall()]

    migrate("0001_initial")
    try:
        with connection.cursor() as cursor:  # the index as 0001 made it: token streams stored in FTS5
            cursor.executemany(
                "INSERT INTO search_doc (key, sortkey, title, numbers, summary, body, attachments) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s)",
                [row[: width + 2] for row in rows],
            )
            cursor.executemany(
                "INSERT INTO search_fts (rowid, title, numbers, summary, body, attachments, filters) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s)",
                [(row[1], *row[width + 3 :]) for row in rows],
            )
        migrate("0002_contentless_fts")
        with connection.cursor() as cursor:
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'search_fts'")
            assert "content = ''" in cursor.fetchone()[0]  # contentless
        backend = get_backend()
        assert keys(backend.search("低保")) == [1] and keys(backend.search("2023年")) == [1]
        backend.remove(1)  # the packed tokens were kept: the delete finds them
        assert keys(backend.search("低保")) == [] and keys(backend.search("招生")) == [2]
        _integrity(backend)
        migrate("0001_initial")
        assert matches('"招生"') == [2] and matches('"低保"') == []
    finally:
        migrate(LATEST)
        get_backend().clear()  # (not a model's table: the test database's flush does not empty it)


def test_an_index_entry_without_its_document_is_skipped_not_fatal(backend, caplog):
    if not isinstance(backend, SqliteBackend):
        pytest.skip("only the FTS5 table can hold an entry without its document row")
    backend.index_many([doc(1, "城乡低保标准的通知"), doc(2, "低保资金的公告")])
    with backend.cursor() as cursor:  # as if a document row were lost outside the backend
        cursor.execute("DELETE FROM search_doc WHERE key = 2")
    results = backend.search("低保")
    assert keys(results) == [1]
    assert "no document row" in caplog.text
