"""Where the trained intent model lives: a cache file, loaded once per process.

The cache is keyed by the corpus fingerprint: when the corpus, the
dictionaries or the feature code change, the next load retrains (under 30 s)
and rewrites the cache. `retrain` is what `xiaoer train` calls.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable
from pathlib import Path

from nlp.intent_model import IntentModel

log = logging.getLogger(__name__)

MODEL_FILE = "intent-model.npz"

_lock = threading.Lock()
_model: IntentModel | None = None


def cache_dir() -> Path:
    """`$XIAOER_CACHE_DIR`, else the user's cache folder."""
    configured = os.environ.get("XIAOER_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "xiaoer"


def model_path() -> Path:
    return cache_dir() / MODEL_FILE


def _save(model: IntentModel) -> None:
    try:
        model.save(model_path())
    except OSError as error:  # a read-only cache still serves from memory
        log.warning("could not write the intent model cache %s: %s", model_path(), error)


def _load_or_train() -> IntentModel:
    from nlp.intent_training import corpus_fingerprint, train

    fingerprint = corpus_fingerprint()
    path = model_path()
    if path.is_file():
        try:
            cached = IntentModel.load(path)
        except (OSError, ValueError, KeyError) as error:
            log.warning("ignoring an unreadable intent model cache %s: %s", path, error)
        else:
            if cached.fingerprint == fingerprint:
                return cached
    model = train()
    _save(model)
    return model


def intent_model() -> IntentModel:
    """The process-wide intent model (loaded or trained on first use)."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                _model = _load_or_train()
    return _model


def retrain(extra: Iterable[tuple[str, str]] = ()) -> IntentModel:
    """Train on the corpus plus extra (text, intent) pairs, cache it and serve it from now on."""
    global _model
    from nlp.intent_training import train

    model = train(extra)
    _save(model)
    with _lock:
        _model = model
    return model
