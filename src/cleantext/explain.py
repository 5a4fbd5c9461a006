"""Every line's reasons, put together once: the title's, the context network's flip,
the rules', the category head's (where no rule spoke) and the model's.

Called only when a caller reads ``Document.lines`` (the assemble stage holds it as a
function). Imports :mod:`cleantext.document`, :mod:`cleantext.features`,
:mod:`cleantext.rules`, :mod:`cleantext.score`, :mod:`cleantext.title`.
"""

from __future__ import annotations

from cleantext.document import Label, Reason
from cleantext.features import FeatureMatrix
from cleantext.rules import RulesResult
from cleantext.score import PageScores, category_reasons, flip_reasons, model_reasons_rows
from cleantext.title import PageTitle

__all__ = ["line_reasons"]


def line_reasons(scores: PageScores, features: FeatureMatrix, ruled: RulesResult,
                 titled: PageTitle, threshold: float) -> list[tuple[Reason, ...]]:
    """Per line, in this order: its title match, the context flip (its side of
    ``threshold``, ``Options.body_threshold``, changed), the rules that moved it, why
    a boilerplate line got its category (only where no rule spoke), and the
    features that moved its P(body) most."""
    labels = titled.labels
    flipped = flip_reasons(scores.lines.body, scores.final, threshold)
    categories = category_reasons(scores.model, features.values, labels)
    model_rows = model_reasons_rows(features.names,
                                    scores.lines.network.contributions(features.values),
                                    [label is Label.BODY for label in labels])
    title = titled.reasons
    rows: list[tuple[Reason, ...]] = []
    for i, found in enumerate(categories):
        rules = ruled.reasons[i]
        why_category = (found,) if found is not None and not rules else ()
        rows.append(((title[i],) if i in title else ()) + flipped[i] + rules + why_category
                    + model_rows[i])
    return rows
