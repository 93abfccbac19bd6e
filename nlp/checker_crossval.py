"""Leave-one-set-out evaluation of the learned checker, and the choice of its per-rule thresholds.

Each labelled split was written by a different author or round, so holding a whole split out measures what
the model brings to a writer it has never read. For every split: train on all the others, score its replies,
then compare the rules alone with the rules plus the model. Thresholds are chosen greedily on those held-out
scores (best recall gain per false alarm first) while the combined false-alarm rate on good replies, averaged
over the held-out splits, stays within budget and the model's added warnings are mostly right.

    python -m nlp.checker_crossval            # the table with the shipped thresholds
    python -m nlp.checker_crossval --choose   # also choose thresholds afresh
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from nlp.checker.check import rule_warnings
from nlp.checker.learned import THRESHOLDS, open_scores
from nlp.checker.resources import matching_form
from nlp.checker_eval import SPLIT_FILES, WARNING_RULES, labelled_replies
from nlp.checker_training import LEARNED_RULES, fit, training_replies
from nlp.normalize import MAX_ANALYSED_CHARS
from nlp.typos import find_typos

# 0.98 … 0.70: the shipped model, trained on one split more than each held-out one, is surer of itself,
# so a threshold keeps a margin above an even chance.
GRID = tuple(round(0.98 - 0.04 * step, 2) for step in range(8))
FALSE_ALARM_BUDGET = 0.05
MAX_PRECISION_LOSS = 0.05  # a rule's precision, averaged over the held-out splits, may drop this much at most

Thresholds = dict[str, float]


@dataclass(frozen=True, slots=True)
class HeldOutReply:
    """One reply of a held-out split: its gold rules, what the rules found, and the model's probabilities."""

    gold: frozenset[str]
    found: frozenset[str]
    probability: dict[str, float]

    def predicted(self, thresholds: Thresholds) -> frozenset[str]:
        return self.found | {r for r, t in thresholds.items() if r not in self.found and self.probability[r] >= t}


@dataclass(frozen=True, slots=True)
class SplitFigures:
    """Per-rule recall and precision and the false-alarm rate of one split under some thresholds."""

    recall: dict[str, float | None]
    precision: dict[str, float | None]
    hits: dict[str, int]
    predicted: dict[str, int]
    false_alarm: float


def held_out(split: str) -> list[HeldOutReply]:
    """Scores of `split`'s replies by the rules and by a model trained on every other split."""
    model = fit(training_replies(s for s in SPLIT_FILES if s != split))
    replies = []
    for text, gold in labelled_replies(split):
        analysed = text[:MAX_ANALYSED_CHARS]
        form = matching_form(analysed)
        warnings = rule_warnings(analysed, form)
        scores = open_scores(model, form, warnings) if form.strip() else {}
        probability = {rule: scores[rule].probability if rule in scores else 0.0 for rule in LEARNED_RULES}
        found = frozenset(f.rule for f in warnings + find_typos(analysed))
        replies.append(HeldOutReply(gold, found, probability))
    return replies


def figures(replies: list[HeldOutReply], thresholds: Thresholds) -> SplitFigures:
    hits = dict.fromkeys(WARNING_RULES, 0)
    predicted_count = dict.fromkeys(WARNING_RULES, 0)
    gold_count = dict.fromkeys(WARNING_RULES, 0)
    good = alarms = 0
    for reply in replies:
        predicted = reply.predicted(thresholds)
        for rule in WARNING_RULES:
            hits[rule] += rule in predicted and rule in reply.gold
            predicted_count[rule] += rule in predicted
            gold_count[rule] += rule in reply.gold
        if not reply.gold:
            good += 1
            alarms += bool(predicted)
    return SplitFigures(
        recall={r: hits[r] / gold_count[r] if gold_count[r] else None for r in WARNING_RULES},
        precision={r: hits[r] / predicted_count[r] if predicted_count[r] else None for r in WARNING_RULES},
        hits=hits, predicted=predicted_count, false_alarm=alarms / good if good else 0.0,
    )


def _mean(values) -> float:
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else 0.0


@dataclass(frozen=True, slots=True)
class Averaged:
    """Each rule's recall and precision and the false-alarm rate, averaged over the held-out splits."""

    recall: dict[str, float]
    precision: dict[str, float]
    false_alarm: float


def averaged(folds: dict[str, list[HeldOutReply]], thresholds: Thresholds) -> Averaged:
    per_split = [figures(replies, thresholds) for replies in folds.values()]
    return Averaged(
        recall={r: _mean(f.recall[r] for f in per_split) for r in WARNING_RULES},
        precision={r: _mean(f.precision[r] for f in per_split) for r in WARNING_RULES},
        false_alarm=_mean(f.false_alarm for f in per_split),
    )


def choose_thresholds(folds: dict[str, list[HeldOutReply]], budget: float = FALSE_ALARM_BUDGET) -> Thresholds:
    """Greedy: repeatedly lower the one rule's threshold that buys the most mean recall per mean false alarm,
    keeping the mean false-alarm rate within `budget` and each rule's mean precision near the rules' own."""
    alone = averaged(folds, {})
    thresholds: Thresholds = {}
    while True:
        current = averaged(folds, thresholds)
        best, best_ratio = None, 0.0
        for rule in LEARNED_RULES:
            for value in GRID:
                if value >= thresholds.get(rule, 1.0):
                    continue
                trial = averaged(folds, thresholds | {rule: value})
                gain = trial.recall[rule] - current.recall[rule]
                if (gain <= 0 or trial.false_alarm > budget
                        or trial.precision[rule] < alone.precision[rule] - MAX_PRECISION_LOSS):
                    continue
                ratio = gain / max(trial.false_alarm - current.false_alarm, 1e-3)
                if ratio > best_ratio:
                    best, best_ratio = thresholds | {rule: value}, ratio
        if best is None:
            return thresholds
        thresholds = best


def _cell(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.2f}"


def print_table(folds: dict[str, list[HeldOutReply]], thresholds: Thresholds) -> None:
    """Per held-out split and averaged: recall per rule, false alarms, rules alone vs rules + model."""
    short = {r: r[:7] for r in WARNING_RULES}
    print(f"thresholds: {thresholds or 'none'}")
    print(f"{'split':9}{'':12}" + "".join(f"{short[r]:>9}" for r in WARNING_RULES) + "   FA")
    for label, chosen in (("rules", {}), ("+model", thresholds)):
        for split, replies in folds.items():
            f = figures(replies, chosen)
            print(f"{split:9}{label + ' R':12}" + "".join(f"{_cell(f.recall[r]):>9}" for r in WARNING_RULES)
                  + f"  {f.false_alarm:.3f}")
        mean = averaged(folds, chosen)
        print(f"{'MEAN':9}{label + ' R':12}" + "".join(f"{mean.recall[r]:9.2f}" for r in WARNING_RULES)
              + f"  {mean.false_alarm:.3f}")
        print(f"{'MEAN':9}{label + ' P':12}" + "".join(f"{mean.precision[r]:9.2f}" for r in WARNING_RULES))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--choose", action="store_true", help="choose the thresholds afresh and print them")
    args = parser.parse_args()
    folds = {split: held_out(split) for split in SPLIT_FILES}
    thresholds = choose_thresholds(folds) if args.choose else THRESHOLDS
    print_table(folds, thresholds)


if __name__ == "__main__":
    main()
