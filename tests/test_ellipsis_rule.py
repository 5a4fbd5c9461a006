"""Ellipsis runs (rules_cards.ellipsis_runs): ``Options.teaser_ellipsis_run`` BODY lines
in a row that each end cut off with an ellipsis are a story list's teasers, RELATED.
The features are computed from a real text dump; the labels stand for what the
networks decided."""

from __future__ import annotations

from cleantext.document import Label, Reason
from cleantext.features import compute_features
from cleantext.options import Options
from cleantext.rules_cards import ellipsis_runs
from cleantext.segment import segment_text

B, X = Label.BODY, Label.OTHER
TEASERS = ["Council agrees budget LONDON: The council met on Tuesday and agreed on...",
           "Rail strike called off PARIS: Unions said late on Monday that the…",
           "Storm hits coast OSLO: Winds of up to 120 km/h closed roads across the ..."]
PROSE = "The council met on Tuesday and agreed on the budget for next year, its leader said."


DEFAULT = Options()


def _run(lines: list[str], labels: list[Label], options: Options = DEFAULT
         ) -> tuple[list[Label], list[list[Reason]]]:
    seg = segment_text("\n".join(lines), options)
    assert len(seg.blocks) == len(labels)
    out = list(labels)
    reasons: list[list[Reason]] = [[] for _ in out]
    ellipsis_runs(compute_features(seg), out, reasons, options)
    return out, reasons


def test_a_run_of_cut_off_teasers_is_related_with_a_reason() -> None:
    labels, reasons = _run([PROSE, *TEASERS, PROSE], [B, B, B, B, B])
    assert labels == [B, Label.RELATED, Label.RELATED, Label.RELATED, B]
    assert reasons[1][0].name == "ellipsis_run" and reasons[0] == [] and reasons[4] == []


def test_shorter_runs_other_labels_and_off_are_left_alone() -> None:
    assert _run([PROSE, *TEASERS[:2], PROSE], [B, B, B, B])[0] == [B, B, B, B]
    # A line that is not BODY breaks the run: two and one are not three.
    assert _run([*TEASERS, PROSE], [B, X, B, B])[0] == [B, X, B, B]
    off = Options().with_(teaser_ellipsis_run=0)
    assert _run([*TEASERS, PROSE], [B, B, B, B], off)[0] == [B, B, B, B]
