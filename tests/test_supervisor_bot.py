"""End to end over HTTP: the supervisors' and admins' flows of the real bot process against the fake Bot API.

Review queue (approve, reject with a reason the agent is told, promote to a template, two
supervisors racing), knowledge-base editing in chat (agent edit approved in the queue, stale
edit refused, export, import all or nothing), shop reviews (one, a workbench CSV, a malformed
CSV naming its row, the floor alert to every supervisor, settling bad reviews), /staff, and
role checks on every command and button.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from fake_telegram import BotProcess, Call, FakeTelegram, callback, document, message, sent_message

ADMIN = 8001
SUPERVISORS = (8101, 8102)  # the two who race; every other test takes a fresh one (flood limits are per user)
MORE_SUPERVISORS = list(range(8103, 8130))
AGENTS = list(range(8201, 8240))


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("supervisor")


@pytest.fixture(scope="module")
def bot(telegram, workdir):
    process = BotProcess(
        telegram,
        workdir,
        XIAOER_ADMIN_IDS=str(ADMIN),
        XIAOER_SUPERVISOR_IDS=",".join(map(str, (*SUPERVISORS, *MORE_SUPERVISORS))),
        XIAOER_AGENT_IDS=",".join(map(str, AGENTS)),
    )
    process.wait_ready()
    yield process
    process.stop()


agents = iter(AGENTS)
supervisors = iter(MORE_SUPERVISORS)


def database(workdir: Path) -> sqlite3.Connection:
    return sqlite3.connect(workdir / "xiaoer.db", timeout=10)


def send(telegram: FakeTelegram, user: int, text: str | None = None, update: dict | None = None, **extra) -> Call:
    """Send a message (or a prepared update) as `user` and return the bot's next message to them."""
    before = len(telegram.calls_of("sendMessage", user))
    telegram.inject(update or message(user, text, **extra))
    return telegram.wait_for_messages(user, before + 1)[-1]


def message_with(telegram: FakeTelegram, user: int, needle: str, after: int = 0) -> Call:
    """The first message to `user` (from call index `after` on) containing `needle`, waiting for it."""
    return telegram.wait_for(
        lambda calls: next(
            (c for c in calls[after:] if c.method == "sendMessage" and c.chat_id == user and needle in c.text),
            None,
        )
    )


def press(telegram: FakeTelegram, user: int, on: Call, data: str) -> Call:
    """Press a button as `user` and return the answer to that callback query."""
    before = len(telegram.calls_of("answerCallbackQuery"))
    telegram.inject(callback(user, data, sent_message(on)))
    return telegram.wait_for(lambda calls: answers(calls)[before:][:1])[0]


def answers(calls: list[Call]) -> list[Call]:
    return [c for c in calls if c.method == "answerCallbackQuery"]


def button(call: Call, prefix: str) -> str:
    return next(b["callback_data"] for b in call.buttons() if b["callback_data"].startswith(prefix))


def draft_for_review(telegram: FakeTelegram, agent: int, buyer_message: str, draft: str) -> None:
    """An agent pastes a buyer message and answers with their own rewrite (which queues it)."""
    card = send(telegram, agent, buyer_message)
    assert "意图" in card.text
    answer = send(telegram, agent, draft, reply_to_message=sent_message(card))
    assert "已保存" in answer.text


def queue_item(telegram: FakeTelegram, supervisor: int, needle: str) -> Call:
    start = len(telegram.calls)
    telegram.inject(message(supervisor, "/review"))
    return message_with(telegram, supervisor, needle, start)


def test_rewritten_reply_is_queued_with_everything_and_reviewed_once(telegram, bot):
    agent = next(agents)
    draft_for_review(telegram, agent, "小兰：能便宜点吗", "不能便宜，你爱买不买")
    item = queue_item(telegram, SUPERVISORS[0], "不能便宜，你爱买不买")
    assert "客服改写了推荐回复" in item.text and "小兰" in item.text and "能便宜点吗" in item.text
    assert "推荐回复：" in item.text and "检查发现" in item.text and "爱买不买" in item.text
    labels = [b["text"] for b in item.buttons()]
    assert labels == ["通过", "驳回", "设为话术"]
    assert all(len(b["callback_data"].encode()) <= 64 for b in item.buttons())
    approve = button(item, "rq:approve:r:")
    assert "已通过" in press(telegram, SUPERVISORS[0], item, approve).text
    assert "其他主管处理过" in press(telegram, SUPERVISORS[1], item, approve).text


