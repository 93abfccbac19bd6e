"""Risk signals: every signal fires on its cases and stays quiet on the traps."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.normalize import normalize
from nlp.risk import risk_of
from nlp.texts import RISK_SIGNAL_NAMES
from nlp.tokenize import words


def signals(text: str) -> tuple[str, ...]:
    normalized = normalize(text)
    return risk_of(normalized, words(normalized)).signals


def level(text: str) -> str:
    normalized = normalize(text)
    return risk_of(normalized, words(normalized)).level


FIRES = {
    "threat_bad_review": ["不退款就差评", "再不发货我就给差评了", "给你打一星", "中差评伺候", "追评曝光你们", "我要给你们差评", "你们这样我很难不给差评", "我要给你们负评"],
    "threat_complaint": ["我要投诉到淘宝", "打12315投诉你们", "去工商告你们", "找媒体曝光", "我已经找了律师，准备起诉", "向消协反映", "找市场监管局", "我要申请平台介入", "已经发微博了", "i will report you"],
    "compensation_demand": ["必须赔偿我的损失", "赔钱！", "退一赔三，少一分都不行", "假一赔十！", "精神损失费也要给", "给个说法，不然就赔钱", "你们得补偿我", "耽误了两天，损失谁来赔"],
    "refund_without_return": ["我要仅退款", "东西我不寄回", "不想退货但要退钱", "不退货直接退款", "只退款不退货"],
    "abuse": ["傻逼客服", "SB", "滚", "你妈的", "垃圾客服", "狗东西", "cnm", "去死吧", "骗子客服", "sha bi", "要不要脸", "客服呢？死哪去了", "fuck you"],
    "fraud_accusation": ["你们卖假货", "骗子", "这是高仿吧", "不是正品", "黑店", "山寨货还敢卖这个价", "这是骗人的", "pian zi", "you guys are scammers", "这是欺骗消费者"],
}

QUIET = [
    "好评",
    "会给好评的",
    "我不会给差评的",
    "质量太差了",
    "颜色和图片不一样",
    "支持假一赔三吗？",
    "是正品吗",
    "是不是正品啊",
    "运费险补偿多少",
    "怕买到假货",
    "滚筒洗衣机有货吗",
    "给我妈买的",
    "我妈妈的生日礼物",
    "一星期了还没到",
    "有红包吗",
    "工商银行可以付吗",
    "315元能卖吗",
    "这个相机容易过曝吗",
    "不用仅退款，换货就行",
    "请问什么时候发货",
    "亲亲能给个小红包不",
    "扫码关注送红包",
    "转发朋友圈即可领取",
    "我是某某传媒的记者，想做个采访",
    "洗衣机滚筒声音大",
    "看到很多差评，有点担心",
    "差评里说有色差是真的吗",
    "不是投诉，就是问问",
    "坏了会赔偿吗？",
    "这是我妈的手机号",
    "放假的时候能发货吗",
    "有工商执照吗",
    "运费险赔付多少",
]


def test_fixed_signal_keys_have_display_names():
    assert set(FIRES) == set(RISK_SIGNAL_NAMES)


@pytest.mark.parametrize(("signal", "text"), [(s, t) for s, texts in FIRES.items() for t in texts])
def test_signal_fires(signal, text):
    assert signal in signals(text)


@pytest.mark.parametrize("text", QUIET)
def test_traps_raise_no_signal(text):
    assert signals(text) == ()
    assert level(text) == "none"


def test_traditional_characters_are_normalised_first():
    assert "threat_complaint" in signals("我要投訴你們")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("不退款就差评", "high"),
        ("我要投诉", "high"),
        ("我要仅退款", "high"),
        ("赔钱", "low"),
        ("滚", "low"),
        ("假货", "low"),
        ("骗子，赔钱，不然投诉", "high"),
        ("你好", "none"),
    ],
)
def test_level(text, expected):
    assert level(text) == expected


def test_signals_in_stable_order_without_duplicates():
    found = signals("骗子！假货！赔钱！不然投诉！差评！差评！")
    assert found == ("threat_bad_review", "threat_complaint", "compensation_demand", "fraud_accusation")
    assert list(found) == [key for key in RISK_SIGNAL_NAMES if key in found]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises(text):
    normalized = normalize(text)
    result = risk_of(normalized, words(normalized))
    assert result.level in {"none", "low", "high"}
    assert set(result.signals) <= set(RISK_SIGNAL_NAMES)


def test_huge_input():
    assert risk_of("投诉" * 50_000, []).level == "high"
