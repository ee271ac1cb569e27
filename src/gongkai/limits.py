"""Bounded reading of untrusted files: size caps, capped zip members, capped text, isolation.

Every reader of a file that a person uploads or hands to the command line (the pre-publication
screen, the annual-report auditor, the catalogue's attachment check) reads through here, so a
hostile file is refused the same way everywhere: a `LimitExceeded` with a one-line English reason
(CLI, logs) and a Chinese one (UI), never a hang or a worker taken to gigabytes.

Two layers. The caps below stop the known shapes early and cheaply (a zip member whose declared
or actual inflated size is too large, too much text, too many pages). `isolated` runs a whole
reader in a child process with an address-space limit and a wall-clock timeout, so whatever the
caps do not foresee (a deflate bomb inside a PDF filter chain, a pathological table) costs at
most that budget. `WorkerPool` does the same for many files at once without starting a process per
file: long-lived children, limited in memory once at their start and in time for every call, fed
one call after another over a pipe and replaced when a call overruns or kills them. Plain Python,
no Django.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import re
import resource
import select
import signal
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any, TypeVar

MiB = 1024 * 1024

#: Largest file any reader opens (the catalogue accepts attachments up to 50 MB).
MAX_FILE_BYTES = 64 * MiB
#: Largest plain-text or HTML file: beyond a few million characters nothing is a document to screen.
MAX_TEXT_FILE_BYTES = 16 * MiB
#: Characters of text one document may yield (about 1,500 pages of Chinese; screened in ~2.5 s).
MAX_TEXT_CHARS = 3_000_000
#: Members of one zip package (a Word file has a few dozen).
MAX_ZIP_MEMBERS = 5_000
#: Inflated size of one zip member, declared and actual (a 1,000-page document.xml is ~30 MB).
MAX_MEMBER_BYTES = 48 * MiB
#: Inflated size of all members of one zip package together.
MAX_ZIP_BYTES = 256 * MiB
#: Worksheet XML of one workbook read whole (openpyxl builds an object per cell, ~0.3 s per MB).
MAX_SHEET_BYTES = 16 * MiB
#: Rows holding a value, and cells (blank ones within a row included), that a reader of a
#: workbook's tables walks through (an annual report's tables have about 100 rows and 2,000 cells).
MAX_SHEET_ROWS = 20_000
MAX_SHEET_CELLS = 500_000
#: Pages of one PDF.
MAX_PDF_PAGES = 2_000
#: Decoded size of one PDF stream that the text reader decodes (content, fonts, object streams).
MAX_PDF_STREAM_BYTES = 16 * MiB
#: Decoded size of all such streams of one PDF together.
MAX_PDF_DECODED_BYTES = 128 * MiB
#: Wall-clock seconds and address space of one isolated reading (`isolated`).
TIME_LIMIT = 20.0
MEMORY_LIMIT = 768 * MiB
#: Calls one `Worker` child serves before a fresh one replaces it, so whatever a file could leave
#: behind in it (caches, fragmented memory) lasts a bounded while.
MAX_WORKER_CALLS = 1_000

_CHUNK = 1 * MiB

T = TypeVar("T")


class LimitExceeded(ValueError):
    """A file over one of the limits: ``str()`` is the English reason, ``zh`` the Chinese one."""

    def __init__(self, message: str, zh: str) -> None:
        super().__init__(message)
        self.zh = zh

    def __reduce__(self):
        return (type(self), (str(self), self.zh))


def _mb(n: int) -> str:
    return f"{n / MiB:.0f} MB"


# --- files and text -------------------------------------------------------------------------------


def read_file(path: str | Path, cap: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of `path`, refused when larger than `cap` (checked before and while reading)."""
    with open(path, "rb") as fh:
        if os.fstat(fh.fileno()).st_size > cap:
            raise too_large_file(cap)
        data = fh.read(cap + 1)
    if len(data) > cap:
        raise too_large_file(cap)
    return data


def check_file_size(path: str | Path, cap: int = MAX_FILE_BYTES) -> None:
    """Refuse a file larger than `cap` by its size on disk, without reading it."""
    if os.stat(path).st_size > cap:
        raise too_large_file(cap)


def too_large_file(cap: int) -> LimitExceeded:
    return LimitExceeded(f"file larger than {_mb(cap)}", f"文件超过{_mb(cap)}上限")


