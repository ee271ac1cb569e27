"""The public portal under load: item pages and search pages served by `gongkai serve` (gunicorn,
as in production) and driven by wrk over loopback (target: 300+ requests/s with p99 under 100 ms
on 2 cores, each kind of page).

Run: .venv/bin/python bench/bench_portal_load.py [--items N] [--duration S] [--connections C]
     [--workers W] [--queries Q] [--seed S]
(wrk: `scripts/sysdeps.sh` installs it; quick run: --items 2000 --duration 5)

The data directory is a throw-away one under /work/bench-data/portal-<pid> (removed afterwards),
migrated by `gongkai check --migrate`. The catalogue: `bench_search.generate`'s documents (0.5–3 KB
of Chinese government text over 20 departments and the years 2015–2025) stored as published
items with categories, and indexed by `gongkai.search.catalogue.reindex`. The server is started
as production starts it (`gongkai serve --bind 127.0.0.1:<free port> --workers W`, access log
on). wrk then runs twice, one kind of page per run so each gets its own latency figures: item
pages picked at random among every item, and search pages picked at random among Q queries of
2–6 characters (vocabulary words, substrings cut from documents across word boundaries, planted
rare terms; a quarter each with an agency filter, a year filter, both, or none — as
`bench_search.latency_queries` makes them). Any response other than 200 counts as an error.
Other load on the machine lowers every figure: the load average is printed with them.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_search import AGENCIES, Generated, generate, latency_queries  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
GONGKAI = REPO / ".venv" / "bin" / "gongkai"
TARGET_RPS, TARGET_P99_MS = 300, 100

#: wrk's script: each thread picks paths at random from the list, and prints its summary as JSON.
LUA = """
local paths = {%s}
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("seed", counter)
end
function init(args)
  math.randomseed(seed * 7919)
