"""Clean-up shared by the readers of files that merge cells (HTML, Word, PDF)."""

from __future__ import annotations


def drop_sliver_columns(rows: list[list[str]], origins: set[tuple[int, int]]) -> list[list[str]]:
    """The grid without the columns in which no cell starts.

    Word, and the converters that write HTML from it, leave such sliver columns where the cell
    edges of different rows almost meet. Every cell over one is a merged cell spanning it, so it
    holds nothing of its own; kept, it would shift the cells after it in the rows where it stands
    as an empty covered position (a 总计 spanning two grid columns over one number).
    """
    keep = sorted({c for _, c in origins})
    return [[row[c] if c < len(row) else "" for c in keep] for row in rows]
