"""Sentence-level evaluation of the typo checker (SIGHAN test sets, clean sentences, shop replies).

A sentence counts as detected when the checker reports a typo in it and it has
one; a correct sentence with a finding is a false positive.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path

from nlp.findings import Finding

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[3] / "shared" / "data" / "typos"  # shared/ beside the repository

Detector = Callable[[str], list[Finding]]


@dataclass(frozen=True, slots=True)
class DetectionScores:
    """Sentence-level detection figures."""

    sentences: int
    with_typo: int
    precision: float
    recall: float
    f1: float


@dataclass(frozen=True, slots=True)
class TypoReport:
    """All figures of one evaluation run."""

    sighan15: DetectionScores
    sighan14_dev: DetectionScores
    shop_typos: DetectionScores
    clean_false_alarm_rate: float
    shop_false_alarm_rate: float
    latency_p50_ms: float
    latency_p99_ms: float

    def to_dict(self) -> dict:
        return asdict(self)


def read_sighan_tsv(path: Path) -> list[tuple[str, str]]:
    """`wrong<TAB>correct` pairs (SIGHAN-15 format)."""
    lines = path.read_text("utf-8").splitlines()
    return [tuple(line.split("\t")[:2]) for line in lines if "\t" in line]


def read_sighan_json(path: Path) -> list[tuple[str, str]]:
    """`{original_text, correct_text}` pairs (SIGHAN-14 format)."""
    return [(item["original_text"], item["correct_text"]) for item in json.loads(path.read_text("utf-8"))]


def read_lines(path: Path) -> list[str]:
    """Non-empty lines that are not comments."""
    return [line.strip() for line in path.read_text("utf-8").splitlines() if line.strip() and not line.startswith("#")]


def _shipped_lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of a file under `nlp/data/typos/`."""
    raw = resources.files("nlp").joinpath(f"data/typos/{name}").read_text("utf-8")
    return [line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#")]


def shop_replies() -> list[str]:
    """The project's correct customer-service replies."""
    return _shipped_lines("shop_replies.txt")


def shop_typo_pairs() -> list[tuple[str, str]]:
    """The project's customer-service replies with and without typos, as (written, correct) pairs."""
    return [tuple(line.split("\t")[:2]) for line in _shipped_lines("shop_typos.tsv")]


def detection_scores(detect: Detector, pairs: Iterable[tuple[str, str]]) -> DetectionScores:
    """Sentence-level precision, recall and F1 of `detect` on (wrong, correct) pairs."""
    true_pos = false_pos = positives = total = 0
    for wrong, correct in pairs:
        total += 1
        has_typo = wrong != correct
        positives += has_typo
        if detect(wrong):
            true_pos += has_typo
            false_pos += not has_typo
    precision = true_pos / (true_pos + false_pos) if true_pos + false_pos else 0.0
    recall = true_pos / positives if positives else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return DetectionScores(total, positives, round(precision, 4), round(recall, 4), round(f1, 4))


def false_alarm_rate(detect: Detector, sentences: list[str]) -> float:
    """Share of correct sentences that get any finding."""
    return round(sum(1 for s in sentences if detect(s)) / len(sentences), 4) if sentences else 0.0


def latency_ms(detect: Detector, texts: list[str]) -> tuple[float, float]:
    """p50 and p99 latency of `detect` in milliseconds over `texts`."""
    timings = []
    for text in texts:
        started = time.perf_counter()
        detect(text)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return round(timings[len(timings) // 2], 3), round(timings[min(len(timings) - 1, int(len(timings) * 0.99))], 3)


def evaluate(data_dir: Path = DEFAULT_DATA_DIR, detect: Detector | None = None) -> TypoReport:
    """Measure the checker on SIGHAN-15 test, SIGHAN-14 (the tuning set), the shop typo pairs, the clean
    sentences and the correct shop replies.

    `data_dir` holds `sighan15_test.tsv`, `sighan14_test.json` and `clean_sentences.txt`;
    `detect` defaults to `find_typos`.
    Latency is measured on 50-character slices of the SIGHAN sentences after the model is loaded.
    """
    if detect is None:
        from nlp.typos import find_typos

        detect = find_typos
    detect("")  # load once, outside the timings
    detect("预热")
    sighan = read_sighan_tsv(data_dir / "sighan15_test.tsv")
    clean = read_lines(data_dir / "clean_sentences.txt")
    p50, p99 = latency_ms(detect, [wrong[:50] for wrong, _ in sighan])
    return TypoReport(
        sighan15=detection_scores(detect, sighan),
        sighan14_dev=detection_scores(detect, read_sighan_json(data_dir / "sighan14_test.json")),
        shop_typos=detection_scores(detect, shop_typo_pairs()),
        clean_false_alarm_rate=false_alarm_rate(detect, clean),
        shop_false_alarm_rate=false_alarm_rate(detect, shop_replies()),
        latency_p50_ms=p50,
        latency_p99_ms=p99,
    )
