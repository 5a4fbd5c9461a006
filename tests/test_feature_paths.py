"""The feature stage's compiled loops (features_dom, features_page) against the Python
path they replace, on real pages: bit-identical matrices on both paths of the build."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pytest

from cleantext import features_dom, features_page
from cleantext.features import compute_features
from cleantext.options import Options
from cleantext.segment import segment_html

PAGES = sorted((Path(__file__).parent / "fixtures" / "sample" / "html").glob("*.html.gz"))


@pytest.mark.parametrize("path", PAGES[:8], ids=lambda p: p.name)
def test_compiled_loops_give_the_python_paths_matrix(path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        seg = segment_html(handle.read(), Options())
    title = seg.title or "News of the day"
    results = []
    for compiled in (True, False):
        monkeypatch.setattr(features_dom, "_COMPILED", compiled)
        monkeypatch.setattr(features_page, "_COMPILED", compiled)
        results.append(compute_features(seg, title=title))
    loops, lists = results
    assert loops.values.tobytes() == lists.values.tobytes()
    assert loops.groups.tolist() == lists.groups.tolist()
    assert np.count_nonzero(loops.values) > 0


def test_distance_to_true_loop_and_numpy_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(5)
    for n, share in ((1, 0.5), (7, 0.0), (40, 0.1), (200, 0.4), (3, 1.0)):
        flags = rng.random(n) < share
        results = []
        for compiled in (True, False):
            monkeypatch.setattr(features_page, "_COMPILED", compiled)
            results.append(features_page._distance_to_true(flags).tolist())
        assert results[0] == results[1]


def _pattern_bits(text: str) -> int:
    from cleantext.features_text import _DATE, _END_TIME, _TIME
    return ((_END_TIME.search(text) is not None) | (_TIME.search(text) is not None) << 1
            | (_DATE.search(text) is not None) << 2)


def test_digit_shapes_read_what_the_time_and_date_patterns_match() -> None:
    # _digit_shapes (the compiled path's reading of ASCII lines) against the regexes, on
    # every shape of short line made of digits, the marks the patterns name and others.
    from cleantext.features_text import _digit_shapes
    rng = np.random.default_rng(3)
    alphabet = [*"0123456789:.-/ a", "19", "20", "12:30", "2024"]
    cases = ["", "1", "12:30", "at 9.15", "1:234", "123:45", "12:30 pm", "on 2024-01-31",
             "1999", "19999", "31/12/99", "1.2.3", "12.345.6789", "x 12:34", "7:05"]
    cases += ["".join(rng.choice(alphabet, size=int(rng.integers(1, 9))))
              for _ in range(30000)]
    for text in cases:
        assert _digit_shapes(text) == _pattern_bits(text), text
    assert {_digit_shapes(text) for text in cases} >= {0, 2, 3, 4, 6, 7}
    assert _digit_shapes("12:30 Zürich") == -1
    assert _digit_shapes("12:30\n") == -1


def test_sentence_counts_match_the_sentence_end_pattern() -> None:
    from cleantext.features_text import _NARROW_SENTENCE_END, _sentence_counts
    rng = np.random.default_rng(9)
    alphabet = list("ab .!?…\"')]»\u00a0\u2003,;\n")
    for _ in range(3000):
        joined = "".join(rng.choice(alphabet, size=int(rng.integers(0, 30))))
        lines = joined.split("\n")
        expected = [len(_NARROW_SENTENCE_END.findall(line)) for line in lines]
        assert _sentence_counts(joined, len(lines)) == expected, repr(joined)
    assert _sentence_counts("Done. 東京。", 1) is None


@pytest.mark.parametrize("is_html", [True, False])
def test_context_rows_give_the_column_paths_inputs(is_html: bool,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    # context_features written by C loops (_context_rows, _window_loop into the matrix)
    # against its column path, on real pages: the same bits.
    from cleantext import context_inputs
    from cleantext.model import load_model
    from cleantext.score import score_lines
    for path in PAGES[:6]:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            features = compute_features(segment_html(handle.read(), Options()))
        logits = score_lines(features, is_html, load_model()).logits
        results = []
        for compiled in (True, False):
            monkeypatch.setattr(context_inputs, "_COMPILED", compiled)
            results.append(context_inputs.context_features(features, logits, is_html))
        assert results[0].shape == results[1].shape
        assert results[0].tobytes() == results[1].tobytes()


def test_line_digits_count_what_str_isdigit_says() -> None:
    from cleantext.features_text import _digit_counts, _line_digits
    rng = np.random.default_rng(13)
    alphabet = list("a1 9\u0663\u0967\u00b2\u2460\u4e00\u5341\uff11\U0001d7ce")
    for _ in range(2000):
        lines = ["".join(rng.choice(alphabet, size=int(rng.integers(0, 8))))
                 for _ in range(int(rng.integers(1, 5)))]
        assert _line_digits("\n".join(lines), len(lines)) == _digit_counts(lines)
    assert _line_digits("1\n2\n3", 2) is None
    assert _line_digits("1\n2", 3) is None
