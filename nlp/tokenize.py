"""Word segmentation: jieba with the shop dictionary, loaded once."""

from __future__ import annotations

import threading
from importlib import resources

import jieba

_lock = threading.Lock()
_tokenizer: jieba.Tokenizer | None = None


def tokenizer() -> jieba.Tokenizer:
    """The shared jieba tokenizer with the shop dictionary (built on first use)."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                jieba.setLogLevel(60)
                tok = jieba.Tokenizer()
                with resources.as_file(resources.files("nlp").joinpath("data/shop_dict.txt")) as path:
                    tok.load_userdict(str(path))
                _tokenizer = tok
    return _tokenizer


def words(text: str) -> list[str]:
    """Segment normalised text into words (no HMM: deterministic and fast)."""
    return [w for w in tokenizer().lcut(text, HMM=False) if not w.isspace()]
