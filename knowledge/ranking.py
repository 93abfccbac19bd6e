"""Ranking reply templates for an analysed message and a buyer tier.

score = 0.55·intent fit + 0.20·tier fit + 0.15·similarity + 0.10·usage, where
- intent fit is the analysis's probability of the template's intent, relative to the top intent;
- tier fit is 1 for a template written for the buyer's tier, 0.5 for a generic one;
  templates written only for other tiers are left out, and so are concession-ladder
  texts other than the step the conversation has reached;
- similarity is the cosine of TF-IDF vectors over jieba words of title, tags and text;
- usage is how often agents used the template for messages of that intent (log-scaled).
"""

from __future__ import annotations

import heapq
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from knowledge.concessions import Concession
from knowledge.texts import CONCESSION_NAMES, REASONS, TIER_NAMES
from nlp.intents import intent_name
from nlp.normalize import normalize
from nlp.tokenize import words

WEIGHTS = {"intent": 0.55, "tier": 0.20, "similarity": 0.15, "usage": 0.10}
GENERIC_TIER_FIT = 0.5
MIN_SIMILARITY_REASON = 0.05

_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def tokens(text: str) -> list[str]:
    """Words of a text for similarity: normalised, segmented, punctuation dropped."""
    return [
        w
        for w in words(normalize(_PLACEHOLDER.sub(" ", text)))
        if not all(unicodedata.category(c)[0] in "PSZ" for c in w)
    ]


class TfidfIndex:
    """TF-IDF vectors (sublinear tf, smoothed idf, L2-normalised) for a fixed set of documents.

    Kept as an inverted index (word → documents and weights), so a query costs its own words'
    postings, not a pass over every document.
    """

    def fit(self, documents: Sequence[Sequence[str]]) -> TfidfIndex:
        df = Counter(word for doc in documents for word in set(doc))
        n = len(documents)
        self.idf = {word: math.log((1 + n) / (1 + count)) + 1 for word, count in df.items()}
        self.size = n
        self.postings: dict[str, list[tuple[int, float]]] = {}
        for index, doc in enumerate(documents):
            for word, weight in self.transform(doc).items():
                self.postings.setdefault(word, []).append((index, weight))
        return self

    def transform(self, document: Sequence[str]) -> dict[str, float]:
        counts = Counter(w for w in document if w in self.idf)
        vector = {w: (1 + math.log(c)) * self.idf[w] for w, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vector.values()))
        return {w: v / norm for w, v in vector.items()} if norm else {}

    def similarities(self, document: Sequence[str]) -> list[float]:
        """The cosine of the document with each indexed document, in index order."""
        scores = [0.0] * self.size
        for word, weight in self.transform(document).items():
            for index, indexed_weight in self.postings[word]:
                scores[index] += weight * indexed_weight
        return scores


@dataclass(frozen=True, slots=True)
class Candidate:
    """What ranking needs to know about a live template."""

    template_id: int
    intent: str
    tiers: tuple[str, ...]
    tags: tuple[str, ...]
    title: str
    text: str


@dataclass(frozen=True, slots=True)
class Ranked:
    template_id: int
    score: float
    reasons: tuple[str, ...]


class TemplateRanker:
    """Ranks a fixed set of candidates; fit once when templates load, then milliseconds per message."""

    def fit(self, candidates: Sequence[Candidate]) -> TemplateRanker:
        self.candidates = list(candidates)
        self.ladder_tags = [_ladder_tag(c) for c in self.candidates]
        self.index = TfidfIndex().fit([tokens(" ".join((c.title, *c.tags, c.text))) for c in self.candidates])
        return self

    def rank(
        self,
        intents: Mapping[str, float],
        message: str,
        tier: str,
        concession: Concession | None = None,
        usage: Mapping[int, int] | None = None,
        k: int = 3,
    ) -> list[Ranked]:
        """The top `k` candidates for a message with intent probabilities `intents`, for a buyer tier."""
        usage = usage or {}
        top = max(intents.values(), default=0.0) or 1.0
        most_used = max(usage.values(), default=0)
        similarities = self.index.similarities(tokens(message))
        scored = []
        for candidate, ladder, similarity in zip(self.candidates, self.ladder_tags, similarities):
            tier_fit = _tier_fit(candidate, ladder, tier, concession)
            if tier_fit is None:
                continue
            intent_fit = intents.get(candidate.intent, 0.0) / top
            used = usage.get(candidate.template_id, 0)
            usage_fit = math.log1p(used) / math.log1p(most_used) if most_used else 0.0
            score = (
                WEIGHTS["intent"] * intent_fit
                + WEIGHTS["tier"] * tier_fit
                + WEIGHTS["similarity"] * similarity
                + WEIGHTS["usage"] * usage_fit
            )
            scored.append((-round(score, 4), candidate.template_id, candidate, intent_fit, tier_fit, similarity, used))
        return [  # reasons only for the few that are shown
            Ranked(template_id, -score, _reasons(candidate, intent_fit, tier, tier_fit, similarity, used, concession))
            for score, template_id, candidate, intent_fit, tier_fit, similarity, used in heapq.nsmallest(
                k, scored, key=lambda row: row[:2]
            )
        ]


def _ladder_tag(candidate: Candidate) -> str | None:
    return next((t for t in candidate.tags if t.startswith("ladder:")), None)


def _tier_fit(candidate: Candidate, ladder: str | None, tier: str, concession: Concession | None) -> float | None:
    """1 for the buyer's own tier, 0.5 for generic, None when the template is not for this buyer now.

    `ladder` is the candidate's concession-ladder tag, if it has one.
    """
    if ladder is not None and (concession is None or ladder != concession.tag):
        return None
    if not candidate.tiers:
        return GENERIC_TIER_FIT
    return 1.0 if tier in candidate.tiers else None


def _reasons(
    candidate: Candidate,
    intent_fit: float,
    tier: str,
    tier_fit: float,
    similarity: float,
    used: int,
    concession: Concession | None,
) -> tuple[str, ...]:
    reasons = []
    if intent_fit > 0:
        reasons.append(REASONS["intent"].format(intent=intent_name(candidate.intent), fit=intent_fit))
    reasons.append(REASONS["tier"].format(tier=TIER_NAMES[tier]) if tier_fit == 1.0 else REASONS["tier_generic"])
    if concession is not None and _ladder_tag(candidate) == concession.tag:
        reasons.append(REASONS["concession"].format(step=concession.step, concession=CONCESSION_NAMES[concession.kind]))
    if similarity >= MIN_SIMILARITY_REASON:
        reasons.append(REASONS["similarity"].format(value=similarity))
    if used:
        reasons.append(REASONS["usage"].format(count=used))
    return tuple(reasons)
