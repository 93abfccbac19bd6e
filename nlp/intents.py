"""The fixed intent taxonomy: keys in display order."""

from nlp.texts import INTENT_NAMES

INTENTS: tuple[str, ...] = tuple(INTENT_NAMES)

# Below this calibrated probability the top intent is a guess: the card says a
# human should read the message instead of trusting the label. On the held-out
# split about 7% of messages fall below it; the label is right for about half
# of those and for about 90% of the rest (see `xiaoer eval`).
NEEDS_HUMAN_BELOW = 0.5


def intent_name(key: str) -> str:
    """Chinese display name of an intent key."""
    return INTENT_NAMES[key]
