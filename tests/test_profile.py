"""Tests of cleantext.profile: normalisation, hashing, counting, merge, cap, file format."""

from __future__ import annotations

import hashlib
import pickle
import random
import struct
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleantext.profile as profile_module
from cleantext.errors import ExtractionError
from cleantext.profile import (
    ProfileFormatError,
    SiteProfile,
    line_hash,
    line_hashes,
    looks_like_html,
    normalise_line,
)

MENU = ["Home", "World", "Sport", "Business", "Contact us"]
FOOTER = ["© 2012 Example News Ltd. All rights reserved.", "Follow us on Twitter"]


VOCABULARY = ["apple", "bridge", "cloud", "delta", "ember", "forest", "garden", "harbor",
              "island", "jungle", "kettle", "lantern", "meadow", "needle", "orchard",
              "pepper", "quarry", "river", "saddle", "timber", "umbrella", "valley", "willow",
              "yarrow", "zephyr"]
WEEK = [f"{a} {b}" for a in VOCABULARY for b in ("monday", "tuesday")]


def synthetic_site(pages: int, seed: int = 0) -> list[list[str]]:
    """Pages of one made-up site: a menu and footer on every page, a dated teaser
    template, a "most read" list that changes every 3 pages, and unique body lines."""
    rng = random.Random(seed)

    def words(n: int) -> str:  # digits would normalise away, so lines differ by words
        return " ".join(rng.choice(VOCABULARY) for _ in range(n))

    out = []
    for p in range(pages):
        body = [f"{words(12)}." for _ in range(rng.randint(3, 8))]
        most_read = [f"Most read: {WEEK[p // 3]} story {k}" for k in ("alpha", "beta")]
        teaser = f"Posted {rng.randint(1, 28)} Jul 20{rng.randint(10, 12)}"
        out.append([*MENU, f"Headline: {words(6)}", teaser, *body, *most_read, *FOOTER])
    return out


def build(pages: list[list[str]], **kwargs: int) -> SiteProfile:
    prof = SiteProfile(**kwargs)
    for lines in pages:
        prof.add_lines(lines)
    return prof


# --- normalisation and hashing ------------------------------------------------------------


@pytest.mark.parametrize(("raw", "expected"), [
    ("Posted 12 Jul 2025", "posted 0 jul 0"),
    ("posted 3 jul 2024", "posted 0 jul 0"),
    ("  HOME \t|  Contact   us ", "home contact us"),
    ("Read more…", "read more"),
    ("© 2012 Example — All rights reserved.", "0 example all rights reserved"),
    ("ΣΊΣΥΦΟΣ Straße", "σίσυφοσ strasse"),
    ("Preşedintele rus: «Vladimir Putin»", "preşedintele rus vladimir putin"),
    ("１２３ Arabic-Indic ٣٤ digits", "0 arabic indic 0 digits"),
    ("-", ""),
    ("", ""),
])
def test_normalise_line(raw: str, expected: str) -> None:
    assert normalise_line(raw) == expected


def test_line_hash_is_blake2b_of_normalised_utf8() -> None:
    digest = hashlib.blake2b(b"posted 0 jul 0", digest_size=8).digest()
    assert line_hash("Posted 12 Jul 2025") == int.from_bytes(digest, "little")
    # Pinned value: a change here breaks every saved profile, so it must be deliberate.
    assert line_hash("Home") == 10613392714040239015


def test_line_hashes_matches_line_hash() -> None:
    texts = ["Home", "Sport 24", "", "Привет, мир"]
    assert line_hashes(texts).tolist() == [line_hash(t) for t in texts]
    assert line_hashes([]).dtype == np.uint64


def test_looks_like_html() -> None:
    assert looks_like_html("<!DOCTYPE html><html><body><p>x</p></body></html>")
    assert looks_like_html(b"\n  <div class='a'>text</div>")
    assert looks_like_html("<p>short</p>")
    assert not looks_like_html("a < b and c > d\nsecond line")
    assert not looks_like_html("Titlu\n\nParagraf cu <3 emoji")
    assert not looks_like_html("x" * 5000 + "<p>tag after the sniffed head</p>")


# --- counting -----------------------------------------------------------------------------


def test_counts_distinct_pages_and_shares() -> None:
    prof = build([
        ["Home", "Home", "Sport", "Story one is here."],
        ["home!", "Sport", "Story two is here."],
        ["HOME", "Other words"],
        ["Nothing shared"],
    ])
    assert prof.pages == 4
    assert prof.line_count("Home") == 3  # repeated on page 1, counted once
    assert prof.line_count("sport") == 2
    assert prof.line_count("Story 1 is here") == 0  # digits vs words differ
    assert prof.line_count("Story one is here") == 1
    assert prof.line_share("Home") == pytest.approx(0.75)
    shares = prof.shares(["Home", "Sport", "never seen", "", "---"])
    assert shares.dtype == np.float64
    assert shares.tolist() == [0.75, 0.5, 0.0, 0.0, 0.0]
    assert len(prof) == 6


