"""The shop tokenizer and its dictionary cache: the cached dictionary segments exactly as jieba's own load."""

from __future__ import annotations

import pytest

from nlp import tokenize
from nlp.intent_training import load_corpus


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    """An empty cache folder and no tokenizer loaded yet (the process-wide one is restored afterwards)."""
    monkeypatch.setenv("XIAOER_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(tokenize, "_tokenizer", None)
    return tmp_path / tokenize.DICTIONARY_CACHE


def _reload() -> object:
    tokenize._tokenizer = None
    return tokenize.tokenizer()


def test_the_cached_dictionary_segments_as_jieba_loads_it(fresh_cache):
    built = tokenize.tokenizer()
    assert fresh_cache.is_file()
    cached = _reload()
    assert cached is not built
    assert cached.FREQ == built.FREQ and cached.total == built.total
    for text, _ in load_corpus()[::5]:
        assert cached.lcut(text, HMM=False) == built.lcut(text, HMM=False), text
    assert "运费险" in tokenize.words("亲，这单有运费险吗")  # a shop word


@pytest.mark.parametrize("damage", [b"", b"not a cache", None])
def test_a_damaged_or_stale_cache_is_rebuilt(fresh_cache, damage):
    built = tokenize.tokenizer()
    if damage is None:  # a cache written for another shop dictionary
        tokenize._save(built, "another fingerprint")
    else:
        fresh_cache.write_bytes(damage)
    rebuilt = _reload()
    assert rebuilt.FREQ == built.FREQ
    assert tokenize._cached(tokenize._fingerprint(tokenize._shop_dictionary())) is not None  # written afresh
