"""The rules about the page's article and what lies away from it: strays, headline
runs, lines away from the article, headline lists and menu runs (see
:mod:`cleantext.rules`). Each relabels lines in place and records why.

Imports :mod:`cleantext.document`, :mod:`cleantext.features`, :mod:`cleantext.numeric`,
:mod:`cleantext.options`, :mod:`cleantext.rules_common`.
"""

from __future__ import annotations

from collections.abc import Sequence

from cleantext.document import Label, Reason
from cleantext.features import FeatureMatrix
from cleantext.numeric import FloatArray, true_runs
from cleantext.options import Options
from cleantext.rules_common import article_runs, body_runs, counts, longest_run, relabel

__all__ = ["away_from_article", "headline_lists", "headline_runs", "menu_runs", "strays"]


def strays(features: FeatureMatrix, labels: list[Label], reasons: list[list[Reason]],
            options: Options, body_p: FloatArray) -> None:
    runs = body_runs(labels)
    if not runs:
        return
    chars = counts(features, "log_chars")
    main_start, main_end = runs[longest_run(runs, chars)]
    # The article's tail: short, doubtful lines at its end, however many (a credit
    # after a "What do you think?" prompt), up to its first sure or long line.
    last = main_end - 1
    while (last > main_start and chars[last] < options.short_line_chars
            and body_p[last] < options.stray_max_p):
        relabel(labels, reasons, last, Label.OTHER, "stray",
             "short, doubtful last line of the article (a prompt, a credit)")
        last -= 1
    for start, end in runs:
        if start > main_end and end - start == 1 and body_p[start] < options.stray_max_p:
            new = Label.RELATED if features.prose[start] else Label.OTHER
            relabel(labels, reasons, start, new, "stray",
                 "lone, doubtful body line after the article's end")


def headline_runs(features: FeatureMatrix, labels: list[Label],
                   reasons: list[list[Reason]], options: Options) -> None:
    article = article_runs(features, labels, options)
    if article is None:
        return
    runs, first, last = article
    start = runs[first][0]
    terminal = features.column("ends_terminal") > 0
    words = counts(features, "log_words")
    for r, (s, e) in enumerate(runs):
        # Before the article only when well away from it: a standfirst, a lede or a
        # dateline just above the article is part of it.
        away = r > last or (r < first and start - e > 2 * options.article_gap_lines)
        if not away or e - s > options.headline_run_max_lines:
            continue
        for j in range(s, e):
            if not terminal[j]:
                new = Label.RELATED if words[j] > options.kicker_max_words else Label.OTHER
                relabel(labels, reasons, j, new, "headline_run",
                     "headline-like line in a short run away from the article")


def away_from_article(features: FeatureMatrix, labels: list[Label],
                       reasons: list[list[Reason]], options: Options, body_p: FloatArray,
                       fallback: Sequence[Label]) -> None:
    article = article_runs(features, labels, options)
    if article is None:
        return
    runs, first, last = article
    needed = options.body_threshold + options.away_margin
    links = features.column("link_density")
    start, end = runs[first][0], runs[last][1]
    for i in [*range(start), *range(end, len(labels))]:
        if labels[i] is not Label.BODY:
            continue
        if links[i] >= options.away_max_link_density:
            why = f"mostly link text ({links[i]:.0%}) away from the page's article"
        elif body_p[i] < needed:
            why = f"P(body) {body_p[i]:.2f}, below the {needed:.2f} needed away from the article"
        else:
            continue
        new = fallback[i] if fallback[i] is not Label.BODY else Label.OTHER
        relabel(labels, reasons, i, new, "away_from_article", why)


def headline_lists(features: FeatureMatrix, labels: list[Label],
                    reasons: list[list[Reason]], options: Options) -> None:
    # A dump of a news portal prints each teaser as one line, the headline glued to
    # its summary: every line reads like a sentence to the networks, but a run of
    # them hardly ever ends like one, where an article's paragraphs nearly always do.
    chars = counts(features, "log_chars")
    terminal = features.column("ends_terminal") > 0
    long_body = [label is Label.BODY and chars[i] >= options.headline_list_min_chars
                 for i, label in enumerate(labels)]
    for start, end in true_runs(long_body):
        ended = int(terminal[start:end].sum())
        if (end - start >= options.headline_list_min_lines
                and ended <= options.headline_list_max_terminal_share * (end - start)):
            for k in range(start, end):
                relabel(labels, reasons, k, Label.RELATED, "headline_list",
                     f"{end - start} long lines in a row, {ended} ending like a sentence: "
                     "a list of headlines")


def menu_runs(features: FeatureMatrix, labels: list[Label],
               reasons: list[list[Reason]], options: Options) -> None:
    words = counts(features, "log_words")
    terminal = features.column("ends_terminal") > 0
    item = [labels[i] in (Label.OTHER, Label.RELATED) and not reasons[i]
            and 0 < words[i] <= options.kicker_max_words and not terminal[i]
            for i in range(len(labels))]
    for start, end in true_runs(item):
        if end - start >= options.menu_min_lines:
            for i in range(start, end):
                relabel(labels, reasons, i, Label.NAVIGATION, "menu_run",
                     "one of a run of short items (a menu in a text dump)")
