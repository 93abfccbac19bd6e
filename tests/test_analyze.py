"""`nlp.analyze` and `xiaoer analyze`: the API, the JSON contract, bad input, robustness."""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp import analyze
from nlp.features import FeatureRows, features
from nlp.intent_training import load_corpus
from nlp.intents import INTENTS
from nlp.model_store import intent_store
from nlp.mood import mood_of
from nlp.normalize import normalize
from nlp.tokenize import words

ROOT = Path(__file__).resolve().parent.parent
FIELDS = {"intent", "intents", "confidence", "needs_human", "mood", "risk", "entities"}


def test_analysis_has_every_field_and_a_proper_distribution():
    result = analyze("亲，这件衣服能便宜点吗？拍两件包邮吗")
    assert result.intent == "bargain"
    assert [k for k, _ in result.intents][0] == result.intent
    assert sorted(k for k, _ in result.intents) == sorted(INTENTS)
    probabilities = [p for _, p in result.intents]
    assert probabilities == sorted(probabilities, reverse=True)
    assert abs(sum(probabilities) - 1) < 1e-9
    assert result.confidence == probabilities[0]
    assert set(result.to_dict()) == FIELDS


def test_analysis_is_deterministic_and_thread_safe():
    messages = ["在吗", "快递到哪了", "我要退货", "质量太差了，再不处理就差评", "能开发票吗"] * 20
    expected = [analyze(m).to_dict() for m in messages]
    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(lambda m: analyze(m).to_dict(), messages)) == expected


EDGE_MESSAGES = ["", "   ", "，。！", "1234567890", "订单号 123456789012345 还没发货", "a", "亲亲亲亲亲亲", "😡" * 5]


def test_feature_rows_find_exactly_the_known_features():
    index = intent_store.get().vocabulary
    rows = FeatureRows(index)
    for text in [t for t, _ in load_corpus()[::7]] + EDGE_MESSAGES:
        normalized = normalize(text)
        tokens = words(normalized)
        expected = sorted(index[f] for f in features(normalized, tokens) if f in index)
        assert sorted(rows.of(normalized, tokens)) == expected, text


def test_one_gather_for_both_models_gives_each_model_own_answer():
    model = intent_store.get()
    for text in [t for t, _ in load_corpus()[::11]] + EDGE_MESSAGES:
        normalized = normalize(text)
        tokens = words(normalized)
        result = analyze(text)
        expected = dict(zip(model.classes, model.predict_proba(features(normalized, tokens))))
        assert dict(result.intents) == pytest.approx(expected, abs=1e-12), text
        assert result.mood.score == pytest.approx(mood_of(normalized, tokens).score, abs=1e-12), text


def test_traditional_full_width_and_emoji_messages_are_understood():
    assert analyze("請問這件可以退貨嗎").intent == "return_refund"
    assert analyze("ＸＬ码有货吗？？？").intent == "product"
    assert analyze("😡😡😡东西是坏的，太垃圾了，我要投诉你们").intent == "complaint"


def test_entities_carry_spans_of_the_original_text():
    text = "订单号１２３４５６７８９０１２３４５６７８，电话13812345678，退我39.9元"
    result = analyze(text)
    kinds = {e.kind for e in result.entities}
    assert {"order_id", "phone", "money"} <= kinds
    for entity in result.entities:
        assert text[entity.start:entity.end] == entity.text


def test_high_risk_and_needs_human_fields():
    threat = analyze("再不给我退款我就给差评，还要投诉到12315")
    assert threat.risk.level == "high"
    assert {"threat_bad_review", "threat_complaint"} <= set(threat.risk.signals)
    assert analyze("").needs_human
    assert analyze("   ").needs_human


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_analyze_never_raises_on_arbitrary_unicode(text):
    result = analyze(text)
    assert result.intent in INTENTS
    for entity in result.entities:
        assert 0 <= entity.start < entity.end <= len(text)


def _cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "analyze", *args],
        input=stdin, capture_output=True, cwd=ROOT, timeout=120,
    )


def test_cli_prints_one_json_object():
    done = _cli("亲，在吗")
    assert done.returncode == 0
    obj = json.loads(done.stdout)
    assert set(obj) == FIELDS
    assert obj["intent"] == "greeting"
    assert set(obj["risk"]) == {"level", "signals"} and set(obj["mood"]) == {"label", "score"}


def test_cli_batch_reports_bad_lines_and_goes_on():
    lines = [
        "什么时候发货".encode(),
        b"",
        b"\xff\xfe bad utf-8",
        ("长" * 100_000).encode(),
        "谢谢亲".encode(),
    ]
    done = _cli("-", stdin=b"\n".join(lines) + b"\n")
    assert done.returncode == 0
    out = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert len(out) == 5
    assert out[0]["intent"] == "logistics" and out[4]["intent"] == "thanks"
    assert [o.get("error", {}).get("code") for o in out[1:4]] == ["empty", "bad_encoding", "too_long"]
    assert all(o["line"] == n for n, o in zip((2, 3, 4), out[1:4]))
    assert all("\u4e00" <= o["error"]["message"][0] <= "\u9fff" for o in out[1:4])
