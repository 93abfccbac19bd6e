"""The learned second opinion of the reply checker: loading, determinism, where it speaks and where it is silent."""

from __future__ import annotations

import numpy as np
import pytest

from nlp.checker import check_reply
from nlp.checker.check import find_warnings, rule_warnings
from nlp.checker.learned import THRESHOLDS, WHOLE_REPLY, learned_warnings, rule_scores
from nlp.checker.resources import matching_form
from nlp.checker_training import LEARNED_RULES, corpus_fingerprint, fit, training_replies
from nlp.model_store import checker_store


def test_the_shared_model_serves_the_current_data() -> None:
    model = checker_store.get()
    assert model is checker_store.get()
    assert model.fingerprint == corpus_fingerprint() and model.classes == LEARNED_RULES


def test_training_is_deterministic() -> None:
    replies = training_replies(["fresh2", "fresh4"])
    first, second = fit(replies), fit(replies)
    assert first.vocabulary == second.vocabulary
    assert np.array_equal(first.coef, second.coef) and np.array_equal(first.calibration_a, second.calibration_a)


def test_thresholds_are_for_known_rules_and_probabilities() -> None:
    assert set(THRESHOLDS) <= set(LEARNED_RULES)
    assert all(0.5 <= value < 1.0 for value in THRESHOLDS.values())


# Written for this test, in wordings the rule lists do not hold.
@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("这个颜色最衬你，就定它了，其他的统统不要看", "pushy"),
        ("你这人真是胡搅蛮缠，自己没看清还怪别人", "forbidden_phrase"),
        ("到货了自己去驿站拿", "imperative"),
    ],
)
def test_the_model_would_warn_on_a_clear_unseen_case(text: str, rule: str) -> None:
    assert rule_scores(checker_store.get(), matching_form(text))[rule].probability >= THRESHOLDS[rule]


def test_where_the_rules_are_silent_the_model_warns_with_a_span_inside_and_a_rewrite_that_passes() -> None:
    text = "要发票的话自己去税务局开"
    form = matching_form(text)
    assert rule_warnings(text, form) == []
    (finding,) = check_reply(text).warnings
    assert finding.rule == "imperative" and 0 <= finding.start < finding.end <= len(text)
    rewrite = check_reply(text).rewrite
    assert rewrite.strip() and find_warnings(rewrite) == []


@pytest.mark.parametrize(
    "text",
    [
        "亲，您好，请问有什么可以帮您的吗？",
        "亲，非常抱歉让您久等了，包裹已经发出，单号稍后发您～",
        "好的亲，已经帮您备注好了，谢谢您的支持～",
        "亲，这款暂时没有现货了，非常抱歉，到货后第一时间通知您可以吗？",
        "抱歉亲，不包邮哦，不过满99就包邮啦，您可以再看看其他商品凑单～",
        "亲，您可以根据自己的喜好选择颜色，两款都很受欢迎哦～",
    ],
)
def test_the_model_is_silent_on_clear_good_replies(text: str) -> None:
    form = matching_form(text)
    assert learned_warnings(text, form, rule_warnings(text, form)) == []
    assert check_reply(text).warnings == ()


def test_a_sentence_a_rule_already_flagged_is_left_to_the_rule_but_for_an_order() -> None:
    text = "退什么退，穿过了还想退"
    form = matching_form(text)
    anything = {rule: 0.0 for rule in LEARNED_RULES if rule not in WHOLE_REPLY}
    assert {f.rule for f in learned_warnings(text, form, rule_warnings(text, form), thresholds=anything)} <= {
        "imperative"
    }


@pytest.mark.parametrize("text", ["有意见找老板去。", "快递慢找快递去，跟我们没关系。", "二手的售出不退哈，想清楚再拍。"])
def test_an_order_is_named_even_in_a_sentence_another_rule_flagged(text):
    rules = {f.rule for f in check_reply(text).findings if f.severity == "warning"}
    assert "imperative" in rules and len(rules) >= 2


@pytest.mark.parametrize("text", ["您看能不能接受呢？", "宝，我帮你挑了几款，你看看喜欢哪个？"])
def test_the_model_does_not_call_a_question_an_order_or_a_refusal(text):
    rules = {f.rule for f in check_reply(text).findings if f.severity == "warning"}
    assert not rules & {"imperative", "refusal_without_apology"}
