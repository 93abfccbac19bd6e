"""The intent classifier's corpus, its held-out split and training.

Only `xiaoer train`, `xiaoer eval` and a cold cache import this module; the
serving path uses the exported weights (`nlp.linear_model`) through `nlp.model_store`.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterable, Sequence
from importlib import resources

from nlp.intents import INTENTS
from nlp.linear_model import LinearTextModel
from nlp.linear_training import Example, export, fit_estimator
from nlp.normalize import normalize

HOLDOUT_SHARE = 0.2
# Features seen in one message only are dropped: 57k -> 17k weights, with the same
# held-out and independent-set figures (measured when this was chosen).
MIN_DF = 2
_CORPUS_DIR = "data/intent_corpus"


def load_corpus() -> list[Example]:
    """Every labelled message of the shipped corpus, one file per intent."""
    root = resources.files("nlp").joinpath(_CORPUS_DIR)
    examples: list[Example] = []
    for intent in INTENTS:
        entry = root.joinpath(f"{intent}.txt")
        if not entry.is_file():
            continue
        for line in entry.read_text("utf-8").splitlines():
            if line.strip():
                examples.append((line.strip(), intent))
    return examples


def corpus_fingerprint() -> str:
    """Hash of everything a trained model depends on: corpus, dictionaries and feature code."""
    digest = hashlib.sha256()
    nlp_files = resources.files("nlp")
    for name in ("features.py", "normalize.py", "tokenize.py", "linear_model.py", "linear_training.py",
                 "intent_training.py",
                 "data/glossary.tsv", "data/shop_dict.txt"):
        digest.update(nlp_files.joinpath(name).read_bytes())
    for text, intent in load_corpus():
        digest.update(f"{intent}\t{text}\n".encode("utf-8"))
    return digest.hexdigest()[:16]


def is_held_out(text: str) -> bool:
    """Deterministic split: a stable hash of the text puts about 20% in the held-out part."""
    return zlib.crc32(normalize(text).encode("utf-8")) % 100 < HOLDOUT_SHARE * 100


def split(examples: Sequence[Example]) -> tuple[list[Example], list[Example]]:
    """(train, held_out) parts of a labelled set."""
    train = [e for e in examples if not is_held_out(e[0])]
    held_out = [e for e in examples if is_held_out(e[0])]
    return train, held_out


def train(extra: Iterable[Example] = ()) -> LinearTextModel:
    """Train on the whole shipped corpus plus extra labelled messages (agents' corrections)."""
    examples = load_corpus() + list(extra)
    return export(fit_estimator(examples, min_df=MIN_DF), corpus_fingerprint())