end
function request()
  return wrk.format("GET", paths[math.random(#paths)])
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %%d, "duration_us": %%d, "p50_us": %%d, "p90_us": %%d, "p99_us": %%d, "max_us": %%d, '
    .. '"errors": %%d, "non_2xx": %%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, e.connect + e.read + e.write + e.timeout, e.status))
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_catalogue(data_dir: Path, items: int, seed: int) -> tuple[list[int], list[Generated], dict[int, int]]:
    """Migrate a fresh database with `gongkai check --migrate`, store `items` generated documents
    as published items of 20 departments, index them; returns the item ids, the generated
    documents and the generator's agency number → agency id."""
    env = {**os.environ, "GONGKAI_DATA_DIR": str(data_dir)}
    env.pop("DATABASE_URL", None)
    subprocess.run([str(GONGKAI), "check", "--migrate"], env=env, check=True, stdout=subprocess.DEVNULL)
    os.environ.update(GONGKAI_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="gongkai.web.settings")
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.db import connections, transaction

    from gongkai.agencies.codes import make_uscc
    from gongkai.agencies.models import Agency
    from gongkai.catalogue import services
    from gongkai.catalogue.models import Attribute, Item, SubjectCategory
    from gongkai.catalogue.workflow import State
    from gongkai.search.catalogue import reindex

    rng = random.Random(seed)
    with transaction.atomic():
        government = Agency.objects.create(
            name="台儿庄区人民政府", level="county", kind="government", org_code=make_uscc("11370405MB2800000")
        )
        agency_ids, categories = {}, {}
        for n, name in enumerate(AGENCIES, start=1):
            agency = Agency.objects.create(
                name=f"台儿庄{name}", parent=government, level="county", kind="department",
                org_code=make_uscc(f"11370405MB28{n:05d}"),
            )  # fmt: skip
            services.seed_categories(agency)
            agency_ids[n] = agency.pk
            categories[n] = list(SubjectCategory.objects.filter(agency=agency).values_list("pk", flat=True))
    docs: list[Generated] = []
    batch: list[Item] = []
    for g in generate(items, seed):
        d = g.doc
        number, index_number = d.numbers.splitlines()
        batch.append(Item(
            pk=d.key, agency_id=agency_ids[g.agency], index_number=index_number, index_year=g.year,
            title=d.title, summary=d.summary, body="".join(f"<p>{s}。</p>" for s in d.body.split("。") if s),
            category_id=rng.choice(categories[g.agency]), genre=d.genre, doc_number=number, date_made=d.published,
            date_published=d.published, validity=d.validity, attribute=Attribute.PROACTIVE, state=State.PUBLISHED,
        ))  # fmt: skip
        docs.append(g)
        if len(batch) == 1000:
            Item.objects.bulk_create(batch)
            batch = []
    Item.objects.bulk_create(batch)
    reindex(processes=min(2, os.cpu_count() or 1))
    connections.close_all()
    return [g.doc.key for g in docs], docs, agency_ids


def search_paths(docs: list[Generated], agency_ids: dict[int, int], count: int, seed: int) -> list[str]:
    paths = []
    for text, filters in latency_queries(docs, count, seed):
        params = [("q", text)]
        params += [("agency", agency_ids[a]) for a in filters.get("agencies", ())]
        params += [("year", y) for y in filters.get("years", ())]
        paths.append("/xxgk/search/?" + urlencode(params, quote_via=quote))
    return paths


def lua_script(paths: list[str], path: Path) -> Path:
    path.write_text(LUA % ",".join(json.dumps(p) for p in paths), encoding="utf-8")
    return path


def wait_until_up(base: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"the server stopped (exit {server.returncode}):\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(base + "/xxgk/", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    sys.exit("the server did not answer within 60 s")


def run_wrk(base: str, script: Path, duration: int, connections: int) -> dict:
    threads = min(2, connections)
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "-s", str(script), base],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("RESULT ")), None)
    if line is None:
        sys.exit(f"wrk printed no result:\n{out.stdout}\n{out.stderr}")
    return json.loads(line[len("RESULT ") :])


def report(label: str, r: dict) -> bool:
    rps = r["requests"] / (r["duration_us"] / 1e6)
    p99 = r["p99_us"] / 1000
    ok = rps >= TARGET_RPS and p99 < TARGET_P99_MS and not r["errors"] and not r["non_2xx"]
    print(f"{label:13s} {rps:7.0f} req/s  p50 {r['p50_us'] / 1000:6.1f} ms  p90 {r['p90_us'] / 1000:6.1f} ms  "
          f"p99 {p99:6.1f} ms  max {r['max_us'] / 1000:7.1f} ms  ({r['requests']:,} requests, "
          f"{r['errors']} socket errors, {r['non_2xx']} not 200)  {'OK' if ok else 'MISSED'}")  # fmt: skip
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=5000, help="published items in the catalogue")
    parser.add_argument("--duration", type=int, default=15, help="seconds of load per kind of page")
    parser.add_argument("--connections", type=int, default=10, help="wrk's open connections")
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers (default: gongkai serve's)")
    parser.add_argument("--queries", type=int, default=600, help="distinct search queries")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep-log", action="store_true", help="print the tail of the server's log")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: run scripts/sysdeps.sh (Debian package wrk)")
    data_dir = Path("/work/bench-data") / f"portal-{os.getpid()}"
    data_dir.mkdir(parents=True, exist_ok=False)
    server = None
    try:
        start = time.perf_counter()
        item_ids, docs, agency_ids = build_catalogue(data_dir, args.items, args.seed)
        print(f"catalogue: {len(item_ids):,} published items in {len(agency_ids)} departments, built and indexed "
              f"in {time.perf_counter() - start:.0f} s")  # fmt: skip
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        command = [str(GONGKAI), "serve", "--bind", f"127.0.0.1:{port}"]
        if args.workers:
            command += ["--workers", str(args.workers)]
        log = data_dir / "server.log"
        env = {**os.environ, "GONGKAI_DATA_DIR": str(data_dir)}
        with log.open("wb") as sink:
            server = subprocess.Popen(command, env=env, stdout=sink, stderr=subprocess.STDOUT)
        wait_until_up(base, server, log)
        workers = sum("Booting worker" in line for line in log.read_text().splitlines())
        runs = {
            "item pages": [f"/xxgk/items/{pk}/" for pk in item_ids],
            "search pages": search_paths(docs, agency_ids, args.queries, args.seed),
        }
        for paths in runs.values():  # warm up each worker (imports, analyzer dictionaries)
            run_wrk(base, lua_script(paths[:50], data_dir / "warm.lua"), 2, 2)
        load = os.getloadavg()[0]
        print(f"nproc={os.cpu_count()} gunicorn workers={workers} wrk connections={args.connections} "
              f"duration={args.duration} s per kind; load average before the runs {load:.1f} "
              f"(other work on the machine lowers every figure)")  # fmt: skip
        ok = True
        for label, paths in runs.items():
            result = run_wrk(base, lua_script(paths, data_dir / "load.lua"), args.duration, args.connections)
            ok &= report(f"{label} ({len(paths):,} URLs)", result)
        print(f"load average after the runs {os.getloadavg()[0]:.1f}; target {TARGET_RPS}+ req/s, "
              f"p99 < {TARGET_P99_MS} ms, each kind")  # fmt: skip
        if args.keep_log:
            print(log.read_text()[-2000:])
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(data_dir, ignore_errors=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
