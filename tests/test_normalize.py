"""Normalisation edge cases: widths, traditional characters, emoji, punctuation, pinyin, English, length."""

from nlp.normalize import (
    MAX_ANALYSED_CHARS,
    fold_width,
    normalize,
    simplified_same_length,
)
from nlp.tokenize import words


def test_fold_width_is_length_preserving_and_maps_full_width_forms():
    text = "ＸＬ码，订单号１２３４５　到了吗？"
    folded = fold_width(text)
    assert len(folded) == len(text)
    assert folded == "XL码,订单号12345 到了吗?"


def test_traditional_characters_become_simplified():
    assert normalize("請問這個可以退貨嗎") == "请问这个可以退货吗"
    assert normalize("運費險怎麼賠") == "运费险怎么赔"


def test_repeated_punctuation_and_whitespace_collapse():
    assert normalize("在吗？？？？？  在吗！！！") == "在吗? 在吗!"
    assert normalize("好的。。。。") == "好的。"


def test_emoji_survive_normalisation():
    assert "😡" in normalize("气死了😡😡")


def test_pinyin_and_english_shop_words_are_glossed():
    assert normalize("baoyou ma qin") == "包邮 ma 亲"
    assert normalize("Refund PLS") == "退款 pls"
    assert normalize("能 free shipping 吗") == "能 包邮 吗"


def test_glossary_matches_whole_words_only():
    assert normalize("okay") == "好的"
    assert normalize("bookings") == "bookings"


def test_very_long_messages_are_capped():
    assert len(normalize("好" * (MAX_ANALYSED_CHARS * 5))) == MAX_ANALYSED_CHARS


def test_shop_dictionary_words_stay_whole():
    tokens = words(normalize("这个有运费险吗，可以七天无理由吗，能包邮不"))
    assert "运费险" in tokens and "包邮" in tokens
    assert "仅退款" in words("我要仅退款")


def test_simplified_same_length_keeps_every_offset():
    # spans found on the simplified form index the original text, so no offset may shift
    for text in ("這個顏色發貨很快", "ＡＢＣ親，請稍等😊", "乾隆年間", "頭髮", "", "發發發\n"):
        simple = simplified_same_length(text)
        assert len(simple) == len(text)
    assert simplified_same_length("這個ＡＢＣ") == "这个ABC"
