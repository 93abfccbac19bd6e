"""Alembic migrations of the knowledge base, run programmatically by `knowledge.db.upgrade`."""
