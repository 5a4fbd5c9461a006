"""Train the line model and write ``src/cleantext/data/model.json``. One command:

    python training/train.py            # builds the data cache, fits, evaluates, writes

Data: the shared sets whose licences allow shipping what is learned — scrapinghub
(MIT), wcxb-dev (CC-BY-4.0), trafilatura-dev (Apache-2.0) — and the seeds, read from
``../shared/bench`` (override with ``--bench``). daniel-dev is never used here.
Validation: 20% of *sites* (hash of the site name), never pages of a training site.
The fit is three small neural networks averaged (one ReLU hidden layer each, Adam,
fixed seeds and batch order), so two runs on the same data and machine write the
same file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE.parent))  # benchmarks.metrics: the metrics every issue quotes

from dataset import PageData, build_pages, is_validation  # noqa: E402

from benchmarks.metrics import WithWithout, bag_of_words, with_without  # noqa: E402
from cleantext import Options  # noqa: E402
from cleantext.internal import (  # noqa: E402
    CATEGORY_LABELS,
    CONTEXT_NAMES,
    FEATURE_NAMES,
    BodyModel,
    Model,
    context_features,
    read_body_model,
    run_pipeline,
    words,
)

TRAIN_SETS = ("scrapinghub", "wcxb-dev", "trafilatura-dev", "seeds")
MODEL_PATH = HERE.parent / "src" / "cleantext" / "data" / "model.json"
L2 = 1e-4      # weight decay; validation F1 is flat between 1e-5 and 1e-3
HIDDEN = 32    # hidden units; 16 loses ~0.5 point of validation F1, 64 gains nothing
CONTEXT_HIDDEN = 16  # the context network has 28 inputs; 16 units are plenty
EPOCHS = 30    # passes over the training lines; validation loss is flat from ~20
BATCH = 2048   # lines per Adam step
SEED = 20261122
# Networks fitted with seeds SEED, SEED+1, ... and averaged (see average_networks). One
# network's F1 moves by about 0.005 from seed to seed; with three, validation F1 (sites
# never trained on) rose on every HTML set (scrapinghub 0.965 → 0.967, wcxb-dev 0.839 →
# 0.841, trafilatura-dev w/wo 0.920 → 0.926). Five gained nothing more in text mode.
ENSEMBLE = 3
# The seeds are the only real text dumps with gold (the other text-mode pages are
# HTML turned into dumps); each counts as this many pages so their layouts (cards,
# inline "read also" links, login forms) are not drowned by 1,600 HTML-derived pages.
SEED_PAGE_WEIGHT = 10.0
FloatArray = npt.NDArray[np.float64]


# The stages after scoring (and every rules*.py): neither a cached page (segmentation and
# features) nor a fitted network reads them, so a rules or title change rebuilds nothing.
AFTER_SCORE = frozenset({"title.py", "explain.py", "assemble.py",
                         "pipeline.py", "document.py", "line.py", "htmlview.py", "render.py",
                         "report.py", "metadata.py", "jsonld.py", "metakeys.py", "byline.py",
                         "dates.py", "kind.py", "batch.py", "passes.py", "profile.py",
                         "options.py", "option_fields.py"})


def before_scoring() -> list[Path]:
    """src/cleantext's modules a cached page or a fitted network depends on."""
    return sorted(p for p in (HERE.parent / "src" / "cleantext").glob("*.py")
                  if p.name not in AFTER_SCORE and not p.name.startswith("rules"))


def page_cache_version() -> str:
    """Hash of the code a cached page was built by (:func:`before_scoring` and
    dataset.py): a pickle from older code can load without error and still be wrong
    (the redesign reordered Segmented's fields, #19 added some), so the file name
    carries it. Options are not in it: dataset.py builds pages with the defaults."""
    digest = hashlib.sha1()
    for path in [*before_scoring(), HERE / "dataset.py"]:
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:12]


def load_data(bench: Path, cache: Path, text_mode: bool | str) -> list[PageData]:
    kind = "harness" if text_mode == "harness" else "text" if text_mode else "html"
    path = cache / f"pages-{kind}-{page_cache_version()}.pkl"
    if path.exists():
        with path.open("rb") as handle:
            pages: list[PageData] = pickle.load(handle)
        return pages
    pages = []
    for name in TRAIN_SETS:
        t = time.time()
        pages.extend(build_pages(bench / name, text_mode))
        print(f"  {name}: {time.time() - t:.0f}s", file=sys.stderr)
    cache.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        pickle.dump(pages, handle)
    return pages


