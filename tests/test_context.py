"""Context stage: the structural rules and the reasons they leave behind."""

from __future__ import annotations

import numpy as np
import pytest
from builders import labels, matrix, text_page

from cleantext.context import CONTEXT_NAMES, apply_rules, context_features, flip_reasons
from cleantext.document import Label, Reason
from cleantext.features import compute_features
from cleantext.options import Options

OPTS = Options()
PROSE_1 = "The council met on Tuesday and voted to repair the old bridge before winter."
PROSE_2 = "Engineers said the work would take six weeks and cost less than first feared."
PROSE_3 = "Residents who use the crossing every day welcomed the decision at the meeting."
CARD_TITLE = "Flood warnings lifted across the region"
TEASER = "Officials said on Monday that the river had fallen below the danger mark again."


def _rule_names(reasons: tuple[Reason, ...]) -> list[str]:
    return [r.name for r in reasons]


# --- teaser cards ------------------------------------------------------------------------


def test_card_with_title_printed_twice_is_related_up_to_its_teaser() -> None:
    seg = text_page(PROSE_1, PROSE_2, CARD_TITLE, CARD_TITLE, TEASER, PROSE_3)
    result = apply_rules(compute_features(seg), labels("BBBBBB"), OPTS)
    assert result.labels == tuple(labels("BBRRRB"))
    for i in (2, 3, 4):
        (reason,) = result.reasons[i]
        assert (reason.source, reason.name) == ("context", "teaser_card")
        assert reason.detail.startswith("body → related")
    assert result.reasons[5] == result.reasons[0] == ()


def test_consecutive_cards_are_each_related() -> None:
    other = "Schools reopen after the storm damage is repaired"
    seg = text_page(PROSE_1, CARD_TITLE, CARD_TITLE, "Image", TEASER, other, other, PROSE_3)
    result = apply_rules(compute_features(seg), labels("BBBOBBBB"), OPTS)
    assert result.labels == tuple(labels("BRRRRRRR"))
    # The "Image" placeholder inside the card (OTHER) changes too, with its reason.
    assert _rule_names(result.reasons[3]) == ["teaser_card"]


def test_title_printed_twice_is_not_a_card() -> None:
    seg = text_page(CARD_TITLE, CARD_TITLE, PROSE_1, PROSE_2)
    result = apply_rules(compute_features(seg), labels("TTBB"), OPTS)
    assert result.labels == tuple(labels("TTBB"))
    assert all(r == () for r in result.reasons)


def test_card_run_rule_relabels_only_prose_boilerplate() -> None:
    fm = matrix(5, card_run=[1, 1, 1, 1, 0], prose=[True, False, True, True, True])
    result = apply_rules(fm, labels("OOBNO"), OPTS)
    assert result.labels == tuple(labels("ROBRO"))
    assert _rule_names(result.reasons[0]) == _rule_names(result.reasons[3]) == ["card_run"]


# --- site repetition ---------------------------------------------------------------------


def test_site_repeated_lines_become_boilerplate_with_a_reason() -> None:
    fm = matrix(5, site_share=[0.9, 0.9, 0.9, 0.2, 0.6],
                link_density=[0.8, 0.0, 0.0, 0.0, 0.0],
                prose=[False, True, False, False, False])
    result = apply_rules(fm, labels("BBNBT"), OPTS)
    assert result.labels == (Label.NAVIGATION, Label.RELATED, Label.NAVIGATION, Label.BODY,
                             Label.OTHER)
    (reason,) = result.reasons[0]
    assert reason == Reason("context", "site_repeated", 1.0,
                            "body → navigation: on 90% of the site's pages")
    assert _rule_names(result.reasons[4]) == ["site_repeated"]
    assert "title → other" in result.reasons[4][0].detail
    assert result.reasons[2] == result.reasons[3] == ()


def test_site_share_option_is_the_threshold() -> None:
    fm = matrix(2, site_share=[0.9, 0.6])
    assert apply_rules(fm, labels("BB"), OPTS.with_(site_share=0.95)).labels == tuple(
        labels("BB"))
    assert apply_rules(fm, labels("BB"), OPTS.with_(site_share=0.6)).labels == tuple(
        labels("OO"))


def test_rules_do_not_change_their_input() -> None:
    initial = labels("BB")
    apply_rules(matrix(2, site_share=[1.0, 1.0]), initial, OPTS)
    assert initial == labels("BB")


# --- flips of the context network --------------------------------------------------------


def test_flip_reasons_only_where_the_side_changed() -> None:
    first = np.array([0.2, 0.7, 0.6, 0.1])
    final = np.array([0.8, 0.3, 0.9, 0.4])
    reasons = flip_reasons(first, final, 0.5)
    assert reasons[2] == reasons[3] == ()
    (up,) = reasons[0]
    (down,) = reasons[1]
    assert (up.source, up.name) == (down.source, down.name) == ("context", "neighbours")
    assert up.weight == pytest.approx(0.6)
    assert down.weight == pytest.approx(0.4)
    assert "0.20 → 0.80" in up.detail and "body" in up.detail
    assert "boilerplate" in down.detail


def test_flip_reasons_follow_the_threshold() -> None:
    first, final = np.array([0.4]), np.array([0.6])
    assert flip_reasons(first, final, 0.5) != [()]
    assert flip_reasons(first, final, 0.35) == [()]
    assert flip_reasons(first, final, 0.65) == [()]


def test_context_features_shape() -> None:
    fm = compute_features(text_page(PROSE_1, "Home", PROSE_2))
    inputs = context_features(fm, np.array([2.0, -3.0, 1.5]))
    assert inputs.shape == (3, len(CONTEXT_NAMES))
    assert np.isfinite(inputs).all()
    logit = CONTEXT_NAMES.index("logit")
    prev1 = CONTEXT_NAMES.index("prev1")
    assert inputs[:, logit].tolist() == [2.0, -3.0, 1.5]
    assert inputs[1:, prev1].tolist() == [2.0, -3.0]
