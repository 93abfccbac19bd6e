"""Alembic migrations of the knowledge base, run programmatically by `knowledge.db.upgrade`."""

HEAD = "0001"  # the newest revision, so a database at head is recognised without importing Alembic
