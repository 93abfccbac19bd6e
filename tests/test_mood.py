"""Mood: lexicon, negation, degree, contrast, sarcasm, emoji, questions; the blended review model and its cache."""

from importlib import resources
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.linear_training import export, fit_estimator, message_features
from nlp.model_store import ModelStore, mood_store
from nlp.mood import mood_of, mood_score, parse_terms
from nlp.mood_eval import balanced_accuracy
from nlp.mood_training import (
    CORPUS,
    REGULARISATION,
    corpus_fingerprint,
    load_reviews,
    parse_labelled,
    train,
)
from nlp.normalize import normalize
from nlp.tokenize import words


def mood(text: str):
    normalized = normalize(text)
    return mood_of(normalized, words(normalized))


def label(text: str) -> str:
    return mood(text).label


@pytest.mark.parametrize(
    "text",
    ["催了好几天了还不发货", "太失望了", "急死了", "质量真差", "什么破东西", "😡", "气死", "后悔买了", "再也不买了", "不值这个价", "垃圾", "差评"],
)
def test_negative(text):
    assert label(text) == "negative"


@pytest.mark.parametrize(
    "text",
    ["很满意", "质量不错", "好评", "太喜欢了", "物流超快", "👍", "谢谢亲", "物超所值", "性价比高", "宝贝收到了很喜欢", "回购", "五星"],
)
def test_positive(text):
    assert label(text) == "positive"


@pytest.mark.parametrize("text", ["这个有XL吗", "什么时候发货", "请问能开发票吗", "在吗", "好的"])
def test_neutral(text):
    assert label(text) == "neutral"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("不好看", "negative"),
        ("不错", "positive"),
        ("不太满意", "negative"),
        ("还不错", "positive"),
        ("一点都不好", "negative"),
        ("不是很好", "negative"),
        ("不喜欢", "negative"),
        ("没有色差", "positive"),
    ],
)
def test_negation(text, expected):
    assert label(text) == expected


def test_no_problem_is_not_negative():
    assert label("没问题") in {"neutral", "positive"}


def test_intensifiers_strengthen():
    assert mood("非常满意").score > mood("满意").score > 0
    assert mood("太失望了").score < mood("失望").score < 0


def test_degree_good_is_not_praise():
    assert label("好贵啊") == "negative"
    assert label("好喜欢") == "positive"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("虽然便宜，但是质量太差了", "negative"),
        ("虽然物流慢，但是东西很好", "positive"),
        ("质量不错，可是太贵了", "negative"),
        ("包装一般，不过衣服很好看", "positive"),
    ],
)
def test_clause_after_contrast_dominates(text, expected):
    assert label(text) == expected


@pytest.mark.parametrize("text", ["这也叫正品？", "这也算好用？", "还好意思说是新款"])
def test_rhetorical_questions_are_negative(text):
    assert label(text) == "negative"


def test_questions_mute_praise():
    assert label("质量好吗") == "neutral"
    assert label("会不会掉色") == "neutral"


@pytest.mark.parametrize("text", ["手电筒不亮", "冰箱不制冷", "盖子盖不紧", "连个回复都没有"])
def test_negator_with_nothing_to_negate_is_a_complaint(text):
    assert label(text) == "negative"


@pytest.mark.parametrize("text", ["在不", "噪音大不大", "适不适合老人", "这个和那个有什么区别"])
def test_negators_inside_questions_are_not_complaints(text):
    assert label(text) == "neutral"


@pytest.mark.parametrize("text", ["不退款就差评", "明天不解决就投诉", "再不发货我就投诉了"])
def test_ultimatums_are_negative(text):
    assert label(text) == "negative"


@pytest.mark.parametrize("text", ["你们到底管不管？", "诚信呢", "这是什么态度"])
def test_rhetorical_complaints_are_negative(text):
    assert label(text) == "negative"


def test_post_negation():
    assert label("一点异味都没有") == "positive"


def test_exclamation_amplifies():
    assert mood("太差了！").score < mood("太差了").score


@pytest.mark.parametrize(("text", "expected"), [("🤬🤬", "negative"), ("😍", "positive"), ("收到了 :)", "positive")])
def test_emoji_and_emoticons(text, expected):
    assert label(text) == expected


def test_traditional_characters_after_normalisation():
    assert label("質量太差了，後悔買了") == "negative"
    assert label("非常滿意，會回購") == "positive"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("一般般", "negative"), ("凑合吧", "negative"), ("退了", "negative"), ("物流很快，包装完好", "positive")],
)
def test_review_language(text, expected):
    assert label(text) == expected


def test_score_range_and_determinism():
    first = mood("太失望了！！！")
    assert -1 < first.score < 0
    assert mood("太失望了！！！") == first


def test_duplicate_terms_are_rejected():
    with pytest.raises(ValueError):
        parse_terms("好\t1\n", "intensifier\t好\t1.5\n")


