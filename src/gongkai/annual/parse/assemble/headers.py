"""A table's header rows → where each column's value stands in the rows below it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class HeaderMap:
    grid: dict[int, str]  #: column position in a row of ``width`` cells → column key
    width: int
    sequence: list[str]  #: column keys in printed order, for rows of another width
    #: money columns whose header gives the unit as 元 (采购总金额（元）): their numbers are 元
    yuan: frozenset[str] = frozenset()


def _match_column(text: str, columns: dict[str, str], groups: dict[str, tuple[str, ...]]) -> str | None:
    """The column (or "group:<label>") a header cell names: exact, then the longest label it contains,
    then the one label it begins (a vertical header's prefix)."""
    if not text:
        return None
    if text in columns:
        return columns[text]
    if text in groups:
        return f"group:{text}"
    best = max((label for label in columns if len(label) >= 2 and label in text), key=len, default=None)
    if best is not None:
        return columns[best]
    if len(text) >= 2:
        keys = {key for label, key in columns.items() if label.startswith(text)}
        if len(keys) == 1:
            return keys.pop()
    return None


def _yuan(cells: list[str], columns: dict[str, str]) -> frozenset[str]:
    return frozenset(
        key
        for cell in cells
        if "元" in cell and "万元" not in cell and (key := _match_column(cell, columns, {})) is not None
    )


def header_map(
    headers: list[list[str]], columns: dict[str, str], groups: dict[str, tuple[str, ...]]
) -> HeaderMap | None:
    if not headers:
        return None
    rows = headers
    # a header split over several lines of equal width: join each column's pieces
    tail = [headers[-1]]
    for row in reversed(headers[:-1]):
        if len(row) != len(tail[0]):
            break
        tail.insert(0, row)
    if len(tail) >= 2:
        merged = ["".join(parts) for parts in zip(*tail, strict=True)]
        grid = {i: k for i, cell in enumerate(merged) if (k := _match_column(cell, columns, {})) is not None}
        if grid:
            return HeaderMap(grid, len(merged), list(grid.values()), _yuan(merged, columns))
    matched = [[_match_column(cell, columns, groups) for cell in row] for row in rows]
    top = next((i for i, row in enumerate(matched) if any(row)), None)
    if top is None:
        return None
    sequence: list[str] = []
    below = [k for row in matched[top + 1 :] for k in row if k and not k.startswith("group:")]
    for key in matched[top]:
        if key is None:
            continue
        if key.startswith("group:"):
            members = groups[key[6:]]
            sequence.extend(k for k in below if k in members)
        else:
            sequence.append(key)
    grid = {i: k for i, k in enumerate(matched[top]) if k and not k.startswith("group:")}
    if any(k.startswith("group:") for k in matched[top] if k):
        grid = {}
    return HeaderMap(grid, len(rows[top]) if grid else -1, sequence, _yuan(rows[top], columns))


def continued(before: HeaderMap | None, header: HeaderMap | None) -> HeaderMap | None:
    """A header repeated part-way down a table (a page break) naming only some columns: it moves
    those columns, the others stay where the full header put them."""
    if before is None or header is None or set(before.sequence) <= set(header.sequence):
        return header
    if not (before.grid and header.grid and before.width == header.width):
        return before
    moved = set(header.grid.values())
    grid = {i: k for i, k in before.grid.items() if k not in moved} | header.grid
    return HeaderMap(grid, header.width, [grid[i] for i in sorted(grid)], before.yuan | header.yuan)