def check_text_bytes(data: bytes, cap: int = MAX_TEXT_FILE_BYTES) -> None:
    """Refuse a plain-text or HTML file larger than `cap` before it is decoded."""
    if len(data) > cap:
        raise LimitExceeded(f"text file larger than {_mb(cap)}", f"文本文件超过{_mb(cap)}上限")


class TextBudget:
    """Counts the characters a reader yields; refuses the document past `cap` characters.

    A screen that silently stopped at the cap could be bypassed by putting the personal data after
    it, so the whole document is refused instead.
    """

    def __init__(self, cap: int = MAX_TEXT_CHARS) -> None:
        self.cap = cap
        self.used = 0

    def take(self, text: str) -> str:
        """`text`, counted."""
        self.add(len(text))
        return text

    def add(self, count: int) -> int:
        """`count` more characters, counted."""
        self.used += count
        if self.used > self.cap:
            raise LimitExceeded(
                f"more than {self.cap:,} characters of text",
                f"文字超过{self.cap // 10_000}万字，无法自动处理",
            )
        return count


# --- zip packages (Office Open XML, OFD, zip attachments) ---------------------------------------


def _zip_refusal(what: str, zh: str) -> LimitExceeded:
    return LimitExceeded(f"zip package {what}", f"压缩包{zh}")


def check_zip(archive: zipfile.ZipFile, *, inflate: bool = False) -> None:
    """Refuse a package with too many members or members too large once inflated.

    The declared sizes are always checked; with ``inflate`` every member is also streamed through
    with a cap, so a member that lies about its size is caught too (bounded: at most
    `MAX_ZIP_BYTES` are inflated, in chunks, nothing kept).
    """
    members = archive.infolist()
    if len(members) > MAX_ZIP_MEMBERS:
        raise _zip_refusal(f"has more than {MAX_ZIP_MEMBERS} members", f"内文件超过{MAX_ZIP_MEMBERS}个")
    declared = 0
    for info in members:
        _check_declared(info)
        declared += info.file_size
        if declared > MAX_ZIP_BYTES:
            raise _zip_refusal(
                f"inflates to more than {_mb(MAX_ZIP_BYTES)}", f"解压后超过{_mb(MAX_ZIP_BYTES)}"
            )
    if inflate:
        total = 0
        for info in members:
            with archive.open(info) as fh:
                total += _drain(fh, info.filename, MAX_MEMBER_BYTES)
            if total > MAX_ZIP_BYTES:
                raise _zip_refusal(
                    f"inflates to more than {_mb(MAX_ZIP_BYTES)}", f"解压后超过{_mb(MAX_ZIP_BYTES)}"
                )


def check_sheets(archive: zipfile.ZipFile) -> None:
    """Refuse a workbook whose worksheets together inflate beyond `MAX_SHEET_BYTES` (declared
    sizes suffice: zipfile never inflates a member past its declared size)."""
    size = sum(i.file_size for i in archive.infolist() if i.filename.startswith("xl/worksheets/"))
    if size > MAX_SHEET_BYTES:
        raise LimitExceeded(
            f"worksheets inflate to more than {_mb(MAX_SHEET_BYTES)}",
            f"工作表解压后合计超过{_mb(MAX_SHEET_BYTES)}",
        )


class SheetBudget:
    """Counts the rows and cells a workbook reader walks; refuses the workbook past `rows` rows
    holding a value or `cells` cells in all (a row padded out to a far column counts every
    position), so a sheet that declares a million rows or columns costs a bounded walk."""

    def __init__(self, rows: int | None = None, cells: int | None = None) -> None:
        self.rows = MAX_SHEET_ROWS if rows is None else rows
        self.cells = MAX_SHEET_CELLS if cells is None else cells
        self.used_rows = self.used_cells = 0

    def take(self, width: int, *, filled: bool) -> None:
        """One row of `width` positions (`filled` when any of them holds a value), counted."""
        self.used_cells += width
        self.used_rows += filled
        if self.used_cells > self.cells:
            raise LimitExceeded(f"workbook has more than {self.cells:,} cells", f"工作簿超过{self.cells}个单元格")
        if self.used_rows > self.rows:
            raise LimitExceeded(f"workbook has more than {self.rows:,} rows", f"工作簿超过{self.rows}行")


def _check_declared(info: zipfile.ZipInfo, cap: int = MAX_MEMBER_BYTES) -> None:
    if info.file_size > cap:
        raise _member_too_large(info.filename, cap)


def _member_too_large(name: str, cap: int) -> LimitExceeded:
    return _zip_refusal(f"member {name} inflates to more than {_mb(cap)}", f"内的{name}解压后超过{_mb(cap)}")


