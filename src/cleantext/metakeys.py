"""Which metadata keys feed which :class:`~cleantext.metadata.Metadata` field, best first.

Data only, kept apart from the logic in :mod:`cleantext.metadata`. Orders follow how
specific and how reliable each vocabulary is: OpenGraph and ``article:*`` (written for
sharing, nearly always the article's own values), then Twitter cards, Dublin Core and
plain names, then vendor keys (Parse.ly, Sailthru, Highwire ``citation_*``).
"""

from __future__ import annotations

__all__ = ["LD_KEYS", "META_KEYS", "SIDE_TYPES"]

META_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("og:title", "twitter:title", "dc.title", "dcterms.title", "headline",
              "parsely-title", "sailthru.title", "title"),
    "authors": ("author", "article:author", "dc.creator", "dcterms.creator", "parsely-author",
                "sailthru.author", "citation_author", "byl", "creator"),
    "published": ("article:published_time", "datepublished", "og:published_time",
                  "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.issued",
                  "dcterms.created", "dc.date", "date", "pubdate", "publishdate",
                  "publish_date", "publish-date", "citation_publication_date",
                  "citation_date", "article.published", "datecreated"),
    "modified": ("article:modified_time", "datemodified", "og:updated_time",
                 "dcterms.modified", "last-modified"),
    "language": ("og:locale", "content-language", "dc.language", "language", "inlanguage"),
    "site_name": ("og:site_name", "application-name", "apple-mobile-web-app-title"),
    "description": ("og:description", "description", "twitter:description",
                    "dc.description", "dcterms.description"),
    "canonical_url": ("og:url", "twitter:url"),
    "image": ("og:image", "og:image:url", "og:image:secure_url", "twitter:image",
              "twitter:image:src", "image", "thumbnail"),
    "tags": ("article:tag", "news_keywords", "keywords", "parsely-tags"),
}
"""Meta keys per field, best first (OpenGraph, then Twitter, Dublin Core, plain names)."""

LD_KEYS: dict[str, tuple[str, ...]] = {
    # Only "headline": a main entity's "name" names the thing (a product, a course, a
    # firm), not the page. Measured on wcxb-dev: with "name" 0.686 of titles, without 0.715.
    "title": ("headline",),
    "authors": ("author", "creator"),
    "published": ("datePublished", "dateCreated", "uploadDate"),
    "modified": ("dateModified",),
    "language": ("inLanguage",),
    "description": ("description",),
    "image": ("image", "thumbnailUrl"),
    "tags": ("keywords",),
    "canonical_url": ("url", "mainEntityOfPage"),
}
"""JSON-LD properties per field, best first, read from the page's main entity."""

SIDE_TYPES = frozenset(
    ["website", "organization", "person", "breadcrumblist", "listitem", "imageobject",
     "searchaction", "entrypoint", "sitenavigationelement", "wpheader", "wpfooter",
     "wpsidebar", "readaction", "brand", "offer", "aggregateoffer", "aggregaterating",
     "rating", "postaladdress", "contactpoint", "place", "corporation",
     "newsmediaorganization", "localbusiness", "itemlist", "propertyvalue",
     "quantitativevalue", "videoobject"])
"""Types that describe the site, a part or a sub-item, never the page's main entity."""
