"""Benchmark of `nlp.analyze` on one core: latency p50/p99, messages per second,
the ratio to a bare `jieba.lcut` of the same messages, and the cold start of
`xiaoer analyze TEXT` with a warm model cache.

Run: python benchmarks/analyze.py [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

import jieba


def _percentile(sorted_values: list[float], share: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(share * len(sorted_values)))]


def _messages() -> list[str]:
    from nlp.intent_training import load_corpus

    return [text for text, _ in load_corpus()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    from nlp import analyze

    messages = _messages()
    jieba.setLogLevel(60)
    jieba.initialize()
    for text in messages[:200]:
        analyze(text)
        jieba.lcut(text)

    # Analyze and jieba rounds alternate, so a load change on a shared machine hits both.
    latencies: list[float] = []
    analyze_seconds = jieba_seconds = 0.0
    for _ in range(args.rounds):
        started = time.perf_counter()
        for text in messages:
            t0 = time.perf_counter_ns()
            analyze(text)
            latencies.append((time.perf_counter_ns() - t0) / 1000)
        analyze_seconds += time.perf_counter() - started
        started = time.perf_counter()
        for text in messages:
            jieba.lcut(text)
        jieba_seconds += time.perf_counter() - started

    latencies.sort()
    count = len(latencies)
    mean_chars = statistics.mean(len(t) for t in messages)
    print(f"messages: {count} ({len(messages)} distinct, mean {mean_chars:.1f} characters), one core")
    print(f"analyze latency: p50 {_percentile(latencies, 0.50):.0f} µs, p99 {_percentile(latencies, 0.99):.0f} µs, "
          f"max {latencies[-1]:.0f} µs")
    print(f"throughput: {count / analyze_seconds:,.0f} messages/s")
    print(f"bare jieba.lcut: {count / jieba_seconds:,.0f} messages/s; "
          f"analyze / jieba time ratio: {analyze_seconds / jieba_seconds:.2f}")

    cold = []
    for _ in range(5):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "bot.cli", "analyze", "亲，这个能包邮吗"],
                       check=True, capture_output=True)
        cold.append(time.perf_counter() - t0)
    print(f"`xiaoer analyze TEXT` cold start (warm model cache): median {statistics.median(cold):.2f} s, "
          f"max {max(cold):.2f} s")


if __name__ == "__main__":
    main()
