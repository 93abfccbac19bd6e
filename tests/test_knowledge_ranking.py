"""Template ranking: intent, tier, similarity, usage, and the concession ladder."""

from decimal import Decimal

from knowledge.concessions import Concession
from knowledge.ranking import Candidate, TemplateRanker, TfidfIndex, tokens

CANDIDATES = [
    Candidate(1, "bargain", (), ("价格",), "价格说明", "亲，这个价格已经是活动价了，品质有保障"),
    Candidate(2, "bargain", (), ("包邮",), "凑单包邮", "亲，满{free_shipping_threshold}元包邮，再挑一件一起下单吗"),
    Candidate(3, "bargain", ("yellow",), ("ladder:gift",), "送礼品", "亲，给您送上{gift}"),
    Candidate(4, "bargain", ("yellow",), ("ladder:price_step",), "让价", "亲，再优惠{price_discount}元"),
    Candidate(5, "bargain", ("black",), (), "黑名单", "亲，以页面价格为准，主管跟进"),
    Candidate(6, "logistics", (), (), "发货", "亲，付款后四十八小时内发货"),
]
BARGAIN = {"bargain": 0.9, "logistics": 0.1}


def ranker() -> TemplateRanker:
    return TemplateRanker().fit(CANDIDATES)


def gift(step: int = 1) -> Concession:
    return Concession(step, "gift", "小挂件", Decimal(0), Decimal(0))


def test_tfidf_cosine_prefers_the_document_sharing_words():
    index = TfidfIndex().fit([tokens("满99元包邮"), tokens("四十八小时内发货")])
    near, far = index.similarities(tokens("包邮吗"))
    assert near > far == 0.0


def test_tags_count_for_similarity():
    tagged = [Candidate(1, "return_refund", (), ("坏了", "破损"), "退货", "亲，抱歉"),
              Candidate(2, "return_refund", (), ("进度",), "退款", "亲，抱歉")]
    ranked = TemplateRanker().fit(tagged).rank({"return_refund": 1.0}, "东西坏了", "blue", k=2)
    assert [r.template_id for r in ranked] == [1, 2]


def test_intent_fit_dominates():
    ranked = ranker().rank({"logistics": 0.95, "bargain": 0.05}, "什么时候发货", "blue", k=1)
    assert ranked[0].template_id == 6


def test_blue_buyer_gets_generic_templates_only():
    ids = {r.template_id for r in ranker().rank(BARGAIN, "便宜点吧", "blue", k=10)}
    assert ids == {1, 2, 6}


def test_yellow_buyer_gets_the_ladder_step_first_and_only_that_step():
    ranked = ranker().rank(BARGAIN, "便宜点吧", "yellow", concession=gift(), k=10)
    assert ranked[0].template_id == 3
    assert 4 not in {r.template_id for r in ranked}
    assert any("议价第 1 次" in reason for reason in ranked[0].reasons)


def test_black_buyer_gets_the_short_escalating_reply_first():
    assert ranker().rank(BARGAIN, "便宜点吧", "black", k=1)[0].template_id == 5


def test_similarity_and_usage_break_ties_and_give_reasons():
    plain = ranker().rank(BARGAIN, "包邮吗", "blue", k=2)
    assert plain[0].template_id == 2
    assert any("相似" in reason for reason in plain[0].reasons)
    used = ranker().rank(BARGAIN, "能便宜吗", "blue", usage={1: 9}, k=1)
    assert used[0].template_id == 1 and any("被采用 9 次" in reason for reason in used[0].reasons)
