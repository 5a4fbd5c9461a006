"""Internal API for the project's training and benchmark scripts; not public, may change.

``training/`` and ``benchmarks/`` import only from :mod:`cleantext` (the public API)
and from here, so the stage modules behind these names can move freely (``pipeline`` is the
pipeline module itself: ``benchmarks/bench_speed.py`` times each stage by wrapping
the names it calls). Library
users should not import this module.
"""

from __future__ import annotations

from cleantext import pipeline
from cleantext.blocks import Segmented
from cleantext.context_inputs import CONTEXT_NAMES, context_features
from cleantext.decode import clean_text
from cleantext.features import FEATURE_NAMES, FeatureMatrix, compute_features
from cleantext.model import CATEGORY_LABELS, BodyModel, Model, read_body_model
from cleantext.pipeline import run_pipeline
from cleantext.profile import page_lines
from cleantext.segment import segment_html, segment_text, title_candidate
from cleantext.textutil import words

__all__ = ["CATEGORY_LABELS", "CONTEXT_NAMES", "FEATURE_NAMES", "BodyModel", "FeatureMatrix",
           "Model", "Segmented", "clean_text", "compute_features", "context_features",
           "page_lines", "pipeline", "read_body_model", "run_pipeline", "segment_html",
           "segment_text", "title_candidate", "words"]
