"""Where trained models live: one cache file per model, loaded once per process.

Each cache is keyed by its training data's fingerprint: when the data, the
dictionaries or the feature code change, the next load retrains and rewrites
the cache. `retrain` is what `xiaoer train` calls.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from nlp.cache import cache_dir
from nlp.linear_model import LinearTextModel

log = logging.getLogger(__name__)

Trainer = Callable[[Iterable[tuple[str, str]]], LinearTextModel]


class ModelStore:
    """A model trained on demand, cached on disk, served from memory."""

    def __init__(self, file_name: str, fingerprint: Callable[[], str], trainer: Trainer) -> None:
        self.file_name = file_name
        self._fingerprint = fingerprint
        self._trainer = trainer
        self._lock = threading.Lock()
        self._model: LinearTextModel | None = None

    @property
    def path(self) -> Path:
        return cache_dir() / self.file_name

    def _save(self, model: LinearTextModel) -> None:
        try:
            model.save(self.path)
        except OSError as error:  # a read-only cache still serves from memory
            log.warning("could not write the model cache %s: %s", self.path, error)

    def _load_or_train(self) -> LinearTextModel:
        fingerprint = self._fingerprint()
        if self.path.is_file():
            try:
                cached = LinearTextModel.load(self.path)
            except (OSError, EOFError, ValueError, KeyError) as error:
                log.warning("ignoring an unreadable model cache %s: %s", self.path, error)
            else:
                if cached.fingerprint == fingerprint:
                    return cached
        model = self._trainer(())
        self._save(model)
        return model

    def get(self) -> LinearTextModel:
        """The process-wide model (loaded or trained on first use)."""
        if self._model is None:
            with self._lock:
                if self._model is None:
                    self._model = self._load_or_train()
        return self._model

    def retrain(self, extra: Iterable[tuple[str, str]] = ()) -> LinearTextModel:
        """Train on the shipped data plus extra (text, label) pairs, cache it and serve it from now on."""
        model = self._trainer(extra)
        self._save(model)
        with self._lock:
            self._model = model
        return model

    def forget(self) -> None:
        """Drop the in-memory model (the next `get` reloads the cache)."""
        with self._lock:
            self._model = None


def _intent_fingerprint() -> str:
    from nlp.intent_training import corpus_fingerprint

    return corpus_fingerprint()


def _train_intents(extra: Iterable[tuple[str, str]]) -> LinearTextModel:
    from nlp.intent_training import train

    return train(extra)


intent_store = ModelStore("intent-model.npz", _intent_fingerprint, _train_intents)


def _mood_fingerprint() -> str:
    from nlp.mood_training import corpus_fingerprint

    return corpus_fingerprint()


def _train_mood(extra: Iterable[tuple[str, str]]) -> LinearTextModel:
    from nlp.mood_training import train

    return train(extra)


mood_store = ModelStore("mood-model.npz", _mood_fingerprint, _train_mood)


def _checker_fingerprint() -> str:
    from nlp.checker_training import corpus_fingerprint

    return corpus_fingerprint()


def _train_checker(extra: Iterable[tuple[str, str]]) -> LinearTextModel:
    from nlp.checker_training import train

    return train(extra)


checker_store = ModelStore("checker-model.npz", _checker_fingerprint, _train_checker)
