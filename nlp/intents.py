"""The fixed intent taxonomy: keys in display order."""

from nlp.texts import INTENT_NAMES

INTENTS: tuple[str, ...] = tuple(INTENT_NAMES)


def intent_name(key: str) -> str:
    """Chinese display name of an intent key."""
    return INTENT_NAMES[key]
