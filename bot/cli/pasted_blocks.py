"""Reading a terminal line by line, except that lines pasted together arrive together.

A pasted block of buyer messages reaches the terminal as several lines within a few
milliseconds; typed lines come seconds apart. So after a line, whatever else arrives within
`SETTLE_SECONDS` belongs to the same block, and the chat treats the block as one turn.
"""

from __future__ import annotations

import os
import select

SETTLE_SECONDS = 0.05
CHUNK_BYTES = 65536


class PastedBlocks:
    """Blocks of lines from a file descriptor (a terminal); each line is bytes, decoded by the caller."""

    def __init__(self, fd: int, settle: float = SETTLE_SECONDS) -> None:
        self.fd = fd
        self.settle = settle
        self._pending = b""
        self._ended = False

    def _read(self, timeout: float | None) -> bool:
        """Read what is there within `timeout` seconds (None: wait); False at end of input or nothing came."""
        if self._ended or not select.select([self.fd], [], [], timeout)[0]:
            return False
        chunk = os.read(self.fd, CHUNK_BYTES)
        if not chunk:
            self._ended = True
            return False
        self._pending += chunk
        return True

    def read_block(self) -> list[bytes] | None:
        """The next block of complete lines (without line ends), or None once the input has ended."""
        while b"\n" not in self._pending and self._read(None):
            pass
        if b"\n" not in self._pending:  # ended: a last line without its line end still counts
            rest, self._pending = self._pending, b""
            return [rest] if rest.strip() else None
        while self._read(self.settle):
            pass
        *lines, self._pending = self._pending.split(b"\n")
        return [line.rstrip(b"\r") for line in lines]
