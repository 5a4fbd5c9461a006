"""Tests of cleantext.batch: extract_many with and without per-site profiles."""

from __future__ import annotations

import random

import pytest

from cleantext.batch import extract_many, site_key
from cleantext.document import Document
from cleantext.options import Options
from cleantext.pipeline import extract, extract_text
from cleantext.profile import SiteProfile

TEASERS = ("Council approves the new harbour budget after a long night of talks",
           "Winter storm closes the river bridge for the third time this year")
WORDS = ("harbour", "council", "budget", "river", "bridge", "school", "doctors", "winter",
         "market", "train", "museum", "festival", "farmers", "election", "storm",
         "library")


def news_page(site: str, number: int, rng: random.Random) -> str:
    """A page of a made-up news site: menu, teaser list and footer on every page."""
    story = " ".join(rng.choice(WORDS) for _ in range(7)).capitalize()
    paragraphs = "".join(
        f"<p>{story}: {' '.join(rng.sample(WORDS, 12))}, officials said on Monday.</p>"
        for _ in range(4))
    teasers = "".join(f"<li><a href='/t{i}'>{t}</a></li>" for i, t in enumerate(TEASERS))
    return (f"<html><head><title>{story}</title></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/w'>World</a> <a href='/s'>Sport</a></nav>"
            f"<article><h1>{story}</h1>{paragraphs}</article>"
            f"<div class='sidebar'><h3>Most read on {site}</h3><ul>{teasers}</ul></div>"
            f"<footer><p>© 2012 {site}. All rights reserved.</p></footer></body></html>")


def corpus(seed: int = 0) -> list[tuple[str | None, str | bytes]]:
    """Two sites of 6 and 4 pages and a single-page site, interleaved."""
    rng = random.Random(seed)
    pages: list[tuple[str | None, str | bytes]] = []
    for n in range(6):
        pages.append((f"https://www.alpha.example/n/{n}", news_page("Alpha", n, rng)))
        if n < 4:
            pages.append((f"http://BETA.example:8080/story?id={n}", news_page("Beta", n, rng)))
    pages.append(("https://gamma.example/only", news_page("Gamma", 0, rng)))
    return pages


@pytest.mark.parametrize(("url", "site"), [
    ("https://www.Example.com/a/b", "example.com"),
    ("http://WWW.example.com:8080/", "example.com"),
    ("https://news.example.co.uk/x", "news.example.co.uk"),
    ("https://wwwexample.com/", "wwwexample.com"),
    ("page.html", None),
    ("", None),
    (None, None),
    ("http://[::1", None),
])
def test_site_key(url: str | None, site: str | None) -> None:
    assert site_key(url) == site


def test_by_site_equals_extract_with_hand_built_profiles() -> None:
    pages = corpus()
    docs = extract_many(pages, by_site=True)
    profiles: dict[str, SiteProfile] = {}
    for url, page in pages:
        key = site_key(url)
        assert key is not None
        profiles.setdefault(key, SiteProfile()).add(page)
    assert [p.pages for p in profiles.values()] == [6, 4, 1]
    for (url, page), doc in zip(pages, docs, strict=True):
        key = site_key(url)
        assert key is not None
        prof = profiles[key] if profiles[key].pages >= 2 else None
        assert doc == extract(page, url=url, site=prof)
        assert doc.url == url


def _site_shares(doc: Document) -> dict[str, float]:
    return {line.text: line.features["site_share"] for line in doc.lines}


def test_profile_reaches_the_features_of_multi_page_sites_only() -> None:
    pages = corpus()
    with_profiles = extract_many(pages, by_site=True)
    without = extract_many(pages)
    assert without == [extract(p, url=u) for u, p in pages]
    assert all(set(_site_shares(d).values()) == {0.0} for d in without)
    alpha = _site_shares(with_profiles[0])  # a page of the 6-page site
    assert alpha["Home World Sport"] == 1.0
    assert alpha[TEASERS[0]] == 1.0
    body = [text for text in alpha if text.endswith("officials said on Monday.")]
    assert len(body) == 4 and all(alpha[t] == 0.0 for t in body)  # on this page alone
    beta = _site_shares(with_profiles[1])  # a page of the 4-page site
    assert beta["© 2012 Beta. All rights reserved."] == 1.0
    gamma = _site_shares(with_profiles[-1])  # the single-page site: cross-site shares only
    assert gamma["Home World Sport"] == 1.0  # on all 10 pages of the other two sites
    assert gamma["© 2012 Gamma. All rights reserved."] == 0.0
    assert all(gamma[t] == 0.0 for t in gamma if t.endswith("officials said on Monday."))


