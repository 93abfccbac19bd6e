"""Tests of the reply checker `nlp.check_reply`."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.checker import check_reply
from nlp.checker.check import find_warnings, rule_warnings
from nlp.checker.pushy import find_pushy
from nlp.checker.resources import matching_form
from nlp.checker_eval import SPLIT_FILES, evaluate_checker, labelled_replies

POLITE_REFUSAL = "亲，非常抱歉，这款已经是活动价了，暂时没办法再优惠呢，不过可以送您一个小礼品，您看可以吗？"
SPEC_FORBIDDEN = (
    "不可能 这不是我的问题 不关我的事 你不懂 别啰嗦 到底买不买 你自己看 没看见我在忙吗 我也没办法 你问我我问谁 "
    "爱买不买 有本事你去投诉 你找别人去 这是规定 不知道 听不懂吗 说了多少遍了 急什么 谁让你不看 傻 蠢 有病 "
    "神经病 滚 呵呵 就这点钱还 买不起就别买 加微信 加我QQ 私下交易 线下转账 支付宝直接转我 vx wx 薇信 扣扣"
).split()
SPEC_PUSHY = "你就买这个吧 就这个了 直接拍 我帮你选了 必须买 你肯定要 别犹豫了赶紧下单 不买会后悔 错过就没了".split()
SPEC_COLD = "嗯 嗯嗯 哦 哦哦 行 好 知道了 看详情 自己看 没有 不知道 随便 有 可以".split()
SPEC_REFUSALS = "不能 不行 不可以 没办法 无法 不支持 不包邮 不退 不能便宜".split()


def warning_rules(text: str) -> set[str]:
    return {f.rule for f in check_reply(text).warnings}


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        ("imperative", "提供一下收货电话。"),
        ("imperative", "拍下付款，我改价。"),
        ("imperative", "你必须先寄回来才能退款。"),
        ("imperative", "亲，赶紧把照片发过来。"),
        ("imperative", "等着。"),
        ("negative", "没有赠品，也不送运费险，不讲价。"),
        ("negative", "不清楚，没查到，也不知道什么时候到。"),
        ("cold", "嗯"),
        ("cold", "哦哦"),
        ("cold", "知道了。"),
        ("cold", "可以"),
        ("forbidden_phrase", "这不是我的问题，找快递。"),
        ("forbidden_phrase", "爱买不买。"),
        ("forbidden_phrase", "亲，加我微信，给你便宜点。"),
        ("forbidden_phrase", "呵呵，就这点钱还要包邮？"),
        ("refusal_without_apology", "不能便宜"),
        ("refusal_without_apology", "亲，这款不支持七天无理由哦。"),
        ("refusal_without_apology", "地址改不了，已经发货了。"),
        ("pushy", "你就买这个吧。"),
        ("pushy", "别犹豫了，赶紧下单，不买会后悔的！"),
        ("pushy", "亲，听我的，选黑色准没错。"),
    ],
)
def test_each_problem_rule_fires(rule: str, text: str) -> None:
    assert rule in warning_rules(text)


@pytest.mark.parametrize("phrase", SPEC_FORBIDDEN)
def test_every_listed_forbidden_phrase_fires_inside_a_reply(phrase: str) -> None:
    assert "forbidden_phrase" in warning_rules(f"亲，{phrase}，这个已经发货了。")


@pytest.mark.parametrize("phrase", SPEC_PUSHY)
def test_every_listed_pushy_wording_fires(phrase: str) -> None:
    assert "pushy" in warning_rules(f"亲，{phrase}。")


@pytest.mark.parametrize("word", SPEC_COLD)
def test_a_reply_of_one_curt_word_is_cold(word: str) -> None:
    assert "cold" in warning_rules(word) and "cold" in warning_rules(word + "。")


@pytest.mark.parametrize("refusal", SPEC_REFUSALS)
def test_a_refusal_without_apology_fires(refusal: str) -> None:
    assert "refusal_without_apology" in warning_rules(f"亲，这个{refusal}。")


def test_apology_anywhere_in_the_reply_clears_the_refusal() -> None:
    assert "refusal_without_apology" not in warning_rules("亲，这个不包邮，不好意思哦，偏远地区要补运费")


@pytest.mark.parametrize(
    "text",
    [
        POLITE_REFUSAL,
        "请您提供一下订单号，我马上帮您查询哦",
        "麻烦亲亲把收货地址再发我确认一下，谢谢您～",
        "亲，方便留一个收货电话吗？快递员派送时好联系您",
        "不客气哦亲，祝您生活愉快～",
        "亲，不用担心，我们家支持七天无理由退换，收到不合适可以联系我们～",
        "亲，这款T恤是精梳棉的，透气吸汗，洗了也不会褪色，您放心穿哈",
        "亲，这款不起球、不掉色、不缩水，洗了很多次都还像新的一样哦",
        "没问题的亲，已经帮您备注了送货前电话联系～",
        "亲，我们这边马上为您安排补发，辛苦您注意查收哦",
        "好的亲，收到啦～还有什么可以帮您的吗？",
        "亲，要不要看看同款的米白色呢？有现货哦",
    ],
)
def test_good_replies_get_no_warning(text: str) -> None:
    assert check_reply(text).warnings == ()


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        ("forbidden_phrase", "催什么催，仓库又不会飞"),
        ("forbidden_phrase", "连个订单号都不会找吗？"),
        ("forbidden_phrase", "难道你没收到短信？"),
        ("forbidden_phrase", "丢件不关我们的事"),
        ("forbidden_phrase", "你以为这是你家开的店"),
        ("forbidden_phrase", "颜色有偏差很正常，懂？"),
        ("forbidden_phrase", "你想退就退吧"),
        ("forbidden_phrase", "这也算破损？"),
        ("pushy", "这么划算还不拍？"),
        ("pushy", "不用再看别家店了，我们最好"),
        ("refusal_without_apology", "换货的运费您自己承担"),
        ("refusal_without_apology", "这单加急不了"),
        ("refusal_without_apology", "亲，这个价格不能再低了哦，都是实价的～"),
        ("refusal_without_apology", "这个型号不支持无线充电。"),
        ("refusal_without_apology", "不行哦亲"),
        ("imperative", "地址发一下"),
        ("imperative", "发票自己去开"),
        ("imperative", "亲，物流自己查一下哦"),
        ("imperative", "快递单号报一下"),
        ("pushy", "亲亲，别犹豫啦，这个价格很难得哦"),
        ("forbidden_phrase", "凭什么给你退"),
        ("forbidden_phrase", "上面不是写了吗"),
        ("cold", "？"),
    ],
)
def test_structural_families_fire_beyond_the_literal_lists(rule: str, text: str) -> None:
    assert rule in warning_rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "亲，这款不能用烘干机烘哦，自然晾干就好～",
        "亲，您想了解什么都可以问我哦～",
        "好的呢，给您改成周一送货了，谢谢亲～",
        "亲，这不是质量问题哦，是正常的线头，剪掉就好啦～",
        "亲，这款耳机不支持降噪呢，不过音质很好哦～",
        "亲，这款手表不能游泳佩戴哦，日常防水是没问题的～",
        "亲，不用您自己联系快递，我们来处理～",
        "亲，不用加微信，平台上直接拍就行～",
        "亲，您可以自己联系快递上门取件，也可以我们帮您预约～",
        "亲，不用再等了，我们今天就给您补发",
        "好的亲，帮您登记好了，到货马上通知您～",
        "请尽快付款，谢谢",
    ],
)
def test_kind_facts_and_requested_changes_are_not_flagged(text: str) -> None:
    assert check_reply(text).warnings == ()


def test_a_reply_of_only_a_question_mark_gets_a_whole_warm_reply() -> None:
    result = check_reply("？？")
    assert [(f.rule, f.start, f.end) for f in result.warnings] == [("cold", 0, 2)]
    assert find_warnings(result.rewrite) == []


def test_polite_refusal_scores_high_with_positive_hints() -> None:
    result = check_reply(POLITE_REFUSAL)
    hints = {f.rule for f in result.findings if f.severity == "hint"}
    assert {"apology", "polite_address", "inviting_question"} <= hints
    assert result.score >= 90


def test_bad_reply_scores_lower_than_good_one() -> None:
    assert check_reply("不能便宜").score < check_reply(POLITE_REFUSAL).score


def test_span_of_forbidden_phrase_in_full_width_text() -> None:
    text = "亲😊，ＶＸ号发你了，加一下。"
    found = [f for f in check_reply(text).findings if f.rule == "forbidden_phrase"]
    assert [text[f.start : f.end] for f in found] == ["ＶＸ"]


def test_span_of_imperative_clause_after_emoji() -> None:
    text = "🙂🙂亲，提供一下收货电话。"
    found = [f for f in check_reply(text).findings if f.rule == "imperative"]
    assert [text[f.start : f.end] for f in found] == ["提供一下收货电话。"]


def test_traditional_characters_are_matched_with_spans_in_the_original() -> None:
    text = "親，這不是我的問題。"
    found = [f for f in check_reply(text).findings if f.rule == "forbidden_phrase"]
    assert [text[f.start : f.end] for f in found] == ["這不是我的問題"]


def test_agent_doing_something_quickly_is_not_an_order() -> None:
    assert "imperative" not in warning_rules("好的，我马上给您安排发货")


def test_rewrites_of_the_spec_examples() -> None:
    assert check_reply("提供一下收货电话。").rewrite == "方便提供一下收货电话吗？"
    assert check_reply("不能便宜").rewrite.startswith("非常抱歉")
    assert "亲" in check_reply("嗯").rewrite


@pytest.mark.parametrize("split", list(SPLIT_FILES))
def test_every_rewrite_passes_the_checker(split: str) -> None:
    for text, _ in labelled_replies(split):
        rewrite = check_reply(text).rewrite
        assert rewrite.strip() and find_warnings(rewrite) == [], (text, rewrite)


def test_rewrite_of_a_reply_that_is_only_an_insult_is_a_warm_reply() -> None:
    rewrite = check_reply("你这种顾客我见多了。").rewrite
    assert rewrite.strip() and find_warnings(rewrite) == []


def test_empty_reply_has_no_findings() -> None:
    result = check_reply("  ")
    assert result.findings == () and result.rewrite == ""


def test_evaluation_reports_every_rule_on_the_tuning_set() -> None:
    evaluation = evaluate_checker(labelled_replies("tuning"))
    assert {r.rule for r in evaluation.rules} >= {"imperative", "negative", "cold", "pushy"}
    assert all(r.support >= 30 for r in evaluation.rules)
    assert evaluation.good_replies >= 0.35 * evaluation.replies


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_never_raises_and_spans_lie_inside(text: str) -> None:
    result = check_reply(text)
    for finding in result.findings:
        assert 0 <= finding.start < finding.end <= len(text)


@pytest.mark.parametrize("text", ["凭什么给你退", "退什么退，穿过了还想退", "这点小事也要退？"])
def test_a_retort_found_by_a_pattern_is_replaced_with_its_whole_clause(text: str) -> None:
    result = check_reply(text)
    assert all(f.suggestion is None or "退" not in f.suggestion for f in result.warnings)
    assert "退" not in result.rewrite and find_warnings(result.rewrite) == []


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("拍错了那是你自己的问题", "forbidden_phrase"),
        ("你们这些买家事真多", "forbidden_phrase"),
        ("这也太矫情了", "forbidden_phrase"),
        ("包邮？想得美", "forbidden_phrase"),
        ("讲了一百遍了", "forbidden_phrase"),
        ("我又不是客服机器人", "forbidden_phrase"),
        ("用银行卡转账给我就行", "forbidden_phrase"),
        ("尺码选好了通知我", "imperative"),
        ("电源拔了再插上试试", "imperative"),
        ("你去门店取货", "imperative"),
        ("今天不拍，明天就涨了", "pushy"),
        ("我给你配上了贴膜", "pushy"),
        ("错过这波得等双十一", "pushy"),
        ("到时候肯定后悔", "pushy"),
        ("时间约不了", "refusal_without_apology"),
        ("到了呀", "cold"),
        ("没货哦", "cold"),
    ],
)
def test_round_three_structures_fire(text: str, rule: str) -> None:
    assert rule in warning_rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "亲，这个型号不支持快充哦，如果您需要快充，可以看一下旁边那款pro版呢",
        "亲，师傅装好后会帮您把包装垃圾带走哦",
        "亲，七天无理由退货不包括定制款，非常抱歉，不过质量问题我们一定负责",
        "亲，有喜欢的随时告诉我～",
        "亲，灰色没有了，您要不要看看燕麦色？",
        "好的亲，收到啦",
        "亲是第一次网购吗？没关系，我一步步教您哦",
        "亲，这也不会影响使用的，请放心",
        "亲，懒得出门的话可以选送货上门哦",
        "都怪我们没检查好，真的很抱歉",
        "亲，退款会通过支付宝打款给您，请留意哦",
        "亲，错过了派送时间的话，快递会再联系您的",
        "买家们一直说这款好用呢",
    ],
)
def test_round_three_good_replies_pass(text: str) -> None:
    assert warning_rules(text) <= {"typo"}


@pytest.mark.parametrize(
    "text",
    ["不包邮哦，不过满99就包邮啦", "亲，不能改地址了哦，您可以拒收后重新下单呢", "这款不退换的哦，不过有质量问题我们包换的"],
)
def test_a_refusal_needs_an_apology_even_with_an_alternative(text: str) -> None:
    """The shop rules ask for an apology with every refusal; the alternative alone does not make it polite."""
    assert warning_rules(text) == {"refusal_without_apology"}
    assert warning_rules("抱歉，" + text) == set()


@pytest.mark.parametrize("text", ["亲，这样行不行呢？", "您看能不能接受呢？", "如因不可抗力取消，票款全额退回", "要是还不行我明天上门看看"])
def test_questions_and_conditions_are_not_refusals(text: str) -> None:
    assert "refusal_without_apology" not in warning_rules(text)


@pytest.mark.parametrize("text", ["不退哦，您看可以吗", "这个做不到，您另外找找吧。", "不能便宜哦，不过质量很好的"])
def test_a_refusal_without_a_real_alternative_still_needs_an_apology(text: str) -> None:
    assert "refusal_without_apology" in warning_rules(text)


def test_a_cold_suggestion_does_not_double_its_particle() -> None:
    cold = next(f for f in check_reply("不能退哦").warnings if f.rule == "cold")
    assert "哦哦" not in cold.suggestion


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("照片重新拍", "imperative"),
        ("你查下物流", "imperative"),
        ("收到后冷藏保存", "imperative"),
        ("序列号给我一下", "imperative"),
        ("要换赶紧换，别磨叽", "forbidden_phrase"),
        ("就知道占便宜", "forbidden_phrase"),
        ("再想就被抢光了", "pushy"),
        ("趁早入手", "pushy"),
        ("买了稳赚", "pushy"),
        ("发票开不成", "refusal_without_apology"),
        ("没得商量", "refusal_without_apology"),
        ("赠品不单独寄", "refusal_without_apology"),
    ],
)
def test_round_three_structures_reach_new_wordings(text: str, rule: str) -> None:
    assert rule in warning_rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "亲，收到后请冷冻保存哦，可以放三个月呢",
        "亲，我帮您查下物流哦，请稍等",
        "亲，按住开机键3秒就能开机啦",
        "亲，这款只能用Type-C接口充电哦",
        "亲，再等两天就能到啦，辛苦您耐心等待哦",
        "亲，听我们的建议，先买小包装给狗狗尝尝，爱吃再买大包",
        "亲，发票我们只能开电子发票，抱歉哦，纸质的暂时开不了",
    ],
)
def test_round_three_cues_in_kind_replies_pass(text: str) -> None:
    assert warning_rules(text) == set()


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("说明书留着", "imperative"),
        ("电池拔掉", "imperative"),
        ("验货记得拍视频", "imperative"),
        ("你好意思问？", "forbidden_phrase"),
        ("你算老几", "forbidden_phrase"),
        ("去京东买去", "forbidden_phrase"),
        ("机不可失", "pushy"),
        ("别拿那款，这款好", "pushy"),
        ("用了就知道", "pushy"),
        ("下周就涨了", "pushy"),
        ("运费不减", "refusal_without_apology"),
    ],
)
def test_round_three_structures_generalise_further(text: str, rule: str) -> None:
    assert rule in warning_rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "亲，包装盒建议您留着哦，售后的时候需要用到呢",
        "亲，这款手机壳支持无线充电的，不会影响充电速度哦",
        "亲，这款电饭煲有预约功能，晚上放好米，早上起来就能吃上热乎乎的粥啦",
        "亲，您要的就是这款对吗？我帮您确认一下",
        "亲，我们是正规店铺，不会去别家买货的，放心哦",
        "亲，这个颜色就剩两件了哦，您需要的话可以早点下单",
    ],
)
def test_round_three_kind_replies_with_those_cues_pass(text: str) -> None:
    assert warning_rules(text) <= {"typo"}


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("地址写具体点", "imperative"),
        ("到了说一声", "imperative"),
        ("验证码输一下", "imperative"),
        ("你是智障吧", "forbidden_phrase"),
        ("以后别来了", "forbidden_phrase"),
        ("跟你沟通真费劲", "forbidden_phrase"),
        ("有没有素质", "forbidden_phrase"),
        ("都标在图上了，眼睛呢", "forbidden_phrase"),
        ("再不抢就没了", "pushy"),
        ("晚了可就抢不到了", "pushy"),
        ("你还不拍", "pushy"),
    ],
)
def test_round_three_structures_cover_more_wordings(text: str, rule: str) -> None:
    assert rule in warning_rules(text)


def test_a_product_fact_about_eyes_is_not_a_retort() -> None:
    assert warning_rules("亲，这款台灯有三档亮度，晚上看书不伤眼睛呢") <= {"typo"}


@pytest.mark.parametrize(
    "text",
    [
        "亲，慢慢挑，有喜欢的告诉我，我给您详细介绍",
        "亲，这个您不用自己寄，我们安排快递上门取件",
        "亲，按照尺码表选就不会错的，您平时穿多大码呢？",
        "您好，冷链商品签收后建议及时冷藏，以保证口感。",
    ],
)
def test_advice_and_reassurance_are_not_orders_or_pressure(text: str) -> None:
    assert warning_rules(text) <= {"typo"}


@pytest.mark.parametrize(
    ("text", "warned"),
    [
        ("亲，这点钱就别计较了", True),
        ("亲，不会用就别乱用", True),
        ("亲，几块钱也能包邮哦", False),
        ("亲，这点钱还能再送您一个小礼物呢", False),
    ],
)
def test_a_small_sum_is_sarcasm_only_when_it_scolds(text: str, warned: bool) -> None:
    assert ("forbidden_phrase" in warning_rules(text)) is warned


@pytest.mark.parametrize(
    ("text", "rule"),
    [("等著吧", "imperative"), ("退貨寫清楚原因", "imperative"), ("最後一件，趕緊", "pushy")],
)
def test_round_three_structures_in_traditional_characters(text: str, rule: str) -> None:
    assert rule in warning_rules(text)


ROUND_FOUR_STRUCTURES = [
    ("发票抬头和税号写好发给我", "imperative"),  # a strong tail after a long topic
    ("盒子上的条形码拍给我们", "imperative"),
    ("取件码记好", "imperative"),
    ("师傅到了你开门验货", "imperative"),  # 你 takes over after a clause about someone else
    ("拿到手机先检查一下屏幕", "imperative"),  # an action verb + 一下
    ("交押金", "imperative"),
    ("我帮你换成加大号了，放心穿", "pushy"),  # the agent settles the spec
    ("你家孩子一定得要这套", "pushy"),  # certainty about what the buyer needs
    ("不订就没了，今天最后一天", "pushy"),  # loss threatened
    ("别考虑其他的，这个最好", "pushy"),  # other options waved away
    ("拿三箱吧", "pushy"),  # a bare order to buy N pieces
    ("关我们啥事", "forbidden_phrase"),
    ("这跟本店有什么关系", "forbidden_phrase"),
    ("你们这种家长就喜欢占便宜", "forbidden_phrase"),
    ("东西摔了别赖我们", "forbidden_phrase"),
    ("不满意就找别家去", "forbidden_phrase"),
    ("还想要赠品？做梦吧", "forbidden_phrase"),
    ("那你想怎么办", "forbidden_phrase"),
    ("找错人了", "forbidden_phrase"),
    ("我也不晓得", "forbidden_phrase"),
    ("不行就拉倒", "forbidden_phrase"),
    ("是你自己弄坏的", "forbidden_phrase"),
    ("周末排不上，只能下周", "refusal_without_apology"),
    ("偏远地区送不到", "refusal_without_apology"),
    ("不保证当天发", "refusal_without_apology"),
    ("明天你再来催", "imperative"),
    ("安装视频在详情页，照着装", "imperative"),
    ("有问题联系厂家售后", "imperative"),  # a sequence word with nothing before it
    ("这个尺码就是给你准备的，直接下单", "pushy"),
    ("我直接帮你拍了三件", "pushy"),
    ("给你加了一瓶精华，一起付", "pushy"),
    ("谁卖给你的你找谁", "forbidden_phrase"),
    ("少在这里胡说八道", "forbidden_phrase"),
    ("好评给了再说", "forbidden_phrase"),
    ("去微信上说", "forbidden_phrase"),
    ("跟我较什么劲", "forbidden_phrase"),
    ("你还有理了", "forbidden_phrase"),
    ("想退货？门儿都没有", "refusal_without_apology"),
    ("运费我们不出", "refusal_without_apology"),
    ("发票开不出来", "refusal_without_apology"),
    ("这个价卖不了", "refusal_without_apology"),
]


@pytest.mark.parametrize(("text", "rule"), ROUND_FOUR_STRUCTURES)
def test_round_four_structures_fire_and_their_rewrite_passes(text: str, rule: str) -> None:
    check = check_reply(text)
    assert rule in {f.rule for f in check.warnings}
    assert not check_reply(check.rewrite).warnings


@pytest.mark.parametrize(
    "text",
    [
        "亲，收到货后可以检查一下外包装哦，有问题随时找我们～",
        "亲，遇到问题拍张照片发给我们，我们马上处理～",
        "我们这边检查一下您的订单，请稍等～",
        "亲，您的取件码是1234，记得及时取件哦～",
        "亲，我这边已经把单号发给您了，您查看一下哦",
        "亲，买三件打八折哦，您可以按需选择～",
        "亲，已经按您的要求换成大号了，谢谢您的提醒哦",
        "亲，您看需不需要两盒呢？一盒大概能用一个月～",
        "亲，有不清楚的地方随时问我哦～",
        "亲，这个我不太清楚，我帮您问一下仓库，稍等哦～",
        "亲，您这种情况可以申请退换货的哦～",
        "亲，非常抱歉，周末的安装师傅排满了，下周一可以吗？",
        "亲，很抱歉这个地区暂时送不到，您看换个收货地址可以吗？",
        "亲，您需要的话我可以帮您拍一个实物视频看看",
        "亲，需要我帮您配一套吗？",
        "亲，给您加了一个小礼物，感谢支持～",
        "亲，麻烦您把订单号发给我一下，我帮您查查～",
        "好的亲，订单号我已经记下了，马上帮您催仓库～",
        "亲，您可以在订单页面点申请售后哦，我这边马上同意～",
    ],
)
def test_round_four_cues_in_kind_replies_pass(text: str) -> None:
    assert warning_rules(text) <= {"typo"}


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("立马把地址发我", "imperative"),
        ("你给我讲清楚哪里坏了", "imperative"),
        ("剩下的配件跟发票一起寄回", "imperative"),
        ("坏掉的那个杯子单独包好", "imperative"),
        ("一盒太少了，直接来三盒", "pushy"),
        ("送长辈别的都不合适，就这款", "pushy"),
        ("退啥呀，留着穿吧", "pushy"),
        ("你家狗就吃我们家的粮", "pushy"),
        ("给孩子买一整套", "pushy"),
        ("单买不划算，要买就买一箱", "pushy"),
        ("我帮你定了蓝色款了", "pushy"),
        ("这件我做主了", "pushy"),
        ("那就这么定了", "pushy"),
        ("鞋子就42码", "pushy"),
        ("你当时就该问清楚再买的", "forbidden_phrase"),
        ("用了还想退，好意思吗", "forbidden_phrase"),
        ("拍不拍？", "forbidden_phrase"),
        ("我先去忙了", "forbidden_phrase"),
        ("谁来都是这个价", "forbidden_phrase"),
        ("线下找我买更便宜", "forbidden_phrase"),
        ("你眼神不好吧", "forbidden_phrase"),
        ("嫌慢的话去别家", "forbidden_phrase"),
        ("你可真有水平", "forbidden_phrase"),
        ("零头减不了", "refusal_without_apology"),
        ("我没权限退款", "refusal_without_apology"),
        ("套装不拆开卖", "refusal_without_apology"),
        ("已经没有赠品了", "refusal_without_apology"),
        ("我们不发顺丰", "refusal_without_apology"),
        ("没有现货，别的颜色也没了，也不补", "negative"),
    ],
)
def test_round_four_structures_reach_other_wordings(text: str, rule: str) -> None:
    check = check_reply(text)
    assert rule in {f.rule for f in check.warnings}
    assert not check_reply(check.rewrite).warnings


@pytest.mark.parametrize(
    "text",
    [
        "亲，三斤装和十斤装都有的，您看家里几个人吃，我帮您参考～",
        "亲，这款有大盒装，算下来更划算，您可以看看哦～",
        "亲，如果您不打算退的话，也可以留着用，我们给您补偿一张优惠券～",
        "亲，不想退的话也没关系，我们给您补发一个配件～",
        "亲，全套和单本都有卖的，您按需选择就好～",
        "亲，已经按您说的改成大盒装了，谢谢您的耐心～",
        "亲，我帮您挑了几款，您看看喜欢哪一个呢？",
        "亲，已经帮您选好了37码，您确认一下对不对哦～",
        "亲，好的，就按您说的这款发货哈～",
        "亲，您应该已经收到短信通知了，可以查看一下哦～",
        "亲，不好意思让您久等了，您的退款已经处理好了～",
        "亲，我这边下线前会把您的问题交接给同事，请放心～",
        "亲，这款线下门店也有售的，价格和网上一样哦～",
        "亲，您说的这个问题问得很好，我给您详细解释一下～",
        "亲，这款眼霜对眼睛周围比较温和，敏感肌也可以用哦～",
        "亲，这个价格已经是最低了，抹零的话确实有点困难，不好意思呀～",
        "亲，很抱歉，我这边没有改价权限，我帮您申请一下主管好吗？",
        "亲，盲盒是整盒和单个都能买的哦～",
        "亲，我们默认发韵达，需要顺丰的话补一下差价就可以哦～",
        "亲，满减活动昨天结束了，不过今天下单还有赠品送哦～",
        "亲，不好意思，这款暂时没有现货，其他颜色都有货的，您看看呢？",
        "亲，嫌麻烦的话我们可以帮您安排上门取件哦～",
        "亲，您要是觉得贵，可以等周末的活动，会便宜一些～",
        "亲，谁来买都是这个价，我们不搞差别对待的，请放心～",
        "亲，收到后请把赠品和正装一起放好，避免阳光直射哦～",
        "亲，您的包裹已经寄回仓库了，我们收到后马上退款～",
        "亲，麻烦您把商品寄回来，运费我们承担哦～",
        "亲，我们立马给您安排补发，请稍等～",
    ],
)
def test_kind_replies_with_round_four_cues_pass(text: str) -> None:
    """Proposals that hand the choice back, requested changes, offered gifts, apologies: no warning."""
    assert warning_rules(text) <= {"typo"}


@pytest.mark.parametrize("text", ["你看看有没有破损？", "你看下尺码合不合适？"])
def test_a_plain_a_not_a_question_is_not_a_harsh_retort(text: str) -> None:
    assert "forbidden_phrase" not in warning_rules(text)


@pytest.mark.parametrize("text", ["你到底买不买？", "你懂不懂啊", "你烦不烦"])
def test_a_not_a_retorts_stay_forbidden(text: str) -> None:
    assert "forbidden_phrase" in warning_rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "这事你问厂家去",  # sent off to someone else: 问/找…去
        "现在去领券",  # 去 + the errand
        "先去银行开个证明",  # 去 + a place + the errand
        "量好尺寸再拍",  # one step finished before the next
        "改好地址跟我说",
        "留个电话",
        "报一下手机号",
        "收货时当面验货",  # a time, then the order
        "退货单号写在备注里",
        "明早在家等着",
        "保持手机畅通",
        "型号自己百度",
        "马上联系你那边的物业",  # 你那边 is the buyer's side, not the one being contacted
        "另外发票抬头也发一下",  # a connective before the order
    ],
)
def test_more_orders_to_the_buyer_fire_and_their_rewrite_passes(text: str) -> None:
    """The rules themselves name these orders (not only the learned model, which has read similar ones)."""
    assert "imperative" in {f.rule for f in rule_warnings(text, matching_form(text))}
    assert not check_reply(check_reply(text).rewrite).warnings


@pytest.mark.parametrize(
    "text",
    [
        "这个属于物流公司的责任，跟店里没关系。",
        "售后不归我们客服负责。",
        "我也就是个打工的，做不了主。",
        "改天再说吧。",
        "我没空，晚点。",
        "别老是催，催了也没有用。",
        "问多少遍都一样。",
        "你这要求太高了。",
        "这点划痕算什么大问题。",
        "好评截图后加店长微信领红包。",
        "换个平台下单吧，那边能便宜十块。",
        "是你自己弄坏的。",
        "差评尽管给，我们不在乎。",
        "没办法",
        "没得商量。",
    ],
)
def test_round_five_forbidden_families_fire(text: str) -> None:
    """Put-offs, the shop out of it, impatience, blaming the buyer, off-platform: families, not listed sentences."""
    assert "forbidden_phrase" in warning_rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "亲，地址填写完整后，系统会自动计算运费",  # the clause only sets the time for what follows
        "亲您好，按照流程我们会在收到退货后24小时内退款",  # the agent follows the process
        "好的亲，我这就帮您去申请，稍后回复您～",  # 帮您去申请: the agent goes
        "亲，我这边马上联系您那边的快递员",
        "我们核实清楚再给您回复，请稍等",
        "您好，罐底有溯源码，扫码能查到批次信息",
        "亲，选好了跟我说一声就可以啦",
        "亲，这个是您自己量错了吗？我们帮您换一个尺码吧",
        "已经打包了，也没有办法重新发",  # what the shop cannot do is no order
        "没法重新开票了",
    ],
)
def test_statements_near_the_new_order_cues_pass(text: str) -> None:
    assert "imperative" not in warning_rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "亲，为了您的资金安全，切勿添加陌生人微信转账哦～",
        "如果是快递的问题，我们会第一时间帮您联系处理哦～",
        "抱歉亲，师傅这两天都没空，周六上午可以上门，您看可以吗？",
        "以后在说明书里我们会标注清楚，感谢您的建议～",
        "这不算什么大问题哦，我们马上帮您补发一个～",
        "我们家开的老店了，品质您放心～",
        "亲，付款时追加微信支付也是可以的哦～",
        "系统就是这样显示的，您放心，订单正常哦～",
    ],
)
def test_round_five_lookalikes_of_forbidden_wordings_pass(text: str) -> None:
    assert "forbidden_phrase" not in warning_rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "M码断码了，可以看看L码。",
        "这个系列不会再补货了。",
        "店铺红包已经抢光了。",
        "亲，这款不参加店铺满减哦。",
        "人为损坏不在保修范围。",
        "我们不回收旧手机哦，可以试试以旧换新。",
        "配件不单独补发的。",
        "过了保修期只能自费维修。",
        "亲，这个我们没法适配哦。",
        "说了没有运费险了。",
    ],
)
def test_round_five_refusal_families_fire(text: str) -> None:
    """Sold out for good, exclusions, services withheld, the shop as the one who will not: refusals needing 抱歉."""
    assert "refusal_without_apology" in warning_rules(text)
    assert "refusal_without_apology" not in warning_rules("不好意思，" + text)


@pytest.mark.parametrize(
    "text",
    [
        "亲，这款暂时断货了，下周补货，到货第一时间通知您～",
        "零件一个都不能少哦，装好后再寄回来～",
        "麻烦您拍一张照片，不然我们没法判断问题哦～",
        "您先重启试试，还是不行再找我～",
        "亲，这款单独用效果不行，建议搭配使用哦～",
        "亲，这款手表不能游泳佩戴哦～",
    ],
)
def test_round_five_requirements_conditions_and_facts_are_not_refusals(text: str) -> None:
    assert "refusal_without_apology" not in warning_rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "不会的，没有问题，不行的，没办法",  # rewritten twice: the second pass must not wrap the first
        "亲，不会的，没有问题，不用想那么多，不要再问了。",
        "宝，不能退，不能换，也没有赠品",
        "亲，这个不能退。",
        "没有的，不行，不可以，不能的？",
    ],
)
def test_a_rewrite_apologises_and_offers_once_after_the_buyer_address(text: str) -> None:
    rewrite = check_reply(text).rewrite
    assert rewrite.count("抱歉") <= 1 and rewrite.count("其他办法") <= 1, rewrite
    assert "？？" not in rewrite and "，，" not in rewrite, rewrite
    if text.startswith(("亲", "宝")):
        assert rewrite.startswith(text[0]) and not rewrite.startswith("非常抱歉"), rewrite
        assert rewrite.count("亲，") <= 1, rewrite


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("没有赠品哦", "refusal_without_apology"),
        ("暂时没有其他颜色了，就这一个", "refusal_without_apology"),
        ("这个地区目前停发", "refusal_without_apology"),
        ("给您改成加大码了，穿着正好～", "pushy"),
        ("我把您的快递改成顺丰了，加了5块运费", "pushy"),
        ("帮您把保价服务勾上了", "pushy"),
        ("好嘞，给您安排白色哈", "pushy"),
        ("没有这种可能，我们都检查过", "forbidden_phrase"),
        ("这不是我们能决定的", "forbidden_phrase"),
        ("这些下单前都说了", "forbidden_phrase"),
        ("跟描述一样", "cold"),
    ],
)
def test_round_six_structures_fire(text: str, rule: str) -> None:
    """Unavailability stated flat, suspended delivery, changes made on the agent's own judgment, 没有这种可能."""
    assert rule in warning_rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "亲，暂时没有现货，下周到货第一时间通知您～",
        "受暴雨影响快递停运，恢复后第一时间为您派送～",
        "好的亲，给您改成顺丰了，不用补差价哈～",
    ],
)
def test_round_six_news_and_requested_changes_pass(text: str) -> None:
    assert warning_rules(text) == set()


