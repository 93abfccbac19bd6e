"""Tests of the typo checker (nlp/typos)."""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from nlp.normalize import simplified_same_length
from nlp.tokenize import tokenizer
from nlp.typos import checker, find_typos
from nlp.typos.build import learn, same_sound, shop_sentences, synthetic_pairs
from nlp.typos.candidate_model import FEATURES, CandidateModel, fit_candidate_model
from nlp.typos.char_lm import CharBigramLM, count_ngrams
from nlp.typos.checker import in_question
from nlp.typos.evaluation import (
    DEFAULT_DATA_DIR,
    detection_scores,
    false_alarm_rate,
    read_lines,
    read_sighan_json,
    shop_replies,
)
from nlp.typos.lexicon import word_frequencies


def _fixes(text: str) -> list[tuple[str, str]]:
    """(wrong span, suggestion) of every finding, read back from the original text."""
    return [(text[f.start : f.end], f.suggestion) for f in find_typos(text)]


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        ("亲，一但发货就会通知您的。", "但", "旦"),
        ("即然您不喜欢，可以申请退货哦。", "即", "既"),
        ("亲，您的帐号需要先登录哦。", "帐", "账"),
        ("亲，请您核对一下收获地址。", "获", "货"),
        ("这款的形号是最新的哦。", "形", "型"),
        ("谢谢惠故，欢迎下次光临。", "故", "顾"),
        ("很报歉给您带来不便。", "报", "抱"),
    ],
)
def test_known_wrong_words_are_found_with_span_and_suggestion(text: str, wrong: str, right: str) -> None:
    assert _fixes(text) == [(wrong, right)]


def test_finding_fields() -> None:
    (finding,) = find_typos("亲，一但发货就会通知您的。")
    assert (finding.rule, finding.severity) == ("typo", "warning")
    assert (finding.start, finding.end, finding.suggestion) == (3, 4, "旦")
    assert "但" in finding.message and "旦" in finding.message


def test_wrong_character_found_by_the_language_model() -> None:
    assert ("唷", "友") in _fixes("下个星期，我跟我朋唷打算去法国玩儿。")


@pytest.mark.parametrize(
    "text",
    [
        "ＯＫ！亲，一但发货就会通知您。",  # full-width latin and punctuation before
        "😊😊亲，一但发货就会通知您。",  # emoji (outside the BMP) before
        "親，一但發貨就會通知您。",  # traditional characters around
        "亲\u3000，一但发货🚚就会通知您。",  # ideographic space and emoji
    ],
)
def test_offsets_index_the_original_text(text: str) -> None:
    (finding,) = find_typos(text)
    assert text[finding.start : finding.end] == "但"
    assert finding.suggestion == "旦"


def test_traditional_wrong_word_is_found() -> None:
    assert _fixes("謝謝惠故，歡迎再來。") == [("故", "顾")]


@pytest.mark.parametrize(
    "word",
    ["雪纺", "羊绒", "莫代尔", "纯棉", "雪地靴", "蓝牙", "华为", "小米", "兰蔻", "雅诗兰黛", "欧莱雅", "三只松鼠",
     "美的", "运费险", "七天无理由", "花呗", "顺丰", "菜鸟驿站"],
)
def test_product_and_brand_words_are_never_flagged(word: str) -> None:
    for text in (word, f"亲，这款{word}很受欢迎哦。", f"{word}{word}"):
        assert find_typos(text) == []


def test_correct_shop_replies_are_not_flagged() -> None:
    replies = shop_replies()
    assert len(replies) >= 100
    flagged = [r for r in replies if find_typos(r)]
    assert flagged == []


@pytest.mark.parametrize(
    "text",
    [
        "把链接发我，我看看是哪款。",  # 哪 picking one of a kind is not 那
        "亲，您喜欢哪个颜色都可以选哦",
        "亲，换个码重新拍一单。",  # 码 inside a sentence is never the particle 吗
        "取件码已经发到您手机上了",
        "亲，我们家的商品都是当季新货",
        "我给您申请一张老客专享券",
        "大概一小时后恢复",
    ],
)
def test_shop_wordings_once_misread_are_not_flagged(text: str) -> None:
    assert find_typos(text) == []


def test_particle_fix_only_at_the_end_of_a_clause() -> None:
    assert find_typos("这件码偏大") == []
    assert [(f.start, f.suggestion) for f in find_typos("你好码？")] == [(2, "吗")]


def test_two_adjacent_fixes_do_not_both_apply() -> None:
    # 消→学 (学习) and 习→息 (消息) each complete a word; applying both gave 学息 and a rewrite loop
    findings = find_typos("请注意查看消习")
    assert [(f.start, f.suggestion) for f in findings] == [(6, "息")]


