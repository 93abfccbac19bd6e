"""Benchmark the typo checker: SIGHAN-15 detection, false alarms, latency.

    python benchmarks/typos.py [--data /work/shared/data/typos] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nlp.typos.evaluation import DEFAULT_DATA_DIR, DetectionScores, evaluate


def _line(name: str, scores: DetectionScores) -> str:
    return (
        f"{name}: {scores.sentences} sentences ({scores.with_typo} with typos)  "
        f"P={scores.precision:.3f} R={scores.recall:.3f} F1={scores.f1:.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="folder with the SIGHAN and clean files")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    report = evaluate(args.data)
    if args.json:
        print(json.dumps(report.to_dict(), indent=2))
        return
    print(_line("SIGHAN-15 test (measure)", report.sighan15))
    print(_line("SIGHAN-14 (tuning set)", report.sighan14_dev))
    print(_line("shop replies with typos (own)", report.shop_typos))
    print(f"clean sentences false-alarm rate: {report.clean_false_alarm_rate:.2%}")
    print(f"shop replies false-alarm rate: {report.shop_false_alarm_rate:.2%}")
    print(f"latency per 50-char text: p50={report.latency_p50_ms:.2f} ms p99={report.latency_p99_ms:.2f} ms")


if __name__ == "__main__":
    main()
