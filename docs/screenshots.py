"""Regenerate docs/img/notebook.png and docs/img/report.png from the bundled seed pages.

Renders the notebook view of one seed page and the batch report of all five (with their
gold bodies) to HTML, then screenshots both with headless Chromium.

    PYTHONPATH=src python docs/screenshots.py [--keep-html DIR]

Needs Chromium (``apt-get install chromium``) on PATH.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from cleantext import extract_text
from cleantext.render import document_html
from cleantext.report import build_report, load_gold

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
IMG = ROOT / "docs" / "img"
NOTEBOOK_SEED = "000_710f06406659a244"  # Romanian page: title, body, "read also", teasers
WINDOW = "1200,1600"  # screenshot size in CSS pixels (width, height)
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--force-device-scale-factor=1")
TIMEOUT_S = 120  # one screenshot; generous for a busy machine

NOTEBOOK_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>notebook view</title>
<style>body{{margin:16px 20px;background:#fff;font:13px system-ui,sans-serif;color:#222}}
.cell{{display:grid;grid-template-columns:4.5em 1fr;gap:6px;margin:0 0 10px}}
.prompt{{color:#303f9f;font-family:monospace;text-align:right;padding-top:6px}}
.out{{color:#d84315}}
.code{{background:#f7f7f7;border:1px solid #e0e0e0;border-radius:4px;padding:6px 8px;
font-family:monospace;white-space:pre}}</style></head><body>
<div class="cell"><div class="prompt">In [2]:</div>
<div class="code">doc = cleantext.extract_text(path.read_bytes())
doc</div></div>
<div class="cell"><div class="prompt out">Out[2]:</div><div>{view}</div></div>
</body></html>
"""


def screenshot(chromium: str, page: Path, png: Path) -> None:
    """Screenshot ``page`` into ``png`` with a throwaway Chromium profile."""
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
        subprocess.run(
            [chromium, *FLAGS, f"--user-data-dir={profile}", f"--window-size={WINDOW}",
             f"--screenshot={png}", page.resolve().as_uri()],
            check=True, timeout=TIMEOUT_S, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--keep-html", type=Path, help="also keep the HTML pages here")
    args = parser.parse_args(argv)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("screenshots.py: Chromium not found on PATH", file=sys.stderr)
        return 2
    doc = extract_text((SEEDS / "text" / f"{NOTEBOOK_SEED}.txt").read_bytes())
    pages = {
        "notebook": NOTEBOOK_PAGE.format(view=document_html(doc)),
        "report": build_report([SEEDS / "text"], load_gold(SEEDS / "cases.jsonl"),
                               title="cleantext report: the five seed pages", expanded=1),
    }
    IMG.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        out_dir = args.keep_html or Path(tmp)
        out_dir.mkdir(parents=True, exist_ok=True)
        for name, html in pages.items():
            page = out_dir / f"{name}.html"
            page.write_text(html, encoding="utf-8")
            screenshot(chromium, page, IMG / f"{name}.png")
            print(f"wrote {IMG / f'{name}.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
