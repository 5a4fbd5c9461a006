"""The feature schema: every column's name (:data:`FEATURE_NAMES`), its index
(:data:`COL`), and the vocabularies that define columns (hint groups, tag groups).

Imports nothing of the package; the feature families and every later stage read it.
"""

from __future__ import annotations

__all__ = ["COL", "FEATURE_NAMES", "HINTS", "MOSTLY_LINKS", "TAG_GROUPS", "TAG_NAMES"]

# Hint groups: whole class/id/role tokens and tags that mark a region of a page.
# These are web-wide conventions (HTML5 landmark names and their usual spellings),
# not names of particular sites; the model learns how much each group matters.
def _group(words: str) -> frozenset[str]:
    return frozenset(words.split())


HINTS: tuple[tuple[str, frozenset[str]], ...] = (
    ("nav", _group("nav navigation navbar menu menubar breadcrumb breadcrumbs pagination "
                   "pager skip toc")),
    ("header", _group("header masthead topbar banner")),
    ("footer", _group("footer copyright colophon contentinfo")),
    ("aside", _group("aside sidebar widget complementary rail")),
    ("form", _group("form login signup subscribe newsletter search")),
    ("article", _group("article main content post entry story body text articlebody "
                       "blogpost")),
    ("comment", _group("comment comments commentlist disqus respond reply replies "
                       "discussion")),
    ("related", _group("related recommended recommendations popular trending latest teaser "
                       "teasers recirculation recirc suggested similar more outbrain taboola")),
    ("share", _group("share sharing social sharebar")),
    ("ad", _group("ad ads advert advertisement adsense sponsor sponsored promo promoted")),
    ("caption", _group("caption figcaption credit credits figure photo")),
    ("meta", _group("byline author date time meta published dateline tags tag category "
                    "categories")),
)
TAG_GROUPS = {"h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading",
               "h5": "heading", "h6": "heading", "p": "p", "li": "li", "dd": "li", "dt": "li",
               "td": "cell", "th": "cell", "pre": "pre", "blockquote": "pre",
               "figcaption": "caption", "caption": "caption", "line": "line"}
TAG_NAMES = ("heading", "p", "li", "cell", "pre", "caption", "line")

FEATURE_NAMES: tuple[str, ...] = (
    "log_chars", "log_words", "word_len", "link_density", "log_links", "punct_share",
    "log_sentences", "ends_terminal", "starts_upper", "digit_share", "has_time", "has_date",
    "fw_share", "dup_page", "dup_adjacent", "card_run", "title_like", "position",
    "prose_position", "prose_gap",
    "is_first", "title_overlap", "site_share",
    *(f"tag_{name}" for name in TAG_NAMES),
    *(f"in_{name}" for name, _ in HINTS),
    "in_main", "container_share", "container_link_density", "page_comment_share",
    "prev_prose", "next_prose", "prev_link_density", "next_link_density",
    "prev_log_chars", "next_log_chars", "window_prose",
    "prev_title_like", "next_title_like", "prev_has_time", "near_dup_adjacent", "title_run",
    "ends_ellipsis", "ends_time", "card_list",
)
COL: dict[str, int] = {name: i for i, name in enumerate(FEATURE_NAMES)}
"""Feature name → its column in :attr:`FeatureMatrix.values`."""

MOSTLY_LINKS = 0.5
"""Link density (share of a line's non-space characters inside links) from which a
line is "mostly links": not prose, a headline link, a menu item when repeated over a
site. Half is the natural cut between text with links and links with text; it was
never tuned, and the model learns from the raw density anyway."""
