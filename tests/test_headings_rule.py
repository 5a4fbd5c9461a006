"""Section headings (rules_headings): a heading of level 2+ and
``Options.section_heading_max_words`` words at most with BODY within
``Options.article_gap_lines`` lines on both sides is BODY. The pages are segmented
from real HTML, so the heading kinds are the walker's; the labels stand for what the
networks decided."""

from __future__ import annotations

from collections.abc import Sequence

from cleantext.blocks import Segmented
from cleantext.document import Label, Reason
from cleantext.linekind import BlockType
from cleantext.options import Options
from cleantext.rules_headings import captions, section_headings
from cleantext.segment import segment_html, segment_text

B, X, N, T = Label.BODY, Label.OTHER, Label.NAVIGATION, Label.TITLE
DEFAULT = Options()
PARA = "<p>The council met on Tuesday and agreed on the budget for next year.</p>"


def _page(body: str) -> Segmented:
    return segment_html(f"<html><body>{body}</body></html>", DEFAULT)


def _run(tree: Segmented, labels: Sequence[Label], options: Options = DEFAULT,
         protected: Sequence[int] = ()) -> tuple[list[Label], list[list[Reason]]]:
    assert len(labels) == len(tree.blocks)
    out = list(labels)
    reasons: list[list[Reason]] = [[] for _ in out]
    section_headings(tree, out, reasons, options, protected)
    return out, reasons


def test_heading_between_body_paragraphs_becomes_body_with_a_reason() -> None:
    tree = _page(f"{PARA}<h2>Ingredients</h2>{PARA}")
    assert [b.kind.type for b in tree.blocks] == [BlockType.PARAGRAPH, BlockType.HEADING,
                                                  BlockType.PARAGRAPH]
    labels, reasons = _run(tree, [B, X, B])
    assert labels == [B, B, B]
    assert reasons[1][0].source == "context" and reasons[1][0].name == "section heading"
    assert "other → body" in reasons[1][0].detail
    assert reasons[0] == [] and reasons[2] == []


def test_a_run_of_headings_is_judged_as_one() -> None:
    # An h2 right above an h3: neither has body on both sides, the run has.
    tree = _page(f"{PARA}<h2>Method</h2><h3>Step one</h3>{PARA}")
    assert _run(tree, [B, N, X, B])[0] == [B, B, B, B]


def test_not_between_body_lines_left_alone() -> None:
    tree = _page(f"{PARA}<h2>Related stories</h2>{PARA}<h3>More</h3>")
    start = [B, X, X, X]
    assert _run(tree, start)[0] == start          # body above only; last line
    assert _run(tree, [X, X, B, X])[0] == [X, X, B, X]   # body below only
    assert _run(_page(f"<h2>Top</h2>{PARA}"), [X, B])[0] == [X, B]   # first line


def test_body_within_the_gap_before_counts_beyond_it_not() -> None:
    # A section after a figure: caption and credit between the text and the heading.
    tree = _page(f"{PARA}<p>Photo: the bridge</p><p>Credit: AP</p><h2>The plan</h2>{PARA}")
    labels, reasons = _run(tree, [B, X, X, X, B])
    assert labels == [B, X, X, B, B]
    assert "within 3 lines before" in reasons[3][0].detail
    assert _run(tree, [B, X, X, X, B], Options(article_gap_lines=2))[0] == [B, X, X, X, B]
    assert _run(tree, [B, X, X, X, B], Options(article_gap_lines=0))[0] == [B, X, X, X, B]


def test_a_box_heading_inside_the_article_is_left_alone() -> None:
    # "Read also" between two paragraphs: its links follow it, not the section's text.
    tree = _page(f"{PARA}<h3>Read also</h3><p><a href='/a'>Another story</a></p>{PARA}")
    assert _run(tree, [B, X, Label.RELATED, B])[0] == [B, X, Label.RELATED, B]


def test_paragraph_between_body_lines_is_not_a_heading() -> None:
    tree = _page(f"{PARA}<p>Share this</p>{PARA}")
    assert _run(tree, [B, X, B])[0] == [B, X, B]


def test_level_one_title_lines_and_long_headings_left_alone() -> None:
    tree = _page(f"{PARA}<h1>The page's own headline</h1>{PARA}")
    assert _run(tree, [B, X, B])[0] == [B, X, B]
    tree = _page(f"{PARA}<h2>Budget talks</h2>{PARA}")
    assert _run(tree, [B, T, B], protected=[1])[0] == [B, T, B]
    long = " ".join(["word"] * 13)
    tree = _page(f"{PARA}<h2>{long}</h2>{PARA}")
    assert _run(tree, [B, X, B], Options(section_heading_max_words=12))[0] == [B, X, B]
    assert _run(tree, [B, X, B], Options(section_heading_max_words=13))[0] == [B, B, B]


def test_zero_words_switches_the_rule_off_and_dumps_have_no_headings() -> None:
    tree = _page(f"{PARA}<h2>Ingredients</h2>{PARA}")
    assert _run(tree, [B, X, B], Options(section_heading_max_words=0))[0] == [B, X, B]
    dump = segment_text("First long paragraph of the page.\nIngredients\n"
                        "Second long paragraph of the page.", DEFAULT)
    assert _run(dump, [B, X, B])[0] == [B, X, B]


def test_captions_are_not_body() -> None:
    tree = _page(f"{PARA}<figure><img src='a.jpg'><figcaption>The bridge at dusk"
                 f"</figcaption></figure>{PARA}<p>Photo: AP</p>")
    assert [b.kind.type for b in tree.blocks][1] is BlockType.CAPTION
    labels = [B, B, B, B]
    reasons: list[list[Reason]] = [[] for _ in labels]
    captions(tree, labels, reasons)
    assert labels == [B, X, B, B] and reasons[1][0].name == "caption"
    kept = [B, T, B, B]
    captions(tree, kept, [[] for _ in kept], protected=[1])
    assert kept == [B, T, B, B]
