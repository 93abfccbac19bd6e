"""Middlewares of the bot: in-flight tracking, access, throttling, database sessions, 429 retry."""
