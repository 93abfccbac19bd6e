"""Scoring of the independent intent evaluation (nlp.intent_eval)."""

import pytest

import numpy as np

from nlp.intent_eval import evaluate_independent, per_intent_scores, scored_pair
from nlp.linear_training import message_features
from nlp.model_store import intent_store
from nlp.intents import INTENTS
from nlp.texts import INTENT_EVAL_ERRORS


def test_a_second_acceptable_intent_counts_as_a_hit_of_the_prediction():
    assert scored_pair(("greeting", "logistics"), "logistics") == ("logistics", "logistics")
    assert scored_pair(("greeting", "logistics"), "payment") == ("greeting", "payment")


def test_per_intent_scores_count_hits_misses_and_false_alarms():
    scores = per_intent_scores([("logistics", "logistics"), ("logistics", "payment"), ("payment", "payment")])
    assert scores["logistics"] == {"precision": 1.0, "recall": 0.5, "f1": pytest.approx(2 / 3), "support": 2}
    assert scores["payment"] == {"precision": 0.5, "recall": 1.0, "f1": pytest.approx(2 / 3), "support": 1}
    assert scores["thanks"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 0}


def test_evaluate_independent_scores_a_small_file_against_the_served_model(tmp_path):
    texts = ["我的快递到哪了", "能开发票吗", "这个正品吗"]
    model = intent_store.get()
    predicted = [model.classes[int(np.argmax(model.predict_proba(message_features(t))))] for t in texts]
    other = [next(intent for intent in INTENTS if intent != p) for p in predicted]
    path = tmp_path / "eval.tsv"
    path.write_text(
        f"{predicted[0]}\t{texts[0]}\n{other[1]}|{predicted[1]}\t{texts[1]}\n\n{other[2]}\t{texts[2]}\n", "utf-8"
    )
    result = evaluate_independent(path)
    assert result.size == 3
    assert result.accuracy == pytest.approx(2 / 3)
    assert result.per_intent[other[2]]["recall"] < 1.0
    present = [s["f1"] for s in result.per_intent.values() if s["support"]]
    assert result.macro_f1 == pytest.approx(sum(present) / len(present))
    assert sum(map(sum, result.confusion)) == 3


@pytest.mark.parametrize(
    "content, error",
    [("logistics 没有制表符\n", "bad_line"), ("shipping\t快递到哪了\n", "bad_line"), ("\n\n", "empty")],
)
def test_bad_files_get_a_chinese_message(tmp_path, content, error):
    path = tmp_path / "eval.tsv"
    path.write_text(content, "utf-8")
    with pytest.raises(ValueError) as raised:
        evaluate_independent(path)
    assert str(raised.value) == INTENT_EVAL_ERRORS[error].format(path=path, number=1)


def test_a_missing_file_gets_a_chinese_message(tmp_path):
    path = tmp_path / "missing.tsv"
    with pytest.raises(ValueError, match="无法读取评测文件"):
        evaluate_independent(path)
