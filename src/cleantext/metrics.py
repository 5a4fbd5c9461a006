"""Bag-of-words overlap of an extraction with a gold body: the benchmarks' headline figure.

The one implementation, used by the HTML report (:mod:`cleantext.report`) and by the
benchmark harness (``benchmarks/metrics.py`` imports it from here).

* **Tokens**: lower-cased ``\\w+`` runs (the ``regex`` module's Unicode ``\\w``, which
  also takes combining marks, so Indic and Thai words stay whole), after NFC
  normalisation. :func:`cjk_tokens` additionally splits Han, Hiragana and Katakana
  into one token per character.
* **Overlap**: multiset overlap of output and gold tokens; precision = overlap /
  output tokens, recall = overlap / gold tokens, F1 their harmonic mean.

>>> bag_of_words("the cat sat", "The cat sat down").recall
0.75
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import regex

__all__ = ["Overlap", "bag_of_words", "cjk_tokens", "multiset_overlap", "tokens"]

_TOKEN_RE = regex.compile(r"\w+")
_CJK = r"\p{Han}\p{Hiragana}\p{Katakana}"
_CJK_TOKEN_RE = regex.compile(rf"[{_CJK}]|[^\W{_CJK}]+")


def tokens(text: str) -> list[str]:
    """Lower-cased ``\\w+`` tokens of ``text`` after NFC normalisation (the official token)."""
    return _TOKEN_RE.findall(unicodedata.normalize("NFC", text).lower())


def cjk_tokens(text: str) -> list[str]:
    """Like :func:`tokens`, but every Han/Hiragana/Katakana character is its own token.

    Identical to :func:`tokens` on text without those scripts.
    """
    return _CJK_TOKEN_RE.findall(unicodedata.normalize("NFC", text).lower())


def _f1(precision: float, recall: float) -> float:
    total = precision + recall
    return 2 * precision * recall / total if total > 0 else 0.0


@dataclass(frozen=True, slots=True)
class Overlap:
    """Multiset overlap of one page: items shared, items in the output, items in gold.

    An empty output against a non-empty gold has precision 0 (it found nothing, so
    it gets no credit for being clean); both empty is a perfect 1. A page with an
    empty gold gets recall 1 (nothing to miss), but such pages are left out of the
    set's averages by the benchmark harness.
    """

    matched: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        """Share (0..1) of output items that are in gold."""
        if self.predicted == 0:
            return 1.0 if self.gold == 0 else 0.0
        return self.matched / self.predicted

    @property
    def recall(self) -> float:
        """Share (0..1) of gold items found in the output."""
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall (0 when both are 0)."""
        return _f1(self.precision, self.recall)


def multiset_overlap(predicted: Iterable[str], gold: Iterable[str]) -> Overlap:
    """Overlap of two multisets: an item counted n times on one side and m on the other
    contributes min(n, m) matches."""
    pred_counts = Counter(predicted)
    gold_counts = Counter(gold)
    matched = sum((pred_counts & gold_counts).values())
    return Overlap(matched, sum(pred_counts.values()), sum(gold_counts.values()))


def bag_of_words(output: str, gold: str, *, split_cjk: bool = False) -> Overlap:
    """Bag-of-words overlap of ``output`` against ``gold`` (see the module docstring)."""
    tokenize = cjk_tokens if split_cjk else tokens
    return multiset_overlap(tokenize(output), tokenize(gold))
