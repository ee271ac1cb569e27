"""HTML as text for the screen, however deep it nests: a streaming tokenizer, no tree.

libxml2 (lxml) silently drops everything nested deeper than 256 elements (2,048 with
``huge_tree``), so a body wrapped in 300 ``<div>``s once hid an ID number from the screen. The
standard library's `html.parser` only tokenizes: no depth limit, no recursion, one pass. The
open elements are kept on a list, closed the forgiving way browsers close them (an end tag closes
the nearest open element of its name and everything opened inside it; a stray end tag is
ignored), which is all that text extraction needs.

`html.parser` of Python 3.11 takes quadratic time on some malformed markup (thousands of
unterminated ``<a b='x`` take minutes), so the source is first made well-formed in one linear
pass (`well_formed`): a ``<`` that does not open a complete tag, comment or declaration becomes
the text ``&lt;`` (the screen then reads more text, never less).

`scan_html` gives the blocks of text with their source line, the comments, the text of hidden
elements (``hidden``, ``display:none``, ``visibility:hidden``) and author ``<meta>``s;
`html_text` the readable text of a body; `map_text` rewrites every text run (for redaction);
`nesting_depth` how deep the elements nest (for those who must refuse deep markup before a
tree builder sees it).
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser

#: Elements that start and end a block of text.
BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
        "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
        "thead", "title", "tr", "ul",
    }
)  # fmt: skip
#: Elements whose content is not text a reader sees.
SKIP_TAGS = frozenset({"script", "style", "noscript", "template"})
#: Elements that never have content (no end tag).
VOID_TAGS = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
#: A complete tag: its attributes' quoted values may not hold < or >, so no match scans past the
#: next < (linear overall).
_NAME, _ATTRIBUTES = r"[A-Za-z][^\s/<>]*", r"""(?:[^<>"']|"[^"<>]*"|'[^'<>]*')*"""
_TAG = re.compile(rf"<(/?)({_NAME}){_ATTRIBUTES}>")
#: A < that opens no complete tag or declaration (comments are cut out before).
_STRAY_LT = re.compile(rf"<(?!/?{_NAME}{_ATTRIBUTES}>|[!?][^<>]*>)")


def well_formed(source: str) -> str:
    """`source` with every ``<`` that opens no complete tag, comment or declaration escaped; an
    unterminated comment runs to the end, as in a browser, and is closed there."""
    out: list[str] = []
    pos = 0
    while (start := source.find("<!--", pos)) >= 0:
        out.append(_STRAY_LT.sub("&lt;", source[pos:start]))
        end = source.find("-->", start + 4)
        if end < 0:
            out.append(source[start:] + "-->")
            return "".join(out)
        pos = end + 3
        out.append(source[start:pos])
    out.append(_STRAY_LT.sub("&lt;", source[pos:]))
    return "".join(out)


def nesting_depth(source: str) -> int:
    """How deep elements nest, counting every start tag of an element with content and every end
    tag (an unclosed ``<p>`` counts as open: an over-estimate, never an under-estimate)."""
    depth = deepest = 0
    for m in _TAG.finditer(source):
        if m.group(2).lower() in VOID_TAGS or m.group().endswith("/>"):
            continue
        depth = max(0, depth - 1) if m.group(1) else depth + 1
        deepest = max(deepest, depth)
    return deepest


@dataclass
class HtmlScan:
    """What the screen reads from a page: ``(line, text)`` pairs."""

    blocks: list[tuple[int, str]] = field(default_factory=list)
    comments: list[tuple[int, str]] = field(default_factory=list)
    hidden: list[tuple[int, str]] = field(default_factory=list)
    authors: list[tuple[int, str, str]] = field(default_factory=list)  #: line, meta name, content


@dataclass
class _Open:
    tag: str
    hidden: bool
    line: int


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out = HtmlScan()
        self.stack: list[_Open] = []
        self.open_tags: Counter[str] = Counter()
        self.skipping = 0  #: open script/style/… elements
        self.hidden_at: int | None = None  #: stack index of the outermost open hidden element
        self.hidden_parts: list[str] = []
        self.parts: list[str] = []
        self.line: int | None = None

    def flush(self) -> None:
        text = "".join(self.parts).strip()
        if text:
            self.out.blocks.append((self.line or 1, text))
        self.parts.clear()
        self.line = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if tag in BLOCK_TAGS or tag == "br":
            self.flush()
        values = {k: v or "" for k, v in attrs}
        if tag in VOID_TAGS:
            if tag == "meta":
                name = values.get("name", "")
                if name.lower() in ("author", "creator") and values.get("content", "").strip():
                    self.out.authors.append((line, name, values["content"]))
            return
        hidden = "hidden" in values or bool(_HIDDEN_STYLE.search(values.get("style", "")))
        if hidden and self.hidden_at is None:
            self.hidden_at = len(self.stack)
        self.stack.append(_Open(tag, hidden, line))
        self.open_tags[tag] += 1
        if tag in SKIP_TAGS:
            self.skipping += 1

    def handle_endtag(self, tag: str) -> None:
        if not self.open_tags[tag]:
            return  # a stray end tag, as browsers ignore it
        while self.stack:
            el = self.stack.pop()
            self.open_tags[el.tag] -= 1
            if el.tag in SKIP_TAGS:
                self.skipping -= 1
            if self.hidden_at == len(self.stack):
                self._end_hidden(el.line)
            if el.tag == tag:
                break
        if tag in BLOCK_TAGS:
            self.flush()

    def _end_hidden(self, line: int) -> None:
        text = "".join(self.hidden_parts).strip()
        if text:
            self.out.hidden.append((line, text))
        self.hidden_parts.clear()
        self.hidden_at = None

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.line is None and data.strip():
            self.line = self.getpos()[0]
        self.parts.append(data)
        if self.hidden_at is not None:
            self.hidden_parts.append(data)

    def handle_comment(self, data: str) -> None:
        if data.strip():
            self.out.comments.append((self.getpos()[0], data.strip()))

    def finish(self) -> HtmlScan:
        self.close()
        if self.hidden_at is not None:
            self._end_hidden(self.stack[self.hidden_at].line)
        self.flush()
        return self.out


def scan_html(source: str) -> HtmlScan:
    """Blocks of text, comments, hidden text and author metadata of an HTML page, in order."""
    scanner = _Scanner()
    scanner.feed(well_formed(source))
    return scanner.finish()


def html_text(body: str) -> str:
    """The readable text of an HTML body, one block per line."""
    return "\n".join(text for _, text in scan_html(body or "").blocks)


class _Rewriter(HTMLParser):
    def __init__(self, fn: Callable[[str], str]) -> None:
        super().__init__(convert_charrefs=True)
        self.fn = fn
        self.out: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.out.append(html.escape(self.fn(data), quote=False))


def map_text(source: str, fn: Callable[[str], str]) -> str:
    """`source` with every run of text replaced by ``fn(text)`` (escaped); tags kept as written,
    comments and declarations dropped. Sanitise the result again before storing it."""
    rewriter = _Rewriter(fn)
    rewriter.feed(well_formed(source))
    rewriter.close()
    return "".join(rewriter.out)
