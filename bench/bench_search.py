"""Full-text search on realistic Chinese documents: indexing rate, search latency with filters,
recall on queries with known answers — our SQLite FTS5 backend against a LIKE scan and against
Whoosh with jieba's ChineseAnalyzer (the usual Python stack), in the same run.

Run: .venv/bin/python bench/bench_search.py [--items N] [--whoosh-items M] [--like-items L] [--queries Q]
[--seed S] [--processes P] [--data-dir DIR [--keep]] — small by default (``make bench``); the issue's
figures: ``--items 1000000 --like-items 100000 --whoosh-items 100000 --data-dir /some/disk --keep``
(about 7 KB of database per item; ``--keep`` leaves it there and a later run with the same sizes
measures the searches again without indexing; delete the directory when done).
(Whoosh: ``pip install -e '.[bench]'``; without it that part is skipped.)

Documents (0.5–3 KB of UTF-8) come from `generate`: titles, 文号, summaries and bodies built from a
vocabulary of government text over 20 agencies and the years 2015–2025. Known answers: rare terms
(2–6 characters, never in the vocabulary) planted in a few documents each, and 文号 typed with
other brackets than the document's; recall is the share of the expected documents on the first
page of 50.

Queries for latency are 2–6 characters: vocabulary words (common: many thousands of matches),
substrings cut at random from documents (often across word boundaries), and planted rare terms;
each with a filter (an agency, a year, an agency and a year) or none. Timings are the whole
`backend.search` call, snippets included, on one connection, warm.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

AGENCIES = [
    "区政府办公室", "区民政局", "区教育和体育局", "区财政局", "区人力资源和社会保障局", "区自然资源局",
    "区住房和城乡建设局", "区卫生健康局", "区农业农村局", "区市场监督管理局", "区应急管理局", "区生态环境分局",
    "区交通运输局", "区水利局", "区文化和旅游局", "区医疗保障局", "区退役军人事务局", "区审计局", "区统计局",
    "区司法局",
]  # fmt: skip
PREFIXES = [
    "台政发",
    "台政办发",
    "台民发",
    "台教体发",
    "台财发",
    "台人社发",
    "台自然资发",
    "台建发",
    "台卫健发",
    "台农发",
]
SUBJECTS = [
    "城乡低保", "特困人员救助供养", "临时救助", "医疗救助", "养老服务", "残疾人两项补贴", "义务教育招生", "学前教育",
    "校外培训监管", "就业创业补贴", "职业技能培训", "城乡居民基本养老保险", "工伤保险", "住房公积金", "棚户区改造",
    "老旧小区改造", "农村危房改造", "国有土地使用权出让", "不动产登记", "耕地保护", "高标准农田建设", "防汛抗旱",
    "安全生产专项整治", "森林防火", "食品安全抽检", "药品质量监管", "价格监督检查", "大气污染防治", "河长制",
    "农村人居环境整治", "财政预算", "政府采购", "专项债券", "惠民惠农补贴", "退役军人优待", "法律援助",
    "行政执法公示", "政务服务事项", "营商环境优化", "疫苗接种", "基本公共卫生服务", "家庭医生签约", "医保报销",
    "文物保护", "旅游市场整治", "道路交通安全", "公交线路调整", "统计调查", "审计整改", "双随机一公开",
]  # fmt: skip
GENRES = [("notice", "通知"), ("announcement", "公告"), ("opinion", "意见"), ("measures", "实施办法"),
          ("plan", "工作方案"), ("report", "工作报告"), ("normative", "管理办法")]  # fmt: skip
VERBS = ["进一步做好", "切实加强", "全面推进", "扎实开展", "规范", "调整", "印发", "公布", "深化", "落实"]
OPENINGS = [
    "为贯彻落实党中央、国务院决策部署，根据《中华人民共和国政府信息公开条例》等有关规定，结合我区实际，",
    "根据省、市有关文件精神，经区政府研究同意，", "为切实保障和改善民生，进一步提升公共服务水平，",
    "按照上级部门统一安排部署，现就有关事项通知如下：",
]  # fmt: skip
SENTENCES = [
    "各镇（街道）、各有关部门要高度重视{s}工作，明确责任分工，细化工作措施，确保各项任务落到实处。",
    "{s}资金实行专户管理、专账核算，任何单位和个人不得截留、挤占、挪用。",
    "申请人应当向户籍所在地镇（街道）提出书面申请，如实提交家庭收入、财产状况等证明材料。",
    "对符合条件的对象，自{y}年{m}月起按每人每月{n}元的标准发放。",
    "区{a}负责{s}的组织实施和监督检查，定期通报工作进展情况。",
    "建立健全动态管理机制，对不再符合条件的及时退出，做到应保尽保、应退尽退。",
    "严格落实公示制度，公示期为7天，公示期满无异议的予以批准。",
    "本{g}自印发之日起施行，有效期至{y2}年12月31日。",
    "加强信息化建设，推动{s}数据共享，实现“一网通办”“最多跑一次”。",
    "各单位要加强宣传引导，通过政府网站、政务新媒体等渠道及时公开{s}政策和办理流程。",
    "对工作中发现的问题，要立即整改，整改情况于{m}月{d}日前报区{a}。",
    "联系电话：0632-66{n4}，联系地址：台儿庄区华兴路{n2}号。",
    "经第{n2}次区政府常务会议研究通过，现予印发，请认真贯彻执行。",
    "{y}年全区共投入{s}资金{n}万元，惠及群众{n4}人次。",
]  # fmt: skip
#: Planted terms (2–6 characters, none of them in the vocabulary above): the known answers.
RARE = [
    "枣庄辣子鸡", "运河古镇", "涧头集", "石榴盆景", "冬枣保鲜", "黄花菜", "贾汪", "微山湖", "羊肉汤", "菜煎饼",
    "铁道游击队", "马兰屯", "泥沟镇", "邳庄", "张山子", "兰祺河", "大运河湿地", "红荷", "柳琴戏", "鲁南皮影",
    "榴园", "滕州", "峄城", "北庄", "乌篷船", "渔灯", "糁汤", "楂子", "芦笋", "银杏",
]  # fmt: skip


@dataclass(frozen=True)
class Generated:
    doc: object  # SearchDoc
    agency: int
    year: int


def generate(n: int, seed: int = 7) -> Iterator[Generated]:
    """`n` documents, deterministic for a seed; each 0.5–3 KB of UTF-8 in its text fields."""
    from gongkai.search.documents import SearchDoc

    rng = random.Random(seed)
    serials: dict[tuple[int, int], int] = {}
    plants = {key: rng.choice(RARE) for key in rng.sample(range(1, n + 1), min(n, len(RARE) * 6))}
    for key in range(1, n + 1):
        agency = rng.randrange(len(AGENCIES))
        year = rng.randint(2015, 2025)
        published = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
        subject, (genre, genre_label) = rng.choice(SUBJECTS), rng.choice(GENRES)
        title = f"台儿庄{AGENCIES[agency]}关于{rng.choice(VERBS)}{subject}工作的{genre_label}"
        serials[(agency, year)] = serial = serials.get((agency, year), 0) + 1
        prefix = PREFIXES[agency % len(PREFIXES)] + ("" if agency < len(PREFIXES) else "字")
        numbers = f"{prefix}〔{year}〕{serial}号\n11370405MB28{agency:04d}X/{year}-{serial:05d}"
        target = rng.randint(500, 3000)
        parts = [rng.choice(OPENINGS)]
        size = len(title.encode()) + len(parts[0].encode())
        while size < target:
            sentence = rng.choice(SENTENCES).format(
                s=rng.choice(SUBJECTS) if rng.random() < 0.3 else subject, y=year, y2=year + 5,
                m=rng.randint(1, 12), d=rng.randint(1, 28), n=rng.randint(100, 9000), n2=rng.randint(1, 99),
                n4=rng.randint(1000, 9999), a=rng.choice(AGENCIES)[1:], g=genre_label,
            )  # fmt: skip
            parts.append(sentence)
            size += len(sentence.encode())
        if key in plants:
            parts.insert(rng.randrange(1, len(parts) + 1), f"涉及{plants[key]}相关事项。")
        summary, body = parts[0], "".join(parts[1:])
        yield Generated(
            SearchDoc(
                key=key, published=published, title=title, numbers=numbers, summary=summary, body=body,
                agency=agency + 1, genre=genre, validity="valid" if rng.random() < 0.9 else "repealed",
            ),
            agency + 1,
            year,
        )  # fmt: skip


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000  # noqa: E731
    return f"p50 {p(0.50):7.1f} ms  p95 {p(0.95):7.1f} ms  max {ordered[-1] * 1000:7.1f} ms"


def setup(data_dir: Path) -> None:
    os.environ["GONGKAI_DATA_DIR"] = str(data_dir)
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.web.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", "search", verbosity=0)


def _sampled(g: Generated) -> bool:
    """Kept for the queries: every 97th document and those holding a planted term."""
    return g.doc.key % 97 == 0 or any(r in g.doc.body for r in RARE)


@dataclass
class IndexRun:
    """What indexing took: wall clock, the writer's CPU time and the analysis workers' (or none),
    and the final merge of the index's segments (wall, CPU)."""

    kept: list[Generated]
    generating: float
    wall: float
    writer_cpu: float
    workers_cpu: float
    merge_wall: float
    merge_cpu: float


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def build_index(n: int, seed: int, processes: int, like_items: int) -> IndexRun:
    """Index `n` generated documents the way ``gongkai search reindex`` does (bulk settings,
    analysis workers, merged at the end) and put the first `like_items` in the LIKE table;
    returns a sample of the documents and the times (CPU time is not inflated by other load on
    the machine; the workers' is counted once they have exited)."""
    from django.db import connection, transaction

    from gongkai.search.backends import analysis_pool, get_backend

    backend = get_backend()
    with connection.cursor() as c:
        c.execute(
            "CREATE TABLE bench_items (id INTEGER PRIMARY KEY, agency INTEGER, year INTEGER, published TEXT,"
            " title TEXT, numbers TEXT, summary TEXT, body TEXT)"
        )
    gen_time = index_time = index_cpu = 0.0
    kept: list[Generated] = []
    source = generate(n, seed)
    done = 0
    children = _children_cpu()
    with backend.bulk(), analysis_pool(processes) as pool:
        while True:
            start = time.perf_counter()
            batch = [g for _, g in zip(range(1000), source, strict=False)]
            gen_time += time.perf_counter() - start
            if not batch:
                break
            start, cpu = time.perf_counter(), time.process_time()
            with transaction.atomic():
                backend.index_many([g.doc for g in batch], pool)
            index_time += time.perf_counter() - start
            index_cpu += time.process_time() - cpu
            with transaction.atomic(), connection.cursor() as c:
                c.executemany(
                    "INSERT INTO bench_items VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                    [(g.doc.key, g.agency, g.year, g.doc.published.isoformat(), g.doc.title, g.doc.numbers,
                      g.doc.summary, g.doc.body) for g in batch if g.doc.key <= like_items],
                )  # fmt: skip
            kept.extend(filter(_sampled, batch))
            done += len(batch)
            if done % 50000 == 0:
                print(f"  … {done:,} indexed, {done / index_time:,.0f} items/s so far", file=sys.stderr)
    workers_cpu = _children_cpu() - children
    with connection.cursor() as c:
        c.execute("CREATE INDEX bench_items_agency ON bench_items (agency, year)")
    start, cpu = time.perf_counter(), time.process_time()
    backend.merge()
    return IndexRun(kept, gen_time, index_time, index_cpu, workers_cpu, time.perf_counter() - start,
                    time.process_time() - cpu)  # fmt: skip


