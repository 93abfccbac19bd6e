"""Settings of the bot, read from the environment and an optional `.env` file."""

from __future__ import annotations

import re
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot import texts

TOKEN_PATTERN = re.compile(r"^\d{1,20}:[A-Za-z0-9_-]{1,100}$")

UserIds = Annotated[frozenset[int], NoDecode]


class SettingsError(ValueError):
    """The settings cannot be used; the message is Chinese and meant for the person starting the bot."""


class Settings(BaseSettings):
    """Everything `xiaoer run` and `xiaoer chat` read from the environment."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    bot_token: str | None = None
    telegram_api_url: str | None = None
    database_url: str | None = None
    redis_url: str | None = None
    xiaoer_admin_ids: UserIds = frozenset()
    xiaoer_supervisor_ids: UserIds = frozenset()
    xiaoer_agent_ids: UserIds = frozenset()
    xiaoer_timezone: str = "Asia/Shanghai"
    xiaoer_check_times: str = "08:00,13:30"  # the bad-review check, shop time (HH:MM, comma-separated)

    @field_validator("xiaoer_admin_ids", "xiaoer_supervisor_ids", "xiaoer_agent_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [part.strip() for part in value.replace("，", ",").split(",")]
            if not all(part.lstrip("-").isdigit() for part in parts if part):
                raise ValueError(texts.SETTINGS_BAD_IDS)
            return frozenset(int(part) for part in parts if part)
        return value

    @field_validator("database_url")
    @classmethod
    def _async_driver(cls, value: str | None) -> str | None:
        """The same URL rules as the command line: `postgres://` gets the asyncpg driver, and so on."""
        from knowledge.db import database_url

        return database_url(value) if value else None

    @field_validator("xiaoer_timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(texts.SETTINGS_BAD_TIMEZONE.format(value=value)) from error
        return value

    @field_validator("xiaoer_check_times")
    @classmethod
    def _check_times(cls, value: str) -> str:
        from bot.scheduler import parse_times

        parse_times(value)
        return value

    @property
    def timezone(self) -> ZoneInfo:
        return ZoneInfo(self.xiaoer_timezone)

    def roles_from_environment(self) -> dict[int, str]:
        """Telegram user id -> the highest role the environment grants."""
        roles: dict[int, str] = {}
        for role, ids in (
            ("agent", self.xiaoer_agent_ids),
            ("supervisor", self.xiaoer_supervisor_ids),
            ("admin", self.xiaoer_admin_ids),
        ):
            roles.update(dict.fromkeys(ids, role))
        return roles

    def require_token(self) -> str:
        """The bot token, or a SettingsError saying in Chinese what is wrong with it."""
        if not self.bot_token:
            raise SettingsError(texts.SETTINGS_NO_TOKEN)
        token = self.bot_token.strip()
        if not TOKEN_PATTERN.match(token):
            raise SettingsError(texts.SETTINGS_BAD_TOKEN)
        return token


def load_settings() -> Settings:
    """Read the settings, turning validation errors into one Chinese SettingsError."""
    try:
        return Settings()
    except ValidationError as error:
        reasons = "；".join(str(item["msg"]).removeprefix("Value error, ") for item in error.errors())
        raise SettingsError(texts.SETTINGS_INVALID.format(reasons=reasons)) from error
