"""Counting this process's committed changes to some tables, so caches of those tables know when to read again."""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction


class CommittedChanges:
    """Counts commits, in this process, that changed rows of `models`.

    Seen: objects flushed by the ORM (added, changed, deleted) and ORM-enabled `update()` and
    `delete()` statements run through a session. A cache remembers `commits` when it reads and
    reads again once the count has moved; changes made by other processes need a time limit.
    """

    def __init__(self, *models: type) -> None:
        self.models = models
        self.commits = 0
        self._flag = f"changed:{id(self)}"
        event.listen(Session, "after_flush", self._after_flush)
        event.listen(Session, "do_orm_execute", self._do_orm_execute)
        event.listen(Session, "after_commit", self._after_commit)
        event.listen(Session, "after_rollback", self._after_rollback)

    def _after_flush(self, session: Session, _context: UOWTransaction) -> None:
        if any(isinstance(row, self.models) for row in (*session.new, *session.dirty, *session.deleted)):
            session.info[self._flag] = True

    def _do_orm_execute(self, state: ORMExecuteState) -> None:
        mapper = state.bind_mapper
        if (state.is_update or state.is_delete) and mapper is not None and mapper.class_ in self.models:
            state.session.info[self._flag] = True

    def _after_commit(self, session: Session) -> None:
        if session.info.pop(self._flag, False):
            self.commits += 1

    def _after_rollback(self, session: Session) -> None:
        session.info.pop(self._flag, None)