def expected_answers(kept: list[Generated]) -> list[tuple[str, set[int]]]:
    """Known-answer queries: each planted term → the documents holding it; each sampled
    document's 文号 typed with square or round brackets → that document."""
    answers: dict[str, set[int]] = {}
    for g in kept:
        for term in RARE:
            if term in g.doc.body:
                answers.setdefault(term, set()).add(g.doc.key)
    queries = sorted(answers.items())
    rng = random.Random(3)
    for g in rng.sample(kept, min(40, len(kept))):
        number = g.doc.numbers.splitlines()[0]
        typed = (
            number.replace("〔", "[").replace("〕", "]")
            if g.doc.key % 2
            else number.replace("〔", "(").replace("〕", ")")
        )
        queries.append((typed, {g.doc.key}))
    return queries


#: The kinds of latency queries, in turn.
QUERY_KINDS = ("vocabulary word", "substring of a document", "planted rare term")


def latency_queries(kept: list[Generated], count: int, seed: int) -> list[tuple[str, dict]]:
    rng = random.Random(seed)
    queries = []
    for n in range(count):
        kind = n % len(QUERY_KINDS)
        if kind == 0:
            text = rng.choice(SUBJECTS)[: rng.randint(2, 6)]
        elif kind == 1:
            body = rng.choice(kept).doc.body
            at = rng.randrange(max(1, len(body) - 6))
            text = body[at : at + rng.randint(2, 6)]
        else:
            text = rng.choice(RARE)
        g = rng.choice(kept)
        filters = [
            {"agencies": (g.agency,)},
            {"years": (g.year,)},
            {"agencies": (g.agency,), "years": (g.year,)},
            {},
        ][n % 4]
        queries.append((text, filters))
    return queries


