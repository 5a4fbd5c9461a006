"""The rules about reader comments: comment sections (HTML, by class names) and
comment threads (text dumps, by dated stamps); see :mod:`cleantext.rules`.

Imports :mod:`cleantext.document`, :mod:`cleantext.feature_columns`,
:mod:`cleantext.features`, :mod:`cleantext.options`, :mod:`cleantext.rules_common`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import numpy as np

from cleantext.document import Label, Reason
from cleantext.feature_columns import MOSTLY_LINKS
from cleantext.features import FeatureMatrix
from cleantext.options import Options
from cleantext.rules_common import body_runs, counts, longest_run, relabel

__all__ = ["comment_sections", "comment_threads"]


def comment_sections(features: FeatureMatrix, labels: list[Label],
                      reasons: list[list[Reason]], options: Options,
                      layout: Callable[[int], str]) -> None:
    in_comment = features.column("in_comment") > 0
    if not in_comment.any():
        return
    chars = counts(features, "log_chars")
    body = np.array([label is Label.BODY for label in labels], dtype=bool)
    article = np.flatnonzero(body & ~in_comment)
    if (len(article) < options.comment_article_min_lines
            or chars[article].sum() < options.comment_article_min_chars):
        return  # no article beside them: the comments are the page's content
    comments = np.flatnonzero(body & in_comment)
    if len(comments):
        article_layouts = {layout(i) for i in article.tolist()}
        shared = sum(chars[i] for i in comments.tolist() if layout(i) in article_layouts)
        if shared > options.comment_shared_layout * chars[comments].sum():
            return  # one layout for the opening post and the replies: a forum thread
    # A RELATED line there is a comment's author or date line unless it is a link (a
    # "most commented" box of headlines keeps its label).
    links = features.column("link_density")
    for i in np.flatnonzero(in_comment).tolist():
        if labels[i] in (Label.BODY, Label.OTHER) or (
                labels[i] is Label.RELATED and links[i] < MOSTLY_LINKS):
            relabel(labels, reasons, i, Label.COMMENTS, "comment_section",
                 "in a comment section under the page's article")


def comment_threads(features: FeatureMatrix, labels: list[Label],
                     reasons: list[list[Reason]], options: Options) -> None:
    # After the page's longest body run, not the article's span: the span takes in
    # comments whose text reads as body a few lines below the article. Nor only on
    # pages with a single article: a short post's comments can outweigh it, and the
    # run shares then call the page a listing.
    runs = body_runs(labels)
    if not runs:
        return
    chars = counts(features, "log_chars")
    end = runs[longest_run(runs, chars)][1]
    col = features.column
    dated = (col("has_time") > 0) | (col("has_date") > 0)
    headline = col("title_like") > 0
    words = counts(features, "log_words")
    written = ((chars >= options.comment_text_min_chars)
               & (col("ends_terminal") > 0) & (col("ends_ellipsis") == 0)
               & ~headline & ~dated
               & (col("fw_share") >= options.comment_text_min_fw_share))
    n = len(labels)
    # A comment's text follows its stamp at once or after one line (the author's name
    # under the date); a headline there makes the stamp a dated teaser's.
    stamps = [i for i in range(end, n)
              if dated[i] and words[i] <= options.comment_stamp_max_words
              and i + 1 < n and (written[i + 1] or (
                  i + 2 < n and written[i + 2] and not headline[i + 1]))]
    if not stamps:
        return
    # Stamps of one thread end alike: in their last two tokens ("pm said", digits
    # folded) or in their last word of three letters or more ("said", "says", "uhr":
    # "am"/"pm", day numbers and initials vary). A thread is the commonest ending of
    # either kind; both are tried.
    for ending_of in (_last_two, _last_word):
        endings = [ending_of(features.normalised[i]) for i in stamps]
        common = Counter(endings).most_common(1)[0][0]  # the first seen on a tie
        thread = [i for i, ending in zip(stamps, endings, strict=True) if ending == common]
        if len(thread) < options.comment_thread_min_stamps:
            continue
        start, stop = max(end, thread[0] - 1), thread[-1] + 1
        while stop < n and (written[stop] or labels[stop] is Label.BODY):
            stop += 1
        # The last comment's own "Reply" or "Report" line, printed under every comment.
        if stop < n and features.normalised[stop] in set(features.normalised[start:stop]):
            stop += 1
        for i in range(start, stop):
            if labels[i] not in (Label.BODY, Label.TITLE, Label.COMMENTS):
                relabel(labels, reasons, i, Label.COMMENTS, "comment_thread",
                     "in a thread of dated comments under the article")


def _last_two(normalised: str) -> str:
    """The last two tokens of a normalised line, joined by a space."""
    return " ".join(normalised.split()[-2:])


def _last_word(normalised: str) -> str:
    """The last token of a normalised line with three characters or more that is
    not a number ("" when there is none)."""
    for token in reversed(normalised.split()):
        if len(token) >= 3 and not token.isdigit():
            return token
    return ""
