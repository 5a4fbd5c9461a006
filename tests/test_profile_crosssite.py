"""Tests of cross-site counts: cleantext.crosssite and the SiteProfile field they fill."""

from __future__ import annotations

import hashlib
import pickle
import struct

import numpy as np
import pytest

from cleantext.batch import extract_many
from cleantext.crosssite import corpus_counts, with_cross_site
from cleantext.errors import ProfileFormatError
from cleantext.pagelines import line_hash
from cleantext.profile import SiteProfile

WIDGET = "Share this story on Facebook and Twitter"
COOKIE = "We use cookies to give you the best experience on our website"
MENU = ["Home", "World news", "Sport"]
NAMES = ("Ana", "Bo", "Cy", "Di")  # digits would normalise alike


def build(pages: list[list[str]]) -> SiteProfile:
    prof = SiteProfile()
    for lines in pages:
        prof.add_lines(lines)
    return prof


def corpus() -> dict[str, SiteProfile]:
    """Five sites: a big one (4 pages) and four single-page ones; the widget is on
    every page of every site, the cookie line on the four small sites only."""
    big = build([[*MENU, WIDGET, f"Big story number {word}."]
                 for word in ("one", "two", "three", "four")])
    small = {f"s{i}.example": build([[WIDGET, COOKIE, f"A story of its own, told by {name}."]])
             for i, name in enumerate(NAMES)}
    return {"big.example": big, **small}


def test_corpus_counts_are_pages_per_line_over_all_sites() -> None:
    hashes, counts = corpus_counts(corpus().values())
    assert np.all(hashes[1:] > hashes[:-1])
    count = dict(zip(hashes.tolist(), counts.tolist(), strict=True))
    assert count[line_hash(WIDGET)] == 8
    assert count[line_hash(COOKIE)] == 4
    assert count[line_hash("Home")] == 4
    assert count[line_hash("A story of its own, told by Bo.")] == 1


def test_corpus_counts_cap_drops_single_page_lines_first() -> None:
    hashes, counts = corpus_counts(corpus().values(), max_hashes=5)
    kept = sorted(line_hash(t) for t in [WIDGET, COOKIE, *MENU])  # the 8 story lines go
    assert hashes.tolist() == kept and sorted(counts.tolist()) == [4, 4, 4, 4, 8]
    hashes, counts = corpus_counts(corpus().values(), max_hashes=1)
    assert hashes.tolist() == [line_hash(WIDGET)]


def test_with_cross_site_counts_other_sites_pages() -> None:
    profiles = with_cross_site(corpus(), 3, full_at=10, min_letters=8)
    assert sorted(profiles) == ["big.example", *(f"s{i}.example" for i in range(4))]
    big = profiles["big.example"]
    assert big.cross_site and big.pages == 4
    # the big site's own share (4/4) wins over 4 other pages / 10
    assert big.shares([WIDGET, "Home", "Big story number one."]).tolist() == [1.0, 1.0, 0.25]
    small = profiles["s0.example"]
    assert small.pages == 1 and len(small) == 2  # trimmed to the two shared lines
    # below min_pages only the cross-site share counts: 7 and 3 pages of other sites
    shares = small.shares([WIDGET, COOKIE, "A story of its own, told by Ana."], min_pages=3)
    assert shares.tolist() == pytest.approx([0.7, 0.3, 0.0])
    assert with_cross_site(corpus(), 3, full_at=5)["s0.example"].shares(
        [WIDGET], min_pages=3).tolist() == [1.0]


def test_short_lines_get_no_cross_site_share() -> None:
    sites = {f"s{i}.example": build([["$38.00", "Compare", "Features", WIDGET]])
             for i in range(12)}
    profile = with_cross_site(sites, 3, full_at=10, min_letters=8)["s0.example"]
    # "$38.00" normalises to "0 0": a price on every site is data, not boilerplate
    assert profile.shares(["$12.50", "Compare", "Features", WIDGET],
                          min_pages=3).tolist() == [0.0, 0.0, 1.0, 1.0]