def design(pages: Sequence[PageData], inputs: Sequence[FloatArray] | None = None
           ) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Stack labelled lines: inputs, targets, weights (each page weighs the same).

    Inputs are the pages' feature matrices unless ``inputs`` gives other per-page
    matrices (the context network's). A line's weight is its share of its page's
    labelled tokens, so long paragraphs count as much as the bag-of-words metric
    counts them.
    """
    xs, ys, ws = [], [], []
    for k, page in enumerate(pages):
        known = page.labels >= 0
        if not known.any():
            continue
        ntok = np.array([len(words(b.text)) + 1 for b in page.seg.blocks], dtype=np.float64)
        w = ntok[known] / ntok[known].sum()
        if page.set_name == "seeds":
            w = w * SEED_PAGE_WEIGHT
        matrix = page.features.values if inputs is None else inputs[k]
        xs.append(matrix[known])
        ys.append(page.labels[known].astype(np.float64))
        ws.append(w)
    return np.vstack(xs), np.concatenate(ys), np.concatenate(ws)


def _standardise(x: FloatArray, w: FloatArray) -> tuple[FloatArray, FloatArray]:
    mean = np.average(x, axis=0, weights=w)
    scale = np.sqrt(np.average((x - mean) ** 2, axis=0, weights=w))
    scale[scale < 1e-6] = 1.0
    return mean, scale


def fit_mlp(x: FloatArray, y: FloatArray, w: FloatArray, l2: float,
            hidden: int = HIDDEN, seed: int = SEED) -> BodyModel:
    """Weighted binary cross-entropy, one ReLU hidden layer, Adam; deterministic."""
    rng = np.random.default_rng(seed)
    mean, scale = _standardise(x, w)
    z = (x - mean) / scale
    n, f = z.shape
    params = [rng.normal(0, np.sqrt(2 / f), (f, hidden)), np.zeros(hidden),
              rng.normal(0, np.sqrt(1 / hidden), hidden), np.zeros(1)]
    moments = [np.zeros_like(p) for p in params]
    squares = [np.zeros_like(p) for p in params]
    wn = w * (n / w.sum())
    step = 0
    for _ in range(EPOCHS):
        order = rng.permutation(n)
        for start in range(0, n, BATCH):
            idx = order[start:start + BATCH]
            grads = _gradients(params, z[idx], y[idx], wn[idx], l2)
            step += 1
            for k, g in enumerate(grads):
                moments[k] = 0.9 * moments[k] + 0.1 * g
                squares[k] = 0.999 * squares[k] + 0.001 * g * g
                mhat = moments[k] / (1 - 0.9 ** step)
                vhat = squares[k] / (1 - 0.999 ** step)
                params[k] -= 2e-3 * mhat / (np.sqrt(vhat) + 1e-8)
    w1, b1, w2, b2 = params
    return BodyModel(mean, scale, w1, b1, w2, float(b2[0]))


def _gradients(params: list[FloatArray], z: FloatArray, y: FloatArray, w: FloatArray,
               l2: float) -> list[FloatArray]:
    w1, b1, w2, b2 = params
    pre = z @ w1 + b1
    hidden = np.maximum(pre, 0.0)
    logit = hidden @ w2 + b2[0]
    p = 1.0 / (1.0 + np.exp(-np.clip(logit, -30, 30)))
    d_logit = w * (p - y) / len(y)
    g_w2 = hidden.T @ d_logit + l2 * w2
    g_b2 = np.array([d_logit.sum()])
    d_hidden = np.outer(d_logit, w2) * (pre > 0)
    g_w1 = z.T @ d_hidden + l2 * w1
    g_b1 = d_hidden.sum(axis=0)
    return [g_w1, g_b1, g_w2, g_b2]


def evaluate(pages: Sequence[PageData], model: Model, options: Options) -> dict[str, float]:
    """Pipeline F1 per set, with the benchmark harness's own metrics: mean bag-of-words
    F1 for gold bodies, micro with/without F1 for with/without gold."""
    per_set: dict[str, list[float]] = {}
    ww: dict[str, WithWithout] = {}
    for page in pages:
        doc = run_pipeline(page.seg, options, None, None, model, page.features)
        if page.gold is not None:
            per_set.setdefault(page.set_name, []).append(bag_of_words(doc.text, page.gold).f1)
        elif page.with_ or page.without:
            found = with_without(doc.text, page.with_, page.without)
            ww[page.set_name] = ww[page.set_name] + found if page.set_name in ww else found
    result = {k: float(np.mean(v)) for k, v in per_set.items()}
    for k, counts in ww.items():
        result[k + " (w/wo)"] = counts.f1
    return result


def load_category() -> tuple[FloatArray, FloatArray]:
    """The hand-set category head from ``category_weights.json``, by feature name."""
    data = json.loads((HERE / "category_weights.json").read_text(encoding="utf-8"))
    coef = np.zeros((len(CATEGORY_LABELS), len(FEATURE_NAMES)))
    intercept = np.zeros(len(CATEGORY_LABELS))
    for row, label in enumerate(CATEGORY_LABELS):
        for name, weight in data[label.value].items():
            if name == "intercept":
                intercept[row] = weight
            else:
                coef[row, FEATURE_NAMES.index(name)] = weight
    return coef, intercept


def model_json(model: Model) -> dict[str, object]:
    def body(m: BodyModel) -> dict[str, object]:
        return {"mean": np.round(m.mean, 6).tolist(), "scale": np.round(m.scale, 6).tolist(),
                "w1": np.round(m.w1, 6).tolist(), "b1": np.round(m.b1, 6).tolist(),
                "w2": np.round(m.w2, 6).tolist(), "b2": round(m.b2, 6)}

    if model.context_html is None or model.context_text is None:
        raise ValueError("a shipped model has both context networks")
    return {
        "version": 2,
        "feature_names": list(FEATURE_NAMES),
        "note": "body: trained by training/train.py on scrapinghub (MIT), wcxb-dev "
                "(CC-BY-4.0, Murrough Foley 2026), trafilatura-dev (Apache-2.0) and the "
                "seeds; category: hand-set in training/category_weights.json",
        "html": body(model.html),
        "text": body(model.text),
        "category": {"labels": ["navigation", "related", "comments", "other"],
                     "coef": model.category_coef.tolist(),
                     "intercept": model.category_intercept.tolist()},
        "context": {"feature_names": list(model.context_names),
                    "html": body(model.context_html),
                    "text": body(model.context_text)},
    }


def fit_stages(train: Sequence[PageData], l2: float) -> tuple[BodyModel, BodyModel]:
    """The line network, then the context network on out-of-fold line scores.

    The context network must learn from line scores as noisy as those it will see
    on new pages, so each training page's line scores come from a line network
    fitted on the other half of the training *sites* (2-fold cross-fitting).
    """
    line = fit_averaged(design(train), l2, HIDDEN)
    folds = [[p for p in train if site_fold(p.site) == k] for k in (0, 1)]
    oof: dict[int, FloatArray] = {}
    for k in (0, 1):
        other = fit_averaged(design(folds[1 - k]), l2, HIDDEN)
        for page in folds[k]:
            logits = other.log_odds(page.features.values)
            oof[id(page)] = context_features(page.features, logits, page.is_html)
    ordered = [p for fold in folds for p in fold]
    context = fit_averaged(design(ordered, [oof[id(p)] for p in ordered]), l2, CONTEXT_HIDDEN)
    return line, context


def fit_averaged(data: tuple[FloatArray, FloatArray, FloatArray], l2: float, hidden: int
                 ) -> BodyModel:
    """:data:`ENSEMBLE` networks fitted on the same ``design`` output with seeds
    ``SEED``, ``SEED + 1``, ..., averaged (:func:`average_networks`)."""
    return average_networks([fit_mlp(*data, l2, hidden, seed=SEED + k)
                             for k in range(ENSEMBLE)])


def average_networks(networks: Sequence[BodyModel]) -> BodyModel:
    """One network whose log-odds are the mean of ``networks``' log-odds.

    Networks fitted on the same data with other seeds share their standardisation,
    so side by side they are one network with all their hidden units and output
    weights divided by their number: the shipped format, and the same cost as one
    network that wide. Gradient × input reasons average the same way.
    """
    first = networks[0]
    if len(networks) == 1:
        return first
    for other in networks[1:]:
        if not (np.array_equal(other.mean, first.mean)
                and np.array_equal(other.scale, first.scale)):
            raise ValueError("networks to average must share their standardisation")
    k = len(networks)
    return BodyModel(first.mean, first.scale, np.hstack([m.w1 for m in networks]),
                     np.concatenate([m.b1 for m in networks]),
                     np.concatenate([m.w2 for m in networks]) / k,
                     float(np.mean([m.b2 for m in networks])))


def shipped_networks(text_mode: bool) -> tuple[BodyModel, BodyModel]:
    """The line and context networks of one mode as ``model.json`` has them now.

    A context input the shipped network was fitted without gets weight 0 (mean 0,
    scale 1), so the network's outputs are exactly what they were: ``--refit text``
    (or ``html``) leaves the other mode's networks as shipped.
    """
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    key = "text" if text_mode else "html"
    if tuple(data["feature_names"]) != FEATURE_NAMES:
        raise SystemExit("model.json has other line features: refit both modes")
    line = read_body_model(data[key])
    context = read_body_model(data["context"][key])
    names = list(data["context"]["feature_names"])
    rows = [names.index(name) if name in names else -1 for name in CONTEXT_NAMES]
    w1 = np.zeros((len(CONTEXT_NAMES), context.w1.shape[1]))
    mean, scale = np.zeros(len(CONTEXT_NAMES)), np.ones(len(CONTEXT_NAMES))
    for new, old in enumerate(rows):
        if old >= 0:
            w1[new], mean[new], scale[new] = context.w1[old], context.mean[old], context.scale[old]
    padded = BodyModel(mean, scale, w1, np.array(context.b1), np.array(context.w2),
                       context.b2)
    return line, padded


def site_fold(site: str) -> int:
    """Deterministic half of the training sites (0 or 1) for cross-fitting."""
    return hashlib.sha1(("fold:" + site).encode()).digest()[0] & 1


def assemble_model(html: tuple[BodyModel, BodyModel], text: tuple[BodyModel, BodyModel]
                   ) -> Model:
    """The shipped model's layout: line and context networks of each mode (as
    :func:`fit_stages` returns them) and the hand-set category head."""
    category_coef, category_intercept = load_category()
    return Model(FEATURE_NAMES, html[0], text[0], category_coef, category_intercept,
                 CONTEXT_NAMES, html[1], text[1])


def mode_pages(bench: Path, cache: Path, text_mode: bool) -> list[PageData]:
    """Every training page of one mode: HTML pages, or two dumps of each page in text
    mode (see below). ``benchmarks/crossval.py`` folds these same pages."""
    pages = load_data(bench, cache, text_mode)
    if text_mode:
        # Two dumps of each page: the segmenter's lines and the harness's own
        # dumper (benchmarks/textdump.py), which joins and splits blocks its own
        # way, as other people's dumps will. Trained on both, the text network
        # gained 0.006 (scrapinghub) and 0.011 (daniel-dev, never trained on) and
        # lost 0.002-0.003 on trafilatura-dev and wcxb-dev in --text-mode.
        pages = pages + load_data(bench, cache, "harness")
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, default=HERE.parent.parent / "shared" / "bench")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/cleantext-train"))
    parser.add_argument("--l2", type=float, default=L2)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--refit", choices=("both", "html", "text"), default="both",
                        help="fit only these networks; keep the others from model.json")
    args = parser.parse_args()
    fitted: dict[bool, tuple[BodyModel, BodyModel]] = {}
    valid_pages: dict[bool, list[PageData]] = {}
    for text_mode in (False, True):
        pages = mode_pages(args.bench, args.cache, text_mode)
        train = [p for p in pages if not is_validation(p.site)]
        valid_pages[text_mode] = [p for p in pages if is_validation(p.site)]
        if args.refit in ("both", "text" if text_mode else "html"):
            fitted[text_mode] = fit_stages(train, args.l2)
        else:
            fitted[text_mode] = shipped_networks(text_mode)
        print(f"{'text' if text_mode else 'html'}: {len(train)} train / "
              f"{len(valid_pages[text_mode])} valid pages", file=sys.stderr)
    model = assemble_model(fitted[False], fitted[True])
    if not args.no_write:
        MODEL_PATH.write_text(json.dumps(model_json(model), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_PATH}", file=sys.stderr)
    options = Options()
    for text_mode in (False, True):
        scores = evaluate(valid_pages[text_mode], model, options)
        print("text" if text_mode else "html", "valid",
              {k: round(v, 4) for k, v in scores.items()})


if __name__ == "__main__":
    main()
