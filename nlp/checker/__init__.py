"""The reply checker: etiquette rules for an agent's draft reply, a score and a better wording."""

from nlp.checker.check import check_reply

__all__ = ["check_reply"]