def _drain(fh: IO[bytes], name: str, cap: int) -> int:
    size = 0
    while chunk := fh.read(_CHUNK):
        size += len(chunk)
        if size > cap:
            raise _member_too_large(name, cap)
    return size


def read_member(archive: zipfile.ZipFile, name: str | zipfile.ZipInfo, cap: int = MAX_MEMBER_BYTES) -> bytes:
    """One member's bytes, refused when its declared or its actual inflated size exceeds `cap`.

    `KeyError` for a missing member, as `ZipFile.read`.
    """
    info = name if isinstance(name, zipfile.ZipInfo) else archive.getinfo(name)
    _check_declared(info, cap)
    parts: list[bytes] = []
    size = 0
    with archive.open(info) as fh:
        while chunk := fh.read(_CHUNK):
            size += len(chunk)
            if size > cap:
                raise _member_too_large(info.filename, cap)
            parts.append(chunk)
    return b"".join(parts)


# --- PDF ------------------------------------------------------------------------------------------

#: the keyword that starts a stream's data (not the end of "endstream")
_STREAM_START = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
#: the start of the indirect object holding a stream, to look at its dictionary
_OBJ_START = re.compile(rb"\d+\s+\d+\s+obj\b")
#: bytes looked back from a stream for its dictionary
_DICT_WINDOW = 4096


def check_pages(pages: int, cap: int = MAX_PDF_PAGES) -> None:
    if pages > cap:
        raise LimitExceeded(f"PDF has more than {cap} pages", f"PDF文件超过{cap}页")


def check_pdf(data: bytes) -> None:
    """Refuse a PDF whose Flate streams inflate beyond the caps, before a reader decodes them.

    pdfminer inflates a stream in one call, without a limit (and retries a damaged one byte by
    byte), so a 47 KB file can hold a content stream of 50 MB that then takes minutes to
    interpret. Every stream in the file is found by its keyword, wherever it sits (content, fonts,
    object and cross-reference streams, incremental updates), and inflated here in chunks up to
    `MAX_PDF_STREAM_BYTES`, nothing kept. Images are skipped: the text reader never decodes them.
    Streams this cannot see (encrypted ones, Flate behind another filter) are left to `isolated`.
    """
    view = memoryview(data)
    total = 0
    for match in _STREAM_START.finditer(data):
        head = data[max(0, match.start() - _DICT_WINDOW) : match.start()]
        objects = list(_OBJ_START.finditer(head))
        dictionary = head[objects[-1].end() :] if objects else head
        if b"/Image" in dictionary:
            continue
        size = _inflated_size(view, match.end(), MAX_PDF_STREAM_BYTES)
        if size > MAX_PDF_STREAM_BYTES:
            raise LimitExceeded(
                f"PDF stream inflates to more than {_mb(MAX_PDF_STREAM_BYTES)} (a deflate bomb?)",
                f"PDF文件中的数据流解压后超过{_mb(MAX_PDF_STREAM_BYTES)}",
            )
        total += size
        if total > MAX_PDF_DECODED_BYTES:
            raise LimitExceeded(
                f"PDF streams inflate to more than {_mb(MAX_PDF_DECODED_BYTES)}",
                f"PDF文件的数据流解压后合计超过{_mb(MAX_PDF_DECODED_BYTES)}",
            )


def _inflated_size(data: memoryview, start: int, cap: int) -> int:
    """How many bytes the zlib stream at `start` inflates to, counting no further than ``cap + 1``;
    0 when no zlib stream starts there."""
    inflater = zlib.decompressobj()
    size, pos = 0, start
    try:
        while pos < len(data) and not inflater.eof and size <= cap:
            pending: bytes | memoryview = data[pos : pos + _CHUNK]
            pos += len(pending)
            while pending and size <= cap:
                size += len(inflater.decompress(pending, cap + 1 - size))
                pending = inflater.unconsumed_tail
    except zlib.error:
        pass  # not zlib, or damaged: count what came out before
    return size


# --- isolation ----------------------------------------------------------------------------------