def test_two_supervisors_pressing_at_the_same_time_one_wins(telegram, bot, workdir):
    agent = next(agents)
    draft_for_review(telegram, agent, "小绿：在吗，发货了吗", "发了，自己查")
    item = queue_item(telegram, SUPERVISORS[0], "发了，自己查")
    approve = button(item, "rq:approve:r:")
    before = len(telegram.calls_of("answerCallbackQuery"))
    threads = [
        threading.Thread(target=telegram.inject, args=(callback(s, approve, sent_message(item)),)) for s in SUPERVISORS
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    both = telegram.wait_for(lambda calls: len(answers(calls)) >= before + 2 and answers(calls)[before:])
    texts = [a.text for a in both]
    assert sum("已通过" in t for t in texts) == 1 and sum("其他主管处理过" in t for t in texts) == 1
    item_id = int(approve.rsplit(":", 1)[1])
    with database(workdir) as db:
        rows = db.execute("select count(*) from reply_reviews where suggestion_id = ?", (item_id,)).fetchone()
    assert rows[0] == 1


def test_rejection_asks_a_reason_and_tells_the_agent(telegram, bot):
    agent, supervisor = next(agents), next(supervisors)
    draft_for_review(telegram, agent, "小紫：快递怎么还没到", "催什么催，等着")
    item = queue_item(telegram, supervisor, "催什么催，等着")
    press(telegram, supervisor, item, button(item, "rq:reject:r:"))
    assert "理由" in message_with(telegram, supervisor, "请写下驳回").text
    start = len(telegram.calls)
    done = send(telegram, supervisor, "语气生硬，请先道歉再说明物流")
    assert "已驳回" in done.text
    told = message_with(telegram, agent, "主管驳回了您发给买家的回复", start)
    assert "催什么催，等着" in told.text and "请先道歉" in told.text


def test_cancel_ends_the_reason_step(telegram, bot):
    supervisor = next(supervisors)
    agent = next(agents)
    draft_for_review(telegram, agent, "小灰：有优惠吗", "没有，别问了")
    item = queue_item(telegram, supervisor, "没有，别问了")
    press(telegram, supervisor, item, button(item, "rq:reject:r:"))
    message_with(telegram, supervisor, "请写下驳回")
    assert "已取消" in send(telegram, supervisor, "/cancel").text
    assert "已通过" in press(telegram, supervisor, item, button(item, "rq:approve:r:")).text


def test_promote_opens_the_template_flow_with_the_text(telegram, bot, workdir):
    supervisor = next(supervisors)
    agent = next(agents)
    good = "亲，非常抱歉让您久等了，我马上帮您催一下快递，有消息第一时间告诉您，谢谢您的耐心～"
    draft_for_review(telegram, agent, "小橙：快递到哪了", good)
    item = queue_item(telegram, supervisor, "马上帮您催一下快递")
    press(telegram, supervisor, item, button(item, "rq:promote:r:"))
    prompt = message_with(telegram, supervisor, "话术内容已预填")
    assert good in prompt.text
    press(telegram, supervisor, prompt, "kbi:logistics")
    message_with(telegram, supervisor, "请发送话术标题")
    saved = send(telegram, supervisor, "催快递致歉")
    assert "已保存" in saved.text and "已上线" in saved.text
    with database(workdir) as db:
        row = db.execute("select status, intent from templates where text = ?", (good,)).fetchone()
    assert row == ("live", "logistics")


def test_agents_cannot_use_the_queue_or_its_buttons(telegram, bot):
    agent = next(agents)
    assert "主管" in send(telegram, agent, "/review").text
    assert "主管" in send(telegram, agent, "/reviews").text
    card = send(telegram, agent, "在吗")
    for data in ("rq:approve:r:1", "rq:reject:t:1", "rq:promote:r:1", "rs:1:1"):
        assert "主管" in press(telegram, agent, card, data).text
    assert "主管" in send(telegram, agent, "/kb export").text
    assert "主管" in send(telegram, agent, "/stats 7d").text
    assert "管理员" in send(telegram, agent, "/staff").text
    assert "管理员" in send(telegram, next(supervisors), "/staff").text


def template_id(workdir: Path) -> int:
    with database(workdir) as db:
        return db.execute("select id from templates where status = 'live' order by id limit 1").fetchone()[0]


def test_agent_edit_waits_in_the_queue_and_approval_applies_it(telegram, bot, workdir):
    supervisor = next(supervisors)
    agent = next(agents)
    tid = template_id(workdir) + 1
    assert "正在修改话术" in send(telegram, agent, f"/kb edit {tid}").text
    new_text = "亲，感谢您的耐心等待，我们马上为您查询，请稍等片刻哦～"
    assert "等待主管" in send(telegram, agent, new_text).text
    with database(workdir) as db:
        assert db.execute("select text from templates where id = ?", (tid,)).fetchone()[0] != new_text
    item = queue_item(telegram, supervisor, "话术修改")
    start = len(telegram.calls)
    assert "已上线" in press(telegram, supervisor, item, button(item, "rq:approve:t:")).text
    message_with(telegram, agent, "已通过审核", start)
    with database(workdir) as db:
        assert db.execute("select text from templates where id = ?", (tid,)).fetchone()[0] == new_text


def test_two_supervisors_editing_one_template_the_later_save_is_refused(telegram, bot, workdir):
    tid = template_id(workdir) + 2
    slow, fast = next(supervisors), next(supervisors)
    send(telegram, slow, f"/kb edit {tid}")
    send(telegram, fast, f"/kb edit {tid}")
    first = send(telegram, fast, "亲，您好，感谢您的咨询，有什么可以帮您的呢？")
    assert "已保存" in first.text
    stale = send(telegram, slow, "亲，您好，很高兴为您服务～")
    assert "已被他人修改" in stale.text
    with database(workdir) as db:
        assert "感谢您的咨询" in db.execute("select text from templates where id = ?", (tid,)).fetchone()[0]


def test_two_supervisors_saving_one_template_at_the_same_moment_one_is_refused(telegram, bot, workdir):
    tid = template_id(workdir) + 5
    both = (next(supervisors), next(supervisors))
    for supervisor in both:
        send(telegram, supervisor, f"/kb edit {tid}")
    counts = {s: len(telegram.calls_of("sendMessage", s)) for s in both}
    threads = [
        threading.Thread(target=telegram.inject, args=(message(s, f"亲，您好，{s} 号为您服务，感谢您的耐心～"),))
        for s in both
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    answers = [telegram.wait_for_messages(s, counts[s] + 1)[-1].text for s in both]
    assert sum("已保存" in a for a in answers) == 1 and sum("已被他人修改" in a for a in answers) == 1
    with database(workdir) as db:
        assert db.execute("select version from templates where id = ?", (tid,)).fetchone()[0] == 2


def test_kb_lists_shows_history_and_every_step_cancels(telegram, bot, workdir):
    supervisor = next(supervisors)
    assert "议价" in send(telegram, supervisor, "/kb").text
    listing = send(telegram, supervisor, "/kb bargain")
    assert "#" in listing.text
    tid = template_id(workdir)
    shown = send(telegram, supervisor, f"/kb show {tid}")
    assert "修订历史" in shown.text and "修订 #" in shown.text
    send(telegram, supervisor, "/kb add")
    assert "已取消" in send(telegram, supervisor, "/cancel").text
    assert "未知的意图" in send(telegram, supervisor, "/kb nonsense").text
    assert "找不到话术" in send(telegram, supervisor, "/kb show 999999").text


def test_kb_export_and_all_or_nothing_import(telegram, bot, workdir):
    supervisor = next(supervisors)
    telegram.inject(message(supervisor, "/kb export csv"))
    telegram.wait_for(lambda calls: any(c.method == "sendDocument" and c.chat_id == supervisor for c in calls))
    header = "key,intent,tiers,title,text,tags,status\n"
    good = "imported-1,greeting,,导入问候,亲，您好，欢迎光临本店，有什么可以帮您的吗？,,live\n"
    bad = "imported-2,nosuchintent,,坏行,内容,,live\n"
    failed = send(
        telegram,
        supervisor,
        update=document(supervisor, telegram, (header + good + bad).encode(), "kb.csv", "/kb import"),
    )
    assert "导入失败" in failed.text and "第 2 行" in failed.text
    with database(workdir) as db:
        assert db.execute("select count(*) from templates where key like 'imported-%'").fetchone()[0] == 0
    done = send(
        telegram, supervisor, update=document(supervisor, telegram, (header + good).encode(), "kb.csv", "/kb import")
    )
    assert "新增 1 条" in done.text
    agent = next(agents)
    assert (
        "主管"
        in send(
            telegram, agent, update=document(agent, telegram, (header + good).encode(), "kb.csv", "/kb import")
        ).text
    )


REVIEW_CSV = "订单号,买家,评价,评价内容,评价时间\n" + "".join(
    f"A{n},好买家{n},好评,很好,2026-11-2{n % 8} 10:00\n" for n in range(1, 31)
)


def test_reviews_add_import_and_the_floor_alert_to_every_supervisor(telegram, bot, workdir):
    supervisor, other = next(supervisors), next(supervisors)
    imported = send(
        telegram, supervisor, update=document(supervisor, telegram, REVIEW_CSV.encode(), "reviews.csv", "/reviews")
    )
    assert "已导入 30 条" in imported.text
    start = len(telegram.calls)
    telegram.inject(message(supervisor, "/reviews add B100 差评王 差评 质量太差"))
    added = message_with(telegram, supervisor, "已记录订单", start)
    assert "已记录订单 B100 的差评" in added.text and "橙色" in added.text
    # 30 good and 1 bad: 96.8%, below 97%: everyone who supervises is told at once
    for chat in (*SUPERVISORS, *MORE_SUPERVISORS, ADMIN):
        alert = message_with(telegram, chat, "好评率告警", start)
        assert "96.8%" in alert.text
    assert not [c for c in telegram.calls[:start] if "好评率告警" in c.text]  # 100% raised no alarm
    again = send(
        telegram, supervisor, update=document(supervisor, telegram, REVIEW_CSV.encode(), "reviews.csv", "/reviews")
    )
    assert "已导入 0 条" in again.text and "跳过已记录的订单 30 条" in again.text
    overview = send(telegram, supervisor, "/reviews")
    assert "96.8%" in overview.text and "差评王" in overview.text and "底线" in overview.text
    settle = button(overview, "rs:")
    assert press(telegram, supervisor, overview, settle.rsplit(":", 1)[0] + ":0").text == ""
    message_with(telegram, supervisor, "拒绝修改")
    assert "其他主管处理过" in press(telegram, other, overview, settle).text
    with database(workdir) as db:
        tier = db.execute("select tier from buyers where nickname = '差评王'").fetchone()[0]
    assert tier == "black"


def test_malformed_review_csv_names_the_row_and_writes_nothing(telegram, bot, workdir):
    supervisor = next(supervisors)
    with database(workdir) as db:
        before = db.execute("select count(*) from reviews").fetchone()[0]
    content = (
        "订单号,买家,评价,评价内容,评价时间\nC1,甲,好评,好,2026-11-20\nC2,乙,超级好评,好,2026-11-20\nC3,,差评,差,昨天\n"
    )
    answer = send(telegram, supervisor, update=document(supervisor, telegram, content.encode(), "bad.csv", "/reviews"))
    assert "未写入任何记录" in answer.text and "第 2 行" in answer.text and "第 3 行" in answer.text
    with database(workdir) as db:
        assert db.execute("select count(*) from reviews").fetchone()[0] == before
    missing = send(telegram, supervisor, update=document(supervisor, telegram, b"a,b\n1,2\n", "x.csv", "/reviews"))
    assert "缺少列" in missing.text
    assert "csv" in send(telegram, supervisor, update=document(supervisor, telegram, b"x", "x.xlsx", "/reviews")).text


def test_staff_add_role_and_deactivate_take_effect_at_once(telegram, bot):
    newcomer = 8999
    assert "还不是本店登记的客服" in send(telegram, newcomer, "/help").text
    assert "已添加" in send(telegram, ADMIN, f"/staff add {newcomer} 客服 新人小王").text
    assert "客服" in send(telegram, newcomer, "/help").text
    assert "已将" in send(telegram, ADMIN, f"/staff role {newcomer} supervisor").text
    assert "主管" in send(telegram, newcomer, "/help").text
    listing = send(telegram, ADMIN, "/staff")
    assert "新人小王" in listing.text
    assert "已停用" in send(telegram, ADMIN, f"/staff off {newcomer}").text
    assert "还不是本店登记的客服" in send(telegram, newcomer, "/help").text
    assert "不是有效的" in send(telegram, ADMIN, "/staff add abc agent").text
    assert "未知的角色" in send(telegram, ADMIN, f"/staff add {newcomer} boss").text
    assert "环境变量" in send(telegram, ADMIN, f"/staff off {ADMIN}").text
    assert "环境变量" in send(telegram, ADMIN, f"/staff role {AGENTS[-1]} agent").text


def test_help_lists_commands_by_role(telegram, bot):
    agent_help = send(telegram, next(agents), "/help").text
    assert "/kb" in agent_help and "/review" not in agent_help and "/staff" not in agent_help
    supervisor_help = send(telegram, next(supervisors), "/help").text
    assert "/review" in supervisor_help and "/reviews" in supervisor_help and "/staff" not in supervisor_help
    assert "/staff" in send(telegram, ADMIN, "/help").text


def test_stats_report_and_chart_for_supervisors_only(telegram, bot):
    supervisor = next(supervisors)
    report = send(telegram, supervisor, "/stats 7d")
    assert "统计报表 · 近 7 天" in report.text and "意图分布" in report.text and "议价" in report.text
    assert "推荐回复采用率" in report.text and "客服改写率" in report.text and "客服检查平均分" in report.text
    assert "风险买家" in report.text and "差评王" in report.text
    telegram.wait_for(lambda calls: any(c.method == "sendPhoto" and c.chat_id == supervisor for c in calls))
    assert "用法" in send(telegram, supervisor, "/stats 1y").text
    assert "主管" in send(telegram, next(agents), "/stats").text


def test_a_supervisor_may_force_a_warned_text_with_a_reason_an_agent_may_not(telegram, bot, workdir):
    supervisor, agent = next(supervisors), next(agents)
    tid = template_id(workdir) + 3
    send(telegram, supervisor, f"/kb edit {tid}")
    blocked = send(telegram, supervisor, "不行，爱买不买")
    assert "未通过回复检查" in blocked.text and "/force" in blocked.text
    assert "/force" in send(telegram, supervisor, "/force").text  # a reason is required
    forced = send(telegram, supervisor, "/force 老板要求保留原话")
    assert "已保存" in forced.text and "检查发现" in forced.text  # saved, findings still shown
    with database(workdir) as db:
        assert db.execute("select text from templates where id = ?", (tid,)).fetchone()[0] == "不行，爱买不买"
    send(telegram, agent, f"/kb edit {tid}")
    refused = send(telegram, agent, "你爱买不买")
    assert "未通过回复检查" in refused.text and "/force" not in refused.text
    assert "主管" in send(telegram, agent, "/force 我想保存").text
    assert "已取消" in send(telegram, agent, "/cancel").text


def test_retire_and_revert_keep_the_history(telegram, bot, workdir):
    supervisor = next(supervisors)
    tid = template_id(workdir) + 4
    with database(workdir) as db:
        first_revision = db.execute(
            "select id from template_revisions where template_id = ? order by id limit 1", (tid,)
        ).fetchone()[0]
    assert "已停用" in send(telegram, supervisor, f"/kb retire {tid}").text
    assert "已上线" in send(telegram, supervisor, f"/kb revert {tid} {first_revision}").text
    shown = send(telegram, supervisor, f"/kb show {tid}")
    assert shown.text.count("修订 #") == 3 and "版本 3" in shown.text
    assert "找不到修订记录" in send(telegram, supervisor, f"/kb revert {tid} 999999").text
    assert "用法" in send(telegram, supervisor, f"/kb revert {tid}").text
