"""`xiaoer chat`: the agent flow in the terminal, without Telegram, on the bot's database."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from typing import TextIO
from zoneinfo import ZoneInfo

from bot import texts
from bot.assist import AssistService, Card
from bot.cli.pasted_blocks import PastedBlocks
from bot.paste import parse_paste
from bot.render import PLAIN, render_card, render_check, render_profile, suggestion_lines
from knowledge.errors import KnowledgeError, NotFoundError
from knowledge.models import Staff

SHOWN = 3


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("chat", help=texts.CHAT_HELP)
    parser.set_defaults(handler=run)


@dataclass
class TerminalChat:
    """One agent at the terminal: the last card, the current buyer, and what each input line does."""

    assist: AssistService
    agent: Staff
    timezone: ZoneInfo
    out: TextIO
    card: Card | None = None
    buyer: str | None = None
    commands: dict[str, Callable[[str], Awaitable[None]]] = field(init=False)

    def __post_init__(self) -> None:
        self.commands = {"/more": self.more, "/check": self.check, "/buyer": self.show_buyer, "/help": self.help}

    def say(self, text: str) -> None:
        self.out.write(text + "\n\n")
        self.out.flush()

    async def handle(self, line: str) -> bool:
        """Act on one input line; False when the agent wants to leave."""
        line = line.strip()
        if line in ("/quit", "/exit", "/q"):
            return False
        if not line:
            return True
        command, _, argument = line.partition(" ")
        try:
            if command in self.commands:
                await self.commands[command](argument.strip())
            elif line.isdigit():
                await self.use(int(line))
            elif line.startswith("/"):
                self.say(texts.UNKNOWN_COMMAND)
            else:
                await self.paste(line)
        except KnowledgeError as error:
            self.say(str(error))
        return True

    async def read_lines(self) -> None:
        """Piped input: every line is a buyer message or a command, until /quit or the end."""
        while True:
            try:
                line = input()
            except EOFError:
                return
            except UnicodeDecodeError:
                self.say(texts.CHAT_BAD_ENCODING)
                continue
            if not await self.handle(line):
                return

    async def converse(self, blocks: PastedBlocks) -> None:
        """A terminal: lines pasted together are one buyer turn (one card); typed lines are handled one by one."""
        while True:
            self.out.write(texts.CHAT_PROMPT)
            self.out.flush()
            try:
                block = blocks.read_block()
            except KeyboardInterrupt:
                return
            if block is None:
                return
            lines = []
            for raw in block:
                try:
                    lines.append(raw.decode("utf-8").strip())
                except UnicodeDecodeError:
                    self.say(texts.CHAT_BAD_ENCODING)
            lines = [line for line in lines if line]
            if len(lines) > 1 and not any(line.startswith("/") or line.isdigit() for line in lines):
                lines = ["\n".join(lines)]  # buyer lines pasted at once: one turn, one card
            for line in lines:
                if not await self.handle(line):
                    return

    async def paste(self, line: str) -> None:
        pasted = parse_paste(line, self.buyer)
        self.card = await self.assist.assist(pasted.text, pasted.nickname, self.agent, k=SHOWN)
        self.say(render_card(self.card, SHOWN, PLAIN))

    async def use(self, number: int) -> None:
        if self.card is None:
            self.say(texts.CHAT_NO_CARD)
            return
        await self.assist.use_suggestion(self.card.message_id, number)
        self.say(texts.CHAT_USED.format(number=number, text=self.card.suggestions[number - 1].text))

    async def more(self, _: str) -> None:
        if self.card is None:
            self.say(texts.CHAT_NO_CARD)
            return
        extra = await self.assist.more_suggestions(self.card.message_id, SHOWN)
        first = len(self.card.suggestions) + 1
        self.card = replace(self.card, suggestions=self.card.suggestions + extra)
        lines = suggestion_lines([s.text for s in extra], first, PLAIN)
        self.say("\n".join([texts.CARD_SUGGESTIONS, *lines]) if extra else texts.NO_MORE)

    async def check(self, draft: str) -> None:
        if not draft:
            self.say(texts.CHECK_USAGE)
        elif self.card is None:
            self.say(render_check(self.assist.checker(draft), PLAIN))
        else:
            check = await self.assist.submit_reply(self.card.message_id, draft)
            self.say(render_check(check, PLAIN) + "\n\n" + texts.CHECK_SAVED)

    async def show_buyer(self, nickname: str) -> None:
        if not nickname:
            self.say(texts.BUYER_USAGE)
            return
        self.buyer = nickname
        current = texts.BUYER_CURRENT.format(nickname=nickname)
        try:
            profile = await self.assist.buyer_profile(nickname)
        except NotFoundError:
            self.say(texts.BUYER_UNKNOWN.format(nickname=nickname) + "\n" + current)
            return
        self.say(render_profile(profile, self.timezone, PLAIN) + "\n\n" + current)

    async def help(self, _: str) -> None:
        self.say(texts.CHAT_WELCOME)


def run(args: argparse.Namespace) -> int:
    """Read lines until /quit or end of input; each line is a buyer message or a command."""
    from bot.cli.db import run_database_command
    from bot.config import SettingsError, load_settings
    from knowledge.db import open_database
    from knowledge.staff import cli_admin

    try:
        settings = load_settings()
    except SettingsError as error:
        print(error, file=sys.stderr)
        return 2

    async def work() -> int:
        async with open_database(settings.database_url) as sessions:
            async with sessions.begin() as session:
                agent = await cli_admin(session)
            chat = TerminalChat(AssistService(sessions), agent, settings.timezone, sys.stdout)
            chat.say(texts.CHAT_WELCOME)
            if sys.stdin.isatty():
                await chat.converse(PastedBlocks(sys.stdin.fileno()))
            else:
                await chat.read_lines()
            chat.say(texts.CHAT_BYE)
        return 0

    return run_database_command(work)