def test_output_of_a_page_does_not_depend_on_input_order() -> None:
    pages = corpus()
    reference = dict(zip([u for u, _ in pages], extract_many(pages, by_site=True),
                         strict=True))
    shuffled = pages[:]
    random.Random(3).shuffle(shuffled)
    for (url, _), doc in zip(shuffled, extract_many(shuffled, by_site=True), strict=True):
        assert doc == reference[url]


def test_site_min_pages_decides_which_sites_get_a_profile() -> None:
    pages = corpus()  # alpha 6 pages, beta 4, gamma 1
    by_site, alone = extract_many(pages, by_site=True), extract_many(pages)
    five = extract_many(pages, by_site=True, options=Options(site_min_pages=5))
    for (url, _), got, profiled, plain in zip(pages, five, by_site, alone, strict=True):
        assert got == (profiled if "alpha" in (url or "") else plain), url
    none = extract_many(pages, by_site=True, options=Options(site_min_pages=7))
    assert none == alone
    with pytest.raises(TypeError, match="profile_min_pages"):
        extract_many(pages, profile_min_pages=2)  # type: ignore[call-arg]

PROMO = ("Delta Gazette readers can now get every story of the day in a morning "
         "newsletter, delivered at seven.")


def news_dump(number: int, rng: random.Random) -> str:
    """A text dump of a made-up news page with a promo line amid the article."""
    story = " ".join(rng.choice(WORDS) for _ in range(7)).capitalize()
    paragraphs = [f"{story} {number}: {' '.join(rng.sample(WORDS, 12))}, officials said "
                  "on Monday." for _ in range(4)]
    return "\n".join(["Home World Sport", story, *paragraphs[:2], PROMO, *paragraphs[2:],
                      "© 2012 Delta. All rights reserved."])


def test_two_page_sites_get_a_profile_over_the_other_page() -> None:
    rng = random.Random(5)
    pages = [(f"https://delta.example/{n}", news_dump(n, rng)) for n in range(2)]
    docs = extract_many(pages, by_site=True, kind="text")  # the defaults: from 2 pages
    for doc in docs:
        shares = _site_shares(doc)
        assert shares["Home World Sport"] == shares[PROMO] == 1.0  # on both pages
        body = [t for t in shares if t.endswith("officials said on Monday.")]
        assert len(body) == 4 and all(shares[t] == 0.0 for t in body)  # 1/2 before
        assert all(t in doc.text for t in body) and PROMO not in doc.text
    # counted over all the pages, a 2-page site is below site_min_pages (3): no profile,
    # and the promo, amid the article, reads as body
    before = Options(site_min_pages=3)
    old = extract_many(pages, by_site=True, options=before, kind="text")
    assert old == [extract_text(p, url=u, options=before) for u, p in pages]
    assert all(PROMO in doc.text for doc in old)


def test_by_site_needs_urls() -> None:
    with pytest.raises(ValueError, match=r"by_site=True needs a URL .* page 1 has None"):
        extract_many([("https://a.example/", "<p>x</p>"), "<p>y</p>"], by_site=True)
    with pytest.raises(ValueError, match="page 0 has 'not a url'"):
        extract_many([("not a url", "<p>x</p>")], by_site=True)


def test_inputs_of_every_shape_and_text_detection() -> None:
    html = news_page("Alpha", 0, random.Random(1))
    dump = "Home\nA line of a text dump that is a full sentence, and a < b.\n"
    docs = extract_many([html, html.encode("utf-8"), (None, dump), dump])
    assert docs[0] == extract(html) == extract(html.encode("utf-8"))
    assert docs[1].lines == docs[0].lines
    assert docs[2] == docs[3] == extract_text(dump)
    assert extract_many([dump], kind="html")[0] == extract(dump)
    assert extract_many([html], kind="text")[0] == extract_text(html)
    assert extract_many([], by_site=True) == []
    with pytest.raises(TypeError, match="page 0"):
        extract_many([("https://a.example/", 42)])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="workers"):
        extract_many([html], workers=0)


def test_workers_give_the_same_documents_in_order() -> None:
    pages = corpus() * 3  # 33 pages: three chunks, so the pool really splits the work
    assert extract_many(pages, by_site=True, workers=2) == extract_many(pages, by_site=True)


def test_profile_merged_from_halves_gives_the_one_pass_output() -> None:
    pages = [page for url, page in corpus() if "alpha" in str(url)]
    one_pass = SiteProfile()
    one_pass.add_many(pages)
    first, second = SiteProfile(), SiteProfile()
    first.add_many(pages[3:])
    second.add_many(pages[:3])
    for merged in (first.merge(second), second.merge(first)):
        for page in pages:
            a, b = extract(page, site=merged), extract(page, site=one_pass)
            assert a == b
            assert [dict(x.features) for x in a.lines] == [dict(x.features) for x in b.lines]
