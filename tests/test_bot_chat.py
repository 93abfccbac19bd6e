"""`xiaoer chat`: the agent flow in the terminal, as a newcomer starts it, with no token."""

from __future__ import annotations

import os
import pty
import select
import sqlite3
import subprocess
import time

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


def read_until(master: int, marker: str, timeout: float = 120.0) -> str:
    """What the terminal shows until `marker` appears (or the chat ends)."""
    seen, deadline = b"", time.monotonic() + timeout
    while marker.encode() not in seen and time.monotonic() < deadline:
        if select.select([master], [], [], 0.5)[0]:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the chat closed the terminal
                break
            if not chunk:
                break
            seen += chunk
    return seen.decode("utf-8", errors="replace")


def test_lines_pasted_together_in_a_terminal_are_one_turn_typed_lines_are_not(tmp_path):
    """In a real terminal (a pty): a pasted block gets one card; lines typed one after another get one each."""
    master, slave = pty.openpty()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("XIAOER_", "BOT_", "DATABASE_"))}
    env.update({"PYTHONPATH": str(REPO), "XIAOER_HOME": str(tmp_path), "PYTHONIOENCODING": "utf-8"})
    process = subprocess.Popen(cli_command("chat"), stdin=slave, stdout=slave, stderr=slave, cwd=tmp_path, env=env)
    os.close(slave)
    try:
        read_until(master, "买家消息>")
        os.write(master, "小红：亲，这件衣服有M码吗\n小红：能包邮吗\n".encode())
        pasted = read_until(master, "买家消息>")
        os.write(master, "你好\n".encode())
        first = read_until(master, "买家消息>")
        os.write(master, "在吗\n".encode())
        second = read_until(master, "买家消息>")
        os.write(master, b"/quit\n")
        read_until(master, "再见")
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)
    assert pasted.count("意图：") == 1 and "买家：小红" in pasted
    assert first.count("意图：") == 1 and second.count("意图：") == 1
    with sqlite3.connect(tmp_path / "xiaoer.db") as db:
        texts = [row[0] for row in db.execute("select text from messages order by id")]
    assert texts == ["亲，这件衣服有M码吗\n能包邮吗", "你好", "在吗"]
