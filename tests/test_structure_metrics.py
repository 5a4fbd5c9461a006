"""The structure/metadata benchmark's metric functions (benchmarks/structure.py)."""

from __future__ import annotations

from collections import Counter

from benchmarks.structure import Tally, blocks, normalise, same_date, same_text

GOLD = """# The *Title*

Intro paragraph.

- first [item](https://x.y)
1. second
| a | b |
|---|:-:|
| 1 | 2 |

```python
x = 1

# not a heading
```
"""


def test_blocks_types_and_normalisation() -> None:
    got = blocks(GOLD)
    assert got == Counter({("h", "the title"): 1, ("li", "first item"): 1, ("li", "second"): 1,
                           ("tr", "a b"): 1, ("tr", "1 2"): 1, ("code", "x 1"): 1,
                           ("code", "not a heading"): 1})


def test_tally_micro_prf() -> None:
    tally = Tally()
    tally.add(Counter({("h", "a"): 1, ("li", "b"): 2}), Counter({("h", "a"): 1, ("li", "b"): 1,
                                                                 ("tr", "c"): 2}))
    p, r, f = tally.prf()
    assert (tally.hit, tally.out, tally.gold) == (2, 3, 4)
    assert abs(p - 2 / 3) < 1e-9 and abs(r - 0.5) < 1e-9 and abs(f - 4 / 7) < 1e-9


def test_field_matching() -> None:
    assert normalise("**Jane** _Doe_") == "jane doe"
    assert same_text("Jane Doe, John Roe", "jane doe & john roe")
    assert not same_text(None, "x")
    assert same_date("2024-03-10T08:00:00Z", "2024-03-10")
    assert not same_date("2024-03-11", "2024-03-10")
