"""End to end over HTTP: the real `xiaoer run` process against the fake Bot API server.

Start-up, commands, access rules, non-text content, throttling, 429 and shutdown.
"""

from __future__ import annotations

import signal
import subprocess
import time

import pytest
from fake_telegram import REPO, BotProcess, FakeTelegram, callback, cli_command, message, user

AGENTS = range(1001, 1011)
SUPERVISOR = 2001
ADMIN = 3001
STRANGER = 9001


@pytest.fixture(scope="module")
def bot(telegram, tmp_path_factory):
    process = BotProcess(
        telegram,
        tmp_path_factory.mktemp("bot"),
        XIAOER_AGENT_IDS=",".join(map(str, AGENTS)),
        XIAOER_SUPERVISOR_IDS=str(SUPERVISOR),
        XIAOER_ADMIN_IDS=str(ADMIN),
    )
    process.wait_ready()
    yield process
    process.stop()


def last_text(telegram: FakeTelegram, chat_id: int, count: int = 1) -> str:
    return telegram.wait_for_messages(chat_id, count)[-1].text


def test_startup_registers_commands_and_drops_no_webhook_updates(telegram, bot):
    commands = telegram.wait_for(lambda calls: [c for c in calls if c.method == "setMyCommands"])
    default = next(c for c in commands if "scope" not in c.params or c.params["scope"].get("type") == "default")
    names = [item["command"] for item in default.params["commands"]]
    assert names == ["help", "buyer", "check", "kb"]
    supervisor = next(c for c in commands if c.params.get("scope", {}).get("chat_id") == SUPERVISOR)
    assert "tier" in [item["command"] for item in supervisor.params["commands"]]
    webhook = telegram.calls_of("deleteWebhook")
    assert webhook and webhook[0].params.get("drop_pending_updates") in (None, "false", False)


def test_stranger_gets_one_polite_line_and_nothing_else(telegram, bot):
    telegram.inject(message(STRANGER, "亲，这件衣服能便宜点吗？"))
    reply = last_text(telegram, STRANGER)
    assert "不是本店登记的客服" in reply
    assert reply.count("\n") == 0
    telegram.inject(message(STRANGER, "/buyer 小明"))
    telegram.inject(message(STRANGER, "/help"))
    replies = telegram.wait_for_messages(STRANGER, 3)
    assert all(r.text == reply for r in replies)
    assert all(not r.buttons() for r in replies)


def test_stranger_pressing_a_forged_button_is_refused(telegram, bot):
    telegram.inject(callback(STRANGER + 1, "card:use:1:1"))
    answer = telegram.wait_for(
        lambda calls: [c for c in calls if c.method == "answerCallbackQuery" and "不是本店登记的客服" in c.text]
    )
    assert answer
    assert not telegram.calls_of("sendMessage", STRANGER + 1)


def test_help_lists_commands_by_role(telegram, bot):
    telegram.inject(message(AGENTS[0], "/help"))
    agent_help = last_text(telegram, AGENTS[0])
    assert "/check" in agent_help and "/buyer" in agent_help and "/tier" not in agent_help
    telegram.inject(message(SUPERVISOR, "/help"))
    supervisor_help = last_text(telegram, SUPERVISOR)
    assert "/tier" in supervisor_help and "主管" in supervisor_help


@pytest.mark.parametrize(
    "content",
    [
        {
            "sticker": {
                "file_id": "s1",
                "file_unique_id": "u1",
                "type": "regular",
                "width": 512,
                "height": 512,
                "is_animated": False,
                "is_video": False,
            }
        },
        {"photo": [{"file_id": "p1", "file_unique_id": "u2", "width": 90, "height": 90}]},
        {"voice": {"file_id": "v1", "file_unique_id": "u3", "duration": 3}},
        {"document": {"file_id": "d1", "file_unique_id": "u4", "file_name": "订单.xlsx"}},
    ],
    ids=["sticker", "photo", "voice", "document"],
)
def test_non_text_content_gets_a_helpful_reply(telegram, bot, content):
    agent = AGENTS[1]
    before = len(telegram.calls_of("sendMessage", agent))
    telegram.inject(message(agent, **content))
    assert "文字" in last_text(telegram, agent, before + 1)


