"""The `xiaoer` entry point: every command is listed, and a command imports only what it needs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bot.cli import COMMANDS

ROOT = Path(__file__).resolve().parent.parent


def _python(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT, timeout=120, check=True)
    return done.stdout.decode()


def test_help_lists_every_command():
    done = subprocess.run([sys.executable, "-m", "bot.cli", "--help"], capture_output=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0
    for name in COMMANDS:
        assert name in done.stdout.decode()


def test_analyze_does_not_load_the_bot_or_the_database():
    _python("from bot.cli import main; main(['analyze', '预热'])")  # a cold model cache trains with scikit-learn
    out = _python(
        "import sys\n"
        "from bot.cli import main\n"
        "main(['analyze', '在吗'])\n"
        "print(sorted(m for m in ('bot.assist', 'aiogram', 'sqlalchemy', 'sklearn') if m in sys.modules))\n"
    )
    assert out.splitlines()[-1] == "[]"


def test_a_wrong_command_line_is_explained_in_chinese():
    done = subprocess.run([sys.executable, "-m", "bot.cli", "analyze"], capture_output=True, cwd=ROOT, timeout=60)
    assert done.returncode == 2
    assert "参数有误" in done.stderr.decode() and "Traceback" not in done.stderr.decode()
