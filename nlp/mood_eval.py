"""Evaluate `mood_of` on labelled messages: `python -m nlp.mood_eval FILE.tsv [--errors]`.

A file holds label<TAB>text lines (negative, neutral or positive; # starts a comment).
With `--neg FILE --pos FILE` it reads one review a line from two files instead.
The headline figure is balanced accuracy of "negative" against "not negative":
negatives must read negative, the rest must not.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from nlp.mood import mood_of
from nlp.mood_training import LABELS, parse_labelled
from nlp.normalize import normalize
from nlp.tokenize import words


def read_labelled(path: Path) -> list[tuple[str, str]]:
    """(label, text) pairs of a label<TAB>text file."""
    return [(label, text) for text, label in parse_labelled(path.read_text("utf-8"), str(path))]


def read_polar(neg: Path, pos: Path) -> list[tuple[str, str]]:
    """(label, text) pairs from one-review-a-line negative and positive files."""
    return [
        (label, line.strip())
        for label, path in (("negative", neg), ("positive", pos))
        for line in path.read_text("utf-8", errors="replace").splitlines()
        if line.strip()
    ]


def predict(text: str) -> str:
    """The mood label of a raw message, through the same normalisation as the engine."""
    normalized = normalize(text)
    return mood_of(normalized, words(normalized)).label


def balanced_accuracy(pairs: Iterable[tuple[str, str]]) -> float:
    """Mean of recall on negatives and of the not-negative rate on the rest, from (gold, predicted)."""
    hits: Counter[bool] = Counter()
    totals: Counter[bool] = Counter()
    for gold, predicted in pairs:
        is_negative = gold == "negative"
        totals[is_negative] += 1
        hits[is_negative] += (predicted == "negative") == is_negative
    rates = [hits[side] / totals[side] for side in (True, False) if totals[side]]
    return sum(rates) / len(rates) if rates else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description="Evaluate the mood scorer.")
    parser.add_argument("file", nargs="?", type=Path, help="label<TAB>text file")
    parser.add_argument("--neg", type=Path, help="one negative review a line")
    parser.add_argument("--pos", type=Path, help="one positive review a line")
    parser.add_argument("--errors", action="store_true", help="list the misread messages")
    args = parser.parse_args()
    if args.file is not None:
        data = read_labelled(args.file)
    elif args.neg is not None and args.pos is not None:
        data = read_polar(args.neg, args.pos)
    else:
        parser.error("give a labelled file, or --neg and --pos")
    results = [(gold, predict(text), text) for gold, text in data]
    confusion = Counter((gold, predicted) for gold, predicted, _ in results)
    print(f"messages: {len(results)}")
    print("gold \\ predicted: " + " ".join(f"{label:>9}" for label in LABELS))
    for gold in LABELS:
        print(f"{gold:>17}: " + " ".join(f"{confusion[gold, p]:>9}" for p in LABELS))
    exact = sum(gold == predicted for gold, predicted, _ in results) / max(len(results), 1)
    print(f"three-way accuracy: {exact:.3f}")
    print(f"balanced accuracy (negative vs not): {balanced_accuracy((g, p) for g, p, _ in results):.3f}")
    if args.errors:
        for gold, predicted, text in results:
            if (gold == "negative") != (predicted == "negative"):
                print(f"{gold}->{predicted}\t{text}")


if __name__ == "__main__":
    main()
