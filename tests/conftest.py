"""Test configuration: import the package from src/ when it is not installed."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
for path in (SRC, REPO):  # the package, and ``benchmarks`` (metrics) beside it
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))