def test_empty_profile_and_empty_pages() -> None:
    prof = SiteProfile()
    assert prof.pages == 0 and len(prof) == 0
    assert prof.shares(["Home"]).tolist() == [0.0]
    assert prof.line_share("Home") == 0.0
    prof.add_lines([])
    prof.add_lines(["", "  ", "—"])
    assert prof.pages == 2 and len(prof) == 0
    prof.add_lines(["Home"])
    assert prof.line_share("Home") == pytest.approx(1 / 3)


def test_synthetic_site_separates_boilerplate_from_body() -> None:
    site = synthetic_site(30, seed=1)
    prof = build(site)
    shares = prof.shares(site[7])
    by_line = dict(zip(site[7], shares.tolist(), strict=True))
    assert all(by_line[m] == 1.0 for m in MENU + FOOTER)
    assert by_line[site[7][len(MENU) + 2]] == pytest.approx(1 / 30)  # a body line
    assert by_line[site[7][len(MENU) + 1]] == 1.0  # the "Posted N Jul YYYY" template
    assert by_line["Most read: bridge monday story alpha"] == pytest.approx(3 / 30)


def test_same_pages_any_order_same_profile_and_bytes() -> None:
    site = synthetic_site(25, seed=2)
    reference = build(site)
    for seed in range(5):
        shuffled = site[:]
        random.Random(seed).shuffle(shuffled)
        other = build(shuffled)
        assert other == reference
        assert other.to_bytes() == reference.to_bytes()


def test_flush_points_do_not_change_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    site = synthetic_site(20, seed=3)
    one_batch = build(site)
    monkeypatch.setattr(profile_module, "_FLUSH_PENDING", 7)
    many_batches = build(site)
    assert many_batches == one_batch
    assert many_batches.to_bytes() == one_batch.to_bytes()


def _state(prof: SiteProfile) -> tuple[object, ...]:
    """Everything a SiteProfile stores (the read cache aside), as comparable values."""
    return (prof._pages, prof._dropped, prof._hashes.tobytes(), prof._counts.tobytes(),
            [p.tobytes() for p in prof._pending], prof._pending_size)


def _read_everything(prof: SiteProfile, other: SiteProfile) -> None:
    _ = (prof.dropped, prof.nbytes, prof.exact, repr(prof), len(prof), prof == other,
         prof.line_count("a"), prof.shares(["a", "b"]), prof.to_bytes(), prof.merge(other))


def test_reads_never_change_the_profile() -> None:
    prof = build([["a", "b", "c"], ["a", "b"]], max_hashes=2)
    other = build([["a"]])
    before = _state(prof), _state(other)
    _read_everything(prof, other)
    _read_everything(other, prof)
    assert (_state(prof), _state(other)) == before
    assert prof._pending  # still unfolded: reads computed the fold without storing it


def test_reading_between_adds_does_not_change_the_result() -> None:
    """With a cap, folding early would prune early: a page's lines seen once are
    dropped before the next page could raise their count. Reads must not fold."""
    read, unread = SiteProfile(max_hashes=2), SiteProfile(max_hashes=2)
    for prof in (read, unread):
        prof.add_lines(["a", "b", "c"])
    assert read.dropped == 3 and len(read) == 0  # the fold as of now, every count is 1
    assert repr(read) and read.nbytes == 0 and read == unread
    for prof in (read, unread):
        prof.add_lines(["a", "b"])
    assert read == unread and read.to_bytes() == unread.to_bytes()
    assert read.line_count("a") == read.line_count("b") == 2 and read.dropped == 1


# --- merge --------------------------------------------------------------------------------

line_text = st.sampled_from(MENU + FOOTER + [f"line {c}" for c in "abcdefghij"]) | st.text(
    max_size=12)
page_strategy = st.lists(line_text, max_size=8)


@settings(max_examples=60, deadline=None)
@given(pages=st.lists(page_strategy, max_size=12), cut=st.integers(0, 12),
       seed=st.integers(0, 1000))
def test_merge_of_halves_equals_one_pass(pages: list[list[str]], cut: int, seed: int) -> None:
    shuffled = pages[:]
    random.Random(seed).shuffle(shuffled)
    first, second = build(shuffled[:cut]), build(shuffled[cut:])
    whole = build(pages)
    assert first.merge(second) == whole
    assert second.merge(first).to_bytes() == whole.to_bytes()


