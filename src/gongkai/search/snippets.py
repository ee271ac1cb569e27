"""Highlighted titles and snippets (pure): matches found in the normalised text, marked in the
original text, everything HTML-escaped, matches wrapped in ``<mark>``."""

from __future__ import annotations

from html import escape

from gongkai.search.analyzer import normalize_aligned

#: Characters of text shown around the first match.
SNIPPET_CHARS = 120
#: Characters shown before the first match.
LEAD_CHARS = 24


def _spans(text: str, needles: tuple[str, ...]) -> list[tuple[int, int]]:
    """Merged (start, end) spans of `text` whose normalised form is one of `needles`."""
    normalized, owners = normalize_aligned(text)
    found: list[tuple[int, int]] = []
    for needle in needles:
        if not needle:
            continue
        at = normalized.find(needle)
        while at >= 0:
            found.append((owners[at], owners[at + len(needle) - 1] + 1))
            at = normalized.find(needle, at + len(needle))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _marked(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    out, at = [], start
    for s, e in spans:
        s, e = max(s, start), min(e, end)
        if s >= e:
            continue
        out.append(escape(text[at:s]))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        at = e
    out.append(escape(text[at:end]))
    return "".join(out)


def highlight(text: str, needles: tuple[str, ...]) -> str:
    """All of `text`, escaped, with every match marked (for titles)."""
    return _marked(text, _spans(text, needles), 0, len(text))


def snippet(texts: list[str], needles: tuple[str, ...], width: int = SNIPPET_CHARS) -> str:
    """About `width` characters around the first match in the first of `texts` holding one (the
    start of the first non-empty text when none does), escaped and marked, with … where cut."""
    for text in texts:
        spans = _spans(text, needles)
        if spans:
            start = max(0, min(spans[0][0] - LEAD_CHARS, len(text) - width))
            break
    else:
        text = next((t for t in texts if t), "")
        spans, start = [], 0
    end = min(len(text), start + width)
    return ("…" if start else "") + _marked(text, spans, start, end) + ("…" if end < len(text) else "")