def test_a_refusal_about_reviews_is_not_answered_with_a_price_offer() -> None:
    refusal = [f for f in check_reply("没收到货不能评价").findings if f.rule == "refusal_without_apology"]
    assert refusal and "价格" not in refusal[0].suggestion


@pytest.mark.parametrize(
    "text",
    ["别犹豫了，这款是爆款", "亲，这个价只到今晚，今天必须下单。", "私下转我微信，给你便宜点", "拍两件，一件不够用。"],
)
def test_orders_that_also_push_or_break_the_rules_are_orders_too(text: str) -> None:
    """A bare prohibition or order aimed at the buyer is imperative whatever else it is (pushy, off-platform)."""
    assert "imperative" in warning_rules(text)


def test_a_pressing_word_inside_an_order_is_dropped_from_its_question() -> None:
    imperative = [f for f in check_reply("今天必须下单。").warnings if f.rule == "imperative"]
    assert imperative and imperative[0].suggestion == "方便今天下单吗？"


@pytest.mark.parametrize("text", ["我微信是abc12345，有事找我", "拼多多上有同款，您可以去看看"])
def test_an_id_given_or_another_platform_named_for_the_same_goods_leaves_the_platform(text: str) -> None:
    assert "forbidden_phrase" in warning_rules(text)


