"""End to end over HTTP: the agent flows of the real bot process against the fake Bot API server.

The answer card and its buttons, drafts, buyers and tiers, forged buttons, bad input,
long messages, a database outage, and 100 agents writing at once.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from fake_telegram import BotProcess, Call, FakeTelegram, callback, message, sent_message

AGENTS = list(range(5001, 5201))
SUPERVISOR = 6001


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("flows")


@pytest.fixture(scope="module")
def bot(telegram, workdir):
    process = BotProcess(
        telegram, workdir, XIAOER_AGENT_IDS=",".join(map(str, AGENTS)), XIAOER_SUPERVISOR_IDS=str(SUPERVISOR)
    )
    process.wait_ready()
    yield process
    process.stop()


def database(workdir: Path) -> sqlite3.Connection:
    return sqlite3.connect(workdir / "xiaoer.db", timeout=10)


agents = iter(AGENTS)


def paste(telegram: FakeTelegram, agent: int, text: str, **extra) -> Call:
    """Send a message as `agent` and return the bot's next message to them."""
    before = len(telegram.calls_of("sendMessage", agent))
    telegram.inject(message(agent, text, **extra))
    return telegram.wait_for_messages(agent, before + 1)[-1]


def press(telegram: FakeTelegram, agent: int, card: Call, data: str) -> None:
    telegram.inject(callback(agent, data, sent_message(card)))


def button(card: Call, prefix: str) -> str:
    return next(b["callback_data"] for b in card.buttons() if b["callback_data"].startswith(prefix))


def callback_answer(telegram: FakeTelegram, contains: str) -> Call:
    return telegram.wait_for(
        lambda calls: next((c for c in calls if c.method == "answerCallbackQuery" and contains in c.text), None)
    )


def test_card_shows_intent_mood_buyer_risk_and_numbered_replies(telegram, bot):
    card = paste(telegram, next(agents), "小明：亲，这件衣服能便宜点吗？")
    assert "意图：议价" in card.text and "置信度" in card.text
    assert "情绪：" in card.text and "买家：小明" in card.text and "风险：" in card.text
    assert "1." in card.text and "{" not in card.text  # replies numbered and filled in
    labels = [b["text"] for b in card.buttons()]
    assert "用第 1 条" in labels and "意图不对" in labels and "标记为棘手买家" in labels
    assert all(len(b["callback_data"].encode()) <= 64 for b in card.buttons())


def test_high_risk_message_carries_a_warning(telegram, bot):
    card = paste(telegram, next(agents), "老王：你们卖假货！不退款我就去投诉，再给差评")
    assert "⚠ 风险" in card.text


def test_use_sends_the_reply_on_its_own_and_records_it(telegram, bot, workdir):
    agent = next(agents)
    card = paste(telegram, agent, "阿花：快递到哪了？三天了还没到")
    press(telegram, agent, card, button(card, "card:use:"))
    reply = telegram.wait_for_messages(agent, 2)[-1]
    assert reply.text and not reply.buttons() and "意图" not in reply.text
    callback_answer(telegram, "已记录采用第 1 条")
    message_id = int(button(card, "card:use:").split(":")[2])
    with database(workdir) as db:
        used = db.execute("select used_template_id from suggestions where message_id = ?", (message_id,)).fetchone()
    assert used[0] is not None


def test_more_suggestions_continue_the_numbering(telegram, bot):
    agent = next(agents)
    card = paste(telegram, agent, "能不能便宜一点，我买两件")
    press(telegram, agent, card, button(card, "card:more:"))
    more = telegram.wait_for_messages(agent, 2)[-1]
    assert "4." in more.text
    assert any(b["callback_data"].endswith(":4") for b in more.buttons())


def test_not_this_intent_stores_the_correction(telegram, bot, workdir):
    agent = next(agents)
    card = paste(telegram, agent, "我想问下这个怎么开发票")
    press(telegram, agent, card, button(card, "card:wrong:"))
    picker = telegram.wait_for(
        lambda calls: next((c for c in calls if c.method == "editMessageReplyMarkup" and c.chat_id == agent), None)
    )
    pick = next(b["callback_data"] for b in picker.buttons() if b["text"] == "支付发票")
    press(telegram, agent, card, pick)
    callback_answer(telegram, "已记录为“支付发票”")
    message_id = int(pick.split(":")[1])
    with database(workdir) as db:
        row = db.execute("select corrected_intent from messages where id = ?", (message_id,)).fetchone()
    assert row[0] == "payment"


def test_flagging_twice_blacklists_and_later_cards_warn(telegram, bot):
    agent = next(agents)
    card = paste(telegram, agent, "刁民甲：这个颜色和图片不一样啊")
    press(telegram, agent, card, button(card, "card:flag:"))
    assert "已记录买家“刁民甲”的棘手行为" in telegram.wait_for_messages(agent, 2)[-1].text
    press(telegram, agent, card, button(card, "card:flag:"))
    assert "黑名单" in telegram.wait_for_messages(agent, 3)[-1].text
    again = paste(telegram, agent, "刁民甲：你好")
    assert "黑色·黑名单" in again.text and "⚠ 风险" in again.text