def test_edited_message_gets_a_short_reply(telegram, bot):
    agent = AGENTS[2]
    edited = message(agent, "改过的消息")["message"] | {"edit_date": 1}
    telegram.inject({"edited_message": edited})
    assert "修改" in last_text(telegram, agent)


def test_unknown_command(telegram, bot):
    telegram.inject(message(AGENTS[3], "/frobnicate"))
    assert "/help" in last_text(telegram, AGENTS[3])


def test_flood_from_one_user_is_throttled_politely(telegram, bot):
    agent = AGENTS[4]
    for _ in range(30):
        telegram.inject(message(agent, "/help"))
    replies = telegram.wait_for(lambda calls: [c for c in calls if c.chat_id == agent and "稍等" in c.text])
    assert len(replies) == 1
    helps = [c for c in telegram.calls_of("sendMessage", agent) if "/check" in c.text]
    assert 1 <= len(helps) < 30


def test_429_is_waited_out_and_retried(telegram, bot):
    agent = AGENTS[5]
    telegram.fail_next("sendMessage", retry_after=1)
    telegram.inject(message(agent, "/help"))
    sent = telegram.wait_for_messages(agent, 2)  # the refused attempt and the retry
    assert "/check" in sent[-1].text
    assert sent[-1].at - sent[0].at >= 0.9


def run_without_server(tmp_path, **environment: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), "XIAOER_HOME": str(tmp_path)}
    env.update(environment)
    return subprocess.run(cli_command("run"), cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(
    ("token", "expected"),
    [(None, "未设置 BOT_TOKEN"), ("not-a-token", "BOT_TOKEN 格式不正确"), ("123:abc def", "BOT_TOKEN 格式不正确")],
)
def test_missing_or_malformed_token_is_explained_in_chinese(tmp_path, token, expected):
    result = run_without_server(tmp_path, **({"BOT_TOKEN": token} if token else {}))
    assert result.returncode == 2
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_role_ids_are_explained(tmp_path):
    result = run_without_server(tmp_path, BOT_TOKEN="123:abc", XIAOER_AGENT_IDS="12,abc")
    assert result.returncode == 2
    assert "用户 ID" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_shutdown_finishes_in_flight_work_and_exits_zero(tmp_path, sig):
    server = FakeTelegram().start()
    try:
        agent = 4242
        process = BotProcess(server, tmp_path, XIAOER_AGENT_IDS=str(agent))
        process.wait_ready()
        server.delay("sendMessage", 2.0)  # the answer is in flight when the signal arrives
        server.inject(message(agent, "/help"))
        server.wait_for_messages(agent)
        started = time.monotonic()
        assert process.stop(sig, timeout=10) == 0, process.output()
        assert time.monotonic() - started >= 1.5  # it waited for the handler instead of cutting it off
        log = process.output()
        assert "Traceback" not in log and "ERROR" not in log, log
        assert "已停止" in log
    finally:
        server.stop()


def test_start_greets_by_name_escaped_and_shows_help(telegram, bot):
    agent = AGENTS[6]
    telegram.inject(message(agent, "/start", **{"from": user(agent, "<i>小&美</i>")}))
    greeting = last_text(telegram, agent)
    assert "&lt;i&gt;小&amp;美&lt;/i&gt;" in greeting and "/check" in greeting


def test_token_rejected_by_telegram_is_explained(tmp_path):
    server = FakeTelegram().start()
    server.revoked_token = "987654321:revoked"
    try:
        process = BotProcess(server, tmp_path, BOT_TOKEN=server.revoked_token)
        assert process.process.wait(timeout=90) == 1
        log = process.output()
        assert "Telegram 拒绝了 BOT_TOKEN" in log and "Traceback" not in log, log
    finally:
        server.stop()


def test_settings_come_from_a_dotenv_file(tmp_path):
    (tmp_path / ".env").write_text("BOT_TOKEN=oops\n", encoding="utf-8")
    result = run_without_server(tmp_path)
    assert result.returncode == 2 and "BOT_TOKEN 格式不正确" in result.stderr