def like_search(text: str, filters: dict) -> list[int]:
    from django.db import connection

    where, params = (
        ["(title LIKE %s OR numbers LIKE %s OR summary LIKE %s OR body LIKE %s)"],
        [f"%{text}%"] * 4,
    )
    if filters.get("agencies"):
        where.append("agency = %s")
        params.append(filters["agencies"][0])
    if filters.get("years"):
        where.append("year = %s")
        params.append(filters["years"][0])
    with connection.cursor() as c:
        c.execute(
            f"SELECT id FROM bench_items WHERE {' AND '.join(where)} ORDER BY published DESC LIMIT 20", params
        )
        return [r[0] for r in c.fetchall()]


def like_recall(queries: list[tuple[str, set[int]]]) -> float:
    from django.db import connection

    found = expected = 0
    for text, keys in queries:
        with connection.cursor() as c:
            c.execute(
                "SELECT id FROM bench_items WHERE title LIKE %s OR numbers LIKE %s OR summary LIKE %s OR body LIKE %s",
                [f"%{text}%"] * 4,
            )
            got = {r[0] for r in c.fetchall()}
        found += len(got & keys)
        expected += len(keys)
    return found / expected


def whoosh_run(n: int, seed: int, queries: list[tuple[str, dict]], answers_limit: int) -> None:
    try:
        import jieba
        from jieba.analyse import ChineseAnalyzer
        from whoosh import fields, index, query
        from whoosh.qparser import MultifieldParser
    except ImportError:
        print("Whoosh + jieba: not installed (pip install -e '.[bench]'), skipped")
        return
    jieba.setLogLevel(60)
    directory = Path(tempfile.mkdtemp(prefix="bench-whoosh-"))
    try:
        analyzer = ChineseAnalyzer()
        schema = fields.Schema(
            key=fields.NUMERIC(stored=True, unique=True), agency=fields.NUMERIC, year=fields.NUMERIC,
            title=fields.TEXT(analyzer=analyzer, field_boost=10.0), numbers=fields.TEXT(analyzer=analyzer, field_boost=6.0),
            summary=fields.TEXT(analyzer=analyzer, field_boost=3.0), body=fields.TEXT(analyzer=analyzer),
        )  # fmt: skip
        ix = index.create_in(str(directory), schema)
        kept = []
        start, cpu = time.perf_counter(), time.process_time()
        writer = ix.writer(limitmb=256)
        for g in generate(n, seed):
            d = g.doc
            writer.add_document(key=d.key, agency=g.agency, year=g.year, title=d.title, numbers=d.numbers,
                                summary=d.summary, body=d.body)  # fmt: skip
            if d.key % 97 == 0 or any(r in d.body for r in RARE):
                kept.append(g)
        writer.commit()
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        print(
            f"Whoosh+jieba  indexing   {n / elapsed:9,.0f} items/s wall, {n / cpu:,.0f} items/s of its CPU time "
            f"({n:,} items, generation included)"
        )
        parser = MultifieldParser(["title", "numbers", "summary", "body"], schema)
        times, cpu_times = [], []
        with ix.searcher() as searcher:
            for text, filters in queries:
                start, cpu = time.perf_counter(), time.process_time()
                restrict = [query.Term("agency", v) for v in filters.get("agencies", ())] + [
                    query.Term("year", v) for v in filters.get("years", ())
                ]
                q = parser.parse(text)
                searcher.search(q, limit=20, filter=query.And(restrict) if restrict else None)
                times.append(time.perf_counter() - start)
                cpu_times.append(time.process_time() - cpu)
            print(f"Whoosh+jieba  search     {percentiles(times)}  ({len(times)} queries)")
            print(f"  CPU time per query      {percentiles(cpu_times)}")
            found = expected = 0
            for text, keys in expected_answers(kept)[:answers_limit]:
                hits = searcher.search(parser.parse(text), limit=50)
                found += len({h["key"] for h in hits} & keys)
                expected += len(keys)
            print(f"Whoosh+jieba  recall     {found / expected:6.1%} of {expected} known answers")
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def _search_size() -> float:
    """MiB of the search index's tables (FTS5's and the display text), without the LIKE table."""
    from django.db import connection

    with connection.cursor() as c:
        c.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search%%'")
        return c.fetchone()[0] / 2**20