def test_one_site_or_nothing_shared_leaves_profiles_as_they_were() -> None:
    one = {"big.example": corpus()["big.example"]}
    assert with_cross_site(one, 3) == one
    alone = {f"s{i}.example": build([[f"Nothing in common with the others, {w}."]])
             for i, w in enumerate(("alpha", "beta", "gamma"))}
    assert with_cross_site(alone, 1) == alone
    assert with_cross_site(alone, 3) == {}
    assert not with_cross_site(one, 3)["big.example"].cross_site


def test_plain_profile_keeps_format_version_1() -> None:
    data = corpus()["big.example"].to_bytes()
    assert struct.unpack_from("<I", data, 8)[0] == 1
    assert len(data) == 48 + 12 * len(corpus()["big.example"]) + 8


def test_cross_site_profile_round_trips_as_version_2() -> None:
    prof = with_cross_site(corpus(), 3, full_at=7, min_letters=5)["s1.example"]
    data = prof.to_bytes()
    assert struct.unpack_from("<II", data, 8) == (2, 1)
    assert len(data) == 48 + 8 + 16 * len(prof) + 8
    loaded = SiteProfile.from_bytes(data)
    assert loaded == prof and loaded.cross_site
    assert loaded.to_bytes() == data
    assert pickle.loads(pickle.dumps(prof)) == prof
    assert "full_at=7, min_letters=5" in repr(prof)
    assert prof != corpus()["s1.example"]  # the same pages without cross-site counts
    plain = with_cross_site(corpus(), 3)["big.example"].without_cross_site()
    assert plain == corpus()["big.example"] and not plain.cross_site


def _reseal(body: bytes) -> bytes:
    return body + hashlib.blake2b(body, digest_size=8).digest()


def test_corrupt_version_2_raises() -> None:
    data = with_cross_site(corpus(), 3)["s1.example"].to_bytes()
    with pytest.raises(ProfileFormatError, match="header says"):
        SiteProfile.from_bytes(_reseal(data[:-12]))
    zero_full_at = data[:48] + struct.pack("<II", 0, 8) + data[56:-8]
    with pytest.raises(ProfileFormatError, match="full_at"):
        SiteProfile.from_bytes(_reseal(zero_full_at))


def test_merge_adds_cross_site_counts() -> None:
    first = with_cross_site(corpus(), 3, full_at=10)["big.example"]
    # the same site in a second file, where its lines are on no other site
    second = build([[*MENU, "Another story."]])
    merged = first.merge(second)
    assert merged.cross_site and merged.pages == 5
    assert merged.line_count("Home") == 5
    assert merged.shares([WIDGET]).tolist() == [pytest.approx(max(4 / 5, 4 / 10))]
    assert second.merge(first) == merged
    assert not second.merge(second).cross_site


def test_adding_a_page_drops_cross_site_counts() -> None:
    prof = with_cross_site(corpus(), 3)["big.example"]
    prof.add_lines(["A fifth page."])
    assert not prof.cross_site and prof.pages == 5


def test_with_cross_site_checks_its_input() -> None:
    prof = corpus()["big.example"]
    with pytest.raises(ValueError, match="cross-site counts for"):
        prof.with_cross_site(np.zeros(1, dtype=np.uint32), 10)
    with pytest.raises(ValueError, match="full_at"):
        prof.with_cross_site(np.zeros(len(prof), dtype=np.uint32), 0)


def _page(site: str, story: str) -> str:
    return (f"<html><body><nav><a href='/'>Home</a></nav><article><h1>{story}</h1>"
            f"<p>{story} is what the people of {site} talked about all week long.</p>"
            f"</article><footer><p>{WIDGET}</p><p>{COOKIE}</p></footer></body></html>")


def test_extract_many_gives_single_page_sites_cross_site_shares() -> None:
    stories = ("Harbour", "Bridge", "Market", "Museum", "Festival", "Library")
    pages = [(f"https://site{i}.example/story", _page(f"site{i}", s))
             for i, s in enumerate(stories)]
    docs = extract_many(pages, by_site=True)
    plain = extract_many(pages)
    for doc, alone in zip(docs, plain, strict=True):
        shares = {line.text: line.features["site_share"] for line in doc.lines}
        assert shares[WIDGET] == shares[COOKIE] == pytest.approx(0.5)  # 5 other pages
        assert all(shares[t] == 0.0 for t in shares if t.endswith("all week long."))
        assert {line.text: line.features["site_share"] for line in alone.lines}[WIDGET] == 0
