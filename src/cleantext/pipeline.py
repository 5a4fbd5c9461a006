"""The pipeline, one direction: decode → segment → features → score → rules → title
→ assemble.

:func:`extract` reads HTML, :func:`extract_text` a plain-text dump of a page (one
block per line). Both return a :class:`~cleantext.Document`; unreadable input raises
a subclass of :class:`~cleantext.ExtractionError`; empty input gives an empty
Document. :func:`run_pipeline` runs the stages after segmentation, one call each.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from cleantext.assemble import build_document, page_metadata
from cleantext.blocks import Segmented, line_paths
from cleantext.decode import decode_page, to_text
from cleantext.document import Document
from cleantext.explain import line_reasons
from cleantext.features import FeatureMatrix, compute_features
from cleantext.model import Model, load_model
from cleantext.options import Options
from cleantext.rules import apply_rules
from cleantext.score import score_page
from cleantext.segment import segment_html, segment_text, title_candidate
from cleantext.title import choose_title, title_before_rules

if TYPE_CHECKING:
    from cleantext.profile import SiteProfile

__all__ = ["extract", "extract_text", "run_pipeline"]

_DEFAULT = Options()


def extract(html: str | bytes, *, url: str | None = None, options: Options | None = None,
            site: SiteProfile | None = None) -> Document:
    """Extract the article body of an HTML page (``str``, or ``bytes`` in any encoding).

    ``url`` is kept on the Document; ``options`` sets thresholds and limits
    (default :class:`Options()`); ``site`` is a :class:`SiteProfile` of the page's
    site whose repeated lines count as boilerplate.
    """
    opts = options or _DEFAULT
    text, utf8 = decode_page(html, opts.max_input_bytes, opts.max_control_share)
    return run_pipeline(segment_html(text, opts, utf8), opts, site, url)


def extract_text(text: str | bytes, *, url: str | None = None, options: Options | None = None,
                 site: SiteProfile | None = None) -> Document:
    """Extract the article body of a page saved as plain text, one block per line."""
    opts = options or _DEFAULT
    clean = to_text(text, opts.max_input_bytes, opts.max_control_share)
    return run_pipeline(segment_text(clean, opts), opts, site, url)


def run_pipeline(seg: Segmented, options: Options, site: SiteProfile | None,
                 url: str | None, model: Model | None = None,
                 features: FeatureMatrix | None = None) -> Document:
    """Features, scores, rules, title and assembly for one segmented page.

    ``model`` and precomputed ``features`` let the training script evaluate a
    candidate model on cached pages; callers leave them out.
    """
    if not seg.blocks:
        return Document(text="", title=title_candidate(seg), lines=(), url=url,
                        truncated=seg.truncated, metadata=page_metadata(seg, (), url))
    if features is None:
        features = compute_features(seg, site, title_candidate(seg), options.site_min_pages)
    scores = score_page(features, seg.is_html, model or load_model(), options.body_threshold)
    early_title = title_before_rules(seg, features, options)
    paths = line_paths(seg)
    blocks = seg.blocks
    ruled = apply_rules(features, scores.labels, options, seg.is_html, scores.final,
                        lambda i: paths.get(blocks[i].element, ""), scores.fallback,
                        early_title.lines, seg)
    titled = choose_title(seg, features, ruled.labels, options, early_title)
    reasons = partial(line_reasons, scores, features, ruled, titled, options.body_threshold)
    return build_document(seg, features, scores.final, titled.labels, reasons, titled.title,
                          url, paths)
