"""Measure the served intent model on an independent labelled file: `python -m nlp.intent_eval FILE.tsv...`.

A file holds `intents<TAB>text` lines, where `intents` is one intent key or two
separated by `|` (a message with two acceptable intents, the main one first);
see nlp/data/intent_eval/README.md. These files are for measurement only.

Scoring: the top intent is correct when it is any acceptable intent of the
line. For per-intent figures a correct line counts as a hit of the predicted
intent; a wrong one as a miss of its main intent and a false alarm of the
predicted one.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from nlp.intents import INTENTS
from nlp.linear_training import message_features
from nlp.model_store import intent_store
from nlp.texts import INTENT_EVAL_ERRORS

Labelled = tuple[tuple[str, ...], str]  # (acceptable intents, main first; text)


def read_independent(path: Path) -> list[Labelled]:
    """(acceptable intents, text) of every line; ValueError with a Chinese message on bad input."""
    try:
        lines = Path(path).read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(INTENT_EVAL_ERRORS["unreadable"].format(path=path)) from error
    rows: list[Labelled] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        keys, tab, text = line.partition("\t")
        intents = tuple(keys.split("|"))
        if not tab or not text.strip() or len(intents) > 2 or not set(intents) <= set(INTENTS):
            raise ValueError(INTENT_EVAL_ERRORS["bad_line"].format(path=path, number=number))
        rows.append((intents, text.strip()))
    if not rows:
        raise ValueError(INTENT_EVAL_ERRORS["empty"].format(path=path))
    return rows


def scored_pair(acceptable: tuple[str, ...], predicted: str) -> tuple[str, str]:
    """(gold, predicted) for the per-intent counts: the prediction itself if acceptable, else the main intent."""
    return (predicted if predicted in acceptable else acceptable[0]), predicted


def per_intent_scores(pairs: Iterable[tuple[str, str]]) -> dict[str, dict[str, float]]:
    """Precision, recall, F1 and support of every intent from (gold, predicted) pairs."""
    pairs = list(pairs)
    scores: dict[str, dict[str, float]] = {}
    for intent in INTENTS:
        hits = sum(gold == predicted == intent for gold, predicted in pairs)
        support = sum(gold == intent for gold, _ in pairs)
        predicted_total = sum(predicted == intent for _, predicted in pairs)
        precision = hits / predicted_total if predicted_total else 0.0
        recall = hits / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores[intent] = {"precision": precision, "recall": recall, "f1": f1, "support": support}
    return scores


def predict_intent(text: str) -> str:
    """Top intent of a raw message by the served model."""
    model = intent_store.get()
    return model.classes[int(np.argmax(model.predict_proba(message_features(text))))]


def evaluate_independent(path: Path | str) -> dict:
    """Accuracy, macro-F1 (over intents present in the file) and per-intent precision/recall/F1 of a file."""
    rows = read_independent(Path(path))
    pairs = [scored_pair(acceptable, predict_intent(text)) for acceptable, text in rows]
    per_intent = per_intent_scores(pairs)
    present = [intent for intent in INTENTS if per_intent[intent]["support"]]
    return {
        "size": len(rows),
        "accuracy": sum(gold == predicted for gold, predicted in pairs) / len(pairs),
        "macro_f1": sum(per_intent[intent]["f1"] for intent in present) / len(present),
        "per_intent": per_intent,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="Measure the intent model on independent labelled files.")
    parser.add_argument("files", nargs="+", type=Path, help="intents<TAB>text files")
    args = parser.parse_args()
    for path in args.files:
        try:
            result = evaluate_independent(path)
        except ValueError as error:
            parser.exit(2, f"{error}\n")
        print(
            f"{path}: {result['size']} messages, accuracy {result['accuracy']:.3f}, macro-F1 {result['macro_f1']:.3f}"
        )
        for intent, s in result["per_intent"].items():
            print(f"  {intent:<14} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  n {s['support']}")


if __name__ == "__main__":
    main()
