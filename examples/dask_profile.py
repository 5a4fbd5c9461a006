"""Site profiles as a map-reduce on Dask: build per-partition, tree-merge, then extract.

Because :meth:`cleantext.SiteProfile.merge` is associative and commutative (counts add
exactly), a site profile can be built by any engine that can fold values in a tree:

1. a bag of ``(url, html)`` pages, split into partitions;
2. per partition, one partial profile per site (``{site: SiteProfile}``);
3. a tree reduction that merges those dicts site by site (``split_every`` at a time);
4. extraction mapped over the bag, the merged profiles broadcast to every partition.

The result equals ``cleantext.extract_many(pages, by_site=True)`` exactly, whatever the
number of partitions. Needs the optional extra: ``pip install 'cleantext[dask]'``.

Run it on made-up pages::

    python examples/dask_profile.py --sites 3 --pages 8 --partitions 4
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterable, Mapping, Sequence

import dask
import dask.bag as db

import cleantext
from cleantext.batch import site_key
from cleantext.profile import SiteProfile

Page = tuple[str, str]
"""One page of the bag: ``(url, html)``."""
Profiles = dict[str, SiteProfile]

SPLIT_EVERY = 8
"""Partial results merged per node of the reduction tree (count): Dask's own default
for bag reductions; the tree has depth log_8(partitions)."""

PROFILE_MIN_PAGES = 2
"""Sites with fewer pages are extracted without a profile, as extract_many does."""


def partition_profiles(pages: Iterable[Page]) -> Profiles:
    """Map step: one partial profile per site for the pages of one partition."""
    profiles: Profiles = {}
    for url, html in pages:
        site = site_key(url)
        if site is not None:
            profiles.setdefault(site, SiteProfile()).add(html, text=False)
    return profiles


def merge_profiles(partials: Iterable[Profiles]) -> Profiles:
    """Reduce step: merge partial profiles site by site (exact, order-free)."""
    merged: Profiles = {}
    for partial in partials:
        for site, prof in partial.items():
            merged[site] = merged[site].merge(prof) if site in merged else prof
    return merged


def extract_page(page: Page, profiles: Mapping[str, SiteProfile]) -> tuple[str, str]:
    """Extract one page with its site's profile (none for sites with too few pages)."""
    url, html = page
    site = site_key(url)
    prof = profiles.get(site) if site is not None else None
    if prof is not None and prof.pages < PROFILE_MIN_PAGES:
        prof = None
    return url, cleantext.extract(html, url=url, site=prof).text


def build_graph(pages: Sequence[Page], npartitions: int) -> db.Bag:
    """The lazy Dask graph: profiles by tree reduction, then extraction over the bag."""
    # (Dask's bag API is unannotated, hence the ignores for mypy --strict.)
    bag: db.Bag = db.from_sequence(  # type: ignore[no-untyped-call]
        pages, npartitions=npartitions)
    profiles = bag.reduction(  # type: ignore[no-untyped-call]
        partition_profiles, merge_profiles, split_every=SPLIT_EVERY)
    # A Dask Item passed as an argument is computed once and broadcast to partitions.
    extracted: db.Bag = bag.map(extract_page, profiles)  # type: ignore[no-untyped-call]
    return extracted


def run(pages: Sequence[Page], npartitions: int,
        scheduler: str = "synchronous") -> list[tuple[str, str]]:
    """Extract ``pages`` with per-site profiles on Dask; ``(url, body text)`` in order.

    ``scheduler`` is any Dask scheduler name: ``"synchronous"`` (one thread, for
    tests), ``"threads"``, ``"processes"``, or a distributed client's default.
    """
    with dask.config.set(scheduler=scheduler):
        graph = build_graph(pages, npartitions)
        result: list[tuple[str, str]] = graph.compute()  # type: ignore[no-untyped-call]
    return result


def demo_pages(sites: int, pages_per_site: int, seed: int = 0) -> list[Page]:
    """Made-up news pages: each site has its menu, teaser list and footer on every
    page, around a story of its own; pages of the sites interleaved."""
    rng = random.Random(seed)
    words = ("harbour", "council", "budget", "river", "bridge", "school", "doctors", "winter",
             "market", "train", "museum", "festival", "farmers", "election", "storm",
             "library")
    out: list[Page] = []
    for number in range(pages_per_site):
        for site in range(sites):
            story = " ".join(rng.choice(words) for _ in range(8))
            paragraphs = "".join(
                f"<p>{story.capitalize()} — {' '.join(rng.sample(words, 10))}, the "
                f"report said on day {rng.randint(1, 28)}.</p>" for _ in range(4))
            out.append((f"https://www.site{site}.example/news/{number}", (
                f"<html><head><title>{story}</title></head><body><nav><a href='/'>Home"
                f"</a> <a href='/w'>World</a> <a href='/s'>Sport</a></nav>"
                f"<article><h1>{story.capitalize()}</h1>{paragraphs}</article>"
                f"<aside><h2>Most read on site {site}</h2><ul><li><a href='/x'>Council "
                f"approves the new harbour budget after a long night</a></li><li>"
                f"<a href='/y'>Winter storm closes the river bridge again</a></li></ul>"
                f"</aside><footer><p>© 2012 Site {site} News. All rights reserved.</p>"
                f"</footer></body></html>")))
    return out


def main() -> None:
    """Build the demo bag, run it, and print each page's URL and body size."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", type=int, default=3)
    parser.add_argument("--pages", type=int, default=8, help="pages per site")
    parser.add_argument("--partitions", type=int, default=4)
    parser.add_argument("--scheduler", default="threads")
    args = parser.parse_args()
    pages = demo_pages(args.sites, args.pages)
    for url, text in run(pages, args.partitions, args.scheduler):
        first = text.splitlines()[0] if text else ""
        print(f"{url}\t{len(text):5d} chars\t{first[:60]}")


if __name__ == "__main__":
    main()
