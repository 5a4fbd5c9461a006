"""The rules about teasers and cards: site repetition, teaser cards, inline teasers,
card lists, card runs and link headlines (see :mod:`cleantext.rules` for what each
says). Each relabels lines in place and records why.

Imports :mod:`cleantext.document`, :mod:`cleantext.feature_columns`,
:mod:`cleantext.features`, :mod:`cleantext.numeric`, :mod:`cleantext.options`,
:mod:`cleantext.rules_common`.
"""

from __future__ import annotations

import numpy as np

from cleantext.document import Label, Reason
from cleantext.feature_columns import MOSTLY_LINKS
from cleantext.features import FeatureMatrix, is_prefix_pair
from cleantext.numeric import BoolArray, FloatArray
from cleantext.options import Options
from cleantext.rules_common import counts, relabel

__all__ = ["card_lists", "card_runs", "ellipsis_runs", "inline_teasers", "link_headlines",
           "site_repeated", "teaser_cards"]


def site_repeated(features: FeatureMatrix, labels: list[Label],
                   reasons: list[list[Reason]], options: Options) -> None:
    share = features.column("site_share")
    links = features.column("link_density")
    for i in np.flatnonzero(share >= options.site_share).tolist():
        if labels[i] in (Label.BODY, Label.TITLE):
            new = Label.NAVIGATION if links[i] >= MOSTLY_LINKS else (
                Label.RELATED if features.prose[i] else Label.OTHER)
            relabel(labels, reasons, i, new, "site_repeated",
                 f"on {share[i]:.0%} of the site's pages")


def teaser_cards(features: FeatureMatrix, norm: list[str], labels: list[Label],
                  reasons: list[list[Reason]], options: Options) -> None:
    prose = features.prose
    words = counts(features, "log_words")
    n = len(labels)
    pairs = _card_pairs(norm, prose, features.column("link_density"))
    if len(pairs) < options.card_min_pairs:
        return  # one repeated line is no list of cards: a glitch, a pull quote
    i = 0
    while i < n - 1:
        if i not in pairs or labels[i] is Label.TITLE:
            i += 1
            continue
        head = i - 1
        if (head >= 0 and not prose[head] and words[head] <= options.kicker_max_words
                and labels[head] is not Label.TITLE):
            relabel(labels, reasons, head, Label.RELATED, "card_heading",
                 "short heading right before a related-story card")
        # A card: the repeated title, then lines up to the first prose line (the
        # teaser) or the next repeated title, at most a few lines on. A prose line
        # followed by more body is the article going on (the repeated line was a
        # photo caption), not a teaser: then only the repeated pair is a card.
        end = i + 2
        teaser = False
        while (end < n and end - i <= options.card_max_lines
               and not (norm[end] and end + 1 < n and is_prefix_pair(norm[end], norm[end + 1]))):
            end += 1
            if prose[end - 1]:
                teaser = not (end < n and labels[end] is Label.BODY and prose[end])
                break
        if not teaser and end > i + 2:
            end = i + 2
        for j in range(i, end):
            if labels[j] is not Label.TITLE:
                relabel(labels, reasons, j, Label.RELATED, "teaser_card",
                     "part of a card whose title is printed twice")
        i = end


def _card_pairs(norm: list[str], prose: BoolArray, links: FloatArray) -> set[int]:
    """Lines ``i`` that start a card's repeated title: printed twice in a row, or cut
    short and then in full. A cut-short pair's shorter line must read like a title,
    not a paragraph (an article's standfirst repeated by its first paragraph is not a
    card); a line printed twice verbatim is a card's title whatever it reads like.

    On a page that marks links (HTML; a text dump has none) a card links to its story,
    so one line of the pair must hold a link: a section heading whose paragraph opens
    with the heading's words ("Bananas" / "Bananas grow ...") is the article going on."""
    out = set()
    links_known = bool((links > 0).any())
    for i in range(len(norm) - 1):
        shorter = i if len(norm[i]) <= len(norm[i + 1]) else i + 1
        if _has_word(norm[i]) and is_prefix_pair(norm[i], norm[i + 1]) and (
                norm[i] == norm[i + 1] or not prose[shorter]) and (
                not links_known or links[i] > 0 or links[i + 1] > 0):
            out.add(i)
    return out


