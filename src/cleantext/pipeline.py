"""The pipeline, one direction: input → segment → features → score → context → assemble.

:func:`extract` reads HTML, :func:`extract_text` a plain-text dump of a page (one
block per line). Both return a :class:`~cleantext.Document`; unreadable input raises
a subclass of :class:`~cleantext.ExtractionError`; empty input gives an empty
Document.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

import numpy as np

from cleantext.assemble import (
    build_document,
    find_dump_title,
    find_title,
    line_paths,
    title_candidate,
    title_duplicates,
)
from cleantext.context import ContextResult, apply_rules, flip_reasons
from cleantext.decode import decode_page, to_text
from cleantext.document import Document, Label, Reason
from cleantext.features import FeatureMatrix, FloatArray, compute_features
from cleantext.options import Options
from cleantext.score import (
    CATEGORY_LABELS,
    Model,
    category_reasons,
    context_probabilities,
    load_model,
    score_lines,
)
from cleantext.segment import Segmented, segment_html, segment_text

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
    """Features, scores, context, title and assembly for one segmented page.

    ``model`` and precomputed ``features`` let the training script evaluate a
    candidate model on cached pages; callers leave them out.
    """
    if not seg.blocks:
        return Document(text="", title=title_candidate(seg), lines=(), url=url,
                        truncated=seg.truncated)
    model = model or load_model()
    if features is None:
        features = compute_features(seg, site, title_candidate(seg), options.site_min_pages)
    scores = score_lines(features, seg.is_html, model)
    final = context_probabilities(features, scores.logits, seg.is_html, model)
    best_category = np.argmax(scores.category, axis=1)
    fallback = [CATEGORY_LABELS[c] for c in best_category.tolist()]
    labels = [Label.BODY if p >= options.body_threshold else other
              for p, other in zip(final.tolist(), fallback, strict=True)]
    title_reasons: dict[int, Reason] = {}
    title: str | None = None
    if seg.is_html:
        title_index, title = find_title(seg, features, options)
        _mark_title(labels, title_reasons, features, title_index, "matches the page's title")
    paths = line_paths(seg)
    blocks = seg.blocks
    context = apply_rules(features, labels, options, seg.is_html, final,
                          lambda i: paths.get(blocks[i].element, ""), fallback)
    if not seg.is_html:
        labels = list(context.labels)
        title_index, title, above = find_dump_title(seg, features, labels, options)
        _mark_title(labels, title_reasons, features, title_index,
                    "headline-like line above the article, which repeats its words"
                    if above else "headline-like first line")
        context = ContextResult(tuple(labels), context.reasons)
    reasons = partial(_line_reasons, model, features.values, context, title_reasons,
                      partial(flip_reasons, scores.body, final, options.body_threshold))
    return build_document(seg, features, final,
                          partial(scores.network.contributions, features.values),
                          context.labels, reasons, title, url, paths)


def _mark_title(labels: list[Label], reasons: dict[int, Reason], features: FeatureMatrix,
                index: int | None, why: str) -> None:
    """Label the title line and its repeats TITLE, each with a ``title_match`` reason."""
    if index is None:
        return
    for i in (index, *title_duplicates(features.normalised, index)):
        labels[i] = Label.TITLE
        reasons[i] = Reason("title", "title_match", 1.0, why)


def _line_reasons(model: Model, values: FloatArray, context: ContextResult,
                  title_reasons: dict[int, Reason],
                  flips: Callable[[], list[tuple[Reason, ...]]]) -> list[tuple[Reason, ...]]:
    """Every line's reasons before the model's: title match, context flip, context
    rules, and (where no rule spoke) why a boilerplate line got its category. Called
    only when a caller reads ``Document.lines``."""
    flipped = flips()
    reasons = []
    categories = category_reasons(model, values, context.labels)
    for i, found in enumerate(categories):
        why_category = (found,) if found is not None and not context.reasons[i] else ()
        reasons.append(((title_reasons[i],) if i in title_reasons else ()) + flipped[i]
                       + context.reasons[i] + why_category)
    return reasons
