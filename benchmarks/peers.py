"""Adapters that run other boilerplate removers the same way the harness runs cleantext.

Each peer takes the decoded page (``str``) and the page's language code and returns
plain text. A peer that is not installed is simply not offered; a peer that raises
on a page is the harness's business (it scores the page as empty output and counts
the crash). Settings, chosen to match how the peers are usually benchmarked:

* ``trafilatura``: ``extract(html, include_comments=False, include_tables=True)``,
  otherwise defaults; ``trafilatura-precision`` adds ``favor_precision=True``.
* ``justext``: the stoplist of the page's language when ``lang`` maps to one of
  jusText's lists (:data:`JUSTEXT_STOPLISTS`), else English (jusText has no Chinese
  or Japanese list, so it is expected to do badly there); output = the paragraphs
  it does not mark as boilerplate, one per line.
* ``readability``: readability-lxml ``Document(html).summary()``, turned into text
  by the harness's lxml dumper (:func:`benchmarks.textdump.html_to_text`).
* ``boilerpy3``: ``ArticleExtractor().get_content(html)``.
* ``resiliparse``: ``extract_plain_text(html, main_content=True)``.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from benchmarks.textdump import html_to_text

__all__ = ["JUSTEXT_STOPLISTS", "PEERS", "Peer", "installed_peers", "justext_stoplist_name"]

JUSTEXT_STOPLISTS: dict[str, str] = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "bn": "Bengali", "ca": "Catalan",
    "cs": "Czech", "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek",
    "en": "English", "es": "Spanish", "et": "Estonian", "eu": "Basque", "fa": "Persian",
    "fi": "Finnish", "fr": "French", "ga": "Irish", "gl": "Galician", "he": "Hebrew",
    "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "hy": "Armenian", "id": "Indonesian",
    "is": "Icelandic", "it": "Italian", "ka": "Georgian", "kk": "Kazakh", "ko": "Korean",
    "la": "Latin", "lt": "Lithuanian", "lv": "Latvian", "mk": "Macedonian", "ms": "Malay",
    "nb": "Norwegian_Bokmal", "nl": "Dutch", "nn": "Norwegian_Nynorsk",
    "no": "Norwegian_Bokmal", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian",
    "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sq": "Albanian", "sr": "Serbian",
    "sv": "Swedish", "sw": "Swahili", "ta": "Tamil", "te": "Telugu", "tl": "Tagalog",
    "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese",
}
"""ISO 639-1 code → jusText stoplist name. Codes missing here (zh, ja, pap...) use English."""

JUSTEXT_FALLBACK = "English"


def justext_stoplist_name(lang: str | None) -> str:
    """The jusText stoplist used for a page in language ``lang`` (English if unknown)."""
    return JUSTEXT_STOPLISTS.get((lang or "").lower(), JUSTEXT_FALLBACK)


def _trafilatura(page: str, precision: bool) -> str:
    trafilatura = importlib.import_module("trafilatura")
    text: str | None = trafilatura.extract(
        page, include_comments=False, include_tables=True, favor_precision=precision
    )
    return text or ""


def _run_trafilatura(page: str, lang: str | None) -> str:
    return _trafilatura(page, precision=False)


def _run_trafilatura_precision(page: str, lang: str | None) -> str:
    return _trafilatura(page, precision=True)


def _run_justext(page: str, lang: str | None) -> str:
    justext = importlib.import_module("justext")
    stoplist = justext.get_stoplist(justext_stoplist_name(lang))
    paragraphs: list[Any] = justext.justext(page, stoplist)
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def _run_readability(page: str, lang: str | None) -> str:
    readability = importlib.import_module("readability")
    summary: str = readability.Document(page).summary()
    return html_to_text(summary)


def _run_boilerpy3(page: str, lang: str | None) -> str:
    extractors = importlib.import_module("boilerpy3.extractors")
    text: str = extractors.ArticleExtractor(raise_on_failure=True).get_content(page)
    return text


def _run_resiliparse(page: str, lang: str | None) -> str:
    html2text = importlib.import_module("resiliparse.extract.html2text")
    text: str = html2text.extract_plain_text(page, main_content=True)
    return text


@dataclass(frozen=True, slots=True)
class Peer:
    """One peer: display name, the module that must be importable, and its runner."""

    name: str
    module: str
    run: Callable[[str, str | None], str]


PEERS: tuple[Peer, ...] = (
    Peer("trafilatura", "trafilatura", _run_trafilatura),
    Peer("trafilatura-precision", "trafilatura", _run_trafilatura_precision),
    Peer("justext", "justext", _run_justext),
    Peer("readability", "readability", _run_readability),
    Peer("boilerpy3", "boilerpy3", _run_boilerpy3),
    Peer("resiliparse", "resiliparse", _run_resiliparse),
)
"""Every peer the harness knows, in report order."""


def installed_peers() -> dict[str, Peer]:
    """The peers whose module can be imported here, by name."""
    return {p.name: p for p in PEERS if importlib.util.find_spec(p.module) is not None}
