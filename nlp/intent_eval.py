"""Measuring the intent classifier: on the corpus' held-out split and on independent files.

An independent file holds `intents<TAB>text` lines, where `intents` is one
intent key or two separated by `|` (a message with two acceptable intents, the
main one first); see nlp/data/intent_eval/README.md. These files are for
measurement only. `python -m nlp.intent_eval FILE.tsv...` prints their figures.

Scoring: the top intent is correct when it is any acceptable intent of the
line. For per-intent figures a correct line counts as a hit of the predicted
intent; a wrong one as a miss of its main intent and a false alarm of the
predicted one.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from nlp.intents import INTENTS, NEEDS_HUMAN_BELOW
from nlp.linear_model import LinearTextModel
from nlp.linear_training import message_features
from nlp.texts import INTENT_EVAL_ERRORS

Labelled = tuple[tuple[str, ...], str]  # (acceptable intents, main first; text)
INDEPENDENT_FILES = ("taobao_style.tsv", "service_logs_style.tsv", "blind_logs_jd.tsv", "blind_logs_taobao.tsv")


@dataclass(frozen=True)
class Evaluation:
    """Accuracy, macro-F1, per-intent figures and the confusion matrix of one labelled set."""

    size: int
    accuracy: float
    macro_f1: float  # over the intents present in the set
    per_intent: dict[str, dict[str, float]]  # intent -> precision, recall, f1, support
    confusion: list[list[int]]  # rows: gold intent, columns: predicted intent (order of INTENTS)
    needs_human_share: float  # share of messages below the confidence floor
    confident_accuracy: float  # accuracy on the others


def read_independent(path: Path) -> list[Labelled]:
    """(acceptable intents, text) of every line; ValueError with a Chinese message on bad input."""
    try:
        lines = Path(path).read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(INTENT_EVAL_ERRORS["unreadable"].format(path=path)) from error
    rows: list[Labelled] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        keys, tab, text = line.partition("\t")
        intents = tuple(keys.split("|"))
        if not tab or not text.strip() or len(intents) > 2 or not set(intents) <= set(INTENTS):
            raise ValueError(INTENT_EVAL_ERRORS["bad_line"].format(path=path, number=number))
        rows.append((intents, text.strip()))
    if not rows:
        raise ValueError(INTENT_EVAL_ERRORS["empty"].format(path=path))
    return rows


def independent_files() -> list[Path]:
    """The shipped independent evaluation files."""
    root = resources.files("nlp").joinpath("data/intent_eval")
    return [Path(str(root.joinpath(name))) for name in INDEPENDENT_FILES]


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


def evaluate_rows(model: LinearTextModel, rows: Sequence[Labelled]) -> Evaluation:
    """Score a model's top intent on labelled rows."""
    pairs: list[tuple[str, str]] = []
    confident: list[bool] = []
    for acceptable, text in rows:
        proba = model.predict_proba(message_features(text))
        best = int(np.argmax(proba))
        pair = scored_pair(acceptable, model.classes[best])
        pairs.append(pair)
        if proba[best] >= NEEDS_HUMAN_BELOW:
            confident.append(pair[0] == pair[1])
    per_intent = per_intent_scores(pairs)
    present = [intent for intent in INTENTS if per_intent[intent]["support"]]
    position = {intent: i for i, intent in enumerate(INTENTS)}
    confusion = [[0] * len(INTENTS) for _ in INTENTS]
    for gold, predicted in pairs:
        confusion[position[gold]][position[predicted]] += 1
    size = len(pairs)
    return Evaluation(
        size=size,
        accuracy=sum(gold == predicted for gold, predicted in pairs) / size if size else 0.0,
        macro_f1=sum(per_intent[i]["f1"] for i in present) / len(present) if present else 0.0,
        per_intent=per_intent,
        confusion=confusion,
        needs_human_share=1 - len(confident) / size if size else 0.0,
        confident_accuracy=sum(confident) / len(confident) if confident else 0.0,
    )


def evaluate_held_out() -> tuple[int, Evaluation]:
    """Train on the corpus' training split and score the held-out split: (training size, figures)."""
    from nlp.intent_training import MIN_DF, load_corpus, split
    from nlp.linear_training import export, fit_estimator

    train_set, held_out = split(load_corpus())
    model = export(fit_estimator(train_set, min_df=MIN_DF), "evaluation")
    return len(train_set), evaluate_rows(model, [((intent,), text) for text, intent in held_out])


def evaluate_independent(path: Path | str) -> Evaluation:
    """Score the served model on an independent labelled file."""
    from nlp.model_store import intent_store

    return evaluate_rows(intent_store.get(), read_independent(Path(path)))


def main() -> None:
    parser = argparse.ArgumentParser(description="Measure the intent model on independent labelled files.")
    parser.add_argument("files", nargs="+", type=Path, help="intents<TAB>text files")
    args = parser.parse_args()
    for path in args.files:
        try:
            result = evaluate_independent(path)
        except ValueError as error:
            parser.exit(2, f"{error}\n")
        print(f"{path}: {result.size} messages, accuracy {result.accuracy:.3f}, macro-F1 {result.macro_f1:.3f}")
        for intent, s in result.per_intent.items():
            print(f"  {intent:<14} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  n {s['support']}")


if __name__ == "__main__":
    main()
