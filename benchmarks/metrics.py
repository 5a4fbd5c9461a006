"""Scores of one extraction against gold: bag of words, shingles, with/without strings.

Every function here is pure (text in, numbers out) so the harness, the tests and
anyone re-scoring a saved run get the same figures. Tokens and the bag-of-words
overlap live in :mod:`cleantext.metrics` (the HTML report uses them too) and are
re-exported here.

Definitions (the ones quoted in the project's issues, see the bench README):

* **Tokens**: lower-cased ``\\w+`` runs (the ``regex`` module's Unicode ``\\w``, which
  also takes combining marks, so Indic and Thai words stay whole), after NFC
  normalisation of the text. This is the official token. Chinese and Japanese are
  written without spaces, so there a "token" is a whole clause; :func:`cjk_tokens`
  additionally splits Han, Hiragana and Katakana into one token per character, a
  secondary figure reported for those languages only.
* **Bag of words**: multiset overlap of output and gold tokens. Precision = overlap /
  output tokens, recall = overlap / gold tokens, F1 their harmonic mean, per page;
  the set's figure is the mean over pages that have a gold body.
* **Shingles**: the same on 4-token shingles (consecutive 4-grams of the token list,
  joined by a space); a text with 1-3 tokens is one shingle of all its tokens.
* **With/without**: each ``with`` string found in the output is a true positive, each
  missing one a false negative, each ``without`` string found a false positive (an
  absent one a true negative). Matching is a substring test after NFC normalisation
  and collapsing every whitespace run to one space on both sides. Counts are summed
  over the set (micro average).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from cleantext.metrics import Overlap, bag_of_words, cjk_tokens, multiset_overlap, tokens

__all__ = [
    "PRF",
    "Overlap",
    "WithWithout",
    "bag_of_words",
    "cjk_tokens",
    "collapse_ws",
    "mean_prf",
    "multiset_overlap",
    "shingle_overlap",
    "shingles",
    "tokens",
    "with_without",
]

SHINGLE_SIZE = 4
"""Tokens per shingle (count): the size used by the Scrapinghub article benchmark."""

_WS_RE = regex.compile(r"\s+")


def shingles(toks: Sequence[str], size: int = SHINGLE_SIZE) -> list[str]:
    """Consecutive ``size``-grams of ``toks`` joined by a space.

    Fewer than ``size`` tokens (but at least one) give a single shingle of all of
    them, so a very short text still counts; no tokens give no shingles.
    """
    if size < 1:
        raise ValueError("shingle size must be at least 1")
    if not toks:
        return []
    if len(toks) < size:
        return [" ".join(toks)]
    return [" ".join(toks[i : i + size]) for i in range(len(toks) - size + 1)]


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1, each in 0..1."""

    precision: float
    recall: float
    f1: float


def shingle_overlap(output: str, gold: str, size: int = SHINGLE_SIZE) -> Overlap:
    """Overlap of the ``size``-token shingles of ``output`` and ``gold``."""
    return multiset_overlap(shingles(tokens(output), size), shingles(tokens(gold), size))


def mean_prf(pages: Sequence[Overlap]) -> PRF | None:
    """Mean over pages of per-page precision, recall and F1 (macro average).

    F1 is the mean of the pages' F1, not the F1 of the mean precision and recall,
    so every page weighs the same. ``None`` for no pages.
    """
    if not pages:
        return None
    n = len(pages)
    return PRF(
        sum(p.precision for p in pages) / n,
        sum(p.recall for p in pages) / n,
        sum(p.f1 for p in pages) / n,
    )


def collapse_ws(text: str) -> str:
    """NFC-normalise ``text``, turn every whitespace run into one space, strip the ends."""
    return _WS_RE.sub(" ", unicodedata.normalize("NFC", text)).strip()


@dataclass(frozen=True, slots=True)
class WithWithout:
    """Counts of ``with``/``without`` string checks; add two to sum over pages.

    ``found``: ``with`` strings present (true positives); ``missed``: ``with`` strings
    absent (false negatives); ``leaked``: ``without`` strings present (false
    positives); ``dropped``: ``without`` strings absent (true negatives).
    """

    found: int = 0
    missed: int = 0
    leaked: int = 0
    dropped: int = 0

    def __add__(self, other: WithWithout) -> WithWithout:
        return WithWithout(
            self.found + other.found,
            self.missed + other.missed,
            self.leaked + other.leaked,
            self.dropped + other.dropped,
        )

    @property
    def checks(self) -> int:
        """Number of strings checked (count)."""
        return self.found + self.missed + self.leaked + self.dropped

    @property
    def precision(self) -> float:
        """TP / (TP + FP); 1.0 when nothing was found or leaked (no claim made)."""
        claimed = self.found + self.leaked
        return self.found / claimed if claimed else 1.0

    @property
    def recall(self) -> float:
        """TP / (TP + FN); 1.0 with no ``with`` strings."""
        wanted = self.found + self.missed
        return self.found / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        """2TP / (2TP + FP + FN), the upstream definition; 1.0 when all counts are 0."""
        denom = 2 * self.found + self.leaked + self.missed
        return 2 * self.found / denom if denom else 1.0

    @property
    def with_share(self) -> float | None:
        """Share (0..1) of ``with`` strings found; ``None`` with none to check."""
        wanted = self.found + self.missed
        return self.found / wanted if wanted else None

    @property
    def without_share(self) -> float | None:
        """Share (0..1) of ``without`` strings absent; ``None`` with none to check."""
        unwanted = self.leaked + self.dropped
        return self.dropped / unwanted if unwanted else None


def with_without(output: str, with_: Sequence[str], without: Sequence[str]) -> WithWithout:
    """Check one page's ``with``/``without`` strings against ``output``.

    Both sides are NFC-normalised and whitespace-collapsed (:func:`collapse_ws`);
    a string that is empty after that is skipped (it would match anything).
    """
    haystack = collapse_ws(output)
    wanted = [s for s in (collapse_ws(w) for w in with_) if s]
    unwanted = [s for s in (collapse_ws(w) for w in without) if s]
    found = sum(1 for s in wanted if s in haystack)
    leaked = sum(1 for s in unwanted if s in haystack)
    return WithWithout(found, len(wanted) - found, leaked, len(unwanted) - leaked)
