"""Segment stage: a page (HTML or a text dump) becomes a list of :class:`Block` lines.

The only stage that imports lxml (on the first HTML page, not at import). The page
is walked as libxml2 parses it (the parser's start, end and text events go to a
:class:`~cleantext.html_walker.HtmlWalker`;
no tree is built), so nesting depth cannot exhaust the Python stack. A block is one
line of output: the text between two block-level boundaries, with the characters
inside links counted, the element that holds it and the element tree above it
(tags and whole class/id tokens), so the feature stage can reason about containers
without touching lxml. Imports :mod:`cleantext.blocks`, :mod:`cleantext.html_tags`,
:mod:`cleantext.html_walker`, :mod:`cleantext.segment_dump`, :mod:`cleantext.errors`,
:mod:`cleantext.options` and :mod:`cleantext.textutil`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import regex

from cleantext.blocks import Block, Element, Segmented, cut_line, nonspace_chars
from cleantext.errors import ParseError
from cleantext.html_tags import BLOCK_TAGS, SECOND_CHANCE_TAGS, SKIP_TAGS, split_tokens
from cleantext.html_walker import HtmlWalker
from cleantext.options import Options
from cleantext.segment_dump import DumpShape, lone_rows
from cleantext.textutil import words

__all__ = ["BLOCK_TAGS", "SECOND_CHANCE_TAGS", "SKIP_TAGS", "Block", "Element", "Segmented",
           "flatten_nesting", "segment_html", "segment_text", "split_tokens",
           "title_candidate"]

# Pages nested deeper than libxml2 accepts (2048) are re-parsed with the nesting past
# this depth removed; half the limit leaves room for misjudged implied end tags.
_FLAT_DEPTH = 1024
_TAG = regex.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^<>]*>")
_VOID_TAGS = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                        "meta", "param", "source", "track", "wbr"))
_SELF_CLOSING_SIBLINGS = frozenset(("p", "li", "dt", "dd", "tr", "td", "th", "option"))
# A page's title is cut at this many characters.
_TITLE_MAX_CHARS = 2000


def segment_text(text: str, options: Options) -> Segmented:
    """A text dump → one block per non-empty line (no links, no tree); bullet and
    numbered lines are list items, runs of ``|`` rows tables (:func:`dump_kind`)."""
    blocks: list[Block] = []
    cut = False
    shape = DumpShape()
    for raw in text.splitlines():
        line, line_cut = cut_line(raw, options.max_line_chars)
        cut = cut or line_cut
        if line:
            blocks.append(Block(line, nonspace_chars(line), 0, 0, "line", -1,
                                shape.kind(raw, line)))
            if len(blocks) >= options.max_lines:
                cut = True
                break
    kinds = lone_rows([block.kind for block in blocks])
    fixed = tuple(block if block.kind is kind else replace(block, kind=kind)
                  for block, kind in zip(blocks, kinds, strict=True))
    return Segmented(fixed, (), None, None, cut, False)


def _parse(text: str, options: Options, utf8: bytes | None = None
           ) -> tuple[HtmlWalker | None, bool, bytes]:
    """The first walk of the page (None for an empty document), whether libxml2's
    nesting limit still cut it short, and the UTF-8 bytes that were walked.

    libxml2 stops at nesting depth 2048 (with ``huge_tree``; 256 without) and silently
    drops the rest of the page. Such a page is parsed again with the nesting beyond
    :data:`_FLAT_DEPTH` removed (:func:`flatten_nesting`), which keeps its text.
    """
    data = utf8 if utf8 is not None else text.encode("utf-8", "replace")
    walker, too_deep = _parse_once(data, HtmlWalker(options, second_chance=False))
    if too_deep:
        if walker is not None:
            walker.release()
        data = flatten_nesting(text, _FLAT_DEPTH).encode("utf-8", "replace")
        walker, too_deep = _parse_once(data, HtmlWalker(options, second_chance=False))
    return walker, too_deep, data


def _parse_once(data: bytes, walker: HtmlWalker) -> tuple[HtmlWalker | None, bool]:
    """Parse UTF-8 ``data`` into ``walker`` (the parser's target); the walker (None
    for an empty document) and whether libxml2's nesting limit cut the page short."""
    # lxml is imported here, not at module level: text dumps (WET files, the seeds)
    # never parse HTML, so a corpus job over dumps does not load libxml2.
    from lxml import etree

    # A parser target gets libxml2's events directly: no tree, no element proxies.
    # The events are those the tree would be built from (same elements, attributes
    # and text nodes, text arriving in chunks that the walker joins).
    parser = etree.HTMLParser(
        encoding="utf-8", no_network=True, remove_comments=True, remove_pis=True,
        remove_blank_text=False, huge_tree=True,
        # The stubs' ParserTarget wants every method; lxml calls only those present
        # (no comment events wanted), and the HTML parser passes str, never bytes.
        target=walker,  # type: ignore[arg-type]
    )
    try:
        etree.fromstring(data, parser=parser)
    except etree.ParserError:
        return None, False
    except (etree.LxmlError, ValueError) as exc:
        raise ParseError(f"the HTML parser rejected the page: {exc}") from exc
    if not walker.started:  # "Document is empty", as lxml.html.document_fromstring says
        return None, False
    too_deep = any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)
    return walker, too_deep


