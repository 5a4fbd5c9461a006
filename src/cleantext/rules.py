"""Rules stage: page-level structural rules that decide lines again in the light of
the whole page, after the networks; each change is recorded as a ``"context"`` reason.

- *site repetition*: a line on at least ``Options.site_share`` of the site's
  pages (from a :class:`~cleantext.SiteProfile`) is boilerplate;
- *teaser cards*: a line printed twice in a row, or cut short and then in full
  (a related-story card's title), starts a card; the card's lines up to its teaser
  are RELATED as a whole, however well written the teaser is, and so is a short
  heading right before the first card ("Read also", "Recommended"). On a page that
  marks links one line of the pair must hold one (a card links to its story; a
  section heading that its paragraph repeats is the article going on);
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
- *ellipsis runs*: ``Options.teaser_ellipsis_run`` BODY lines in a row that each end
  cut off with an ellipsis are a story list's teasers: RELATED;
- *link headlines* (HTML): a line that is one link of headline length, outside
  navigation, header and footer regions, is a related story, not NAVIGATION;
- *menu runs* (text dumps, which have no links to tell menus by): a run of short
  boilerplate items, none ending like a sentence, is NAVIGATION;
- *comment threads* (text dumps, which have no class names to tell comments by):
  after the article, a run of dated stamp lines that end alike, each followed by
  written text, is a reader-comment thread; its boilerplate lines are COMMENTS;
- *article repeats* (HTML): a paragraph printed twice in a row beside body of the
  same container is the article's: its first copy BODY, the second not;
- *article siblings* (HTML): a paragraph right before or after the article, of the
  same parent element as its paragraphs, with P(body) of at least
  ``Options.sibling_min_p``, is the article's;
- *outside the container* (HTML): when the page's best candidate container holds
  ``Options.article_run_share`` of the body's words, a body line outside it needs
  ``Options.away_margin`` more P(body) to stay body (what sits around a short article);
- *recall floor* (HTML): when the body holds far less than the page's best
  candidate container (scored as Readability scores it), the container's readable
  lines are body (:mod:`cleantext.rules_floor`);
- *table rows* (HTML): the cells of a table row share one label, BODY when
  ``Options.table_row_body_share`` of them are; a table's rows too, BODY when
  ``Options.table_body_share`` of them are (:mod:`cleantext.rules_tables`);
- *section headings* (HTML): a heading of ``Options.section_heading_max_words`` words
  at most with BODY within ``Options.article_gap_lines`` lines before it and right
  after it is BODY, a section of the article (:mod:`cleantext.rules_headings`);
- *captions* (HTML): a ``<figcaption>`` or ``<caption>`` line is not BODY but OTHER.

The rule families live in :mod:`cleantext.rules_cards`, :mod:`cleantext.rules_article`
and :mod:`cleantext.rules_comments`, on the shared ground of
:mod:`cleantext.rules_common`; this module runs them in order. Imports those,
:mod:`cleantext.document`, :mod:`cleantext.features`, :mod:`cleantext.numeric` and
:mod:`cleantext.options`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from cleantext.blocks import Segmented
from cleantext.document import Label, Reason
from cleantext.features import FeatureMatrix
from cleantext.numeric import FloatArray
from cleantext.options import Options
from cleantext.rules_article import (
    away_from_article,
    headline_lists,
    headline_runs,
    menu_runs,
    strays,
)
from cleantext.rules_cards import (
    card_lists,
    card_runs,
    ellipsis_runs,
    inline_teasers,
    link_headlines,
    site_repeated,
    teaser_cards,
)
from cleantext.rules_comments import comment_sections, comment_threads
from cleantext.rules_common import article_lines
from cleantext.rules_floor import (
    article_repeats,
    article_siblings,
    best_container,
    outside_container,
    recall_floor,
)
from cleantext.rules_headings import captions, section_headings
from cleantext.rules_tables import table_rows

__all__ = ["RulesResult", "apply_rules", "article_lines"]


@dataclass(frozen=True, slots=True)
class RulesResult:
    """Per line: the label after the rules and the rules' reasons that changed it."""

    labels: tuple[Label, ...]
    reasons: tuple[tuple[Reason, ...], ...]


def apply_rules(features: FeatureMatrix, initial: Sequence[Label],
                options: Options, is_html: bool, body_p: FloatArray | None = None,
                layout: Callable[[int], str] | None = None,
                fallback: Sequence[Label] | None = None,
                protected: Collection[int] = (), tree: Segmented | None = None
                ) -> RulesResult:
    """The structural rules of the module docstring, in order, with their reasons.

    ``body_p`` is the final P(body) of each line; without it the stray rule, which
    needs to know how sure the model was, does not run. ``layout(i)`` names line
    ``i``'s place in the page (its tag path); without it the comment rule does not
    run. ``fallback`` is each line's label if it were not body (the category head's
    choice); without it (or ``body_p``) the away-from-article rule does not run.
    ``protected`` are the lines of the page's title (an HTML page's title line and
    its repeats, found from the features): every rule reads them as the title, so
    none counts them as body or moves them but site repetition (a line on most of
    the site's pages is no page's own title). ``tree`` is the segmented page, whose
    element tree the recall floor reads; without it the floor does not run.
    """
    labels = [Label.TITLE if i in protected else label for i, label in enumerate(initial)]
    reasons: list[list[Reason]] = [[] for _ in labels]
    site_repeated(features, labels, reasons, options)
    teaser_cards(features, list(features.normalised), labels, reasons, options)
    if not is_html:
        inline_teasers(features, labels, reasons, options)
    else:
        card_lists(features, labels, reasons, options)
        if layout is not None:
            comment_sections(features, labels, reasons, options, layout)
    if body_p is not None:
        strays(features, labels, reasons, options, body_p)
    headline_runs(features, labels, reasons, options)
    if body_p is not None and fallback is not None:
        away_from_article(features, labels, reasons, options, body_p, fallback)
    card_runs(features, labels, reasons)
    ellipsis_runs(features, labels, reasons, options)
    if is_html:
        link_headlines(features, labels, reasons, options)
    else:
        headline_lists(features, labels, reasons, options)
        menu_runs(features, labels, reasons, options)
        comment_threads(features, labels, reasons, options)
    if tree is not None and tree.elements:
        article_repeats(features, tree, labels, reasons)
        if body_p is not None:
            article_siblings(features, tree, labels, reasons, options, body_p)
        container = best_container(tree)
        if body_p is not None and fallback is not None:
            outside_container(features, container, labels, reasons, options, body_p, fallback)
        recall_floor(features, tree, container, labels, reasons, options, protected)
    if tree is not None:
        table_rows(tree, labels, reasons, options, protected)
        section_headings(tree, labels, reasons, options, protected)
        captions(tree, labels, reasons, protected)
    return RulesResult(tuple(labels), tuple(tuple(r) for r in reasons))
