"""Typed errors of knowledge operations; each carries a Chinese message for the agent."""

from __future__ import annotations

from knowledge.texts import ERRORS


class KnowledgeError(Exception):
    """Base class: `str(error)` is the Chinese message to show."""

    def __init__(self, key: str, **values: object) -> None:
        self.key = key
        self.values = values
        super().__init__(ERRORS[key].format(**values))


class NotFoundError(KnowledgeError):
    """A template, revision, buyer or message that does not exist."""


class StaleEditError(KnowledgeError):
    """An edit made against a version that is no longer current; nothing was written."""


class PermissionDeniedError(KnowledgeError):
    """The staff member's role does not allow the operation."""


class CheckerBlockedError(KnowledgeError):
    """The reply checker found warnings in a template text and nobody overrode them."""


class FieldError(KnowledgeError):
    """An invalid value, naming its field (and its row, on import)."""

    def __init__(self, field: str, key: str, row: int | None = None, **values: object) -> None:
        self.field = field
        self.row = row
        self.detail = ERRORS[key].format(**values)
        super().__init__(key, **values)
        if row is not None:
            self.args = (ERRORS["row_error"].format(row=row, field=field, message=self.detail),)

    def at_row(self, row: int) -> FieldError:
        """The same error, located at an import row."""
        return FieldError(self.field, self.key, row=row, **self.values)


class ValidationError(KnowledgeError):
    """One or more invalid fields; the message lists every one of them."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = errors
        self.key = "validation"
        self.values = {}
        Exception.__init__(self, "\n".join(str(e) for e in errors))
