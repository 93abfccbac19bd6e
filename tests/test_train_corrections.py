"""`xiaoer train` learns from the intents agents corrected with "not this intent"."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bot.assist import AssistService
from knowledge.corrections import intent_corrections
from knowledge.db import session_factory

pytest_plugins = ("knowledge_db",)  # the `engine` and `url` fixtures

ROOT = Path(__file__).resolve().parent.parent


async def test_corrections_are_read_back_and_fed_to_training(engine, url, tmp_path):
    sessions = session_factory(engine)
    service = AssistService(sessions)
    wrong = await service.assist("这个月的工资发了没")
    right = await service.assist("能便宜点吗")
    await service.correct_intent(wrong.message_id, "other")
    assert await intent_corrections(sessions) == [("这个月的工资发了没", "other")]
    assert right.message_id != wrong.message_id

    env = {**os.environ, "DATABASE_URL": url, "XIAOER_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-m", "bot.cli", "train"], capture_output=True, cwd=ROOT, env=env,
                          timeout=300)
    assert done.returncode == 0, done.stderr.decode()
    assert "含客服纠正 1 条" in done.stdout.decode()
    assert (tmp_path / "cache" / "intent-model.npz").is_file()