def test_balanced_accuracy():
    assert balanced_accuracy([("negative", "negative"), ("positive", "neutral")]) == 1.0
    assert balanced_accuracy([("negative", "neutral"), ("positive", "negative")]) == 0.0


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises(text):
    normalized = normalize(text)
    result = mood_of(normalized, words(normalized))
    assert result.label in {"negative", "neutral", "positive"}
    assert -1 <= result.score <= 1


def test_huge_input():
    assert mood_of("太差了，" * 30_000, []).label == "negative"


@pytest.mark.parametrize(
    "text",
    ["买的是两斤装，称了才一斤半", "订的双人间，到了只剩单人间", "插上电没反应", "衣服和页面上的颜色两样", "盒子里只有一只耳机"],
)
def test_complaints_that_only_state_facts_are_negative(text):
    assert label(text) == "negative"


def test_mixed_review_ending_in_praise_is_not_negative():
    assert label("虽然贵了点，但是用着很顺手") != "negative"


def test_review_corpus_is_large_labelled_and_free_of_duplicates():
    corpus = load_reviews()
    assert len(corpus) >= 6500
    assert {label for _, label in corpus} == {"negative", "neutral", "positive"}
    texts = [text for text, _ in corpus]
    assert len(set(texts)) == len(texts)


def test_each_voice_of_the_corpus_is_trained_on_and_fingerprinted(monkeypatch):
    """Every review file feeds the model, and editing any one changes the fingerprint."""
    corpus = set(load_reviews())
    for name in CORPUS:
        examples = parse_labelled(resources.files("nlp").joinpath(name).read_text("utf-8"), name)
        assert len(examples) >= 800 and corpus.issuperset(examples)
    before = corpus_fingerprint()
    real_read_bytes = Path.read_bytes
    for name in CORPUS:
        with monkeypatch.context() as patch:

            def edited(path: Path, name: str = name) -> bytes:
                raw = real_read_bytes(path)
                return raw + "positive\t好\n".encode() if path.as_posix().endswith(name) else raw

            patch.setattr(Path, "read_bytes", edited)
            assert corpus_fingerprint() != before
    assert corpus_fingerprint() == before


def test_labelled_lines_reject_unknown_labels():
    assert parse_labelled("# comment\npositive\t很好\n") == [("很好", "positive")]
    with pytest.raises(ValueError):
        parse_labelled("angry\t气死了\n")


def test_served_mood_probabilities_equal_scikit_learn():
    corpus = load_reviews()
    pipeline = fit_estimator(corpus, c=REGULARISATION)
    model = export(pipeline, "test")
    texts = [text for text, _ in corpus[::53]] + ["", "🙂", "亲", "zzzz qqq", "用了两天就坏了"]
    feats = [message_features(text) for text in texts]
    served = np.array([model.predict_proba(f) for f in feats])
    assert tuple(pipeline.classes_) == model.classes
    np.testing.assert_allclose(served, pipeline.predict_proba(feats), rtol=0, atol=1e-9)


def test_mood_model_is_served_from_its_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XIAOER_CACHE_DIR", str(tmp_path))
    trained: list[int] = []

    def counting_trainer(extra):
        trained.append(1)
        return train(extra)

    store = ModelStore(mood_store.file_name, corpus_fingerprint, counting_trainer)
    first = store.get()
    assert trained == [1] and (tmp_path / mood_store.file_name).is_file()
    assert store.get() is first and trained == [1]  # memory
    store.forget()
    assert store.get().fingerprint == corpus_fingerprint() and trained == [1]  # the cache file


def test_the_shared_mood_store_serves_the_current_corpus():
    model = mood_store.get()
    assert model is mood_store.get()
    assert model.fingerprint == corpus_fingerprint()
    assert model.classes == ("negative", "neutral", "positive")


@pytest.mark.parametrize("text", ["噪音很小", "色差不明显", "噪音不大"])
def test_post_diminisher_flips_the_defect_before_it(text):
    assert mood(text).score > 0


def test_post_diminisher_alone_says_nothing():
    assert mood_score("小") == mood_score("声音小") == 0.0


@pytest.mark.parametrize("text", ["没有坏点也没有漏光", "洗了好几次都没有变形，也没有掉色"])
def test_a_negated_word_is_not_negated_again(text):
    assert label(text) == "positive"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一开始挺好用的，后来就开始卡了", "negative"),
        ("包装很精美，打开一看东西是坏的", "negative"),
        ("房间不大，设施有些陈旧，早餐一般，总的来说这个价格很值", "positive"),
    ],
)
def test_summaries_and_turns_of_events_outweigh_what_came_before(text, expected):
    assert label(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("朋友推荐的，结果用了两次就不转了", "negative"),
        ("还以为是大品牌的质量", "negative"),
        ("本以为又是智商税，没想到效果挺明显", "positive"),
        ("好用个屁", "negative"),
    ],
)
def test_turns_expectations_and_scornful_negation(text, expected):
    score = mood_score(normalize(text))
    assert score < 0 if expected == "negative" else score > 0


def test_other_buyers_bad_reviews_are_not_the_buyers_verdict():
    assert label("看了差评还有点担心，收到发现挺好的") != "negative"