@settings(max_examples=40, deadline=None)
@given(a=st.lists(page_strategy, max_size=5), b=st.lists(page_strategy, max_size=5),
       c=st.lists(page_strategy, max_size=5))
def test_merge_is_associative(a: list[list[str]], b: list[list[str]],
                              c: list[list[str]]) -> None:
    pa, pb, pc = build(a), build(b), build(c)
    left = pa.merge(pb).merge(pc)
    right = pa.merge(pb.merge(pc))
    assert left.to_bytes() == right.to_bytes()
    assert left == build(a + b + c)


def test_merge_leaves_inputs_unchanged_and_rejects_other_types() -> None:
    a, b = build([["Home", "x"]]), build([["Home", "y"]])
    a_bytes, b_bytes = a.to_bytes(), b.to_bytes()
    merged = a.merge(b)
    assert merged.line_count("Home") == 2 and merged.pages == 2
    assert a.to_bytes() == a_bytes and b.to_bytes() == b_bytes
    with pytest.raises(TypeError):
        a.merge({"Home": 1})  # type: ignore[arg-type]


# --- cap ----------------------------------------------------------------------------------


def test_cap_drops_single_page_hashes_first() -> None:
    site = synthetic_site(10, seed=4)
    full = build(site)
    capped = build(site, max_hashes=len(full) - 1)
    assert full.exact and not capped.exact
    distinct = sorted({t for page in site for t in page})
    full_counts = [full.line_count(t) for t in distinct]
    capped_counts = [capped.line_count(t) for t in distinct]
    # every line seen on 2+ pages keeps its exact count; every single-page line went
    assert capped_counts == [c if c > 1 else 0 for c in full_counts]
    assert capped.dropped == full_counts.count(1) == len(full) - len(capped)


def test_cap_then_drops_lowest_counts_with_deterministic_ties() -> None:
    pages = [["a", "b", "c", "d"], ["a", "b", "c", "d"], ["a", "b", "c"], ["a", "e"]]
    prof = build(pages, max_hashes=3)
    assert len(prof) == 3 and prof.dropped == 2
    assert prof.line_count("a") == 4 and prof.line_count("b") == 3
    assert prof.line_count("c") == 3
    assert prof.line_count("d") == 0 and prof.line_count("e") == 0
    # a tie at the cut: keep the smaller hash, whatever the page order
    tie = [["x", "y"], ["x", "y"]]
    kept = build(tie, max_hashes=1)
    winner = "x" if line_hash("x") < line_hash("y") else "y"
    assert kept.line_count(winner) == 2
    assert build(tie[::-1], max_hashes=1).to_bytes() == kept.to_bytes()


def test_pruning_once_at_the_end_is_order_independent() -> None:
    # Pages are folded in one batch (below the flush size), so the cap is applied
    # once to exact counts: the kept set does not depend on the page order.
    site = synthetic_site(40, seed=5)
    reference = build(site, max_hashes=20)
    for seed in range(3):
        shuffled = site[:]
        random.Random(seed).shuffle(shuffled)
        assert build(shuffled, max_hashes=20).to_bytes() == reference.to_bytes()


def test_invalid_cap() -> None:
    with pytest.raises(ValueError, match="max_hashes"):
        SiteProfile(max_hashes=0)


# --- persistence --------------------------------------------------------------------------


def test_save_load_round_trip(tmp_path: Path) -> None:
    prof = build(synthetic_site(12, seed=6), max_hashes=1000)
    path = tmp_path / "site.ctprofile"
    prof.save(path)
    loaded = SiteProfile.load(path)
    assert loaded == prof
    assert loaded.max_hashes == 1000
    assert loaded.to_bytes() == path.read_bytes()
    assert loaded.shares(MENU).tolist() == [1.0] * len(MENU)
    assert path.stat().st_size == 48 + 12 * len(prof) + 8  # header, arrays, checksum
    loaded.add_lines(["Home", "new line"])  # a loaded profile keeps growing
    assert loaded.line_count("Home") == 13


def test_pickle_uses_the_byte_format() -> None:
    prof = build(synthetic_site(5, seed=7))
    assert pickle.loads(pickle.dumps(prof)) == prof


def test_repr_and_eq() -> None:
    prof = build([["Home"], ["Home", "x"]])
    assert repr(prof) == "SiteProfile(pages=2, hashes=2, max_hashes=4000000)"
    assert prof != build([["Home"], ["x"]])
    assert prof != "SiteProfile"


def _reseal(body: bytes) -> bytes:
    return body + hashlib.blake2b(body, digest_size=8).digest()


@pytest.mark.parametrize("case", ["empty", "short", "magic", "truncated", "flipped",
                                  "version", "unsorted", "count", "npz"])