@pytest.mark.parametrize(("text", "cold"), [("不送货，不安装，不议价。", True), ("不清楚，没看到，不好说", True),
                                            ("不会坏的，不用担心，没问题", False), ("亲，不包邮，不议价哦～", False)])
def test_a_short_pile_of_bare_nos_without_warmth_is_cold(text: str, cold: bool) -> None:
    assert ("cold" in warning_rules(text)) is cold


@pytest.mark.parametrize(("text", "rule"), [
    ("这个不是我们不换，是厂家不让换", "forbidden_phrase"),
    ("丢件跟我们没关系", "forbidden_phrase"),
    ("你是不是自己摔坏了", "forbidden_phrase"),
    ("看清楚再问", "forbidden_phrase"),
    ("去快手上搜我们的店", "forbidden_phrase"),
    ("签收前先拍开箱视频", "imperative"),
    ("偏远地区我们上门不了", "refusal_without_apology"),
])
def test_round_seven_structures_fire(text: str, rule: str) -> None:
    """Blame passed on, the buyer suspected, impatience, another platform's search; orders; places out of reach."""
    assert rule in warning_rules(text)


@pytest.mark.parametrize(("text", "pushy"), [
    ("我直接帮您拍了L码，付款就行", True),
    ("已经给您换成加厚款了，冬天用得上", True),
    ("看您的身高，给您备注了M码发货～", True),
    ("我这边就按38码给您发了", True),
    ("换货太麻烦了，给您补5块钱吧", True),
    ("先拍下吧，反正有运费险", True),
    ("好的亲，已经帮您改成顺丰了～", False),  # the buyer asked for it
    ("已经帮您升级成大床房了，不加钱～", False),  # a free upgrade
    ("我可以帮您换成顺丰，您看可以吗？", False),  # an offer that asks
    ("谢谢亲，已经帮您备注了尽快发货～", False),
    ("亲，我已经帮您备注了新的电话～", False),
])
def test_a_choice_settled_for_the_buyer_unasked_is_pushy(text: str, pushy: bool) -> None:
    """A change already made, a size noted down, 就按…给您发, a return talked down; not a request answered,
    a free upgrade, an offer that asks or a note the buyer wanted (the pushy rule alone, without the model)."""
    assert bool(find_pushy(text, matching_form(text))) is pushy


@pytest.mark.parametrize("text", ["给您选的是奶白色，很百搭", "那个颜色没了，给您发了同款灰色", "退款就别申请了，我给您补发",
                                  "给您配了一张贴膜，一共多20元"])
def test_round_eight_choices_made_for_the_buyer_are_pushy(text: str) -> None:
    assert "pushy" in warning_rules(text)


def test_a_request_turned_down_by_the_system_is_a_refusal() -> None:
    assert "refusal_without_apology" in warning_rules("您的退货申请已驳回")


@pytest.mark.parametrize("text", ["好哒，收到～", "好嘞，已安排～"])
def test_short_replies_warmed_by_da_or_lei_are_not_cold(text: str) -> None:
    assert "cold" not in warning_rules(text)