def _has_word(norm: str) -> bool:
    """Whether a normalised line holds a letter: a title has words, while numbers
    normalise alike ("143,17 €" and "154,24 €" are both "0 0": a table's cells)."""
    return any(c.isalpha() for c in norm)


def inline_teasers(features: FeatureMatrix, labels: list[Label],
                    reasons: list[list[Reason]], options: Options) -> None:
    prose = features.prose
    words = counts(features, "log_words")
    ends_terminal = features.column("ends_terminal") > 0
    n = len(labels)
    for i in range(1, n - 2):
        kicker, headline = i, i + 1
        if (labels[i - 1] is Label.BODY and labels[i + 2] is Label.BODY and prose[i + 2]
                and not prose[kicker] and words[kicker] <= options.kicker_max_words
                and not ends_terminal[kicker] and not ends_terminal[headline]
                and words[headline] >= options.kicker_max_words + 1):
            for j in (kicker, headline):
                relabel(labels, reasons, j, Label.RELATED, "inline_teaser",
                     "kicker and headline interrupting the body (a 'read also' link)")


def card_lists(features: FeatureMatrix, labels: list[Label],
                reasons: list[list[Reason]], options: Options) -> None:
    card = features.column("card_list") >= np.log1p(options.card_list_min_units)
    outside = features.column("in_main") == 0
    body = np.array([label is Label.BODY for label in labels], dtype=bool)
    chars = counts(features, "log_chars")
    article = body & ~outside & ~card & features.prose
    if chars[article].sum() < options.card_list_min_article_chars:
        return  # no article beside the cards: the list is the page's content
    for i in np.flatnonzero(card & outside).tolist():
        if labels[i] is Label.BODY:
            relabel(labels, reasons, i, Label.RELATED, "card_list",
                 "in a list of teaser cards outside the main content")


def card_runs(features: FeatureMatrix, labels: list[Label],
               reasons: list[list[Reason]]) -> None:
    card = features.column("card_run") > 0
    for i in np.flatnonzero(card).tolist():
        if labels[i] in (Label.OTHER, Label.NAVIGATION) and features.prose[i]:
            relabel(labels, reasons, i, Label.RELATED, "card_run",
                 "a teaser in a run of cards between recurring separators")


def link_headlines(features: FeatureMatrix, labels: list[Label],
                    reasons: list[list[Reason]], options: Options) -> None:
    links = features.column("link_density")
    words = counts(features, "log_words")
    menus = ((features.column("in_nav") > 0) | (features.column("in_header") > 0)
             | (features.column("in_footer") > 0))
    headline = ((links >= options.link_headline_min_density)
                & (words > options.kicker_max_words) & ~menus)
    for i in np.flatnonzero(headline).tolist():
        if labels[i] is Label.NAVIGATION:
            relabel(labels, reasons, i, Label.RELATED, "link_headline",
                 "a whole headline as a link, outside menus: a related story")


def ellipsis_runs(features: FeatureMatrix, labels: list[Label],
                  reasons: list[list[Reason]], options: Options) -> None:
    """Runs of ``teaser_ellipsis_run`` or more BODY lines in a row that each end in an
    ellipsis are cut-off teasers: RELATED."""
    least = options.teaser_ellipsis_run
    if least <= 0:
        return
    cut = features.column("ends_ellipsis") > 0
    n = len(labels)
    i = 0
    while i < n:
        if not (cut[i] and labels[i] is Label.BODY):
            i += 1
            continue
        end = i
        while end < n and cut[end] and labels[end] is Label.BODY:
            end += 1
        if end - i >= least:
            for k in range(i, end):
                relabel(labels, reasons, k, Label.RELATED, "ellipsis_run",
                        f"{end - i} lines in a row cut off with an ellipsis: teasers")
        i = end
