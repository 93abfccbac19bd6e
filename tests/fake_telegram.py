"""A fake Telegram Bot API server on loopback for end-to-end tests of the real bot process.

The server runs its own event loop in a background thread, so tests stay plain synchronous
functions: inject updates as a user would send them, then wait (with a timeout) for the
calls the bot makes. Every request is recorded with its method and decoded parameters.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import web

BOT_USER = {"id": 777000001, "is_bot": True, "first_name": "店小二", "username": "xiaoer_test_bot"}


@dataclass(frozen=True)
class Call:
    """One request the bot made: the API method, its parameters and when it arrived."""

    method: str
    params: dict[str, Any]
    result: Any = None
    at: float = field(default_factory=time.monotonic)

    @property
    def chat_id(self) -> int | None:
        value = self.params.get("chat_id")
        return int(value) if value is not None else None

    @property
    def text(self) -> str:
        return str(self.params.get("text", ""))

    def buttons(self) -> list[dict[str, Any]]:
        """Inline buttons of the call's reply markup, row by row flattened."""
        markup = self.params.get("reply_markup") or {}
        return [button for row in markup.get("inline_keyboard", []) for button in row]


def _decode(value: str) -> Any:
    """aiogram sends objects as JSON strings inside form fields."""
    if value[:1] in "{[":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


