"""Read JSON-LD script texts into a flat list of objects, with every cost bounded.

Hostile pages put megabytes, 10^5-deep nesting or 10^5 entries into
``<script type="application/ld+json">``. Here a script is cut to ``max_bytes`` before
anything else; its bracket depth is measured by a linear scan (strings removed by one
regex, brackets accumulated) and the script dropped when deeper than ``max_depth``, so
``json.loads`` (recursive in C) never sees deep input; the parsed tree is walked with an
explicit queue that stops after ``max_nodes`` objects. Invalid JSON is retried once after
removing control characters and trailing commas, the two faults CMSs commonly write;
anything still invalid is skipped. Nothing here raises on bad input.
"""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Iterable
from itertools import accumulate

__all__ = ["json_ld_objects"]

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_TRAILING_COMMA = re.compile(r",\s*([\]}])")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def _depth(text: str) -> int:
    """Deepest bracket nesting of ``text`` outside strings (linear time, no recursion)."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub('""', text))
    return max(accumulate(_STEP[ch] for ch in brackets), default=0)


def _load(text: str, max_depth: int) -> object:
    """The parsed script, or None when too deep or not JSON even after the cheap cleanup."""
    if _depth(text) > max_depth:
        return None
    for attempt in (text, _TRAILING_COMMA.sub(r"\1", _CONTROL.sub(" ", text))):
        try:
            return json.loads(attempt)
        except (ValueError, RecursionError):
            continue
    return None


def json_ld_objects(scripts: Iterable[str], *, max_scripts: int, max_bytes: int,
                    max_depth: int, max_nodes: int) -> list[dict[str, object]]:
    """Every JSON object of the first ``max_scripts`` scripts, breadth-first, at most
    ``max_nodes`` in all, each at most ``max_depth`` levels below its script's root.

    Breadth-first puts a script's top-level entities (and ``@graph`` members) before
    their nested parts, which is the order the metadata fields are preferred in.
    ``max_bytes`` counts characters of the script text (a cheap stand-in for bytes).
    """
    found: list[dict[str, object]] = []
    for count, script in enumerate(scripts):
        if count >= max_scripts:
            break
        root = _load(script[:max_bytes], max_depth)
        queue: deque[tuple[object, int]] = deque([(root, 0)])
        while queue and len(found) < max_nodes:
            node, depth = queue.popleft()
            if depth > max_depth:
                continue
            if isinstance(node, dict):
                found.append(node)
                children: Iterable[object] = node.values()
            elif isinstance(node, list):
                children = node
            else:
                continue
            for child in children:
                if isinstance(child, (dict, list)):
                    queue.append((child, depth + 1))
                    if len(queue) > max_nodes:
                        break
    return found
