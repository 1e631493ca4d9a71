"""A one-line progress bar for long builds: documents, MB/s, time left.

It draws only when its stream is a terminal; piped or redirected output gets
nothing from it, so logs and ``kg build ... | tee`` stay clean.
"""
from __future__ import annotations

import sys
import time
from typing import TextIO

WIDTH = 24


def _clock(seconds: float) -> str:
    seconds = int(max(0, seconds))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


class Progress:
    """Progress of a build measured against ``total`` bytes on disk.

    ``update(docs, text_bytes, disk_bytes)`` takes running totals: documents done,
    bytes of text they held, and bytes of the input on disk they account for
    (compressed bytes for an archive), which give the fraction done and the time left.
    """

    def __init__(self, total: int = 0, stream: TextIO | None = None, enabled: bool | None = None,
                 interval: float = 0.1):
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            isatty = getattr(self.stream, "isatty", None)
            enabled = bool(isatty and isatty())
        self.enabled = enabled
        self.total = total
        self.interval = interval
        self.started = time.monotonic()
        self._last = 0.0
        self._shown = False
        self.docs = self.text_bytes = self.disk_bytes = 0

    def update(self, docs: int, text_bytes: int, disk_bytes: int) -> None:
        self.docs, self.text_bytes, self.disk_bytes = docs, text_bytes, disk_bytes
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < self.interval:
            return
        self._last = now
        self._draw(self.line(now - self.started))

    def line(self, elapsed: float) -> str:
        mb = self.text_bytes / 1e6
        rate = mb / elapsed if elapsed > 0 else 0.0
        parts = [f"{self.docs:,} docs", f"{mb:,.1f} MB", f"{rate:,.1f} MB/s"]
        if self.total > 0:
            frac = min(1.0, self.disk_bytes / self.total)
            filled = int(frac * WIDTH)
            parts.append("[" + "#" * filled + "-" * (WIDTH - filled) + f"] {frac:4.0%}")
            if 0.01 <= frac < 1 and elapsed >= 2:
                parts.append(f"{_clock(elapsed * (1 - frac) / frac)} left")
        parts.append(_clock(elapsed))
        return "  ".join(parts)

    def phase(self, label: str) -> None:
        """Say what the build does after extraction (writing, loading the store)."""
        if self.enabled:
            self._draw(f"{self.line(time.monotonic() - self.started)}  {label}")

    def _draw(self, text: str) -> None:
        self.stream.write("\r\x1b[2K" + text)
        self.stream.flush()
        self._shown = True

    def close(self) -> None:
        if self.enabled and self._shown:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self._shown = False
