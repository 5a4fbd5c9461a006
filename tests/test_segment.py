"""Segment stage: where lines begin and end, what is skipped, the element table, limits."""

from __future__ import annotations

import pytest
from builders import blocks_of

from cleantext import html_tags
from cleantext.options import Options
from cleantext.segment import segment_html, segment_text, split_tokens

OPTS = Options()
PROSE = "<p>The council met on Tuesday and voted to repair the old bridge before winter.</p>"


def lines(html: str, options: Options = OPTS) -> list[str]:
    return blocks_of(segment_html(html, options))


# --- line boundaries ---------------------------------------------------------------------


def test_block_elements_end_lines() -> None:
    html = ("<body><p>para</p><div>division</div><ul><li>one</li><li>two</li></ul>"
            "before<br>after<table><tr><td>cell a</td><td>cell b</td></tr></table>"
            "<h2>heading</h2></body>")
    assert lines(html) == ["para", "division", "one", "two", "before", "after",
                           "cell a", "cell b", "heading"]


def test_inline_elements_do_not_end_lines() -> None:
    html = "<p>one <span>two</span> <a href='/x'>three</a> <b>four</b><em>five</em></p>"
    assert lines(html) == ["one two three fourfive"]


def test_block_tag_is_the_innermost_block_element() -> None:
    seg = segment_html("<div><ul><li><span>item</span></li></ul></div><h3>Head</h3>", OPTS)
    assert [b.tag for b in seg.blocks] == ["li", "h3"]


def test_whitespace_is_collapsed() -> None:
    assert lines("<p>  many \n\t spaces\u00a0 here  </p>") == ["many spaces here"]


# --- links -------------------------------------------------------------------------------


def test_link_chars_count_only_text_inside_a() -> None:
    seg = segment_html("<p>Read <a href='/s'>the story</a> now, <b>bold</b></p>", OPTS)
    (block,) = seg.blocks
    assert block.text == "Read the story now, bold"
    assert block.link_chars == len("thestory")
    assert block.chars == len("Readthestorynow,bold")
    assert block.links == 1


def test_nested_inline_inside_a_counts_as_link() -> None:
    (block,) = segment_html("<li><a href='/'><span>Home</span> page</a></li>", OPTS).blocks
    assert block.link_chars == block.chars == len("Homepage")


def test_link_chars_reset_per_line() -> None:
    seg = segment_html("<ul><li><a href='/'>Home</a></li><li>Plain words</li></ul>", OPTS)
    assert [(b.link_chars, b.links) for b in seg.blocks] == [(4, 1), (0, 0)]


# --- what is skipped ---------------------------------------------------------------------


def test_script_style_template_and_title_give_no_lines() -> None:
    html = ("<html><head><title>Page title</title><style>p{color:red}</style></head><body>"
            "<script>var x = 'script text';</script><template><p>template text</p></template>"
            "<p>visible</p></body></html>")
    seg = segment_html(html, OPTS)
    assert blocks_of(seg) == ["visible"]
    assert seg.title == "Page title"


def test_ruby_readings_are_not_running_text() -> None:
    html = ("<html><body><p><ruby>子<rp>(</rp><rt>こ</rt><rp>)</rp></ruby>ども and "
            "<ruby>漢<rt>かん</rt>字<rt>じ</rt></ruby></p></body></html>")
    assert blocks_of(segment_html(html, OPTS)) == ["子ども and 漢字"]


@pytest.mark.parametrize("hidden", [
    "<div hidden><p>secret</p></div>",
    "<div aria-hidden='true'><p>secret</p></div>",
    "<div style='display: none'><p>secret</p></div>",
    "<div style='color:red;DISPLAY:NONE'><p>secret</p></div>",
    "<div style='visibility:hidden'><p>secret</p></div>",
])
def test_hidden_elements_are_skipped(hidden: str) -> None:
    assert lines(f"<body>{PROSE}{hidden}</body>") == [
        "The council met on Tuesday and voted to repair the old bridge before winter."]


def test_aria_hidden_false_is_visible() -> None:
    assert lines("<div aria-hidden='false'><p>shown</p></div>") == ["shown"]


def test_noscript_is_the_second_chance_when_it_holds_the_only_text() -> None:
    html = ("<body><div id='app'></div><noscript><p>First post of the thread.</p>"
            "<p>Second post, a reply.</p></noscript></body>")
    assert lines(html) == ["First post of the thread.", "Second post, a reply."]


