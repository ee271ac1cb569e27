"""Bounded reading of untrusted files: size caps, capped zip members, capped text, isolation.

Every reader of a file that a person uploads or hands to the command line (the pre-publication
screen, the annual-report auditor, the catalogue's attachment check) reads through here, so a
hostile file is refused the same way everywhere: a `LimitExceeded` with a one-line English reason
(CLI, logs) and a Chinese one (UI), never a hang or a worker taken to gigabytes.

Two layers. The caps below stop the known shapes early and cheaply (a zip member whose declared
or actual inflated size is too large, too much text, too many pages). `isolated` runs a whole
reader in a child process with an address-space limit and a wall-clock timeout, so whatever the
caps do not foresee (a deflate bomb inside a PDF filter chain, a pathological table) costs at
most that budget. Plain Python, no Django.
"""

from __future__ import annotations

import os
import pickle
import re
import resource
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Callable
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
#: Pages of one PDF.
MAX_PDF_PAGES = 2_000
#: Decoded size of one PDF stream that the text reader decodes (content, fonts, object streams).
MAX_PDF_STREAM_BYTES = 16 * MiB
#: Decoded size of all such streams of one PDF together.
MAX_PDF_DECODED_BYTES = 128 * MiB
#: Wall-clock seconds and address space of one isolated reading (`isolated`).
TIME_LIMIT = 20.0
MEMORY_LIMIT = 768 * MiB

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
        raise LimitExceeded(
            f"reading took longer than {seconds:g} s", f"读取超过{seconds:g}秒仍未完成，已中止"
        ) from None
    if done.returncode != 0 or not done.stdout:
        if b"MemoryError" in done.stderr or done.returncode in (-9, -6, -11):
            raise LimitExceeded(
                f"reading needed more than {_mb(memory)} of memory", f"读取所需内存超过{_mb(memory)}，已中止"
            )
        raise LimitExceeded(
            f"reader stopped ({_last_line(done.stderr) or f'exit status {done.returncode}'})",
            "读取程序异常终止",
        )
    ok, value = pickle.loads(done.stdout)
    if ok:
        return value
    raise value


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
    try:
        outcome: tuple[bool, Any] = (True, func(*args))
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001 - every failure of the call goes back to the caller
        outcome = (False, exc)
    try:
        data = pickle.dumps(outcome)
    except Exception as exc:  # noqa: BLE001 - an exception that cannot be pickled goes back as text
        data = pickle.dumps((False, RuntimeError(f"{type(outcome[1]).__name__}: {outcome[1]} ({exc})")))
    stdout.write(data)
    stdout.flush()


if __name__ == "__main__":
    _child(int(sys.argv[1]), int(sys.argv[2]), sys.stdin.buffer, sys.stdout.buffer)