def flatten_nesting(text: str, cap: int) -> str:
    """``text`` with start and end tags nested deeper than ``cap`` replaced by a space.

    One linear pass over the tags with an approximate open-element stack: an end tag
    closes up to its start tag (ignored when none is open), a ``p``/``li``/``td``-like
    start closes a sibling of the same name, void and self-closing tags never nest.
    Text is kept whole; only the excess nesting (and its line breaks) is lost.
    """
    out: list[str] = []
    stack: list[str] = []
    open_count: Counter[str] = Counter()
    pos = 0
    for match in _TAG.finditer(text):
        closing, name = match.group(1), match.group(2).lower()
        if closing:
            if not open_count[name]:
                continue
            while stack:
                top = stack.pop()
                open_count[top] -= 1
                if top == name:
                    break
            keep = len(stack) < cap
        elif name in _VOID_TAGS or match.group(0).endswith("/>"):
            continue
        else:
            if name in _SELF_CLOSING_SIBLINGS and stack and stack[-1] == name:
                open_count[stack.pop()] -= 1
            keep = len(stack) < cap
            stack.append(name)
            open_count[name] += 1
        if not keep:
            out.append(text[pos:match.start()])
            out.append(" ")
            pos = match.end()
    out.append(text[pos:])
    return "".join(out)


def segment_html(text: str, options: Options, utf8: bytes | None = None) -> Segmented:
    """An HTML page → blocks (see :class:`Block`), walking the parser's events once.

    ``utf8`` may pass ``text`` already encoded as UTF-8 (it saves encoding it again).
    """
    walker, cut, data = _parse(text, options, utf8)
    if walker is None:
        return Segmented((), (), None, None, cut, True)
    first = walker
    if walker.unseen_chars > walker.seen_chars and not _copies_seen(walker):
        # Walk the skipped noscript/hidden text too. There is no tree to walk again:
        # the same bytes are parsed again (a few pages in a hundred, ~1.5 ms each).
        second, _ = _parse_once(data, HtmlWalker(options, second_chance=True))
        walker = second or walker
    title = _cleaned(first.title)
    seg = Segmented(tuple(walker.blocks), tuple(walker.elements), title,
                    _cleaned(first.meta_title), walker.truncated or cut, True,
                    first.head.head(title))
    # Each walker is held by a reference cycle of its lxml parser until the cycle
    # collector runs: drop what it holds now (see HtmlWalker.release).
    first.release()
    walker.release()
    return seg


def _cleaned(parts: list[str] | None) -> str | None:
    """A title's text pieces joined, whitespace collapsed, at most 2000 characters;
    None when there is no such element or it holds no text."""
    if parts is None:
        return None
    return cut_line("".join(parts), _TITLE_MAX_CHARS)[0] or None


def _copies_seen(walker: HtmlWalker) -> bool:
    """True when the skipped text mostly repeats the words of the lines made.

    Pages often hide a copy of their article (a schema.org ``articleBody`` in a
    ``display:none`` block, sometimes twice); such a copy is not a page served to
    clients without scripts, and walking it would print the article three times.
    """
    seen = {word for block in walker.blocks for word in words(block.text)}
    hidden = [word for text in walker.unseen_texts for word in words(text)]
    if not hidden:
        return True
    repeated = sum(1 for word in hidden if word in seen)
    return repeated >= walker.options.hidden_copy_share * len(hidden)


# Separators between a headline and the site name in <title>: "Headline | Site".
# Each starts its whitespace run only where one begins ((?<!\s)), so a long run of
# spaces is tried once, not once per space: linear on any input.
_TITLE_SEPARATORS = regex.compile(r"(?<!\s)\s+[|\-–—:·•»]+\s+|(?<!\s)\s+::\s+")


def title_candidate(seg: Segmented) -> str | None:
    """The metadata title with a trailing/leading site name removed, or None."""
    raw = seg.meta_title or seg.title
    if not raw:
        return None
    parts = [p.strip() for p in _TITLE_SEPARATORS.split(raw) if p.strip()]
    return max(parts, key=len) if parts else raw