def test_noscript_is_ignored_on_a_page_with_normal_text() -> None:
    html = f"<body>{PROSE}<noscript><p>Please enable JavaScript.</p></noscript></body>"
    assert lines(html) == [
        "The council met on Tuesday and voted to repair the old bridge before winter."]


def test_hidden_subtree_is_the_second_chance_when_it_holds_most_text() -> None:
    html = ("<body><p>Loading</p><div hidden><p>A streamed article paragraph that the "
            "page's scripts would move into place.</p></div></body>")
    assert lines(html) == ["Loading", "A streamed article paragraph that the page's "
                           "scripts would move into place."]


def test_body_content_parsed_into_head_is_found() -> None:
    # libxml2 leaves an <article> that appears inside <head> there.
    html = ("<html><head><title>T</title><article><p>Story text in the head.</p></article>"
            "</head><body></body></html>")
    seg = segment_html(html, OPTS)
    assert blocks_of(seg) == ["Story text in the head."]
    assert "head" in [e.tag for e in seg.elements]


# --- metadata ----------------------------------------------------------------------------


def test_title_and_meta_title() -> None:
    html = ("<html lang='DE-at'><head><title> Headline | Site </title>"
            "<meta property='og:title' content='Headline'></head><body><p>x</p></body></html>")
    seg = segment_html(html, OPTS)
    assert (seg.title, seg.meta_title, seg.is_html) == ("Headline | Site", "Headline", True)


# --- class/id tokens ---------------------------------------------------------------------


@pytest.mark.parametrize(("value", "tokens"), [
    ("postBody related-links", ("post", "body", "related", "links")),
    ("main_content", ("main", "content")),
    ("site-footer site_footer", ("site", "footer")),
    ("navigation", ("navigation",)),
    ("navigational", ("navigational",)),
    ("a col-12 x9", ("col", "x9")),
    ("", ()),
])
def test_split_tokens_gives_whole_words(value: str, tokens: tuple[str, ...]) -> None:
    assert split_tokens(value) == tokens


def test_ascii_words_match_the_regex_paths() -> None:
    # The loop split_tokens takes for ASCII values when compiled gives the words of
    # its regex paths: lower-case runs, camelCase humps, digits, separators, the cap.
    values = ["menu-item menu-item-type-custom menu-item-42149", "a1 1a 11 a 12ab_cd",
              "x" * 3 + " -- yy", " ".join(f"w{i}" for i in range(40)), "", "  ", "ab ab",
              "postBody related-links", "FOOBar h1Title XMLHttpRequest", "aB a-B Ab-cD",
              "navBar NAVBAR nav_bar", " ".join(f"W{i}x" for i in range(40))]
    for value in values:
        if value.islower() or not any(c.isupper() for c in value):
            words = dict.fromkeys(html_tags._ASCII_TOKENS.findall(value))
        else:
            words = dict.fromkeys(w.lower() for w in html_tags._TOKEN_SPLIT.split(value)
                                  if len(w) >= 2 and not w.isdigit())
        assert tuple(html_tags._ascii_words(value)) == tuple(words)[:24]


def test_split_tokens_never_matches_a_substring() -> None:
    assert "nav" not in split_tokens("navigation navbar-top subnavigation")


def test_element_tokens_come_from_class_id_role_and_itemprop() -> None:
    seg = segment_html("<div class='postBody' id='main-col' role='main' itemprop='articleBody'>"
                       "<p>x</p></div>", OPTS)
    div = next(e for e in seg.elements if e.tag == "div")
    assert set(div.tokens) == {"post", "body", "main", "col", "article"}


# --- element table -----------------------------------------------------------------------


def test_element_table_parent_and_depth_are_consistent() -> None:
    html = ("<html><body><div class='a'><ul><li><a href='/'>x</a></li><li>y</li></ul></div>"
            "<section><p>z <b>w</b></p></section></body></html>")
    seg = segment_html(html, OPTS)
    for i, element in enumerate(seg.elements):
        assert element.parent < i
        if element.parent < 0:
            assert element.depth == 0
        else:
            assert element.depth == seg.elements[element.parent].depth + 1
    tags = {b.text: seg.elements[b.element].tag for b in seg.blocks}
    assert tags == {"x": "li", "y": "li", "z w": "p"}


def test_line_belongs_to_its_block_element_not_to_inline_ones() -> None:
    # The link's class describes a word of the line, not the region it sits in.
    seg = segment_html("<div class='story'><p>Great read <a class='comments-count' href='#c'>"
                       "12 comments</a></p></div>", OPTS)
    (block,) = seg.blocks
    element = seg.elements[block.element]
    assert (element.tag, block.tag) == ("p", "p")
    assert seg.elements[element.parent].tokens == ("story",)