@pytest.mark.parametrize("text", ["", " ", "？？？", "😊", "abc 123", "亲", "\n\t"])
def test_trivial_input(text: str) -> None:
    assert find_typos(text) == []


def test_very_long_input_is_fine_and_fast_enough() -> None:
    text = "亲，一但发货就会通知您。" * 2000
    started = time.perf_counter()
    findings = find_typos(text)
    assert time.perf_counter() - started < 5
    assert findings and all(text[f.start : f.end] == "但" for f in findings)


def test_deterministic_and_thread_safe() -> None:
    texts = ["亲，一但发货就会通知您。", "下个星期，我跟我朋唷打算去法国玩儿。", "亲，这款是纯棉的哦。"] * 20
    expected = [find_typos(t) for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(find_typos, texts)) == expected
    assert [find_typos(t) for t in texts] == expected


def test_fast_on_a_short_reply() -> None:
    text = "亲，您好，这款是纯棉的哦，尺码偏大，建议您拍小一码呢，一但发货就通知您～"
    find_typos(text)
    timings = []
    for _ in range(200):
        started = time.perf_counter()
        find_typos(text)
        timings.append(time.perf_counter() - started)
    assert sorted(timings)[len(timings) // 2] < 0.005


def test_detection_scores_and_false_alarm_rate() -> None:
    pairs = [("一但发货", "一旦发货"), ("一旦发货", "一旦发货"), ("在吗", "在吗"), ("即然如此", "既然如此")]
    scores = detection_scores(find_typos, pairs)
    assert (scores.sentences, scores.with_typo) == (4, 2)
    assert (scores.precision, scores.recall, scores.f1) == (1.0, 1.0, 1.0)
    assert false_alarm_rate(lambda text: [], ["一", "二"]) == 0.0
    assert false_alarm_rate(find_typos, ["一但发货", "一旦发货"]) == 0.5


def test_learning_from_training_pairs() -> None:
    word_pairs, char_pairs = learn([("我跟朋唷去法国", "我跟朋友去法国"), ("你好", "你好")])
    assert word_pairs == {("朋唷", "朋友"): 1}
    assert char_pairs == {("唷", "友"): 1}


def test_same_sound_table() -> None:
    table = same_sound(["书", "舒", "输", "大", "苏", "数", "林", "您", "宁"])
    same, alike = table["书"]
    assert set(same) == {"舒", "输"}
    assert set(alike) == {"苏", "数"}  # sh/s and another tone
    assert table["大"] == ("", "")
    assert "林" in table["您"][1] and "宁" in table["您"][1]  # n/l and in/ing


@pytest.mark.skipif(not (DEFAULT_DATA_DIR / "sighan14_test.json").exists(), reason="shared typo data not present")
def test_quality_on_the_tuning_set_and_clean_sentences() -> None:
    tuning = detection_scores(find_typos, read_sighan_json(DEFAULT_DATA_DIR / "sighan14_test.json"))
    assert tuning.precision >= 0.70 and tuning.recall >= 0.25
    assert false_alarm_rate(find_typos, read_lines(DEFAULT_DATA_DIR / "clean_sentences.txt")) <= 0.05


def test_char_lm_prefers_the_common_bigram() -> None:
    lm = CharBigramLM(count_ngrams(["朋友很好", "我的朋友", "朋友来了"], min_bigram_count=1))
    assert lm.logprob("朋", "友") > lm.logprob("朋", "唷")
    assert lm.local_logprob("朋唷", 1, "友") > lm.local_logprob("朋唷", 1, "唷")
    assert lm.char_count("友") == 3


def test_candidate_model_round_trip(tmp_path) -> None:
    features = [[float(i % 7), float(i % 3)] + [0.0] * (len(FEATURES) - 2) for i in range(60)]
    labels = [int(row[0] > 3) for row in features]
    model = fit_candidate_model(features, labels, threshold=0.5)
    assert model.probability(features[6]) > 0.5 > model.probability(features[1])
    path = tmp_path / "model.json"
    model.save(path)
    assert json.loads(path.read_text("utf-8"))["features"] == list(FEATURES)


def test_shipped_candidate_model_matches_the_features() -> None:
    model = CandidateModel.load()
    assert len(model.weights) == len(FEATURES) and 0 < model.threshold < 1


def test_interrogative_kept_in_questions() -> None:
    assert find_typos("亲，您喜欢哪一种呢？") == []
    assert in_question("您喜欢哪一种呢～", 3) and not in_question("哪一种。是的？", 0)


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        ("亲，部份地区需要多等一天哦。", "份", "分"),
        ("亲，确认收获后记得给个好评哦。", "获", "货"),
        ("麻烦您耐性等待一下，马上为您处理。", "性", "心"),
        ("非常感谢您的支特！", "特", "持"),
        ("这款零食的保只期是一年。", "只", "质"),
        ("亲，货已经以经发出，请留意物流。", "以", "已"),  # a common typo checked in context
    ],
)
def test_common_agent_typos_are_found(text: str, wrong: str, right: str) -> None:
    assert (wrong, right) in _fixes(text)


