"""Turn the assist service's results into text: HTML for Telegram, plain text for the terminal.

One renderer, two formats: every function takes a `Markup` that says how to escape and
emphasise, so the card reads the same in the bot and in `xiaoer chat`.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot import texts
from bot.assist import BuyerProfile, Card
from knowledge.texts import BUYER_EVENT_NAMES, TIER_NAMES
from nlp.findings import ReplyCheck
from nlp.texts import INTENT_NAMES, MOOD_NAMES, RISK_LEVEL_NAMES, RISK_SIGNAL_NAMES, RULE_NAMES

TELEGRAM_MESSAGE_LIMIT = 4096


@dataclass(frozen=True, slots=True)
class Markup:
    """How a format escapes untrusted text and marks emphasis."""

    html: bool

    def escape(self, text: str) -> str:
        return html.escape(text, quote=False) if self.html else text

    def bold(self, text: str) -> str:
        return f"<b>{text}</b>" if self.html else text

    def plain(self, text: str) -> str:
        """Our own text, which may carry HTML tags: kept for Telegram, stripped for the terminal."""
        return text if self.html else text.replace("<b>", "").replace("</b>", "")


HTML = Markup(html=True)
PLAIN = Markup(html=False)


def suggestion_lines(suggestions: Sequence[str], first_number: int, markup: Markup) -> list[str]:
    """Numbered suggestions, buyer-facing text escaped."""
    return [
        f"{markup.bold(f'{number}.')} {markup.escape(text)}" for number, text in enumerate(suggestions, first_number)
    ]


def risk_warning(card: Card) -> str | None:
    """The ⚠ line for a high-risk message or a black-tier buyer, else None."""
    black = card.buyer is not None and card.buyer.tier == "black"
    high = card.analysis.risk.level == "high"
    if not (black or high):
        return None
    reasons = [texts.CARD_BLACK_TIER] if black else []
    if high:
        reasons += [RISK_SIGNAL_NAMES[signal] for signal in card.analysis.risk.signals] or [RISK_LEVEL_NAMES["high"]]
    return texts.CARD_HIGH_RISK.format(reason="、".join(reasons))


def render_card(card: Card, shown: int, markup: Markup) -> str:
    """The answer card: intent, mood, buyer and tier, risk, and the first `shown` suggestions."""
    analysis = card.analysis
    intent = texts.CARD_INTENT.format(intent=INTENT_NAMES[analysis.intent], confidence=analysis.confidence)
    if analysis.needs_human:
        intent += texts.CARD_NEEDS_HUMAN
    lines = [markup.bold(intent), texts.CARD_MOOD.format(mood=MOOD_NAMES[analysis.mood.label])]
    if card.buyer is None:
        lines.append(texts.CARD_NO_BUYER)
    else:
        lines.append(
            texts.CARD_BUYER.format(nickname=markup.escape(card.buyer.nickname), tier=TIER_NAMES[card.buyer.tier])
        )
    signals = "、".join(RISK_SIGNAL_NAMES[signal] for signal in analysis.risk.signals)
    lines.append(
        texts.CARD_RISK.format(level=RISK_LEVEL_NAMES[analysis.risk.level], signals=f"（{signals}）" if signals else "")
    )
    if warning := risk_warning(card):
        lines.append(markup.bold(warning))
    lines.append("")
    suggestions = [s.text for s in card.suggestions[:shown]]
    if suggestions:
        lines.append(texts.CARD_SUGGESTIONS)
        lines += suggestion_lines(suggestions, 1, markup)
    else:
        lines.append(texts.CARD_NO_SUGGESTIONS)
    return "\n".join(lines)


def render_check(check: ReplyCheck, markup: Markup) -> str:
    """The checker's verdict: score, each finding by rule name with its span and fix, the rewrite."""
    lines = [markup.plain(texts.CHECK_SCORE.format(score=check.score))]
    warnings = [finding for finding in check.findings if finding.severity == "warning"]
    if not warnings:
        lines.append(texts.CHECK_CLEAN)
    for index, finding in enumerate(warnings, 1):
        lines.append(
            texts.CHECK_FINDING.format(
                index=index,
                rule=markup.bold(RULE_NAMES.get(finding.rule, finding.rule)),
                span=markup.escape(check.text[finding.start : finding.end]),
                message=markup.escape(finding.message),
            )
        )
        if finding.suggestion:
            lines.append(texts.CHECK_FINDING_FIX.format(suggestion=markup.escape(finding.suggestion)))
    if warnings and check.rewrite != check.text:
        lines += ["", texts.CHECK_REWRITE.format(rewrite=markup.escape(check.rewrite))]
    return "\n".join(lines)


def render_profile(profile: BuyerProfile, timezone: ZoneInfo, markup: Markup) -> str:
    """A buyer's tier and events, newest first, times in the shop's timezone."""
    buyer = profile.buyer
    lines = [
        markup.plain(
            texts.BUYER_PROFILE.format(
                nickname=markup.escape(buyer.nickname), tier=buyer.tier_name, source=buyer.tier_source_name
            )
        ),
        texts.BUYER_EVENTS,
    ]
    for kind, when, note in profile.events:
        local = datetime.fromisoformat(when).astimezone(timezone).strftime("%Y-%m-%d %H:%M")
        lines.append(
            texts.BUYER_EVENT.format(
                when=local, event=BUYER_EVENT_NAMES[kind], note=f"：{markup.escape(note)}" if note else ""
            )
        )
    if not profile.events:
        lines.append(texts.BUYER_NO_EVENTS)
    return "\n".join(lines)


def split_message(text: str, limit: int = TELEGRAM_MESSAGE_LIMIT) -> list[str]:
    """Cut text into pieces of at most `limit` characters, at line breaks when possible.

    A line longer than the limit is cut hard, never inside an HTML entity such as `&amp;`.
    Our own tags only wrap short lines, so a cut never separates a tag from its end tag.
    """
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            pieces.append(current)
        while len(line) > limit:
            cut = limit
            amp = line.rfind("&", cut - 10, cut)
            if amp != -1 and ";" not in line[amp:cut]:
                cut = amp
            pieces.append(line[:cut])
            line = line[cut:]
        current = line
    if current or not pieces:
        pieces.append(current)
    return pieces
