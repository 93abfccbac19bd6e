"""Shared test set-up: the intent model cache lives inside the checkout, so it is trained once per clone."""

import os
from pathlib import Path

os.environ.setdefault("XIAOER_CACHE_DIR", str(Path(__file__).resolve().parent.parent / ".pytest_cache" / "xiaoer-model"))
