"""Unit tests of the evaluation harness's metrics and text dumper (benchmarks/).

Every expected number is computed by hand in the comment next to it. No shared
benchmark data is needed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # ``benchmarks`` lives at the repo root, beside src/
    sys.path.insert(0, str(REPO))

from benchmarks.metrics import (  # noqa: E402
    Overlap,
    WithWithout,
    bag_of_words,
    cjk_tokens,
    collapse_ws,
    mean_prf,
    multiset_overlap,
    shingle_overlap,
    shingles,
    tokens,
    with_without,
)
from benchmarks.textdump import html_to_text, lines_to_html  # noqa: E402

# ----------------------------------------------------------------------- tokens


def test_tokens_are_lowercased_word_runs_without_punctuation() -> None:
    assert tokens("Hello, World! It's 2024.") == ["hello", "world", "it", "s", "2024"]


def test_tokens_are_nfc_normalised() -> None:
    decomposed = "Cafe\u0301"  # e + combining acute
    assert tokens(decomposed) == tokens("Café") == ["café"]


def test_cjk_tokens_split_han_but_keep_other_words() -> None:
    # \w+ keeps the whole Chinese clause as one token ...
    assert tokens("北京欢迎你 hello") == ["北京欢迎你", "hello"]
    # ... the CJK variant makes one token per character; Latin and Hangul stay whole.
    expected = ["北", "京", "欢", "迎", "你", "hello", "한국어"]
    assert cjk_tokens("北京欢迎你 hello 한국어") == expected
    assert cjk_tokens("Plain text, no CJK") == tokens("Plain text, no CJK")


# --------------------------------------------------------------------- shingles


def test_shingles_are_joined_4grams() -> None:
    assert shingles(["a", "b", "c", "d", "e"]) == ["a b c d", "b c d e"]


def test_short_text_is_one_shingle_and_empty_is_none() -> None:
    assert shingles(["a", "b", "c"]) == ["a b c"]
    assert shingles([]) == []


def test_shingle_size_must_be_positive() -> None:
    with pytest.raises(ValueError):
        shingles(["a"], 0)


# ---------------------------------------------------------------- bag of words


def test_perfect_match_scores_one() -> None:
    result = bag_of_words("The cat sat.", "the CAT sat")
    assert (result.precision, result.recall, result.f1) == (1.0, 1.0, 1.0)


def test_disjoint_texts_score_zero() -> None:
    result = bag_of_words("alpha beta", "gamma delta")
    assert (result.matched, result.precision, result.recall, result.f1) == (0, 0.0, 0.0, 0.0)


def test_multiset_counts_repeated_tokens_min_times() -> None:
    # output a a a b, gold a b b: overlap = min(3,1) + min(1,2) = 2
    result = multiset_overlap(["a", "a", "a", "b"], ["a", "b", "b"])
    assert result == Overlap(matched=2, predicted=4, gold=3)
    assert result.precision == pytest.approx(2 / 4)
    assert result.recall == pytest.approx(2 / 3)
    # F1 = 2 * 0.5 * 0.6667 / (0.5 + 0.6667) = 4/7
    assert result.f1 == pytest.approx(4 / 7)


def test_partial_output_precision_one_recall_half() -> None:
    result = bag_of_words("one two", "one two three four")
    assert result.precision == 1.0
    assert result.recall == 0.5
    assert result.f1 == pytest.approx(2 / 3)  # 2 * 1 * 0.5 / 1.5


def test_empty_output_scores_zero_against_gold() -> None:
    result = bag_of_words("", "some gold text")
    assert (result.precision, result.recall, result.f1) == (0.0, 0.0, 0.0)


def test_empty_output_and_empty_gold_is_perfect() -> None:
    assert bag_of_words("", "...").f1 == 1.0


def test_shingle_overlap_punishes_reordering_that_bow_ignores() -> None:
    gold = "a b c d e"
    reordered = "e d c b a"
    assert bag_of_words(reordered, gold).f1 == 1.0
    assert shingle_overlap(reordered, gold).f1 == 0.0
    # one of the two gold shingles ("a b c d") is present: P = 1/1, R = 1/2
    result = shingle_overlap("x a b c d", gold)
    assert result == Overlap(matched=1, predicted=2, gold=2)


def test_mean_prf_averages_per_page_f1_not_pooled_counts() -> None:
    pages = [Overlap(10, 10, 10), Overlap(0, 1, 1)]  # F1 1.0 and 0.0
    result = mean_prf(pages)
    assert result is not None
    assert result.f1 == 0.5
    assert result.precision == 0.5
    assert mean_prf([]) is None


# ------------------------------------------------------------------ with/without


def test_collapse_ws_joins_runs_and_strips() -> None:
    assert collapse_ws("  a\n\n b\t\u00a0c  ") == "a b c"


def test_with_without_counts_each_string_once() -> None:
    output = "First paragraph of the story.\nSecond paragraph.\nRead also: other"
    result = with_without(
        output,
        with_=["First paragraph", "Second paragraph", "Missing sentence"],
        without=["Read also", "Cookie banner"],
    )
    assert result == WithWithout(found=2, missed=1, leaked=1, dropped=1)
    assert result.precision == pytest.approx(2 / 3)  # TP / (TP + FP)
    assert result.recall == pytest.approx(2 / 3)  # TP / (TP + FN)
    assert result.f1 == pytest.approx(4 / 6)  # 2TP / (2TP + FP + FN)
    assert result.with_share == pytest.approx(2 / 3)
    assert result.without_share == 0.5


def test_with_without_matches_across_whitespace_and_line_breaks() -> None:
    output = "The quick   brown\nfox jumps"
    assert with_without(output, ["quick brown fox"], []).found == 1
    assert with_without(output, ["The  quick\tbrown"], []).found == 1


def test_with_without_nfc_normalises_both_sides() -> None:
    assert with_without("Cafe\u0301 au lait", ["Café au"], []).found == 1
    assert with_without("Café au lait", ["Cafe\u0301 au"], []).found == 1


def test_with_without_is_case_sensitive_substring() -> None:
    assert with_without("Hello world", ["hello world"], []).found == 0


def test_with_without_on_empty_output_misses_everything_and_leaks_nothing() -> None:
    result = with_without("", ["a b"], ["c d"])
    assert result == WithWithout(found=0, missed=1, leaked=0, dropped=1)
    assert result.f1 == 0.0


def test_with_without_sums_over_pages_micro_average() -> None:
    total = WithWithout(3, 1, 0, 2) + WithWithout(0, 1, 2, 0)
    assert total == WithWithout(3, 2, 2, 2)
    assert total.f1 == pytest.approx(6 / 10)  # 2*3 / (2*3 + 2 + 2)
    assert WithWithout().with_share is None
    assert WithWithout().without_share is None


# --------------------------------------------------------------------- text dumper


def test_dump_puts_blocks_on_lines_and_drops_invisible_text() -> None:
    page = (
        "<html><head><title>Not shown</title><style>p{}</style></head><body>"
        "<div>Hello <b>bold</b>\n   world<br>after break<script>var x = 1;</script> tail</div>"
        "<p>Para &amp; more</p><noscript>no js</noscript><template>tpl</template>"
        "<ul><li>one</li><li>two</li></ul><div hidden>hidden</div>"
        "<span style='display: none'>gone</span><table><tr><td>c1</td><td>c2</td></tr></table>"
        "</body></html>"
    )
    assert html_to_text(page).split("\n") == [
        "Hello bold world", "after break tail", "Para & more", "one", "two", "c1", "c2",
    ]


def test_dump_shows_what_scripts_would_put_on_screen() -> None:
    post = "A forum post long enough to be most of the page's text. " * 3
    # A forum's crawler view: only the <noscript> holds the posts.
    forum = (f"<html><body><div>Menu</div><noscript><div>{post}</div><p>Reply</p>"
             "</noscript><div style='display:none'>Dialog</div></body></html>")
    assert html_to_text(forum).split("\n") == ["Menu", post.strip(), "Reply"]
    # A streamed page: the article waits in a ``hidden`` chunk for a script to move it.
    streamed = f"<html><body><div hidden><p>{post}</p></div><p>Loading</p></body></html>"
    assert html_to_text(streamed).split("\n") == [post.strip(), "Loading"]
    # A page with its text on screen keeps its small <noscript> and hidden bits out.
    shown = f"<html><body><p>{post}</p><noscript>Enable JavaScript</noscript></body></html>"
    assert html_to_text(shown) == post.strip()


def test_dump_keeps_pre_line_breaks_and_drops_blank_lines() -> None:
    assert html_to_text("<pre>a\n  b\n\nc</pre>") == "a\nb\nc"


def test_dump_accepts_xml_declaration_and_empty_input() -> None:
    page = '<?xml version="1.0" encoding="iso-8859-1"?><html><body><p>Ünïcode</p></body></html>'
    assert html_to_text(page) == "Ünïcode"
    assert html_to_text("") == ""


def test_dump_survives_deep_nesting_without_recursion() -> None:
    # 1,500 levels: past Python's recursion limit (1,000), below libxml2's hard cap (2,048).
    page = "<div>" * 1500 + "deep" + "</div>" * 1500
    assert html_to_text(page) == "deep"


def test_lines_to_html_round_trips_through_the_dumper() -> None:
    text = "First line <with> & ampersand\n\nSecond line"
    assert html_to_text(lines_to_html(text)) == "First line <with> & ampersand\nSecond line"


# ------------------------------------------------------- harness plumbing (evaluate.py)

from benchmarks import evaluate  # noqa: E402


def _score(page_id: str, lang: str, bow: Overlap | None, ww: WithWithout | None,
           seconds: float = 0.5, error: str = "") -> evaluate.PageScore:
    return evaluate.PageScore(
        id=page_id, system="x", lang=lang, page_type=None, bytes=1_000_000,
        seconds=2 * seconds, cpu_seconds=seconds, out_chars=0 if error else 10, error=error,
        bow=bow, shingle=bow, ww=ww,
    )


def test_summarise_macro_bow_micro_with_without_and_speed() -> None:
    pages = [
        _score("a", "en", Overlap(1, 1, 1), WithWithout(found=1, missed=1)),
        _score("b", "de", Overlap(0, 1, 2), WithWithout(leaked=2), error="Boom: x"),
        _score("c", "de", None, None),
    ]
    summary = evaluate.summarise(pages)
    assert summary["pages"] == 3
    assert summary["crashes"] == 1
    assert summary["bow"]["pages"] == 2  # page c has no gold body
    assert summary["bow"]["f1"] == 0.5  # mean of 1.0 and 0.0
    ww = summary["with_without"]
    assert (ww["found"], ww["missed"], ww["leaked"]) == (1, 1, 2)
    assert ww["f1"] == pytest.approx(2 / 5)  # 2*1 / (2*1 + 2 + 1)
    assert summary["pages_per_s"] == pytest.approx(3 / 1.5)  # by CPU time
    assert summary["mb_per_s"] == pytest.approx(3.0 / 1.5)
    assert summary["wall_pages_per_s"] == pytest.approx(3 / 3.0)


def test_page_score_json_round_trip() -> None:
    page = _score("a", "zh", Overlap(3, 4, 5), WithWithout(1, 2, 3, 4))
    assert evaluate.PageScore.from_json(page.to_json()) == page


def test_site_key_from_meta_domain_url_or_daniel_id() -> None:
    def case(case_id: str, url: str | None = None, domain: str | None = None
             ) -> evaluate.Case:
        return evaluate.Case(case_id, url, "en", None, (), (), None, domain)

    assert evaluate.site_key(case("1", "https://WWW.Example.com/a", "other.org")) == "other.org"
    assert evaluate.site_key(case("1", "https://www.example.com/a?b")) == "example.com"
    daniel = "20120104_www.ethnos.gr_e448555d474b216bc3089149adc72d7919a6b993918f342124259b5a"
    assert evaluate.site_key(case(daniel)) == "ethnos.gr"
    assert evaluate.site_key(case("hard-case", "hard::page.html")) is None


def test_load_cases_reads_meta_and_pages(tmp_path: Path) -> None:
    import gzip
    import json

    (tmp_path / "html").mkdir()
    rows = [{"id": "p1", "url": None, "lang": "en", "body": "Gold text here",
             "with": ["Gold"], "without": []},
            {"id": "p2", "url": None, "lang": "fr", "body": None}]
    (tmp_path / "cases.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    (tmp_path / "meta.tsv").write_text("id\tpage_type\tdomain\np1\tforum\tex.com\n")
    with gzip.open(tmp_path / "html" / "p1.html.gz", "wt", encoding="utf-8") as fh:
        fh.write("<p>Gold text here</p>")
    cases = evaluate.load_cases(tmp_path)
    assert [(c.id, c.page_type, c.domain, c.with_) for c in cases] == [
        ("p1", "forum", "ex.com", ("Gold",)), ("p2", None, None, ())]
    assert evaluate.prepare_input(tmp_path, "p1", True) == ("Gold text here", True)
    assert evaluate.select_cases(cases, ["p2"], None) == [cases[1]]
    with pytest.raises(SystemExit):
        evaluate.select_cases(cases, ["nope"], None)


def test_render_table_markdown_aligns_numbers_right() -> None:
    table = evaluate.render_table(["system", "F1"], [["a", "0.900"]], markdown=True)
    assert table.splitlines() == ["| system | F1 |", "|:---|---:|", "| a | 0.900 |"]
