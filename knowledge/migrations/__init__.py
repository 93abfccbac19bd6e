"""Alembic migrations of the knowledge base, run programmatically by `knowledge.db.upgrade`."""

HEAD = "0002"  # the newest revision, so a database at head is recognised without importing Alembic
