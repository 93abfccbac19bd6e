"""`xiaoer check`: JSON verdicts for one draft or a batch, errors in Chinese, exit code 0."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], input=stdin, capture_output=True,
                          cwd=ROOT, timeout=120)


def test_check_prints_findings_score_and_a_rewrite_that_passes():
    done = _cli("check", "提供一下收货电话。")
    assert done.returncode == 0
    verdict = json.loads(done.stdout)
    assert set(verdict) == {"text", "score", "findings", "rewrite"}
    assert [f["rule"] for f in verdict["findings"] if f["severity"] == "warning"] == ["imperative"]
    again = json.loads(_cli("check", verdict["rewrite"]).stdout)
    assert not [f for f in again["findings"] if f["severity"] == "warning"]
    assert again["score"] > verdict["score"]


def test_check_batch_reads_one_draft_per_line_and_reports_bad_lines():
    drafts = ["嗯嗯".encode(), b"", b"\xff\xfe", "亲，感谢您的耐心等待，已经为您加急处理啦～".encode()]
    done = _cli("check", "-", stdin=b"\n".join(drafts) + b"\n")
    assert done.returncode == 0
    out = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert len(out) == 4
    assert out[0]["findings"][0]["rule"] == "cold"
    assert out[1]["error"]["code"] == "empty" and out[2]["error"]["code"] == "bad_encoding"
    assert out[3]["score"] >= 90


def test_eval_checker_prints_every_rule():
    done = _cli("eval", "--checker")
    assert done.returncode == 0
    text = done.stdout.decode()
    for name in ("祈使句", "否定句", "冷淡", "服务禁语", "拒绝未致歉", "替买家做决定", "错别字", "误报率"):
        assert name in text