def report_indexing(run: IndexRun, n: int, processes: int) -> None:
    total = run.wall + run.merge_wall
    cpu = run.writer_cpu + run.workers_cpu + run.merge_cpu
    ms = lambda seconds: f"{seconds / n * 1000:.2f}"  # noqa: E731
    print(f"FTS5 (ours)   indexing   {n / run.wall:9,.0f} items/s wall, {n / total:,.0f} with the final merge "
          f"({run.merge_wall:.0f} s); CPU {ms(cpu)} ms per item in all = {2 * n / cpu:,.0f} items/s on 2 idle cores "
          f"(writer {ms(run.writer_cpu)}, {processes} analysis process(es) {ms(run.workers_cpu)}, merge {ms(run.merge_cpu)})")  # fmt: skip
    print(
        f"  index {_search_size():,.0f} MiB; generating the documents, not counted: {n / run.generating:,.0f}/s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--whoosh-items", type=int, default=5_000, help="0 skips Whoosh")
    parser.add_argument("--like-items", type=int, help="items in the LIKE table (default: all)")
    parser.add_argument("--queries", type=int, default=600)
    parser.add_argument("--like-queries", type=int, default=60)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--processes", type=int, default=min(2, os.cpu_count() or 1), help="analysis workers")
    parser.add_argument("--data-dir", type=Path, help="where the database is made (and removed after)")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the database, and use it again on a run with the same sizes, seed",
    )
    args = parser.parse_args()
    like_items = min(args.items, args.like_items or args.items)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    if args.keep:
        name = f"bench-search-{args.items}-{args.seed}-{like_items}"
        data_dir = (args.data_dir or Path(tempfile.gettempdir())) / name
        reuse = (data_dir / "complete").exists()
        data_dir.mkdir(parents=True, exist_ok=True)
    else:
        if args.data_dir:
            args.data_dir.mkdir(parents=True, exist_ok=True)
        data_dir, reuse = Path(tempfile.mkdtemp(prefix="bench-search-", dir=args.data_dir)), False
    try:
        setup(data_dir)
        from gongkai.search.backends import get_backend
        from gongkai.search.documents import RANKED_LIMIT, Filters, Ordering

        print(
            f"nproc={os.cpu_count()} load average {os.getloadavg()[0]:.1f}; {args.items:,} documents, seed {args.seed}"
        )
        if reuse:
            print(f"FTS5 (ours)   indexing   not measured: the index kept in {data_dir} is used again")
            kept = list(filter(_sampled, generate(args.items, args.seed)))
        else:
            run = build_index(args.items, args.seed, args.processes, like_items)
            kept = run.kept
            report_indexing(run, args.items, args.processes)
            if args.keep:
                (data_dir / "complete").touch()
        backend = get_backend()
        queries = latency_queries(kept, args.queries, args.seed)
        for text, filters in queries[:30]:  # warm up
            backend.search(text, Filters(**filters))
        groups: dict[str, tuple[list[float], list[float]]] = {}
        for n, (text, filters) in enumerate(queries):
            start, cpu_start = time.perf_counter(), time.process_time()
            results = backend.search(text, Filters(**filters))
            sample = (time.perf_counter() - start, time.process_time() - cpu_start)
            relevance = results.ordering == Ordering.RELEVANCE
            ordering = "ranked by bm25" if relevance else f"newest first (>{RANKED_LIMIT} matches)"
            for name in ("all", QUERY_KINDS[n % len(QUERY_KINDS)], " + ".join(sorted(filters)) or "no filter",
                         "with a filter" if filters else "", ordering):  # fmt: skip
                if name:
                    groups.setdefault(name, ([], []))[0].append(sample[0])
                    groups[name][1].append(sample[1])
        print(f"FTS5 (ours)   search     wall and CPU time per query, snippets included ({len(queries)})")
        first = ["all", *QUERY_KINDS, "no filter", "with a filter"]
        for name, (wall, cpu_times) in sorted(groups.items(), key=lambda g: (first + [g[0]]).index(g[0])):
            print(f"  {name:29s} wall {percentiles(wall)}  |  CPU {percentiles(cpu_times)}  ({len(wall)})")
        answers = expected_answers(kept)
        found = expected = 0
        for text, keys in answers:
            got = {h.key for h in backend.search(text, per_page=50).hits}
            found += len(got & keys)
            expected += len(keys)
        print(f"FTS5 (ours)   recall     {found / expected:6.1%} of {expected} known answers "
              f"({len(answers)} queries: planted terms, 文号 with other brackets)")  # fmt: skip
        like_times, like_cpu = [], []
        for text, filters in queries[: args.like_queries]:
            start, cpu_start = time.perf_counter(), time.process_time()
            like_search(text, filters)
            like_times.append(time.perf_counter() - start)
            like_cpu.append(time.process_time() - cpu_start)
        print(
            f"LIKE scan     search     {like_items:,} items: {percentiles(like_times)}  ({len(like_times)} queries)"
        )
        print(f"  CPU time per query      {percentiles(like_cpu)}")
        like_answers = [(text, {k for k in keys if k <= like_items}) for text, keys in answers]
        like_answers = [(text, keys) for text, keys in like_answers if keys]
        print(f"LIKE scan     recall     {like_recall(like_answers):6.1%} of "
              f"{sum(len(keys) for _, keys in like_answers)} known answers among its {like_items:,} items")  # fmt: skip
    finally:
        if not args.keep:
            shutil.rmtree(data_dir, ignore_errors=True)
    if args.whoosh_items:
        whoosh_run(args.whoosh_items, args.seed, queries, len(answers))


if __name__ == "__main__":
    main()
