"""Shared test set-up: the model cache inside the checkout (trained once per clone) and the fake Bot API server."""

import os
from pathlib import Path

import pytest

os.environ.setdefault("XIAOER_CACHE_DIR", str(Path(__file__).resolve().parent.parent / ".pytest_cache" / "xiaoer-model"))


@pytest.fixture(scope="module")
def telegram():
    """A fake Telegram Bot API server on loopback, shared by the tests of one module."""
    from fake_telegram import FakeTelegram

    server = FakeTelegram().start()
    yield server
    server.stop()
