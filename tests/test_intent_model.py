"""The intent classifier: served weights equal scikit-learn's, caching, the split, every intent."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from nlp.intent_training import MIN_DF, load_corpus, split
from nlp.intents import INTENTS
from nlp.linear_model import LinearTextModel
from nlp.linear_training import export, fit_estimator, message_features
from nlp.model_store import ModelStore


@pytest.fixture(scope="module")
def pipeline_and_model():
    train_set, _ = split(load_corpus())
    pipeline = fit_estimator(train_set, min_df=MIN_DF)
    return pipeline, export(pipeline, "test")


def test_corpus_covers_every_intent_with_enough_distinct_messages():
    corpus = load_corpus()
    assert len(corpus) >= 2000
    for intent in INTENTS:
        texts = [t for t, i in corpus if i == intent]
        assert len(texts) >= 150, intent
        assert len(set(texts)) == len(texts), f"duplicate lines in {intent}"


def test_split_is_deterministic_and_holds_out_about_a_fifth():
    corpus = load_corpus()
    train_a, held_a = split(corpus)
    train_b, held_b = split(corpus)
    assert (train_a, held_a) == (train_b, held_b)
    assert 0.15 < len(held_a) / len(corpus) < 0.25
    assert not {t for t, _ in held_a} & {t for t, _ in train_a}


def test_served_probabilities_equal_scikit_learn(pipeline_and_model):
    pipeline, model = pipeline_and_model
    texts = [t for t, _ in load_corpus()[::37]] + ["", "🙂", "亲", "zzzz qqq", "SF1234567890123 到哪了"]
    feats = [message_features(t) for t in texts]
    expected = pipeline.predict_proba(feats)
    served = np.array([model.predict_proba(f) for f in feats])
    assert tuple(pipeline.classes_) == model.classes
    np.testing.assert_allclose(served, expected, rtol=0, atol=1e-9)


def test_save_and_load_round_trip(tmp_path, pipeline_and_model):
    _, model = pipeline_and_model
    path = tmp_path / "m.npz"
    model.save(path)
    loaded = LinearTextModel.load(path)
    assert loaded.classes == model.classes and loaded.vocabulary == model.vocabulary
    feats = message_features("能便宜点吗")
    np.testing.assert_array_equal(loaded.predict_proba(feats), model.predict_proba(feats))


def test_cache_is_reused_until_the_fingerprint_changes(tmp_path, monkeypatch, pipeline_and_model):
    _, model = pipeline_and_model
    monkeypatch.setenv("XIAOER_CACHE_DIR", str(tmp_path))
    fingerprint = ["current"]
    trained: list[int] = []

    def trainer(extra):
        trained.append(1)
        return dataclasses.replace(model, fingerprint=fingerprint[0])

    store = ModelStore("m.npz", lambda: fingerprint[0], trainer)
    assert store.get().fingerprint == "current" and trained == [1]
    assert (tmp_path / "m.npz").is_file()
    store.forget()
    assert store.get().fingerprint == "current" and trained == [1]  # from the cache file
    fingerprint[0] = "changed"
    store.forget()
    assert store.get().fingerprint == "changed" and trained == [1, 1]
    store.retrain()
    assert trained == [1, 1, 1]
    for damage in (b"", b"not a model"):  # an unreadable cache is retrained, not a crash
        (tmp_path / "m.npz").write_bytes(damage)
        store.forget()
        assert store.get().fingerprint == "changed"
    assert trained == [1, 1, 1, 1, 1]


CLEAR_CASES = {
    "bargain": ["老板这件能不能再便宜二十块", "有没有优惠券可以领呀"],
    "return_refund": ["收到的鞋子小了，想换大一码怎么操作", "退款申请提交三天了还没到账"],
    "complaint": ["你们客服态度太差了，问三遍都不理人", "东西用一次就坏了，太坑人了，我要投诉"],
    "logistics": ["我的快递到哪了，三天没更新了", "今天下单什么时候能发货"],
    "product": ["这款外套是纯棉的吗，洗了会缩水吗", "175斤穿多大码合适"],
    "order_change": ["地址写错了，麻烦帮我改一下收货地址", "我想取消刚才拍的那个订单"],
    "payment": ["可以开增值税专用发票吗", "付款一直失败，提示银行卡异常"],
    "greeting": ["在吗在吗", "你好，有人在吗"],
    "thanks": ["好的，谢谢你啦", "收到了，辛苦了"],
    "other": ["你们招不招兼职客服", "今天天气真不错啊哈哈"],
}


@pytest.mark.parametrize("intent", INTENTS)
def test_every_intent_is_recognised_on_clear_messages(intent, pipeline_and_model):
    _, model = pipeline_and_model
    for text in CLEAR_CASES[intent]:
        proba = model.predict_proba(message_features(text))
        assert model.classes[int(np.argmax(proba))] == intent, text
