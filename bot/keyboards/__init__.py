"""Inline keyboards and their callback data (ids only: at most 64 bytes, and forgeable)."""