def test_corrupt_or_foreign_bytes_raise_typed_error(case: str, tmp_path: Path) -> None:
    good = build([["Home", "b"], ["Home", "c"]]).to_bytes()
    body = good[:-8]
    header, arrays = body[:48], body[48:]
    bad = {
        "empty": b"",
        "short": good[:20],
        "magic": b"NOTAPROF" + good[8:],
        "truncated": good[:-3],
        "flipped": good[:50] + bytes([good[50] ^ 1]) + good[51:],
        "version": _reseal(header[:8] + struct.pack("<I", 99) + header[12:] + arrays),
        "unsorted": _reseal(header + arrays[8:16] + arrays[:8] + arrays[16:]),
        "count": _reseal(header + arrays[:-4] + struct.pack("<I", 7)),
        "npz": b"PK\x03\x04" + bytes(100),
    }[case]
    with pytest.raises(ProfileFormatError) as info:
        SiteProfile.from_bytes(bad)
    # A broken profile file is a ValueError, not a bad page: `except ExtractionError`
    # around extraction must not swallow it.
    assert isinstance(info.value, ValueError) and not isinstance(info.value, ExtractionError)
    path = tmp_path / "bad.ctprofile"
    path.write_bytes(bad)
    with pytest.raises(ProfileFormatError):
        SiteProfile.load(path)


# --- whole pages --------------------------------------------------------------------------


def _html_page(story: str) -> str:
    return ("<!doctype html><html><head><title>News</title></head><body>"
            "<nav><ul><li><a href='/'>Home</a></li><li><a href='/s'>Sport</a></li></ul></nav>"
            f"<article><h1>{story}</h1><p>{story} is told in a long paragraph here.</p>"
            "</article><footer><p>© 2012 Example News</p></footer></body></html>")


def test_add_html_pages_str_and_bytes() -> None:
    prof = SiteProfile()
    prof.add(_html_page("Apple harvest"))
    prof.add(_html_page("Bridge opening").encode("utf-8"))
    prof.add_many([_html_page("Cloud forecast")], text=False)
    assert prof.pages == 3
    assert prof.line_count("Home") == 3 and prof.line_count("© 2099 Example News") == 3
    assert prof.line_count("Bridge opening is told in a long paragraph here.") == 1
    assert prof.line_count("<p>") == 0  # markup is never a line


def test_add_text_dump_autodetected_and_forced() -> None:
    dump = "Home\nSport\n\nA story line that a < b in text.\nHome\n"
    prof = SiteProfile()
    prof.add(dump)
    prof.add(dump.replace("story", "other"), text=True)
    assert prof.pages == 2
    assert prof.line_count("home") == 2
    assert prof.line_count("A story line that a < b in text.") == 1


def test_add_matches_add_lines_of_page_lines() -> None:
    pages = [_html_page(s) for s in ("Apple harvest", "Bridge opening")]
    via_add, via_lines = SiteProfile(), SiteProfile()
    via_add.add_many(pages)
    for page in pages:
        via_lines.add_lines(profile_module.page_lines(page))
    assert via_add == via_lines and len(via_add) > 4


def test_shares_over_the_other_pages() -> None:
    prof = build([["Home", "Story one here"], ["Home", "Story two here"],
                  ["Home", "Story two here"], ["Other"]])
    texts = ["Home", "Story one here", "Story two here", "never seen", ""]
    assert prof.shares(texts).tolist() == [0.75, 0.25, 0.5, 0.0, 0.0]
    assert prof.shares(texts, includes_page=True).tolist() == pytest.approx(
        [2 / 3, 0.0, 1 / 3, 0.0, 0.0])
    alone = build([["Home", "Story one here"]])
    assert alone.shares(texts).tolist() == [1.0, 1.0, 0.0, 0.0, 0.0]
    assert alone.shares(texts, includes_page=True).tolist() == [0.0] * 5


def test_shares_of_lines_on_fewer_than_min_count_pages_are_zero() -> None:
    prof = build([["Home", "Story one here"], ["Home", "Story two here"],
                  ["Home", "Story two here"], ["Other"]])
    texts = ["Home", "Story one here", "Story two here", "Other", "never seen"]
    assert prof.shares(texts, min_count=2).tolist() == [0.75, 0.0, 0.5, 0.0, 0.0]
    assert prof.shares(texts, min_count=3).tolist() == [0.75, 0.0, 0.0, 0.0, 0.0]
    pair = build([["Home", "Story one here"], ["Home", "Story two here"]])
    assert pair.shares(texts[:3]).tolist() == [1.0, 0.5, 0.5]
    assert pair.shares(texts[:3], min_count=2).tolist() == [1.0, 0.0, 0.0]
