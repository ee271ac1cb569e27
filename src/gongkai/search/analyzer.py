"""The Chinese analyzer of the full-text search, pure Python (no Django).

Index side, `analyze(text)` → the token stream of one field:

* the text is normalised (`normalize`): lone surrogates and control characters become spaces,
  full-width forms half-width and letters lower-case (NFKC per character, so positions can be
  mapped back for highlighting), traditional characters simplified (OpenCC t2s), and the
  brackets around the year of a 文号 unified to 〔〕 (台民发[2023]5号 = 台民发(2023)5号 =
  台民发【2023】5号 = 台民发〔2023〕5号);
* each run of Han characters gives its first character, its overlapping bigrams and its last
  character (低保标准 → 低 低保 保标 标准 准; a one-character run: that character once), so any
  substring of two or more characters is a phrase of consecutive tokens — full recall, unlike
  word segmentation alone — and a character after a number or a word (the 年 of 2023年) is a
  token of its own; ASCII words and numbers, and words of other scripts, are one token each;
* after a separator token come the text's dictionary words (rjieba, marked ``·低保``; only for
  the short fields, see `documents.WORD_FIELDS`) — a document holding the query as a real word
  ranks above one where it straddles two words — and every 文号 found, as one token
  (``台民发〔2023〕5号``, plus its shorter 机关代字 forms because running text does not say
  where the 代字 starts).

Query side, `parse_query(q)` → `Query`: "quoted phrases" must occur as written; a plain term is
split into dictionary words (single characters stay glued to a neighbour), each a phrase of
bigrams; every phrase is required (AND). A 文号 matches as its token or as its phrase. Any
input — operators, quotes, SQL, HTML, lone surrogates, megabytes — gives a bounded `Query` and
never an error: tokens are only ever made of word characters, and the backends quote them.

rjieba (Rust jieba) was picked over jieba by measurement: ~13 M characters/s against ~0.6 M
(2 cores, government text), and 0.1 s to load its dictionary against 1 s; it loads once per
process, on first use.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import opencc
import rjieba

#: Longest query read, in characters (before normalisation); the rest is ignored.
MAX_QUERY_CHARS = 256
#: Most required phrases one query may hold; further terms are ignored.
MAX_CLAUSES = 8
#: Most tokens of one phrase (a longer phrase is matched on its first tokens, a superset).
MAX_PHRASE_TOKENS = 48
#: Longest token; longer ASCII/other-script words are cut (both sides cut alike).
MAX_TOKEN_CHARS = 40
#: Separates a field's positional stream from its words and 文号 tokens (never a query token).
SEPARATOR = "〓"
#: Marks a dictionary-word token (a bigram and a two-character word are otherwise the same string).
WORD_MARK = "·"

_HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_RUNS = re.compile(rf"([{_HAN}]+)|([a-z0-9]+)|((?:(?![{_HAN}a-z0-9])[^\W_])+)")
#: A 文号: 机关代字 (Han), the year in brackets, the serial, 号 — after bracket normalisation.
DOC_NUMBER = re.compile(rf"([{_HAN}]{{1,12}})〔(\d{{4}})〕(\d{{1,6}})号")
#: (the bracket is matched before looking behind it for Han: twice as fast as the other way round)
_BRACKETED_YEAR = re.compile(rf"[\[(【〔〖](?<=[{_HAN}].)\s*\d{{4}}\s*[\])】〕〗](?=\s*\d{{1,6}}\s*号)")
_QUOTED = re.compile(r'["“”]([^"“”]*)["“”]')
_QUOTE_CHARS = re.compile(r'["“”]')
#: Shortest and longest 机关代字 indexed for a 文号 found in running text.
_DOC_PREFIX_MIN, _DOC_PREFIX_MAX = 2, 6


class _CharMap(dict):
    """Per-character normalisation for `str.translate`, computed on first sight of a character:
    NFKC then lower case, iterated to a fixed point (so `normalize` is idempotent); surrogates
    and control/format characters become a space."""

    def __missing__(self, code: int) -> str:
        value = self._one(chr(code))
        for _ in range(4):
            again = "".join(self._one(c) for c in value)
            if again == value:
                break
            value = again
        self[code] = value
        return value

    @staticmethod
    def _one(char: str) -> str:
        if unicodedata.category(char) in ("Cs", "Cc", "Cf", "Co", "Cn"):
            return " "
        return unicodedata.normalize("NFKC", char).lower()


_CHARS = _CharMap()


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s.json")


def _unify_brackets(match: re.Match[str]) -> str:
    inner = match.group(0)[1:-1]
    return f"〔{inner}〕"


def char_normalize(text: str) -> str:
    """The per-character part of `normalize` (NFKC, lower case, control characters out)."""
    return text.translate(_CHARS)


def _fold(text: str) -> str:
    """Traditional → simplified and 文号 brackets unified, on character-normalised text; the
    length never changes, so positions still map to the original text."""
    if not text.isascii():
        converted = _t2s().convert(text)
        if converted != text:  # (mostly equal: simplified text, already normalised)
            converted = char_normalize(converted)
            if len(converted) == len(text):  # t2s maps character for character on all we met
                text = converted
    return _BRACKETED_YEAR.sub(_unify_brackets, text)


def normalize(text: str) -> str:
    """`text` in the one form both the index and the queries are analysed in (see the module)."""
    return _fold(char_normalize(text))


def normalize_aligned(text: str) -> tuple[str, list[int]]:
    """`normalize(text)` and, for each of its characters, the index of the character of `text`
    it came from (for highlighting matches in the original text)."""
    normalized = char_normalize(text)
    if len(normalized) == len(text):  # every character became one (no NFKC expands to nothing)
        return _fold(normalized), list(range(len(text)))
    pieces = [char_normalize(c) for c in text]
    owners = [i for i, piece in enumerate(pieces) for _ in piece]
    return _fold("".join(pieces)), owners


@dataclass(frozen=True)
class _Run:
    kind: str  #: "han", "ascii" or "other"
    text: str


def _runs(normalized: str) -> list[_Run]:
    return [
        _Run("han", han) if han else _Run("ascii" if ascii else "other", (ascii or other)[:MAX_TOKEN_CHARS])
        for han, ascii, other in _RUNS.findall(normalized)
    ]


def _han_tokens(run: str, starts: bool = True, ends: bool = True) -> list[str]:
    """The positional tokens of a Han run: its first character when it `starts` here, its
    bigrams, its last character when it `ends` here (a one-character run: that character)."""
    if len(run) == 1:
        return [run]
    tokens = [run[0], *map(str.__add__, run, run[1:]), run[-1]]  # (one list: indexing's hot path)
    return tokens if starts and ends else tokens[(not starts) : len(tokens) - (not ends)]


def doc_number_tokens(normalized: str) -> list[str]:
    """The 文号 tokens of normalised text: each 文号 with 机关代字 of 2–6 characters (the whole
    代字 when shorter), e.g. 民发〔2023〕5号 and 台民发〔2023〕5号."""
    out: list[str] = []
    for m in DOC_NUMBER.finditer(normalized):
        prefix, rest = m.group(1), f"〔{m.group(2)}〕{int(m.group(3))}号"
        longest = min(len(prefix), _DOC_PREFIX_MAX)
        for size in range(min(_DOC_PREFIX_MIN, longest), longest + 1):
            out.append(prefix[-size:] + rest)
    return out


def analyze(text: str, words: bool = True) -> list[str]:
    """The index tokens of one field (see the module docstring); `words`: with its dictionary
    words."""
    if not text:
        return []
    normalized = normalize(text)
    stream: list[str] = []
    for han, ascii, other in _RUNS.findall(normalized):
        if han:
            stream += _han_tokens(han)
        else:
            stream.append((ascii or other)[:MAX_TOKEN_CHARS])
    # one segmenter call for the whole text (punctuation separates its words anyway)
    extras = [WORD_MARK + w for w in dict.fromkeys(rjieba.cut(normalized, False))
              if 1 < len(w) <= MAX_TOKEN_CHARS and w.isalpha() and not w.isascii()] if words else []  # fmt: skip
    if "〕" in normalized:
        extras += dict.fromkeys(doc_number_tokens(normalized))
    if extras:
        stream.append(SEPARATOR)
        stream.extend(extras)
    return stream


# --- queries ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Phrase:
    """Tokens that must occur consecutively in one field; `prefix`: the last one is a prefix."""

    tokens: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True)
class Clause:
    """One requirement of a query: any of its phrases (a 文号: its token or its phrase)."""

    phrases: tuple[Phrase, ...]


@dataclass(frozen=True)
class Query:
    """A parsed query: required clauses, word tokens that only lift the ranking, and the
    normalised strings to highlight."""

    clauses: tuple[Clause, ...] = ()
    boost: tuple[str, ...] = ()
    highlight: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.clauses)


def phrase(text: str) -> Phrase | None:
    """The phrase matching normalised `text` wherever it occurs as a substring of the words of a
    field: a Han run after another run starts with its first character (the document's run
    starts there too), a Han run ends in its last character only when more follows it in the
    phrase, and only a query of one lone Han character is a prefix (it may begin a longer run in
    the document: the one search the index has no token for)."""
    runs = _runs(text)
    tokens: list[str] = []
    prefix = False
    for n, run in enumerate(runs):
        last = n == len(runs) - 1
        if run.kind != "han":
            tokens.append(run.text)
        else:
            tokens += _han_tokens(run.text, starts=n > 0, ends=not last)
            prefix = len(run.text) == 1 and n == 0 and last
    if not tokens:
        return None
    if len(tokens) > MAX_PHRASE_TOKENS:
        tokens, prefix = tokens[:MAX_PHRASE_TOKENS], False
    return Phrase(tuple(tokens), prefix)


def _pieces(term: str) -> list[str]:
    """A plain term cut into dictionary words, single characters glued to the word before (or
    after, at the start): 城乡低保标准 → 城乡 低保 标准; 台民发 → 台民发."""
    words = [w for w in rjieba.cut(term, False) if w.strip()]
    pieces: list[str] = []
    for word in words:
        if pieces and (len(word) == 1 or len(pieces[-1]) == 1):
            pieces[-1] += word
        else:
            pieces.append(word)
    return pieces


def parse_query(raw: str) -> Query:
    """Parse what a visitor typed (any string) into a bounded `Query`; never raises."""
    text = normalize(str(raw)[:MAX_QUERY_CHARS])
    clauses: dict[Clause, None] = {}
    boost: dict[str, None] = {}
    marks: dict[str, None] = {}

    def add(clause: Clause, highlight: list[str]) -> None:
        if len(clauses) < MAX_CLAUSES:
            clauses[clause] = None
            marks.update(dict.fromkeys(highlight))

    for quoted in _QUOTED.findall(text):
        found = phrase(quoted)
        if found:
            add(Clause((found,)), [run.text for run in _runs(quoted)])
    rest = _QUOTE_CHARS.sub(" ", _QUOTED.sub(" ", text))
    for m in DOC_NUMBER.finditer(rest):
        loose = phrase(m.group())
        token = doc_number_tokens(m.group())[-1]
        add(Clause((Phrase((token,)),) + ((loose,) if loose else ())), [m.group()])
    rest = DOC_NUMBER.sub(" ", rest)
    for term in re.findall(r"[^\W_]+", rest):
        for piece in _pieces(term):
            found = phrase(piece)
            if found:
                add(Clause((found,)), [piece])
                if len(piece) >= 2 and all(r.kind == "han" for r in _runs(piece)):
                    boost[WORD_MARK + piece] = None
    return Query(tuple(clauses), tuple(boost), tuple(sorted(marks, key=len, reverse=True)))
