"""Coverage-guided fuzzing of :func:`cleantext.extract` and :func:`cleantext.extract_text`.

Not part of CI: run by hand for a fixed number of iterations. Any exception other
than :class:`cleantext.ExtractionError` is a bug (atheris stops and writes the
crashing input to ``crash-<sha1>``); so is output that is not made of the input's
own characters (checked for text dumps, where that is exact), or two runs that differ.

Needs the optional ``atheris`` package (``pip install atheris``: prebuilt wheels for
CPython 3.8-3.11 on x86-64 Linux; elsewhere it builds against libFuzzer from clang).
Run::

    pip install atheris
    python benchmarks/fuzz_extract.py -atheris_runs=20000              # fixed iterations
    python benchmarks/fuzz_extract.py -atheris_runs=20000 corpus/      # keep a corpus
    python benchmarks/fuzz_extract.py --replay crash-abc123            # re-run one input

Without atheris, ``--replay`` still works and ``--random N`` runs N random inputs
(mutated seed pages) through the same checks, uncovered-guided.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
if str(_ROOT / "src") not in sys.path:
    sys.path.insert(0, str(_ROOT / "src"))

import cleantext  # noqa: E402
from cleantext.internal import clean_text  # noqa: E402

SEEDS = _ROOT / "tests" / "fixtures" / "seeds" / "text"
SMALL = cleantext.Options().with_(max_input_bytes=1 << 20, max_lines=2000)
"""Fuzzing options: small caps keep each iteration fast; limits are part of the target."""


def check(data: bytes) -> None:
    """One fuzz iteration: both entry points, typed errors only, deterministic output."""
    mode = data[:1]
    page = data[1:]
    if mode and mode[0] & 1:
        # Some inputs as str, so the str path (surrogates, controls) is fuzzed too.
        page_in: str | bytes = page.decode("utf-8", "surrogateescape")
    else:
        page_in = page
    for fn in (cleantext.extract, cleantext.extract_text):
        try:
            doc = fn(page_in, options=SMALL)
        except cleantext.ExtractionError:
            continue
        again = fn(page_in, options=SMALL)
        if doc.to_dict() != again.to_dict():
            raise AssertionError("two runs of the same input differ")
        for line in doc.lines:
            line.text.encode("utf-8")  # no lone surrogates
    _check_text_dump_body(page_in)


def _check_text_dump_body(page: str | bytes) -> None:
    if not isinstance(page, str):
        return
    try:
        doc = cleantext.extract_text(page, options=SMALL)
    except cleantext.ExtractionError:
        return
    source = " ".join(clean_text(page).split())
    for line in doc.text.split("\n"):
        if line and line not in source:
            raise AssertionError(f"body line not in the input: {line[:80]!r}")


def _seed_inputs() -> list[bytes]:
    pages = [p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))]
    pages.append(b"<html><head><title>T</title></head><body><nav><a href=/>Home</a></nav>"
                 b"<p>A paragraph of text. Another sentence here.</p></body></html>")
    return pages


def _mutate(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data[: rng.randint(0, len(data))])
    for _ in range(rng.randint(0, 20)):
        pos = rng.randint(0, len(out))
        choice = rng.random()
        if choice < 0.4:
            out[pos:pos] = rng.randbytes(rng.randint(1, 8))
        elif choice < 0.7:
            out[pos:pos] = rng.choice((b"<div>", b"</p>", b"<!--", b"&amp;", b"<script>",
                                       b"\x00", b"\xff", b"<p class='nav'>", b"]]>"))
        elif out:
            del out[pos: pos + rng.randint(1, 16)]
    return bytes(out)


def run_random(iterations: int, seed: int) -> int:
    """``iterations`` mutated seed inputs through :func:`check` (no atheris needed)."""
    rng = random.Random(seed)
    seeds = _seed_inputs()
    for i in range(iterations):
        data = bytes([rng.randint(0, 255)]) + _mutate(rng, rng.choice(seeds))
        try:
            check(data)
        except Exception:
            path = Path(f"crash-random-{seed}-{i}")
            path.write_bytes(data)
            print(f"failure on iteration {i}; input saved to {path}", file=sys.stderr)
            raise
    print(f"{iterations} random inputs: no failure")
    return 0


def main() -> int:
    """Command line (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replay", type=Path, help="run one saved input through the checks")
    parser.add_argument("--random", type=int, metavar="N", help="N random inputs, no atheris")
    parser.add_argument("--seed", type=int, default=0, help="seed for --random")
    args, rest = parser.parse_known_args()
    if args.replay:
        check(args.replay.read_bytes())
        print("no failure")
        return 0
    if args.random is not None:
        return run_random(args.random, args.seed)
    try:
        import atheris  # type: ignore[import-untyped]
    except ImportError:
        print("atheris is not installed (pip install atheris); use --random N instead",
              file=sys.stderr)
        return 2
    atheris.instrument_all()
    atheris.Setup([sys.argv[0], *rest], check)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    sys.exit(main())
