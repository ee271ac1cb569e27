"""`gongkai report audit` reads many files through one long-lived bounded worker (`limits.WorkerPool`):
one process start for all of them, a file over the time or memory limit or one that kills the
worker refused with its one English line, and the files after it still audited, in input order."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from gongkai import clock, limits
from gongkai.annual import audit
from gongkai.annual.parse import read
from gongkai.cli import cli
from tests.annual import misbehaving_readers
from tests.annual.test_audit_cli import SEED_FACTS
from tests.conftest import REPO_ROOT

#: seconds a misbehaving file gets in these tests (a fresh worker starts well within it)
SECONDS = 4.0


@pytest.fixture
def spawned(monkeypatch):
    """The worker processes started, counted; the workers can import the tests' readers."""
    monkeypatch.setenv(
        "PYTHONPATH", os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")]))
    )
    started: list[int] = []
    spawn = limits._spawn

    def counting(*args, **kwargs):
        process = spawn(*args, **kwargs)
        started.append(process.pid)
        return process

    monkeypatch.setattr(limits, "_spawn", counting)
    return started


def copies(seeds_dir: Path, folder: Path, names: list[str]) -> list[str]:
    """Files named `names` in `folder`, each a copy of the seeds in turn."""
    seeds = [seeds_dir / name for name, *_ in SEED_FACTS]
    paths = []
    for i, name in enumerate(names):
        shutil.copyfile(seeds[i % len(seeds)], folder / name)
        paths.append(str(folder / name))
    return paths


def agency_of(path: str) -> str:
    return read(path).agency or ""


def test_many_files_go_through_one_worker(seeds_dir, tmp_path, spawned):
    paths = copies(seeds_dir, tmp_path, [f"{i:03d}.txt" for i in range(40)])
    result = CliRunner().invoke(cli, ["report", "audit", "--json", *paths])
    assert result.exit_code == 0, result.stderr
    assert len(spawned) == 1
    data = json.loads(result.stdout)
    assert [d["source"] for d in data] == paths
    facts = [agency for _, agency, *_ in SEED_FACTS]
    assert [d["agency"] for d in data] == [facts[i % len(facts)] for i in range(40)]
    with limits.WorkerPool() as pool:
        pids = [outcome for _, outcome in pool.map(misbehaving_readers.process_of, paths)]
    assert len(set(pids)) == 1 and os.getpid() not in pids


def test_jobs_starts_as_many_workers_and_keeps_the_order(seeds_dir, tmp_path, spawned):
    paths = copies(seeds_dir, tmp_path, [f"{i:03d}.txt" for i in range(12)])
    one = CliRunner().invoke(cli, ["report", "audit", "--json", *paths])
    assert len(spawned) == 1
    two = CliRunner().invoke(cli, ["report", "audit", "--json", "--jobs", "2", *paths])
    assert len(spawned) == 3
    assert two.exit_code == one.exit_code == 0
    assert json.loads(two.stdout) == json.loads(one.stdout)
    assert CliRunner().invoke(cli, ["report", "audit", "--jobs", "-1", *paths]).exit_code == 2


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_worker_killed_mid_file_refuses_that_file_and_the_next_ones_are_audited(
    seeds_dir, tmp_path, spawned, jobs
):
    names = [
        "000.txt",
        "sleep.txt",
        "001.txt",
        "spin.txt",
        "002.txt",
        "crash.txt",
        "003.txt",
        "hog.txt",
        "004.txt",
    ]
    paths = copies(seeds_dir, tmp_path, names)
    started = time.monotonic()
    results = audit.audit_files(
        paths, jobs=jobs, seconds=SECONDS, reader=misbehaving_readers.misbehaving_read
    )
    assert time.monotonic() - started < 4 * SECONDS + 10
    assert [a.source for a in results] == paths
    errors = {Path(a.source).name: a.error for a in results if a.report is None}
    assert errors == {
        "sleep.txt": f"reading took longer than {SECONDS:g} s",
        "spin.txt": f"reading took longer than {SECONDS:g} s",
        "crash.txt": "reader stopped (exit status 7)",
        "hog.txt": f"reading needed more than {limits.MEMORY_LIMIT // limits.MiB} MB of memory",
    }
    for audited in results:
        if audited.report is not None:
            assert audited.error is None and audited.report == read(audited.source)
            assert audited.report.agency == agency_of(audited.source)
    # each misbehaving file cost its worker, and only those (a second worker may not be needed again)
    assert len(spawned) == 5 if jobs == 1 else jobs + 3 <= len(spawned) <= jobs + 4


def test_the_command_refuses_an_overrun_with_one_line_and_exit_2(seeds_dir, tmp_path, spawned, monkeypatch):
    import gongkai.annual.parse

    paths = copies(seeds_dir, tmp_path, ["000.txt", "sleep.txt", "001.txt"])
    monkeypatch.setattr(limits, "TIME_LIMIT", SECONDS)
    monkeypatch.setattr(gongkai.annual.parse, "read", misbehaving_readers.misbehaving_read)
    result = CliRunner().invoke(cli, ["report", "audit", "--json", *paths])
    assert result.exit_code == 2
    assert result.stderr == f"gongkai: {paths[1]}: reading took longer than {SECONDS:g} s\n"
    data = json.loads(result.stdout)
    assert [d["source"] for d in data] == paths
    assert data[1] == {"source": paths[1], "error": f"reading took longer than {SECONDS:g} s"}
    assert [d.get("agency") for d in data] == [SEED_FACTS[0][1], None, SEED_FACTS[2][1]]
    assert len(spawned) == 2


# --- limits.Worker itself -----------------------------------------------------------------------


def test_a_worker_serves_call_after_call_and_passes_exceptions_back(seeds_dir, spawned):
    seed = str(seeds_dir / SEED_FACTS[4][0])
    with limits.Worker(seconds=SECONDS) as worker:
        assert worker.call(read, seed) == read(seed)
        with pytest.raises(ZeroDivisionError):
            worker.call(divmod, 1, 0)
        assert worker.call(misbehaving_readers.print_and_read, seed) == read(seed)
        first = worker.call(os.getpid)
        assert worker.call(os.getpid) == first != os.getpid()
    assert len(spawned) == 1


def test_a_worker_is_replaced_after_its_calls(spawned):
    with limits.Worker(seconds=SECONDS, max_calls=3) as worker:
        pids = [worker.call(os.getpid) for _ in range(7)]
    assert len(spawned) == 3 and len(set(pids)) == 3


def test_a_worker_reads_the_clock_of_each_call():
    with limits.Worker(seconds=SECONDS) as worker:
        with clock.moved_to(dt.date(2031, 5, 6)):
            assert worker.call(clock.today) == dt.date(2031, 5, 6)
        with clock.moved_to(dt.date(2029, 1, 2)):
            assert worker.call(clock.today) == dt.date(2029, 1, 2)


def test_a_worker_that_died_while_idle_is_replaced_for_the_next_call(spawned):
    with limits.Worker(seconds=SECONDS) as worker:
        pid = worker.call(os.getpid)
        os.kill(pid, 9)
        time.sleep(0.2)
        assert worker.call(os.getpid) != pid
    assert len(spawned) == 2


def test_an_answer_that_cannot_be_unpickled_is_that_files_error(seeds_dir, spawned):
    seed = str(seeds_dir / SEED_FACTS[4][0])
    with limits.Worker(seconds=SECONDS) as worker:
        with pytest.raises(TypeError):
            worker.call(misbehaving_readers.raise_unrebuildable, seed)
        assert worker.call(read, seed) == read(seed)
    assert len(spawned) == 1