def test_forged_or_foreign_buttons_are_refused(telegram, bot):
    owner, intruder = next(agents), next(agents)
    card = paste(telegram, owner, "小李：在吗")
    press(telegram, intruder, card, button(card, "card:use:"))  # someone else's card
    press(telegram, intruder, card, "card:use:999999:1")  # no such card
    press(telegram, intruder, card, "intent:1:hacked")
    press(telegram, intruder, card, "garbage")
    telegram.wait_for(
        lambda calls: len([c for c in calls if c.method == "answerCallbackQuery" and "失效" in c.text]) >= 4
    )
    assert len(telegram.calls_of("sendMessage", intruder)) == 0


def test_check_command_names_rules_quotes_spans_and_rewrites(telegram, bot):
    answer = paste(telegram, next(agents), "/check 不行，不能便宜，爱买不买")
    assert "服务禁语" in answer.text and "“爱买不买”" in answer.text and "参考改写" in answer.text
    assert "/check" in paste(telegram, next(agents), "/check").text  # usage, not a crash


def test_reply_to_card_is_checked_and_stored_for_review(telegram, bot, workdir):
    agent = next(agents)
    card = paste(telegram, agent, "小红：能便宜点吗")
    answer = paste(telegram, agent, "不能便宜，你爱买不买", reply_to_message=sent_message(card))
    assert "草稿检查" in answer.text and "已保存" in answer.text
    message_id = int(button(card, "card:use:").split(":")[2])
    with database(workdir) as db:
        row = db.execute(
            "select edited_text, checker_score from suggestions where message_id = ?", (message_id,)
        ).fetchone()
    assert row[0] == "不能便宜，你爱买不买" and row[1] is not None


def test_buyer_command_sets_current_buyer_and_shows_profile(telegram, bot):
    agent = next(agents)
    unknown = paste(telegram, agent, "/buyer 新客小张")
    assert "还没有买家“新客小张”的记录" in unknown.text
    card = paste(telegram, agent, "这个有现货吗")
    assert "买家：新客小张" in card.text
    profile = paste(telegram, agent, "/buyer 新客小张")
    assert "等级：蓝色·潜在客户" in profile.text


def test_tier_is_for_supervisors_only(telegram, bot):
    refused = paste(telegram, next(agents), "/tier 小明 黑 恶意差评")
    assert "主管" in refused.text
    done = paste(telegram, SUPERVISOR, "/tier 小明 橙色 多次无理要求")
    assert "橙色·棘手客户" in done.text
    assert "颜色" in paste(telegram, SUPERVISOR, "/tier 小明").text
    assert "未知的等级" in paste(telegram, SUPERVISOR, "/tier 小明 紫 原因").text


def test_buyer_text_is_html_escaped(telegram, bot):
    card = paste(telegram, next(agents), "<b>坏人</b>：<script>x</script> 能便宜吗")
    assert "&lt;b&gt;坏人&lt;/b&gt;" in card.text


def test_several_pasted_lines_make_one_card(telegram, bot):
    agent = next(agents)
    card = paste(telegram, agent, "小周：在吗\n小周：这件衣服有M码吗\n小周：能便宜点吗")
    assert "买家：小周" in card.text
    assert len([c for c in telegram.calls_of("sendMessage", agent) if "意图" in c.text]) == 1


def test_message_of_telegram_maximum_length_and_long_answers_are_split(telegram, bot):
    agent = next(agents)
    card = paste(telegram, agent, "能便宜点吗" + "？" * 4091)
    assert "意图" in card.text
    draft = "不行。" * 1300  # 3900 characters: findings and rewrite exceed one message
    telegram.inject(message(agent, "/check " + draft))
    sent = telegram.wait_for_messages(agent, 3)
    assert all(len(c.text) <= 4096 for c in sent)


def test_database_outage_asks_to_try_again_and_recovers(telegram, bot, workdir):
    agent = next(agents)
    lock = database(workdir)
    lock.execute("begin exclusive")
    try:
        telegram.inject(message(agent, "小明：能便宜点吗"))
        assert "请稍后重新发送" in telegram.wait_for_messages(agent, timeout=30)[-1].text
    finally:
        lock.rollback()
        lock.close()
    assert "意图" in paste(telegram, agent, "小明：能便宜点吗").text


def test_hundred_agents_at_once_nothing_lost(telegram, bot):
    crowd = [next(agents) for _ in range(100)]
    threads = [
        threading.Thread(target=telegram.inject, args=(message(a, f"买家{a}：这件能便宜点吗？"),)) for a in crowd
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    telegram.wait_for(
        lambda calls: {c.chat_id for c in calls if c.method == "sendMessage" and "意图" in c.text} >= set(crowd),
        timeout=60,
    )
    for agent in crowd:
        cards = [c for c in telegram.calls_of("sendMessage", agent) if "意图" in c.text]
        assert len(cards) == 1 and f"买家{agent}" in cards[0].text


def test_forwarded_batch_is_one_turn_with_the_sender_as_buyer(telegram, bot):
    agent = next(agents)
    origin = {"type": "hidden_user", "sender_user_name": "转发的买家", "date": 1}
    for text in ("在吗", "这件衣服有M码吗", "能便宜点吗"):
        telegram.inject(message(agent, text, forward_origin=origin))
    card = telegram.wait_for_messages(agent)[-1]
    assert "买家：转发的买家" in card.text and "意图" in card.text
    paste(telegram, agent, "/help")  # the next answer after the card: no second card came in between
    assert len([c for c in telegram.calls_of("sendMessage", agent) if "意图" in c.text]) == 1


def test_blank_message_is_explained_not_analysed(telegram, bot):
    assert "消息为空" in paste(telegram, next(agents), "   \n  ").text
