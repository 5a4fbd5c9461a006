"""The training script (training/train.py): network averaging, site shares."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "training"))

from dataset import PageData
from train import average_networks, with_site_profiles

from cleantext import Options, SiteProfile
from cleantext.internal import compute_features, segment_html, title_candidate
from cleantext.model import BodyModel


def _network(rng: np.random.Generator, mean: np.ndarray, scale: np.ndarray,
             hidden: int) -> BodyModel:
    f = len(mean)
    return BodyModel(mean, scale, rng.normal(size=(f, hidden)), rng.normal(size=hidden),
                     rng.normal(size=hidden), float(rng.normal()))


def test_averaged_network_gives_the_mean_of_the_members_log_odds() -> None:
    rng = np.random.default_rng(1)
    mean, scale = rng.normal(size=5), rng.uniform(0.5, 2.0, size=5)
    members = [_network(rng, mean, scale, 4) for _ in range(3)]
    x = rng.normal(size=(20, 5))
    wide = average_networks(members)
    assert wide.w1.shape == (5, 12)
    expected = np.mean([m.log_odds(x) for m in members], axis=0)
    np.testing.assert_allclose(wide.log_odds(x), expected, rtol=1e-12, atol=1e-12)
    # Gradient × input reasons average the same way.
    np.testing.assert_allclose(wide.contributions(x),
                               np.mean([m.contributions(x) for m in members], axis=0),
                               atol=1e-12)


def test_one_network_is_returned_as_it_is() -> None:
    rng = np.random.default_rng(2)
    single = _network(rng, np.zeros(3), np.ones(3), 2)
    assert average_networks([single]) is single


def test_networks_with_other_standardisation_are_refused() -> None:
    rng = np.random.default_rng(3)
    a = _network(rng, np.zeros(3), np.ones(3), 2)
    b = _network(rng, np.ones(3), np.ones(3), 2)
    with pytest.raises(ValueError, match="standardisation"):
        average_networks([a, b])


def _page(site: str, case_id: str, html: str) -> PageData:
    seg = segment_html(html, Options())
    return PageData("set", case_id, site, "en", True, seg,
                    compute_features(seg, None, title_candidate(seg)),
                    np.zeros(len(seg.blocks), dtype=np.int8),
                    np.zeros(len(seg.blocks), dtype=bool), None, (), ())


MENU = "<ul><li><a href='/a'>Home of the example site</a></li></ul>"


WORDS = ("apples", "bridges", "comets", "dunes", "elms", "fjords", "geysers", "harbours",
         "islands", "jetties")


def _html(i: int) -> str:
    # numbers normalise alike, so each page's story differs in words
    return (f"<html><body>{MENU}<p>A story about {WORDS[i]} is told here at length, "
            f"with words of its own.</p></body></html>")


def test_site_shares_for_training_are_what_extraction_gives_with_the_profile() -> None:
    pages = [_page("big.example", f"b{i}", _html(i)) for i in range(3)]
    pages += [_page("small.example", "s0", _html(9))]
    filled = with_site_profiles(pages, min_pages=3, cross_site=False)
    profile = SiteProfile()
    for i in range(3):
        profile.add(_html(i), text=False)
    for page, done in zip(pages[:3], filled[:3], strict=True):
        expected = compute_features(page.seg, profile, title_candidate(page.seg), 3)
        assert np.array_equal(done.features.values, expected.values)
        share = dict(zip([b.text for b in page.seg.blocks],
                         done.features.column("site_share").tolist(), strict=True))
        assert share["Home of the example site"] == 1.0  # on every page of the site
        assert 0.0 < min(share.values()) < 0.5  # the page's own story: 1 of 3 pages
    # a site below min_pages gets no share, and the input pages are left as they were
    assert not filled[3].features.column("site_share").any()
    assert not pages[0].features.column("site_share").any()


def test_with_cross_site_counts_a_single_page_site_gets_the_shared_lines_only() -> None:
    pages = [_page("big.example", f"b{i}", _html(i)) for i in range(3)]
    pages += [_page("small.example", "s0", _html(9))]
    alone = with_site_profiles(pages, min_pages=3, cross_site=True)[3]
    share = dict(zip([b.text for b in alone.seg.blocks],
                     alone.features.column("site_share").tolist(), strict=True))
    # the menu is on 3 pages of another site: 3 / CROSS_SITE_FULL_AT (10)
    assert share["Home of the example site"] == pytest.approx(0.3)
    assert min(share.values()) == 0.0  # its own story is on no other page
