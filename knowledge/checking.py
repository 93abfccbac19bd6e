"""The reply-checker gate every template save goes through."""

from __future__ import annotations

from collections.abc import Callable

from knowledge.errors import CheckerBlockedError, FieldError, PermissionDeniedError
from knowledge.models import Staff
from knowledge.placeholders import fill
from nlp.findings import ReplyCheck

Checker = Callable[[str], ReplyCheck]


def default_checker() -> Checker:
    """The analysis layer's reply checker (imported on first use: it loads its rules)."""
    from nlp import check_reply

    return check_reply


def checker_warnings(text: str, checker: Checker) -> list[str]:
    """Messages of the checker's warnings for a template text, placeholders filled neutrally."""
    return [finding.message for finding in checker(fill(text, {})).warnings]


def warnings_error(warnings: list[str]) -> FieldError:
    """The field error that reports checker warnings on a template text."""
    return FieldError("text", "checker_warnings", warnings="；".join(warnings))


def gate(text: str, author: Staff, override_reason: str | None, checker: Checker) -> None:
    """Let a save through when the checker has no warnings or a supervisor overrides with a reason."""
    if override_reason is not None and not override_reason.strip():
        raise FieldError("override_reason", "override_needs_reason")
    if override_reason and not author.can_approve:
        raise PermissionDeniedError("needs_supervisor")
    warnings = checker_warnings(text, checker)
    if warnings and not override_reason:
        raise CheckerBlockedError("checker_warnings", warnings="；".join(warnings))
