"""Page features of each line: what it shares with the rest of the page (function
words, repeats, the title), where it stands, and its neighbours' values.

Imports :mod:`cleantext.blocks`, :mod:`cleantext.feature_columns`,
:mod:`cleantext.numeric`, :mod:`cleantext.textutil`.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from cleantext._compiled import runs_compiled
from cleantext.blocks import Block
from cleantext.feature_columns import COL
from cleantext.numeric import BoolArray, FloatArray, true_runs
from cleantext.textutil import WORD

__all__ = ["is_prefix_pair", "neighbour_columns", "page_columns"]

# A card separator is a line shorter than this (characters) ...
_CARD_SEPARATOR_CHARS = 40
# ... recurring at most this many lines apart (a card: stamp, title, teaser, image, +2).
_CARD_MAX_GAP = 6


def _function_words(tokens: list[list[str]], prose: BoolArray) -> set[str]:
    """The page's own function words: its most frequent short tokens in running text.

    Short means at most 3 characters (Han/Kana tokens are single characters); the top
    40 by count, among tokens seen at least twice. Works for any language with words
    or characters; no list per language.
    """
    source = [t for t, p in zip(tokens, prose, strict=True) if p] or tokens
    # One flat list, counted at once (ties of most_common keep first-seen order, so
    # the result is that of counting line by line).
    counts = Counter([t for toks in source for t in toks if len(t) <= 3 and not t.isdigit()])
    return {t for t, c in counts.most_common(40) if c >= 2}


def page_columns(out: FloatArray, blocks: Sequence[Block], tokens: list[list[str]],
                  prose: BoolArray, title: str | None, norm: list[str]) -> None:
    n = len(blocks)
    fw = _function_words(tokens, prose)
    counts = Counter(norm)
    title_tokens = set(WORD.findall(title.casefold())) if title else set()
    if _COMPILED:  # the same values written into the matrix by one C loop
        _line_columns(out, tokens, norm, counts, fw, title_tokens)
        out[:, _DUP_PAGE] = np.log1p(out[:, _DUP_PAGE].copy())
    else:
        # Python lists per column, written to the matrix once each (cheaper than cells).
        in_fw = fw.__contains__
        out[:, COL["fw_share"]] = [sum(map(in_fw, toks)) / len(toks) if toks else 0.0
                                   for toks in tokens]
        out[:, _DUP_PAGE] = np.log1p(np.array([counts[key] - 1 for key in norm],
                                              dtype=np.float64))
        pairs = list(itertools.pairwise(norm))
        out[:, COL["dup_adjacent"]] = _either_neighbour([a == b for a, b in pairs])
        out[:, COL["near_dup_adjacent"]] = _either_neighbour(
            [is_prefix_pair(a, b) for a, b in pairs])
        if title_tokens:
            out[:, COL["title_overlap"]] = _jaccard(title_tokens, tokens)
    out[:, COL["position"]] = np.arange(n) / max(n - 1, 1)
    out[0, COL["is_first"]] = 1.0
    chars = np.where(prose, np.exp(out[:, 0]) - 1, 0.0)
    total = chars.sum()
    if total > 0:
        out[:, COL["prose_position"]] = (np.cumsum(chars) - chars / 2) / total
    out[:, COL["prose_gap"]] = np.log1p(_distance_to_true(prose))
    out[:, COL["card_run"]] = _card_runs(norm, [len(b.text) for b in blocks])
    out[:, COL["title_like"]] = (
        (out[:, COL["log_words"]] >= np.log1p(2)) & (out[:, COL["log_words"]] <= np.log1p(20))
        & (out[:, COL["ends_terminal"]] == 0) & (out[:, COL["starts_upper"]] == 1))


def _line_columns(out: FloatArray, tokens: list[list[str]], norm: list[str],
                  counts: Counter[str], fw: set[str], title_tokens: set[str]) -> None:
    """The compiled path of :func:`page_columns`' per-line columns, written line by
    line into ``out``: function-word share, repeats in the page (as a count, before
    log1p), same or prefix line beside, title overlap (when ``title_tokens``). The same
    whole numbers and quotients as the lists of the Python path (:func:`_jaccard`,
    :func:`_either_neighbour`); a C loop when compiled (features_page.pxd)."""
    n = len(norm)
    size = len(title_tokens)
    previous_same = previous_prefix = False
    for i in range(n):
        words = tokens[i]
        count = len(words)
        key = norm[i]
        found = 0
        for word in words:
            if word in fw:
                found += 1
        out[i, _FW_SHARE] = found / count if count else 0.0
        out[i, _DUP_PAGE] = counts[key] - 1
        same = prefix = False
        if i + 1 < n:
            after = norm[i + 1]
            same = key == after
            prefix = is_prefix_pair(key, after)
        out[i, _DUP_ADJACENT] = 1.0 if same or previous_same else 0.0
        out[i, _NEAR_DUP] = 1.0 if prefix or previous_prefix else 0.0
        previous_same, previous_prefix = same, prefix
        if size:
            overlap = 0.0
            if count and not title_tokens.isdisjoint(words):
                own = set(words)
                shared = len(title_tokens & own)
                overlap = shared / (size + len(own) - shared)
            out[i, _TITLE_OVERLAP] = overlap


_COMPILED = runs_compiled(_line_columns)
_FW_SHARE, _DUP_PAGE, _DUP_ADJACENT, _NEAR_DUP, _TITLE_OVERLAP = (
    COL[name] for name in ("fw_share", "dup_page", "dup_adjacent", "near_dup_adjacent",
                           "title_overlap"))


def _jaccard(reference: set[str], tokens: list[list[str]]) -> list[float]:
    """Per line, |reference ∩ its tokens| / |reference ∪ its tokens| (0.0 for a line
    without tokens). Lines sharing no token skip the sets; the union is counted, not
    built: the same whole numbers, so the same quotients."""
    size = len(reference)
    overlap: list[float] = []
    for toks in tokens:
        if not toks or reference.isdisjoint(toks):
            overlap.append(0.0)
        else:
            own = set(toks)
            shared = len(reference & own)
            overlap.append(shared / (size + len(own) - shared))
    return overlap


def _either_neighbour(pair_flags: list[bool]) -> FloatArray:
    """Per line, 1.0 when the flag of its pair with the previous or the next line is
    set (``pair_flags[i]`` is the flag of lines ``i`` and ``i + 1``)."""
    flags = np.array(pair_flags, dtype=bool)
    result = np.zeros(len(flags) + 1, dtype=np.float64)
    result[:-1] += flags
    result[1:] += flags
    return np.minimum(result, 1.0)


def is_prefix_pair(a: str, b: str) -> bool:
    """One line starts the other (a card's title cut short, then in full), both of at
    least two words: the shape of a teaser whose title is printed twice."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return " " in short and long.startswith(short)


def _card_runs(norm: list[str], lengths: list[int]) -> FloatArray:
    """1.0 for lines inside a run of cards: between two nearby occurrences of the same
    short line that recurs at least three times on the page (a time stamp, an
    "Image" placeholder, a "-" separator), as lists of teasers print them."""
    n = len(norm)
    result = np.zeros(n, dtype=np.float64)
    positions: dict[str, list[int]] = {}
    for i, key in enumerate(norm):
        if lengths[i] < _CARD_SEPARATOR_CHARS:
            positions.setdefault(key, []).append(i)
    for found in positions.values():
        if len(found) < 3:
            continue
        for a, b in itertools.pairwise(found):
            if b - a <= _CARD_MAX_GAP:
                result[a:b + 1] = 1.0
    return result


def _distance_to_true(flags: BoolArray) -> FloatArray:
    """Per index, the distance (in lines) to the nearest True; n when there is none."""
    n = len(flags)
    if _COMPILED:  # the same whole numbers from a C loop
        gaps = np.empty(n, dtype=np.float64)
        _gaps(flags.view(np.uint8), gaps)
        return gaps
    idx = np.arange(n)
    where = np.flatnonzero(flags)
    if where.size == 0:
        return np.full(n, float(n))
    pos = np.searchsorted(where, idx)
    left = np.where(pos > 0, idx - where[np.maximum(pos - 1, 0)], n)
    right = np.where(pos < where.size, where[np.minimum(pos, where.size - 1)] - idx, n)
    return np.minimum(left, right).astype(np.float64)


def _gaps(flags: npt.NDArray[np.uint8], gaps: FloatArray) -> None:
    """:func:`_distance_to_true` into ``gaps``: the distance to the last set flag
    before or at each index, then to the next one after it (compiled path)."""
    n = len(flags)
    last = -1
    for i in range(n):
        if flags[i]:
            last = i
        gaps[i] = i - last if last >= 0 else n
    last = -1
    for i in range(n - 1, -1, -1):
        if flags[i]:
            last = i
        if last >= 0 and last - i < gaps[i]:
            gaps[i] = last - i


def neighbour_columns(out: FloatArray, prose: BoolArray) -> None:
    p = prose.astype(np.float64)
    ld = out[:, COL["link_density"]]
    lc = out[:, COL["log_chars"]]
    tl = out[:, COL["title_like"]]
    for name, values in (("prose", p), ("link_density", ld), ("log_chars", lc),
                         ("title_like", tl)):
        out[1:, COL[f"prev_{name}"]] = values[:-1]
        out[:-1, COL[f"next_{name}"]] = values[1:]
    out[1:, COL["prev_has_time"]] = out[:-1, COL["has_time"]]
    out[:, COL["window_prose"]] = _window_mean(p, 2)
    out[:, COL["title_run"]] = np.log1p(_run_lengths(tl > 0))


def _run_lengths(flags: BoolArray) -> FloatArray:
    """Per line, the length of the run of consecutive True flags it belongs to (0 if
    False): a run of headline-like lines is a list of links, in a dump as in HTML."""
    out = np.zeros(len(flags), dtype=np.float64)
    for start, end in true_runs(flags.tolist()):
        out[start:end] = end - start
    return out


def _window_mean(values: FloatArray, half: int) -> FloatArray:
    """Mean of ``values`` over ``i-half .. i+half`` (clipped at the page's ends)."""
    n = len(values)
    csum = np.concatenate(([0.0], np.cumsum(values)))
    idx = np.arange(n)
    lo = np.maximum(idx - half, 0)
    hi = np.minimum(idx + half + 1, n)
    mean: FloatArray = (csum[hi] - csum[lo]) / (hi - lo)
    return mean
