"""Outputs written whole or not at all.

Every file kg writes goes to a temporary file next to its target (``.NAME.XXXXXXXX.tmp``),
is flushed to disk, then renamed over the target: a reader sees the old content or
the new, never half of it.  :func:`write_atomic` does this for one file; a
:class:`Staging` writes several files first and publishes them together at the end
(a build's kg.ttl, pages and store), so that a build killed while it writes leaves
the previous outputs as they were.  A process killed with SIGKILL cannot remove its
temporary files; :func:`remove_stale_temps` lets the next run do it.
"""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import BinaryIO, Callable

Data = bytes | str | Callable[[BinaryIO], object]


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _umask()      # read once, at import: os.umask cannot be read without setting it
_TEMP = re.compile(r"^\.(?P<name>.+)\.[A-Za-z0-9_]{8}\.tmp$")     # what mkstemp makes below


def _write_temp(path: Path, data: Data, sync: bool = True) -> tuple[Path, object]:
    """Write ``data`` to a new temporary file next to ``path``; return it and the writer's value.
    ``sync``: flushed to disk now (else the caller syncs before renaming it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_UMASK)        # mkstemp makes 0600; outputs are for sharing
        with os.fdopen(fd, "wb") as fh:
            if callable(data):
                value = data(fh)
            else:
                value = fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            if sync:
                os.fsync(fh.fileno())
        return Path(tmp), value
    except BaseException:
        _unlink(tmp)
        raise


def _unlink(path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def write_atomic(path: Path, data: Data):
    """Write a file so that a reader sees the old content or the new, never half of it.

    ``data`` is the content, or a function that writes it to the binary file it is
    given (for outputs too big to hold in memory); its return value is returned."""
    path = Path(path)
    tmp, value = _write_temp(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        _unlink(tmp)
        raise
    return value


class Staging:
    """Files written now under temporary names and published later, together.

    ``write`` puts each file next to its target; ``publish`` flushes them all to disk
    (one ``sync`` for the thousand pages of a corpus instead of a thousand ``fsync``)
    and renames them over their targets in the order they were written (a rename takes
    microseconds, so the outputs change all at once); ``discard`` removes whatever was
    not published."""

    def __init__(self):
        self._files: dict[Path, Path] = {}      # target -> temporary file, in write order
        self._unsynced = False

    def write(self, path: Path, data: Data):
        path = Path(path)
        tmp, value = _write_temp(path, data, sync=False)
        self._unsynced = True
        old = self._files.pop(path, None)
        if old is not None:
            _unlink(old)
        self._files[path] = tmp
        return value

    def temp(self, path: Path) -> Path:
        """Where the staged content of ``path`` is, until it is published."""
        return self._files[Path(path)]

    def publish(self, exclude: tuple[Path, ...] = ()) -> list[Path]:
        """Rename every staged file but ``exclude`` over its target; return the targets."""
        keep = {Path(p) for p in exclude}
        if self._unsynced:
            os.sync()
            self._unsynced = False
        done = []
        for path in [p for p in self._files if p not in keep]:
            os.replace(self._files.pop(path), path)
            done.append(path)
        return done

    def discard(self) -> None:
        for tmp in self._files.values():
            _unlink(tmp)
        self._files.clear()


def remove_stale_temps(folder: Path, targets: Callable[[str], bool]) -> list[Path]:
    """Delete temporary files a killed run left in ``folder`` for the targets ``targets``
    accepts (by file name). Only names of the form write_atomic uses are touched."""
    gone = []
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return gone
    for entry in entries:
        m = _TEMP.match(entry.name)
        if m and targets(m.group("name")) and entry.is_file(follow_symlinks=False):
            _unlink(entry.path)
            gone.append(Path(entry.path))
    return gone