def isolated(
    func: Callable[..., T], *args: Any, seconds: float = TIME_LIMIT, memory: int = MEMORY_LIMIT
) -> T:
    """``func(*args)`` run in a child Python process limited to `seconds` of wall-clock time and
    `memory` bytes of address space; its result or its exception comes back as if run here.

    `func` must be a module-level function and its arguments and result picklable. The child
    reads the clock of this process (`gongkai.clock`), so a moved clock stays moved. Over either
    limit, or when the child dies, `LimitExceeded`. The child runs our own code on the hostile
    file; what it sends back is unpickled here, which trusts that code, not the file.
    """
    from gongkai import clock

    payload = pickle.dumps((func, args, clock.now()))
    command = [sys.executable, "-m", "gongkai.limits", str(int(memory)), str(int(seconds) + 1)]
    try:
        done = subprocess.run(command, input=payload, capture_output=True, timeout=seconds, check=False)
    except subprocess.TimeoutExpired:
        raise _too_slow(seconds) from None
    if done.returncode != 0 or not done.stdout:
        raise _died(done.returncode, done.stderr, seconds, memory)
    ok, value = pickle.loads(done.stdout)
    if ok:
        return value
    raise value


def _too_slow(seconds: float) -> LimitExceeded:
    return LimitExceeded(f"reading took longer than {seconds:g} s", f"读取超过{seconds:g}秒仍未完成，已中止")


def _died(returncode: int | None, stderr: bytes, seconds: float, memory: int) -> LimitExceeded:
    """Why a child stopped without an answer: out of memory, out of CPU time, or otherwise."""
    if b"MemoryError" in stderr or returncode in (_EXIT_MEMORY, -9, -6, -11):
        return LimitExceeded(
            f"reading needed more than {_mb(memory)} of memory", f"读取所需内存超过{_mb(memory)}，已中止"
        )
    if returncode == -signal.SIGXCPU:
        return _too_slow(seconds)
    return LimitExceeded(
        f"reader stopped ({_last_line(stderr) or f'exit status {returncode}'})", "读取程序异常终止"
    )


def _last_line(stderr: bytes) -> str:
    lines = stderr.decode("utf-8", "replace").strip().splitlines()
    return lines[-1][:200] if lines else ""


def _child(memory: int, cpu_seconds: int, stdin: IO[bytes], stdout: IO[bytes]) -> None:
    """The child's side of `isolated`: limit itself, run the call, send back result or exception."""
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
    from gongkai import clock

    func, args, now = pickle.loads(stdin.read())
    clock.set_to(now)
    stdout.write(_pickled(_outcome(func, args)))
    stdout.flush()


def _outcome(func: Callable[..., Any], args: tuple[Any, ...]) -> tuple[bool, Any]:
    """(True, result) or (False, the exception) of one call in a child; running out of memory is
    not an outcome: it stops the child (the caller reports it from the exit)."""
    try:
        return True, func(*args)
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001 - every failure of the call goes back to the caller
        return False, exc


def _pickled(outcome: tuple[bool, Any]) -> bytes:
    try:
        return pickle.dumps(outcome)
    except Exception as exc:  # noqa: BLE001 - an exception that cannot be pickled goes back as text
        return pickle.dumps((False, RuntimeError(f"{type(outcome[1]).__name__}: {outcome[1]} ({exc})")))


# --- long-lived isolated workers -------------------------------------------------------------------

#: exit status of a worker child that ran out of memory (it exits rather than go on half-broken)
_EXIT_MEMORY = 3
#: a message's length, before its pickle, on the pipes between a `Worker` and its child
_HEADER = struct.Struct(">Q")
#: the tail of a dead child's stderr read for its last line
_STDERR_TAIL = 8192
#: seconds a child that was told to stop (its stdin closed) gets to exit before it is killed
_EXIT_GRACE = 2.0


def _spawn(memory: int, cpu_seconds: int, stderr: IO[bytes]) -> subprocess.Popen[bytes]:
    """A fresh worker child (`_serve`): one process start, whatever the number of calls it serves."""
    return subprocess.Popen(
        [sys.executable, "-m", "gongkai.limits", "serve", str(int(memory)), str(int(cpu_seconds))],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=stderr,
    )