def test_paths_from_the_root() -> None:
    seg = segment_html("<html><body><div><p>x</p></div></body></html>", OPTS)
    chain = []
    index = seg.blocks[0].element
    while index >= 0:
        chain.append(seg.elements[index].tag)
        index = seg.elements[index].parent
    assert chain[::-1] == ["html", "body", "div", "p"]


# --- limits ------------------------------------------------------------------------------


def test_max_elements_truncates_and_flags() -> None:
    html = "<body>" + "".join(f"<p>line {i}</p>" for i in range(50)) + "</body>"
    seg = segment_html(html, OPTS.with_(max_elements=10))
    assert seg.truncated
    assert 0 < len(seg.blocks) < 10
    assert not segment_html(html, OPTS).truncated


def test_max_lines_truncates_and_flags() -> None:
    html = "<body>" + "".join(f"<p>line {i}</p>" for i in range(50)) + "</body>"
    seg = segment_html(html, OPTS.with_(max_lines=3))
    assert blocks_of(seg) == ["line 0", "line 1", "line 2"]
    assert seg.truncated


def test_max_line_chars_cuts_long_lines() -> None:
    seg = segment_html("<p>" + "word " * 100 + "</p>", OPTS.with_(max_line_chars=12))
    assert blocks_of(seg) == ["word word wo"]
    dump = segment_text("abcdefghijklmnop\nshort", OPTS.with_(max_line_chars=5))
    assert blocks_of(dump) == ["abcde", "short"]


def test_max_line_chars_cut_is_flagged() -> None:
    assert segment_html("<p>" + "word " * 100 + "</p>", OPTS.with_(max_line_chars=12)).truncated


def test_max_depth_attributes_deeper_text_to_the_last_recorded_ancestor() -> None:
    html = "<body>" + "<div>" * 40 + "<p>deep</p>" + "</div>" * 40 + "</body>"
    seg = segment_html(html, OPTS.with_(max_depth=8))
    assert blocks_of(seg) == ["deep"]
    assert max(e.depth for e in seg.elements) == 7


def test_100000_deep_nesting_does_not_raise() -> None:
    html = "<div>" * 100_000 + "<p>deep text</p>" + "</div>" * 100_000 + "<p>after</p>"
    seg = segment_html(html, OPTS)
    assert blocks_of(seg) == ["deep text", "after"]


# --- text dumps --------------------------------------------------------------------------


def test_text_dump_gives_one_block_per_non_empty_line() -> None:
    seg = segment_text("Headline\n\n  two   spaces \n\t\nlast line\r\nwindows", OPTS)
    assert blocks_of(seg) == ["Headline", "two spaces", "last line", "windows"]
    assert not seg.is_html
    assert seg.elements == ()
    assert {(b.tag, b.element, b.links, b.link_chars) for b in seg.blocks} == {
        ("line", -1, 0, 0)}


def test_text_dump_max_lines() -> None:
    seg = segment_text("\n".join(f"l{i}" for i in range(10)), OPTS.with_(max_lines=4))
    assert blocks_of(seg) == ["l0", "l1", "l2", "l3"]
    assert seg.truncated


def test_empty_html_gives_no_blocks() -> None:
    for html in ("", "   ", "<html></html>", "<!-- only a comment -->"):
        seg = segment_html(html, OPTS)
        assert seg.blocks == ()
        assert seg.is_html


def test_hidden_copies_of_the_article_are_not_walked() -> None:
    # A schema.org articleBody hidden twice: more hidden text than visible, but all
    # of it repeats the visible article, so the page is not walked a second time
    # (hidden text with words of its own still is: the streamed-paragraph test above).
    article = "<p>The council met on Tuesday.</p><p>It voted to repair the bridge.</p>"
    copy = ("<div style='display:none'><div itemprop='articleBody'>The council met on "
            "Tuesday. It voted to repair the bridge.</div><div>500</div></div>")
    html = f"<body><article>{article}</article>{copy}{copy}</body>"
    assert lines(html) == ["The council met on Tuesday.", "It voted to repair the bridge."]


def test_a_skipped_form_control_keeps_the_words_around_it_apart() -> None:
    html = "<body><form><label>Your comment</label><textarea>x</textarea>Post comment</form></body>"
    assert lines(html) == ["Your comment Post comment"]
    # A script between two words is not drawn: the words stay as written.
    assert lines("<body><p>Hello<script>var x = 1;</script>World</p></body>") == ["HelloWorld"]
