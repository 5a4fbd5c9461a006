"""Context stage: decide each line again in the light of its neighbours.

The line model sees each line with only a little context. This stage has two parts:

1. *Learned re-scoring*: a second small network (``context_html``/``context_text``
   in ``data/model.json``) takes the line model's log-odds of the line and of its
   neighbours, the mean over its DOM container, how much of the page's predicted
   body lies before and after it, and a few of its own features, and gives the
   final BODY probability. It learns what hand rules tried to say: a short line
   between two body paragraphs is body, a lone well-written line after the end of
   the article is not. When it flips the line model's decision, the line gets a
   ``"context"`` reason saying by how much.
2. *Structural rules*, applied after it and recorded as reasons:
   - *site repetition*: a line on at least ``Options.site_share`` of the site's
     pages (from a :class:`~cleantext.SiteProfile`) is boilerplate;
   - *teaser cards*: a line printed twice in a row, or cut short and then in full
     (a related-story card's title), starts a card; the card's lines up to its teaser
     are RELATED as a whole, however well written the teaser is, and so is a short
     heading right before the first card ("Read also", "Recommended");
   - *inline teasers* (text dumps, which have no links to tell them): inside the
     body, a short kicker line followed by a headline-like line and then body again
     is a "read also" link, RELATED;
   - *card lists* (HTML): a line inside a small repeated unit holding a link (a card
     of a teaser list) and outside the page's main element is RELATED, however well
     its summary reads: old news portals surround one article with dozens of them.
     Only when the main element holds an article of its own: on a listing page the
     cards are the content;
   - *comment sections* (HTML): when the page holds an article of its own outside
     comment containers, the text inside them is reader comments, COMMENTS however
     well written; unless the two share one layout, as a forum thread's opening post
     and its replies do (there the posts are the content);
   - *strays*: after the end of the page's main body run, a lone body line cut off
     from it by boilerplate, with P(body) below ``Options.stray_max_p``, is not body
     (a teaser, a "What do you think?" prompt);
   - *headline runs*: on a page with an article (one run of body lines holding at
     least ``Options.article_run_share`` of the body text), short runs of body lines
     away from it are teasers where their lines do not end like sentences: the
     headlines of "more stories" boxes, without the links a text dump cannot show;
   - *away from the article*: on such a page, a body line before or after
     the article's span needs ``Options.away_margin`` more P(body) to stay body, and
     is not body at all when mostly link text (a ticker of headlines);
   - *card runs*: teasers between recurring short separators (time stamps, "Image"
     placeholders) that the model did not keep are RELATED rather than OTHER;
   - *link headlines* (HTML): a line that is one link of headline length, outside
     navigation, header and footer regions, is a related story, not NAVIGATION;
   - *menu runs* (text dumps, which have no links to tell menus by): a run of short
     boilerplate items, none ending like a sentence, is NAVIGATION;
   - *comment threads* (text dumps, which have no class names to tell comments by):
     after the article, a run of dated stamp lines that end alike, each followed by
     written text, is a reader-comment thread; its boilerplate lines are COMMENTS.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from cleantext.document import Label, Reason
from cleantext.features import FeatureMatrix, is_prefix_pair
from cleantext.options import Options

__all__ = ["CONTEXT_NAMES", "ContextResult", "apply_rules", "article_lines", "context_features"]

FloatArray = npt.NDArray[np.float64]

CONTEXT_NAMES: tuple[str, ...] = (
    "logit", "prev1", "prev2", "next1", "next2", "window3_mean", "window3_max",
    "window8_mean", "group_mean", "group_size", "body_before", "body_after", "page_body",
    "log_chars", "short", "link_density", "dup_adjacent", "card_run", "title_like", "prose",
    "near_dup_adjacent", "title_run", "card_list", "in_main",
    "run_share", "longest_share", "in_longest", "longest_distance",
)
_EDGE = -6.0  # log-odds given to the lines beyond the page's ends (surely not body)
# A prose line whose first-pass log-odds are above this (P(body) 0.27) joins a body
# line next to it in the runs that the run-shape inputs describe (see _run_shape).
_RUN_LOGIT = -1.0


@dataclass(frozen=True, slots=True)
class ContextResult:
    """Per line: the final label and the context reasons that changed or fixed it."""

    labels: tuple[Label, ...]
    reasons: tuple[tuple[Reason, ...], ...]


def _shifted(values: FloatArray, k: int) -> FloatArray:
    """``values`` moved by ``k`` lines (positive: the line ``k`` before), edges padded."""
    out = np.full_like(values, _EDGE)
    if k > 0:
        out[k:] = values[:-k]
    elif k < 0:
        out[:k] = values[-k:]
    else:
        out[:] = values
    return out


def _window(values: FloatArray, half: int) -> tuple[FloatArray, FloatArray]:
    """Mean and max of ``values`` over ``i-half .. i+half`` (edges padded)."""
    stack = np.vstack([_shifted(values, k) for k in range(-half, half + 1)])
    return stack.mean(axis=0), stack.max(axis=0)


def context_features(features: FeatureMatrix, logits: FloatArray, is_html: bool
                     ) -> FloatArray:
    """The context network's inputs (:data:`CONTEXT_NAMES`) for every line.

    The run-shape inputs (:func:`_run_shape`) are given to the text-dump network
    only and are 0 for HTML, where link density and class hints already tell the
    article from the teasers around it: with them the HTML network lost 0.006
    bag-of-words F1 on scrapinghub, the text network gained 0.012 there and 0.009
    on wcxb-dev (harness, text dumps).
    """
    n = len(logits)
    col = features.column
    chars = np.expm1(col("log_chars"))
    p = 1.0 / (1.0 + np.exp(-np.clip(logits, -30, 30)))
    mass = chars * p
    total = max(mass.sum(), 1.0)
    before = (np.cumsum(mass) - mass) / total
    groups = features.groups
    group_sum = np.bincount(groups, weights=logits * chars, minlength=n)
    group_chars = np.bincount(groups, weights=chars, minlength=n)
    group_count = np.bincount(groups, minlength=n)
    mean3, max3 = _window(logits, 3)
    mean8, _ = _window(logits, 8)
    short = (chars < 40).astype(np.float64)
    run_share, longest_share, in_longest, distance = _run_shape(
        _first_pass_body(logits, features.prose, short) if not is_html
        else np.zeros(n, dtype=bool),
        chars)
    out = np.column_stack([
        logits, _shifted(logits, 1), _shifted(logits, 2), _shifted(logits, -1),
        _shifted(logits, -2), mean3, max3, mean8,
        group_sum[groups] / np.maximum(group_chars[groups], 1.0),
        np.log1p(group_count[groups]), before, 1.0 - before - mass / total,
        np.full(n, total / max(chars.sum(), 1.0)),
        col("log_chars"), short, col("link_density"),
        col("dup_adjacent"), col("card_run"), col("title_like"),
        features.prose.astype(np.float64), col("near_dup_adjacent"), col("title_run"),
        col("card_list"), col("in_main"),
        run_share, np.full(n, longest_share), in_longest, distance,
    ])
    return out


def _first_pass_body(logits: FloatArray, prose: npt.NDArray[np.bool_], short: FloatArray
                     ) -> npt.NDArray[np.bool_]:
    """Lines the line model calls body, with doubtful paragraphs right beside them.

    A paragraph the line model doubts (a page's last paragraph, at its edge) next to
    a body line is read as part of that run, not as the first line away from it; a
    short line there is not (a "What do you think?" prompt after the article).
    """
    body = logits > 0
    near = np.zeros_like(body)
    near[1:] |= body[:-1]
    near[:-1] |= body[1:]
    joined: npt.NDArray[np.bool_] = body | (
        near & prose & (short == 0) & (logits > _RUN_LOGIT))
    return joined


def _run_shape(body: npt.NDArray[np.bool_], chars: FloatArray
               ) -> tuple[FloatArray, float, FloatArray, FloatArray]:
    """Where each line stands in the page's runs of first-pass body lines.

    Returns, per line, the share of the first-pass body characters in the line's own
    run (0 off a run); the share held by the longest run (one number for the page:
    an article's page has one run that dominates, a listing many of a size); whether
    the line is in that run; and ``log1p`` of its distance in lines from that run.
    They let the context network learn what the article-span rules say by hand: a
    short run of teasers far from a dominant article is not part of it, while on a
    listing the same run is. Without any body line all four are 0.
    """
    n = len(body)
    zeros = np.zeros(n)
    if not body.any():
        return zeros, 0.0, zeros, zeros
    starts = body & ~np.concatenate(([False], body[:-1]))
    run_id = np.cumsum(starts) - 1
    run_chars = np.bincount(run_id[body], weights=chars[body])
    total = max(float(run_chars.sum()), 1.0)
    own = np.where(body, run_chars[np.maximum(run_id, 0)] / total, 0.0)
    longest = int(np.argmax(run_chars))
    members = np.flatnonzero(body & (run_id == longest))
    first, last = int(members[0]), int(members[-1])
    index = np.arange(n)
    distance = np.log1p(np.maximum(first - index, 0) + np.maximum(index - last, 0))
    inside = ((index >= first) & (index <= last)).astype(np.float64)
    return own, float(run_chars[longest]) / total, inside, distance.astype(np.float64)


def flip_reasons(first: FloatArray, final: FloatArray, threshold: float
                 ) -> list[tuple[Reason, ...]]:
    """A ``"context"`` reason for every line whose side of ``threshold`` changed."""
    out: list[tuple[Reason, ...]] = []
    for p1, p2 in zip(first.tolist(), final.tolist(), strict=True):
        if (p1 >= threshold) != (p2 >= threshold):
            toward = "body" if p2 >= threshold else "boilerplate"
            out.append((Reason("context", "neighbours", abs(p2 - p1),
                               f"P(body) {p1:.2f} → {p2:.2f}: neighbours say {toward}"),))
        else:
            out.append(())
    return out


def apply_rules(features: FeatureMatrix, initial: list[Label],
                options: Options, is_html: bool, body_p: FloatArray | None = None,
                layout: Callable[[int], str] | None = None,
                fallback: list[Label] | None = None) -> ContextResult:
    """The structural rules of the module docstring, in order, with their reasons.

    ``body_p`` is the final P(body) of each line; without it the stray rule, which
    needs to know how sure the model was, does not run. ``layout(i)`` names line
    ``i``'s place in the page (its tag path); without it the comment rule does not
    run. ``fallback`` is each line's label if it were not body (the category head's
    choice); without it (or ``body_p``) the away-from-article rule does not run.
    """
    labels = list(initial)
    reasons: list[list[Reason]] = [[] for _ in labels]
    _site_repeated(features, labels, reasons, options)
    _teaser_cards(features, list(features.normalised), labels, reasons, options)
    if not is_html:
        _inline_teasers(features, labels, reasons, options)
    else:
        _card_lists(features, labels, reasons, options)
        if layout is not None:
            _comment_sections(features, labels, reasons, options, layout)
    if body_p is not None:
        _strays(features, labels, reasons, options, body_p)
    _headline_runs(features, labels, reasons, options)
    if body_p is not None and fallback is not None:
        _away_from_article(features, labels, reasons, options, body_p, fallback)
    _card_runs(features, labels, reasons)
    if is_html:
        _link_headlines(features, labels, reasons, options)
    else:
        _headline_lists(features, labels, reasons, options)
        _menu_runs(features, labels, reasons, options)
        _comment_threads(features, labels, reasons, options)
    return ContextResult(tuple(labels), tuple(tuple(r) for r in reasons))


def _counts(features: FeatureMatrix, name: str) -> FloatArray:
    """A count feature stored as ``log1p`` (``log_chars``, ``log_words``) back as
    whole numbers."""
    return np.rint(np.expm1(features.column(name)))


def _set(labels: list[Label], reasons: list[list[Reason]], i: int, label: Label,
         rule: str, detail: str) -> None:
    if labels[i] is not label:
        reasons[i].append(Reason("context", rule, 1.0,
                                 f"{labels[i].value} → {label.value}: {detail}"))
        labels[i] = label


def _site_repeated(features: FeatureMatrix, labels: list[Label],
                   reasons: list[list[Reason]], options: Options) -> None:
    share = features.column("site_share")
    links = features.column("link_density")
    for i in np.flatnonzero(share >= options.site_share).tolist():
        if labels[i] in (Label.BODY, Label.TITLE):
            new = Label.NAVIGATION if links[i] >= 0.5 else (
                Label.RELATED if features.prose[i] else Label.OTHER)
            _set(labels, reasons, i, new, "site_repeated",
                 f"on {share[i]:.0%} of the site's pages")


def _teaser_cards(features: FeatureMatrix, norm: list[str], labels: list[Label],
                  reasons: list[list[Reason]], options: Options) -> None:
    prose = features.prose
    words = _counts(features, "log_words")
    n = len(labels)
    i = 0
    while i < n - 1:
        shorter = i if len(norm[i]) <= len(norm[i + 1]) else i + 1
        # A cut-short pair's shorter line must read like a title, not a paragraph:
        # an article's standfirst repeated by its first paragraph is not a card.
        # A line printed twice verbatim is a card's title whatever it reads like.
        paired = norm[i] and is_prefix_pair(norm[i], norm[i + 1]) and (
            norm[i] == norm[i + 1] or not prose[shorter])
        if not paired or labels[i] is Label.TITLE:
            i += 1
            continue
        head = i - 1
        if (head >= 0 and not prose[head] and words[head] <= options.kicker_max_words
                and labels[head] is not Label.TITLE):
            _set(labels, reasons, head, Label.RELATED, "card_heading",
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
                _set(labels, reasons, j, Label.RELATED, "teaser_card",
                     "part of a card whose title is printed twice")
        i = end


def _inline_teasers(features: FeatureMatrix, labels: list[Label],
                    reasons: list[list[Reason]], options: Options) -> None:
    prose = features.prose
    words = _counts(features, "log_words")
    ends_terminal = features.column("ends_terminal") > 0
    n = len(labels)
    for i in range(1, n - 2):
        kicker, headline = i, i + 1
        if (labels[i - 1] is Label.BODY and labels[i + 2] is Label.BODY and prose[i + 2]
                and not prose[kicker] and words[kicker] <= options.kicker_max_words
                and not ends_terminal[kicker] and not ends_terminal[headline]
                and words[headline] >= options.kicker_max_words + 1):
            for j in (kicker, headline):
                _set(labels, reasons, j, Label.RELATED, "inline_teaser",
                     "kicker and headline interrupting the body (a 'read also' link)")


def _card_lists(features: FeatureMatrix, labels: list[Label],
                reasons: list[list[Reason]], options: Options) -> None:
    card = features.column("card_list") >= np.log1p(options.card_list_min_units)
    outside = features.column("in_main") == 0
    body = np.array([label is Label.BODY for label in labels], dtype=bool)
    chars = _counts(features, "log_chars")
    article = body & ~outside & ~card & features.prose
    if chars[article].sum() < options.card_list_min_article_chars:
        return  # no article beside the cards: the list is the page's content
    for i in np.flatnonzero(card & outside).tolist():
        if labels[i] is Label.BODY:
            _set(labels, reasons, i, Label.RELATED, "card_list",
                 "in a list of teaser cards outside the main content")


def _comment_sections(features: FeatureMatrix, labels: list[Label],
                      reasons: list[list[Reason]], options: Options,
                      layout: Callable[[int], str]) -> None:
    in_comment = features.column("in_comment") > 0
    if not in_comment.any():
        return
    chars = _counts(features, "log_chars")
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
                labels[i] is Label.RELATED and links[i] < 0.5):
            _set(labels, reasons, i, Label.COMMENTS, "comment_section",
                 "in a comment section under the page's article")


def _body_runs(labels: list[Label]) -> list[tuple[int, int]]:
    """``[start, end)`` of each run of consecutive BODY lines."""
    return _runs([label is Label.BODY for label in labels])


def _runs(flags: list[bool]) -> list[tuple[int, int]]:
    """``[start, end)`` of each run of consecutive true ``flags``."""
    runs: list[tuple[int, int]] = []
    start = -1
    for i, flag in enumerate(flags):
        if flag and start < 0:
            start = i
        elif not flag and start >= 0:
            runs.append((start, i))
            start = -1
    if start >= 0:
        runs.append((start, len(flags)))
    return runs


def _away_from_article(features: FeatureMatrix, labels: list[Label],
                       reasons: list[list[Reason]], options: Options, body_p: FloatArray,
                       fallback: list[Label]) -> None:
    article = _article_runs(features, labels, options)
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
        _set(labels, reasons, i, new, "away_from_article", why)


def _strays(features: FeatureMatrix, labels: list[Label], reasons: list[list[Reason]],
            options: Options, body_p: FloatArray) -> None:
    runs = _body_runs(labels)
    if not runs:
        return
    chars = _counts(features, "log_chars")
    main_start, main_end = runs[_longest_run(runs, chars)]
    # The article's tail: short, doubtful lines at its end, however many (a credit
    # after a "What do you think?" prompt), up to its first sure or long line.
    last = main_end - 1
    while (last > main_start and chars[last] < options.short_line_chars
            and body_p[last] < options.stray_max_p):
        _set(labels, reasons, last, Label.OTHER, "stray",
             "short, doubtful last line of the article (a prompt, a credit)")
        last -= 1
    for start, end in runs:
        if start > main_end and end - start == 1 and body_p[start] < options.stray_max_p:
            new = Label.RELATED if features.prose[start] else Label.OTHER
            _set(labels, reasons, start, new, "stray",
                 "lone, doubtful body line after the article's end")


def _longest_run(runs: list[tuple[int, int]], chars: FloatArray) -> int:
    """Index (into ``runs``) of the run with most characters, the first on a tie."""
    return max(range(len(runs)), key=lambda r: chars[runs[r][0]:runs[r][1]].sum())


def _article_runs(features: FeatureMatrix, labels: list[Label], options: Options
                  ) -> tuple[list[tuple[int, int]], int, int] | None:
    """The page's body runs and the indices of its article span's first and last
    run (:func:`_article_span`), or None when the page has no single article."""
    runs = _body_runs(labels)
    span = _article_span(features, runs, options) if runs else None
    return None if span is None else (runs, *span)


def article_lines(features: FeatureMatrix, labels: Sequence[Label], options: Options
                  ) -> tuple[int, int] | None:
    """``[start, end)`` of the page's article: its article span when it has one
    (:func:`_article_span`), else its longest run of BODY lines; None without body."""
    runs = _body_runs(list(labels))
    if not runs:
        return None
    span = _article_span(features, runs, options)
    if span is None:
        return runs[_longest_run(runs, _counts(features, "log_chars"))]
    return runs[span[0]][0], runs[span[1]][1]


def _article_span(features: FeatureMatrix, runs: list[tuple[int, int]], options: Options
                  ) -> tuple[int, int] | None:
    """Indices (into ``runs``) of the first and last run of the page's article: the
    run with most text, joined with neighbouring runs of prose a few lines away.
    None when no run holds ``article_run_share`` of the body text (a listing)."""
    chars = _counts(features, "log_chars")
    main = _longest_run(runs, chars)
    if chars[runs[main][0]:runs[main][1]].sum() < options.article_run_share * sum(
            chars[s:e].sum() for s, e in runs):
        return None
    prose = features.prose
    gap = options.article_gap_lines
    first = last = main
    while (last + 1 < len(runs) and runs[last + 1][0] - runs[last][1] <= gap
           and prose[runs[last + 1][0]:runs[last + 1][1]].any()):
        last += 1
    while (first > 0 and runs[first][0] - runs[first - 1][1] <= gap
           and prose[runs[first - 1][0]:runs[first - 1][1]].any()):
        first -= 1
    return first, last


def _headline_runs(features: FeatureMatrix, labels: list[Label],
                   reasons: list[list[Reason]], options: Options) -> None:
    article = _article_runs(features, labels, options)
    if article is None:
        return
    runs, first, last = article
    start = runs[first][0]
    terminal = features.column("ends_terminal") > 0
    words = _counts(features, "log_words")
    for r, (s, e) in enumerate(runs):
        # Before the article only when well away from it: a standfirst, a lede or a
        # dateline just above the article is part of it.
        away = r > last or (r < first and start - e > 2 * options.article_gap_lines)
        if not away or e - s > options.headline_run_max_lines:
            continue
        for j in range(s, e):
            if not terminal[j]:
                new = Label.RELATED if words[j] > options.kicker_max_words else Label.OTHER
                _set(labels, reasons, j, new, "headline_run",
                     "headline-like line in a short run away from the article")


def _headline_lists(features: FeatureMatrix, labels: list[Label],
                    reasons: list[list[Reason]], options: Options) -> None:
    # A dump of a news portal prints each teaser as one line, the headline glued to
    # its summary: every line reads like a sentence to the networks, but a run of
    # them hardly ever ends like one, where an article's paragraphs nearly always do.
    chars = _counts(features, "log_chars")
    terminal = features.column("ends_terminal") > 0
    long_body = [label is Label.BODY and chars[i] >= options.headline_list_min_chars
                 for i, label in enumerate(labels)]
    for start, end in _runs(long_body):
        ended = int(terminal[start:end].sum())
        if (end - start >= options.headline_list_min_lines
                and ended <= options.headline_list_max_terminal_share * (end - start)):
            for k in range(start, end):
                _set(labels, reasons, k, Label.RELATED, "headline_list",
                     f"{end - start} long lines in a row, {ended} ending like a sentence: "
                     "a list of headlines")


def _link_headlines(features: FeatureMatrix, labels: list[Label],
                    reasons: list[list[Reason]], options: Options) -> None:
    links = features.column("link_density")
    words = _counts(features, "log_words")
    menus = ((features.column("in_nav") > 0) | (features.column("in_header") > 0)
             | (features.column("in_footer") > 0))
    headline = ((links >= options.link_headline_min_density)
                & (words > options.kicker_max_words) & ~menus)
    for i in np.flatnonzero(headline).tolist():
        if labels[i] is Label.NAVIGATION:
            _set(labels, reasons, i, Label.RELATED, "link_headline",
                 "a whole headline as a link, outside menus: a related story")


def _menu_runs(features: FeatureMatrix, labels: list[Label],
               reasons: list[list[Reason]], options: Options) -> None:
    words = _counts(features, "log_words")
    terminal = features.column("ends_terminal") > 0
    item = [labels[i] in (Label.OTHER, Label.RELATED) and not reasons[i]
            and 0 < words[i] <= options.kicker_max_words and not terminal[i]
            for i in range(len(labels))]
    for start, end in _runs(item):
        if end - start >= options.menu_min_lines:
            for i in range(start, end):
                _set(labels, reasons, i, Label.NAVIGATION, "menu_run",
                     "one of a run of short items (a menu in a text dump)")


def _card_runs(features: FeatureMatrix, labels: list[Label],
               reasons: list[list[Reason]]) -> None:
    card = features.column("card_run") > 0
    for i in np.flatnonzero(card).tolist():
        if labels[i] in (Label.OTHER, Label.NAVIGATION) and features.prose[i]:
            _set(labels, reasons, i, Label.RELATED, "card_run",
                 "a teaser in a run of cards between recurring separators")


def _comment_threads(features: FeatureMatrix, labels: list[Label],
                     reasons: list[list[Reason]], options: Options) -> None:
    # After the page's longest body run, not the article's span: the span takes in
    # comments whose text reads as body a few lines below the article. Nor only on
    # pages with a single article: a short post's comments can outweigh it, and the
    # run shares then call the page a listing.
    runs = _body_runs(labels)
    if not runs:
        return
    chars = _counts(features, "log_chars")
    end = runs[_longest_run(runs, chars)][1]
    col = features.column
    dated = (col("has_time") > 0) | (col("has_date") > 0)
    headline = col("title_like") > 0
    words = _counts(features, "log_words")
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
                _set(labels, reasons, i, Label.COMMENTS, "comment_thread",
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
