"""`xiaoer chat`: the agent flow in the terminal, as a newcomer starts it, with no token."""

from __future__ import annotations

import os
import sqlite3
import subprocess

from fake_telegram import REPO, cli_command


def chat(tmp_path, lines: list[str], **environment: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("XIAOER_", "BOT_", "DATABASE_"))}
    env.update({"PYTHONPATH": str(REPO), "XIAOER_HOME": str(tmp_path), "PYTHONIOENCODING": "utf-8"}, **environment)
    return subprocess.run(
        cli_command("chat"),
        input="\n".join(lines) + "\n",
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_chat_runs_the_agent_flow_without_telegram(tmp_path):
    result = chat(
        tmp_path,
        [
            "小明：亲，这件衣服能便宜点吗？",
            "1",
            "/more",
            "/check 不行，爱买不买",
            "/buyer 小明",
            "/quit",
            "这一行不会被读到",
        ],
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "离线体验" in out and "意图：议价" in out and "买家：小明 · 黄色·议价客户" in out
    assert "已采用第 1 条" in out and "4." in out
    assert "服务禁语" in out and "“爱买不买”" in out and "已保存" in out
    assert "等级：黄色·议价客户" in out and "再见" in out
    assert "<b>" not in out and "Traceback" not in result.stderr
    with sqlite3.connect(tmp_path / "xiaoer.db") as db:
        used, edited = db.execute("select used_template_id, edited_text from suggestions").fetchone()
    assert used is not None and edited == "不行，爱买不买"


def test_chat_explains_bad_input(tmp_path):
    result = chat(tmp_path, ["1", "/check", "/buyer", "/nonsense", "能便宜吗" * 3000, "5"])
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "请先粘贴一条买家消息" in out and "用法：/check" in out and "用法：/buyer" in out
    assert "没有这个命令" in out and "消息过长" in out
    assert "Traceback" not in result.stderr
