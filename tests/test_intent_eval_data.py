"""Format checks of the independent intent evaluation files (nlp/data/intent_eval)."""

from collections import Counter
from itertools import combinations
from pathlib import Path

import pytest

from nlp.intent_training import load_corpus
from nlp.intents import INTENTS
from nlp.normalize import normalize

EVAL_DIR = Path(__file__).resolve().parent.parent / "nlp" / "data" / "intent_eval"
WRITTEN = ("taobao_style.tsv", "service_logs_style.tsv")  # ours: kept apart from the corpus and from each other
BLIND = ("blind_logs_jd.tsv", "blind_logs_taobao.tsv")  # a blind writer's: short lines may repeat or be in the corpus
FILES = WRITTEN + BLIND


def _rows(name: str) -> list[tuple[list[str], str]]:
    rows = []
    for line in (EVAL_DIR / name).read_text("utf-8").splitlines():
        if line.startswith("#"):
            continue
        keys, text = line.split("\t")
        rows.append((keys.split("|"), text))
    return rows


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


@pytest.mark.parametrize("name", FILES)
def test_every_line_has_one_or_two_known_distinct_intents_and_a_text(name):
    for keys, text in _rows(name):
        assert 1 <= len(keys) <= 2 and len(set(keys)) == len(keys), (keys, text)
        assert set(keys) <= set(INTENTS), (keys, text)
        assert text.strip() == text and text, (keys, text)


@pytest.mark.parametrize("name", WRITTEN)
def test_no_duplicate_texts_even_after_normalisation(name):
    counts = Counter(normalize(text) for _, text in _rows(name))
    assert [text for text, n in counts.items() if n > 1] == []


def test_no_line_appears_in_the_training_corpus():
    training = {normalize(text) for text, _ in load_corpus()}
    leaked = [text for name in WRITTEN for _, text in _rows(name) if normalize(text) in training]
    assert leaked == []


def test_no_near_duplicates_across_both_files():
    texts = [text for name in WRITTEN for _, text in _rows(name)]
    grams = [_bigrams(normalize(text)) for text in texts]
    close = [
        (texts[i], texts[j])
        for i, j in combinations(range(len(texts)), 2)
        if len(grams[i] & grams[j]) / len(grams[i] | grams[j]) >= 0.8
    ]
    assert close == []


def test_taobao_style_has_60_lines_per_main_intent_and_few_double_labels():
    rows = _rows("taobao_style.tsv")
    assert Counter(keys[0] for keys, _ in rows) == {intent: 60 for intent in INTENTS}
    assert sum(len(keys) == 2 for keys, _ in rows) <= len(rows) // 10


def test_service_logs_style_has_500_lines_every_intent_25_times_and_a_quarter_double_labels():
    rows = _rows("service_logs_style.tsv")
    assert len(rows) == 500
    main_counts = Counter(keys[0] for keys, _ in rows)
    assert min(main_counts[intent] for intent in INTENTS) >= 25
    assert 0.2 <= sum(len(keys) == 2 for keys, _ in rows) / len(rows) <= 0.3
