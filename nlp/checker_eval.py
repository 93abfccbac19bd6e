"""Evaluating the reply checker on the labelled replies in nlp/data/checker/."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from nlp.checker import check_reply

WARNING_RULES = ("imperative", "negative", "cold", "forbidden_phrase", "refusal_without_apology", "pushy", "typo")
SPLIT_FILES = {"tuning": "replies.tsv", "heldout": "replies_heldout.tsv", "fresh": "replies_fresh.tsv",
               "fresh2": "replies_fresh2.tsv", "fresh3": "replies_fresh3.tsv",
               "fresh4": "replies_fresh4.tsv", "fresh5": "replies_fresh5.tsv",
               "fresh6": "replies_fresh6.tsv", "fresh7": "replies_fresh7.tsv", "own5": "replies_own5.tsv",
               "train_a": "train_a.tsv", "fresh8": "replies_fresh8.tsv", "fresh9": "replies_fresh9.tsv",
               "fresh10": "replies_fresh10.tsv", "fresh11": "replies_fresh11.tsv",
               "fresh12": "replies_fresh12.tsv", "fresh13": "replies_fresh13.tsv",
               "fresh14": "replies_fresh14.tsv", "fresh15": "replies_fresh15.tsv",
               "fresh16": "replies_fresh16.tsv"}


@dataclass(frozen=True, slots=True)
class RuleScore:
    """Precision and recall of one warning rule over a labelled set."""

    rule: str
    support: int
    precision: float
    recall: float


@dataclass(frozen=True, slots=True)
class CheckerEvaluation:
    """Per-rule scores and the share of good replies that got at least one warning."""

    replies: int
    good_replies: int
    false_alarm_rate: float
    rules: tuple[RuleScore, ...]

    def to_dict(self) -> dict:
        return {
            "replies": self.replies,
            "good_replies": self.good_replies,
            "false_alarm_rate": round(self.false_alarm_rate, 4),
            "rules": {
                r.rule: {"support": r.support, "precision": round(r.precision, 4), "recall": round(r.recall, 4)}
                for r in self.rules
            },
        }


def labelled_replies(split: str = "tuning") -> list[tuple[str, frozenset[str]]]:
    """`(reply, warning rules that should fire)` pairs of a split: a key of SPLIT_FILES."""
    raw = resources.files("nlp").joinpath(f"data/checker/{SPLIT_FILES[split]}").read_text("utf-8")
    pairs = []
    for line in raw.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, _, rules = line.partition("\t")
        pairs.append((text, frozenset(filter(None, rules.strip().split(",")))))
    return pairs


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def evaluate_checker(examples: Iterable[tuple[str, frozenset[str]]] | None = None) -> CheckerEvaluation:
    """Per-rule precision/recall and the false-alarm rate on good replies (default: the held-out split)."""
    examples = list(examples) if examples is not None else labelled_replies("heldout")
    counts = {rule: [0, 0, 0] for rule in WARNING_RULES}  # true positives, predicted, gold
    good = false_alarms = 0
    for text, gold in examples:
        predicted = {f.rule for f in check_reply(text).warnings}
        for rule in WARNING_RULES:
            counts[rule][0] += rule in predicted and rule in gold
            counts[rule][1] += rule in predicted
            counts[rule][2] += rule in gold
        if not gold:
            good += 1
            false_alarms += bool(predicted)
    rules = tuple(
        RuleScore(rule, gold_count, _ratio(hits, predicted_count), _ratio(hits, gold_count))
        for rule, (hits, predicted_count, gold_count) in counts.items()
    )
    return CheckerEvaluation(len(examples), good, _ratio(false_alarms, good), rules)