class Worker:
    """One long-lived child process that runs call after call under the limits of `isolated`.

    The child limits its address space to `memory` once, at its start; before each call it allows
    itself `seconds` more CPU time (a busy loop ends with SIGXCPU), and this side gives each call
    `seconds` of wall-clock time from the moment it is sent. A call over a limit, or one during
    which the child dies, is a `LimitExceeded` with the same reasons as `isolated`; the child is
    then killed and the next call starts a fresh one, as does every `max_calls`-th call. A
    function's own exception comes back as it is and leaves the child running.

    `submit` sends a call, `collect` reads its answer when the child's pipe (`fileno`) is
    readable, `expire` gives up on it: what `WorkerPool` drives for many workers; `call` does all
    three for one call.
    """

    def __init__(
        self, *, seconds: float = TIME_LIMIT, memory: int = MEMORY_LIMIT, max_calls: int = MAX_WORKER_CALLS
    ) -> None:
        self.seconds, self.memory, self.max_calls = seconds, memory, max_calls
        self.busy = False
        self.deadline = 0.0
        self._proc: subprocess.Popen[bytes] | None = None
        self._stderr: IO[bytes] | None = None
        self._calls = 0
        self._buffer = bytearray()

    def fileno(self) -> int:
        assert self._proc is not None and self._proc.stdout is not None
        return self._proc.stdout.fileno()

    def submit(self, func: Callable[..., Any], *args: Any) -> None:
        """Send ``func(*args)`` to the child (starting one when there is none or it has served
        its calls); its deadline starts now."""
        from gongkai import clock

        assert not self.busy, "one call at a time"
        payload = pickle.dumps((func, args, clock.now()))
        message = _HEADER.pack(len(payload)) + payload
        if self._proc is not None and (self._calls >= self.max_calls or self._proc.poll() is not None):
            self.close()
        for attempt in range(2):
            if self._proc is None:
                self._start()
            assert self._proc is not None and self._proc.stdin is not None and self._stderr is not None
            self._stderr.seek(0)
            self._stderr.truncate()
            try:
                self._proc.stdin.write(message)
                self._proc.stdin.flush()
                break
            except OSError:  # the child died while idle: a fresh one takes the call
                self._kill()
                if attempt:
                    raise
        self._calls += 1
        self._buffer.clear()
        self.busy = True
        self.deadline = time.monotonic() + self.seconds

    def collect(self) -> tuple[bool, Any] | None:
        """Read what the child has sent (call when `fileno` is readable): ``(True, result)``,
        ``(False, exception)``, or None while the answer is still incomplete."""
        chunk = os.read(self.fileno(), 1 << 16)
        if not chunk:
            return self._lost()
        self._buffer += chunk
        if len(self._buffer) < _HEADER.size:
            return None
        (size,) = _HEADER.unpack_from(self._buffer)
        if len(self._buffer) < _HEADER.size + size:
            return None
        try:
            outcome = pickle.loads(memoryview(self._buffer)[_HEADER.size : _HEADER.size + size])
        except Exception as exc:  # noqa: BLE001 - e.g. an exception type that cannot be rebuilt here
            outcome = (False, exc)
        self._buffer.clear()
        self.busy = False
        return outcome

    def expire(self) -> tuple[bool, Any]:
        """The call is past its deadline: its answer if it has come in meanwhile, else the child
        is killed and the call refused."""
        while _readable([self], 0):
            outcome = self.collect()
            if outcome is not None:
                return outcome
        self._kill()
        return (False, _too_slow(self.seconds))

    def call(self, func: Callable[..., T], *args: Any) -> T:
        """``func(*args)`` in the child, as `isolated` does it but without a process start."""
        self.submit(func, *args)
        outcome = None
        while outcome is None:
            left = self.deadline - time.monotonic()
            if left <= 0 or not _readable([self], left):
                outcome = self.expire()
            else:
                outcome = self.collect()
        ok, value = outcome
        if ok:
            return value
        raise value

    def close(self) -> None:
        """Let the child exit (its stdin closed), killing it if it is busy or slow to go."""
        proc, self._proc = self._proc, None
        if proc is not None:
            if self.busy:
                proc.kill()
            assert proc.stdin is not None and proc.stdout is not None
            with contextlib.suppress(OSError):  # a dead child's pipe
                proc.stdin.close()
            try:
                proc.wait(_EXIT_GRACE)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            proc.stdout.close()
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None
        self.busy = False
        self._calls = 0

    def __enter__(self) -> Worker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self) -> None:
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as the child, closed by close()
        self._proc = _spawn(self.memory, int(self.seconds) + 1, self._stderr)
        self._calls = 0

    def _kill(self) -> None:
        if self._proc is not None:
            self._proc.kill()
        self.busy = True  # so close() does not wait for a graceful exit
        self.close()

    def _lost(self) -> tuple[bool, Any]:
        """The child closed its end mid-call: it died; why, from its exit status and stderr."""
        assert self._proc is not None and self._stderr is not None
        try:
            returncode: int | None = self._proc.wait(_EXIT_GRACE)
        except subprocess.TimeoutExpired:
            returncode = None
        self._stderr.seek(0, os.SEEK_END)
        self._stderr.seek(max(0, self._stderr.tell() - _STDERR_TAIL))
        stderr = self._stderr.read()
        self._kill()
        return (False, _died(returncode, stderr, self.seconds, self.memory))