@pytest.mark.parametrize(
    "text",
    [
        "我们要坚持以经济建设为中心。",  # 以经 across a word boundary
        "亲，付款后就可以发货了。",  # 以发货了 inside 可以发货了
        "亲，演唱会门票是电子票，开场前发到您的手机上。",  # a character inside a three-character word
        "亲，门票是电子码，入园时出示就可以。",  # 码 is the particle 吗 only in a question
        "您平时用的是哪个品牌和色号吗？",  # 吗 ending a question stays
        "用了还想退，好意思吗",  # 还想 is ordinary text, not 好像
    ],
)
def test_ordinary_words_are_not_flagged(text: str) -> None:
    assert find_typos(text) == []


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        ("亲，应为下雨，快递会晚一天到哦", "应", "因"),  # ying/yin
        ("商品的描诉和实物是一致的", "诉", "述"),  # su/shu
        ("外箱有点破顺，里面的东西没事", "顺", "损"),  # shun/sun
    ],
)
def test_sound_alike_typos_are_found(text: str, wrong: str, right: str) -> None:
    assert (wrong, right) in _fixes(text)


@pytest.mark.parametrize("text", ["这批橙子是当天现摘的，很新鲜", "每件都可以扫码验真，假一赔十"])
def test_sound_alike_shop_words_are_not_flagged(text: str) -> None:
    assert find_typos(text) == []


def test_the_rewrites_own_wording_is_trusted_but_not_what_touches_the_agents_words():
    from nlp.typos import checker, own_wording_runs

    runs = own_wording_runs()
    assert {"非常抱歉", "您看可以吗", "我帮您看看其他办法"} <= runs
    assert "方便" not in runs and "吗" not in runs  # 方便{core}吗: they join the agent's words
    assert checker().trusted_runs == runs


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [("麻烦您从新提供一下地址", "从", "重")],  # 从新 is common text across a word boundary (从新疆), yet wrong here
)
def test_a_listed_wrong_word_seen_across_word_boundaries_is_still_caught_when_its_fix_is_clear(text, wrong, right):
    assert [(text[f.start : f.end], f.suggestion) for f in find_typos(text)] == [(wrong, right)]


@pytest.mark.parametrize("text", ["亲，这款是从新疆发货的哦", "亲，我们可以从新品里给您挑一款"])
def test_the_same_characters_across_a_word_boundary_are_not_flagged(text):
    assert find_typos(text) == []


def test_synthetic_typos_change_one_character_of_a_word_into_a_non_word() -> None:
    sentences = shop_sentences()[:200]
    pairs = synthetic_pairs(sentences, checker())
    assert len(pairs) > 200  # about two typos a sentence
    confusable = checker().lexicon.confusable
    simplified = {simplified_same_length(sentence) for sentence in sentences}
    for wrong, correct in pairs:
        assert correct in simplified and len(wrong) == len(correct)
        (position,) = [i for i, (a, b) in enumerate(zip(wrong, correct)) if a != b]
        assert confusable[wrong[position]][correct[position]] in ("same_tone", "other_tone", "alike")
    assert synthetic_pairs(sentences, checker()) == pairs  # seeded: the shipped model can be rebuilt


def test_shop_words_jieba_lacks_complete_fixes_and_are_not_fixed() -> None:
    assert ("块", "快") in _fixes("这款手机支持块充吗")  # 快充 is in the shop vocabulary only
    assert _fixes("耳机放回充电仓就能充电") == []  # nor is 充电仓 "fixed" into a common word


def test_shop_text_raises_the_words_jieba_under_counts() -> None:
    freq = word_frequencies(tokenizer().FREQ)
    assert freq["截图"] > 10 * tokenizer().FREQ["截图"]
    assert freq["快充"] >= 200 and freq["的"] == tokenizer().FREQ["的"]


def test_spec_and_game_words_are_not_fixed() -> None:
    assert _fixes("耳机单次续航6小时，游戏点卡请填写区服") == []