class FakeTelegram:
    """A Bot API look-alike: long polling with offsets, message methods, injectable 429s."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._failures: dict[str, list[int]] = {}
        self._delays: dict[str, float] = {}
        self._closing = False
        self.revoked_token: str | None = None  # requests with this token get 401 Unauthorized
        self._lock = threading.Condition()
        self._loop = asyncio.new_event_loop()
        self._new_update: asyncio.Condition | None = None
        self._runner: web.AppRunner | None = None
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self.url = ""
        self.files: dict[str, bytes] = {}  # what getFile and the file URL serve, by file id

    # lifecycle -----------------------------------------------------------------------------
    def start(self) -> FakeTelegram:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._serve(), self._loop).result(timeout=10)
        return self

    def stop(self) -> None:
        self._closing = True
        asyncio.run_coroutine_threadsafe(self._notify(), self._loop).result(timeout=10)
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)

    async def _serve(self) -> None:
        self._new_update = asyncio.Condition()
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_post("/bot{token}/{method}", self._handle)
        app.router.add_get("/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/documents/{file_id}", self._download)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"

    # what tests call -----------------------------------------------------------------------
    def inject(self, update: dict[str, Any]) -> int:
        """Queue an update (its `update_id` is assigned here) and wake a waiting getUpdates."""
        with self._lock:
            update = {"update_id": next(self._update_ids), **update}
            self._updates.append(update)
        asyncio.run_coroutine_threadsafe(self._notify(), self._loop).result(timeout=10)
        return update["update_id"]

    def add_file(self, content: bytes) -> str:
        """Keep a file a user uploads; returns its file id for a `document` message."""
        file_id = f"file{len(self.files) + 1}"
        self.files[file_id] = content
        return file_id

    def fail_next(self, method: str, retry_after: int = 1, times: int = 1) -> None:
        """Answer the next `times` calls of `method` with 429 Too Many Requests."""
        with self._lock:
            self._failures.setdefault(method, []).extend([retry_after] * times)

    def delay(self, method: str, seconds: float) -> None:
        """Hold every answer to `method` for `seconds` (the call is recorded on arrival)."""
        self._delays[method] = seconds

    def pending_updates(self) -> int:
        """Updates not yet confirmed by the bot through a later getUpdates offset."""
        with self._lock:
            return len(self._updates)

    def calls_of(self, method: str, chat_id: int | None = None) -> list[Call]:
        with self._lock:
            return [
                call for call in self.calls if call.method == method and (chat_id is None or call.chat_id == chat_id)
            ]

    def wait_for(
        self,
        predicate: Callable[[list[Call]], Any],
        timeout: float = 15.0,
    ) -> Any:
        """Block until `predicate(calls)` is truthy and return its value; AssertionError on timeout."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                result = predicate(list(self.calls))
                if result:
                    return result
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    methods = [(call.method, call.params.get("chat_id"), call.text[:60]) for call in self.calls[-15:]]
                    raise AssertionError(f"timed out after {timeout}s; last calls: {methods}")
                self._lock.wait(remaining)

    def wait_for_messages(self, chat_id: int, count: int = 1, timeout: float = 15.0) -> list[Call]:
        """Wait until the bot has sent `count` messages to `chat_id` in all; return them all."""

        def sent(calls: list[Call]) -> list[Call] | None:
            found = [call for call in calls if call.method == "sendMessage" and call.chat_id == chat_id]
            return found if len(found) >= count else None

        return self.wait_for(sent, timeout)

    # the API -------------------------------------------------------------------------------
    async def _download(self, request: web.Request) -> web.Response:
        content = self.files.get(request.match_info["file_id"])
        return web.Response(body=content) if content is not None else web.Response(status=404)

    async def _notify(self) -> None:
        assert self._new_update is not None
        async with self._new_update:
            self._new_update.notify_all()

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if self.revoked_token is not None and request.match_info["token"] == self.revoked_token:
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401)
        params: dict[str, Any] = {}
        if request.content_type == "application/json":
            params = await request.json()
        elif request.can_read_body:
            form = await request.post()
            params = {key: _decode(value) if isinstance(value, str) else "<file>" for key, value in form.items()}
        params.update({key: _decode(value) for key, value in request.query.items()})
        with self._lock:
            retry = self._failures.get(method)
            retry_after = retry.pop(0) if retry else None
        if retry_after is not None:
            self._record(method, params)
            return web.json_response(
                {
                    "ok": False,
                    "error_code": 429,
                    "description": f"Too Many Requests: retry after {retry_after}",
                    "parameters": {"retry_after": retry_after},
                },
                status=429,
            )
        if method == "getUpdates":
            self._record(method, params)  # on arrival: a long poll in progress is visible to tests
            result: Any = await self._get_updates(params)
        else:
            result = self._answer(method, params)
            self._record(method, params, result)
            if delay := self._delays.get(method):
                await asyncio.sleep(delay)
        return web.json_response({"ok": True, "result": result})

    def _record(self, method: str, params: dict[str, Any], result: Any = None) -> None:
        with self._lock:
            self.calls.append(Call(method, params, result))
            self._lock.notify_all()

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        timeout = float(params.get("timeout") or 0)
        deadline = time.monotonic() + timeout
        assert self._new_update is not None
        while True:
            with self._lock:
                if offset:
                    self._updates = [u for u in self._updates if u["update_id"] >= offset]
                ready = self._updates[:limit]
            remaining = deadline - time.monotonic()
            if ready or remaining <= 0 or self._closing:
                return ready
            async with self._new_update:
                try:
                    await asyncio.wait_for(self._new_update.wait(), remaining)
                except TimeoutError:
                    pass

    def _answer(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT_USER
        if method == "getFile":
            file_id = str(params.get("file_id"))
            size = len(self.files.get(file_id, b""))
            return {"file_id": file_id, "file_unique_id": file_id, "file_size": size, "file_path": f"documents/{file_id}"}
        if method in {"sendMessage", "sendDocument", "sendPhoto"}:
            chat_id = int(params["chat_id"])
            message: dict[str, Any] = {
                "message_id": next(self._message_ids),
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private"},
                "from": BOT_USER,
            }
            if "text" in params:
                message["text"] = params["text"]
            if isinstance(params.get("reply_markup"), dict):
                message["reply_markup"] = params["reply_markup"]
            return message
        if method == "editMessageText":
            return {
                "message_id": int(params.get("message_id") or 0),
                "date": int(time.time()),
                "chat": {"id": int(params.get("chat_id") or 0), "type": "private"},
                "text": params.get("text", ""),
            }
        # answerCallbackQuery, editMessageReplyMarkup (as inline edit), setMyCommands,
        # deleteWebhook, deleteMessage, sendChatAction, close, logOut ...
        return True


# update builders: what a real Telegram client produces ----------------------------------------
_message_ids = itertools.count(1)


def user(user_id: int, name: str = "客服") -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": name, "language_code": "zh-hans"}


def message(user_id: int, text: str | None = None, **extra: Any) -> dict[str, Any]:
    """A `message` update from a private chat with `user_id`."""
    body: dict[str, Any] = {
        "message_id": next(_message_ids),
        "date": int(time.time()),
        "chat": {"id": user_id, "type": "private", "first_name": "客服"},
        "from": user(user_id),
    }
    if text is not None:
        body["text"] = text
        if text.startswith("/"):
            command = text.split()[0]
            body["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
    body.update(extra)
    return {"message": body}


def document(user_id: int, server: FakeTelegram, content: bytes, file_name: str, caption: str) -> dict[str, Any]:
    """A `message` update carrying a file `user_id` uploads, with a caption (a command, say)."""
    file_id = server.add_file(content)
    body = {"file_id": file_id, "file_unique_id": file_id, "file_name": file_name, "file_size": len(content)}
    update = message(user_id, document=body, caption=caption)
    if caption.startswith("/"):
        command = caption.split()[0]
        update["message"]["caption_entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
    return update


def callback(user_id: int, data: str, on_message: dict[str, Any] | None = None) -> dict[str, Any]:
    """A `callback_query` update: `user_id` pressed a button with `data` under `on_message`."""
    query: dict[str, Any] = {
        "id": str(next(_message_ids)),
        "from": user(user_id),
        "chat_instance": str(user_id),
        "data": data,
    }
    if on_message is not None:
        query["message"] = on_message
    return {"callback_query": query}


def sent_message(call: Call) -> dict[str, Any]:
    """The Message the bot got back for a sendMessage call: what a button or a reply refers to."""
    return dict(call.result)


# launching the real bot process against the fake server ---------------------------------------
REPO = Path(__file__).resolve().parent.parent
TEST_TOKEN = "123456789:TEST-token_for-xiaoer"


def cli_command(subcommand: str) -> list[str]:
    """`xiaoer <subcommand>` as a child process command."""
    return [sys.executable, "-m", "bot.cli", subcommand]


class BotProcess:
    """The real bot (`xiaoer run`) in a child process, pointed at a FakeTelegram."""

    def __init__(self, server: FakeTelegram, workdir: Path, **environment: str) -> None:
        self.server = server
        self.log = workdir / "bot.log"
        env = {key: value for key, value in os.environ.items() if not key.startswith(("XIAOER_", "BOT_", "TELEGRAM_"))}
        env.update(
            {
                "PYTHONPATH": str(REPO),
                "BOT_TOKEN": TEST_TOKEN,
                "TELEGRAM_API_URL": server.url,
                "DATABASE_URL": f"sqlite+aiosqlite:///{workdir / 'xiaoer.db'}",
                "XIAOER_HOME": str(workdir),
            }
        )
        env.update(environment)
        self._log_file = self.log.open("wb")
        self.process = subprocess.Popen(
            cli_command("run"),
            cwd=workdir,
            env=env,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
        )

    def wait_ready(self, timeout: float = 60.0) -> None:
        """Wait for the first long-poll getUpdates: startup is done."""
        try:
            self.server.wait_for(lambda calls: any(c.method == "getUpdates" for c in calls), timeout)
        except AssertionError:
            raise AssertionError(f"bot did not start; log:\n{self.output()}") from None

    def output(self) -> str:
        if not self._log_file.closed:
            self._log_file.flush()
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 10.0) -> int:
        """Send `sig` and wait for the exit code; kill the process if it overstays `timeout`."""
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise AssertionError(f"bot did not stop within {timeout}s; log:\n{self.output()}") from None
        finally:
            self._log_file.close()