class WorkerPool:
    """`jobs` `Worker`s (started when first needed) that `map` feeds with one call each at a
    time, yielding every call's outcome in input order while the workers go on with the next ones.
    """

    def __init__(
        self,
        jobs: int = 1,
        *,
        seconds: float = TIME_LIMIT,
        memory: int = MEMORY_LIMIT,
        max_calls: int = MAX_WORKER_CALLS,
    ) -> None:
        self.workers = [
            Worker(seconds=seconds, memory=memory, max_calls=max_calls) for _ in range(max(1, jobs))
        ]

    def map(self, func: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[tuple[bool, Any]]:
        """``func(item)`` for every item, each in a worker: ``(True, result)`` or
        ``(False, exception)`` per item, in the items' order (a refused call is a `LimitExceeded`).
        """
        pending = iter(items)
        exhausted = False
        index: dict[Worker, int] = {}
        ready: dict[int, tuple[bool, Any]] = {}
        sent = given = 0
        while True:
            for worker in self.workers:  # keep every worker busy before handing anything back
                if worker.busy or exhausted:
                    continue
                try:
                    item = next(pending)
                except StopIteration:
                    exhausted = True
                    break
                try:
                    worker.submit(func, item)
                    index[worker] = sent
                except OSError as exc:
                    ready[sent] = (
                        False,
                        LimitExceeded(f"reader could not start ({exc})", "读取程序无法启动"),
                    )
                sent += 1
            while given in ready:
                yield ready.pop(given)
                given += 1
            busy = [w for w in self.workers if w.busy]
            if not busy:
                if exhausted and given == sent:
                    return
                continue
            wait = max(0.0, min(w.deadline for w in busy) - time.monotonic())
            for worker in _readable(busy, wait):
                outcome = worker.collect()
                if outcome is not None:
                    ready[index.pop(worker)] = outcome
            now = time.monotonic()
            for worker in busy:
                if worker.busy and worker.deadline <= now:
                    ready[index.pop(worker)] = worker.expire()

    def close(self) -> None:
        for worker in self.workers:
            worker.close()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _readable(workers: list[Worker], timeout: float) -> list[Worker]:
    """Those of the workers whose child has sent something (or closed its end), waiting at most
    `timeout` seconds for one (poll, not select: no limit on descriptor numbers)."""
    poller = select.poll()
    by_fd = {worker.fileno(): worker for worker in workers}
    for fd in by_fd:
        poller.register(fd, select.POLLIN)
    return [by_fd[fd] for fd, _ in poller.poll(max(0, int(timeout * 1000 + 0.999)))]


def _serve(memory: int, cpu_seconds: int, stdin: IO[bytes], stdout: IO[bytes]) -> None:
    """A `Worker`'s child: limit its memory once, then run call after call until stdin closes,
    each with `cpu_seconds` more CPU time, sending back each result or exception."""
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    from gongkai import clock

    while True:
        header = stdin.read(_HEADER.size)
        if len(header) < _HEADER.size:
            return
        (size,) = _HEADER.unpack(header)
        func, args, now = pickle.loads(stdin.read(size))
        clock.set_to(now)
        usage = resource.getrusage(resource.RUSAGE_SELF)
        limit = int(usage.ru_utime + usage.ru_stime) + cpu_seconds + 1
        resource.setrlimit(
            resource.RLIMIT_CPU, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard)
        )
        try:
            data = _pickled(_outcome(func, args))
        except MemoryError:
            os._exit(_EXIT_MEMORY)  # whatever it was doing is half done: a fresh child takes over
        stdout.write(_HEADER.pack(len(data)))
        stdout.write(data)
        stdout.flush()


def _serve_main(memory: int, cpu_seconds: int) -> None:
    """Run `_serve` on this process's stdin and a private copy of its stdout: whatever the code
    it runs prints goes to stderr, never into the answers."""
    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    _serve(memory, cpu_seconds, sys.stdin.buffer, answers)


if __name__ == "__main__":
    if sys.argv[1] == "serve":
        _serve_main(int(sys.argv[2]), int(sys.argv[3]))
    else:
        _child(int(sys.argv[1]), int(sys.argv[2]), sys.stdin.buffer, sys.stdout.buffer)
