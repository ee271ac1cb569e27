"""Rows whose cells lost their separators, as crawled archives and PDF text print them: cells
glued together (``713000074`` for 71, 3, 0, 0, 0, 0, 74), or blank cells dropped (``5 5`` for a
row of seven). Every reading into whole numbers that fits the table's identities is listed;
which one stands is the assembler's call, and a row with more than one is reported, never guessed."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import combinations

_MAX_SPLITS = 256
#: the most cuts tried in one glued row before giving up on it
_MAX_STEPS = 200_000
#: no cell of these tables runs to eight digits: a longer piece of a glued row is no split
_MAX_CELL_DIGITS = 7


def split_glued(
    segments: Sequence[str], parts: int, accept: Callable[[tuple[int, ...]], bool]
) -> list[tuple[int, ...]] | None:
    """Every way to cut digit strings into ``parts`` whole numbers (no leading zeros) that ``accept``
    takes; the segments' own boundaries are kept, and a sign starts a cell (``4-40``: 4, -4, 0 or
    4, -40). None when there are too many ways to try: the cells are then left unread rather than
    guessed."""
    out: list[tuple[int, ...]] = []
    pieces = [p for seg in segments for p in _SIGNED.findall(seg)]
    text = "".join(p.lstrip("+-−") for p in pieces)
    boundaries = set()
    negative = set()
    pos = 0
    for seg in pieces:
        if seg[0] in "-−":
            negative.add(pos)
        pos += len(seg.lstrip("+-−"))
        boundaries.add(pos)
    n = len(text)
    steps = 0

    def walk(start: int, acc: list[int]) -> bool:
        """False once the search is cut short."""
        nonlocal steps
        steps += 1
        if steps > _MAX_STEPS or len(out) > _MAX_SPLITS:
            return False
        left = parts - len(acc)
        if start == n:
            if left == 0 and accept(tuple(acc)):
                out.append(tuple(acc))
            return True
        if left == 0 or n - start < left:
            return True
        for end in range(start + 1, min(n, start + _MAX_CELL_DIGITS) + 1):
            piece = text[start:end]
            if len(piece) > 1 and piece[0] == "0":
                break
            acc.append(-int(piece) if start in negative else int(piece))
            complete = walk(end, acc)
            acc.pop()
            if not complete:
                return False
            if end in boundaries:
                break
        return True

    return out if walk(0, []) else None


def place_gapped(
    numbers: Sequence[int], parts: int, accept: Callable[[tuple[int, ...]], bool]
) -> dict[tuple[int, ...], frozenset[int]]:
    """Every way to spread the numbers of a row whose blank cells were dropped (PDF text, space-
    separated rows) over ``parts`` cells, in printed order, the other cells blank (0), that
    ``accept`` takes: the row's values → the positions left blank in some placement giving them."""
    out: dict[tuple[int, ...], frozenset[int]] = {}
    if not 0 < len(numbers) < parts:
        return out
    for filled in combinations(range(parts), len(numbers)):
        values = [0] * parts
        for at, number in zip(filled, numbers, strict=True):
            values[at] = number
        row = tuple(values)
        if accept(row):
            out[row] = out.get(row, frozenset()) | (frozenset(range(parts)) - set(filled))
    return out


def is_glued(segments: list[str], parts: int) -> bool:
    """Digits enough for every cell of the row, in fewer pieces than cells: cells glued together
    (a sign may stand before a cell: 4-40)."""
    return (
        bool(segments)
        and all(_GLUED.fullmatch(v) for v in segments)
        and sum(len(v.replace("-", "").replace("+", "").replace("−", "")) for v in segments) >= parts
    )


#: digits with signs inside, each sign starting a cell
_GLUED = re.compile(r"[+\-−]?\d+(?:[+\-−]\d+)*")
_SIGNED = re.compile(r"[+\-−]?\d+")
