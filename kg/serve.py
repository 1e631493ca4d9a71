"""kg serve: a SPARQL 1.1 HTTP endpoint over the built graph.

It runs the Oxigraph server (the ``oxigraph`` package from PyPI): ``oxigraph load``
puts the graph into a store folder (a temporary one unless ``store`` is given), then
``oxigraph serve-read-only`` answers the SPARQL 1.1 protocol at ``/query``. Updates
(``/update``, the graph store protocol's writes) are refused unless ``allow_updates``
is set, which runs ``oxigraph serve`` instead. The server binds to 127.0.0.1 only.
An Oxigraph store folder given as the graph is served as it is.
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from .errors import KgError
from .export.store import locate_graph

HOST = "127.0.0.1"


class ServeError(KgError):
    """The endpoint cannot be started; says why (missing server, port taken, bad graph)."""


def oxigraph_binary() -> str:
    """The ``oxigraph`` server program: next to this Python first (a venv), then on PATH."""
    local = Path(sys.executable).parent / "oxigraph"
    if local.is_file():
        return str(local)
    found = shutil.which("oxigraph")
    if not found:
        raise ServeError("the Oxigraph server is not installed: pip install oxigraph")
    return found


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind((HOST, port))
        except OSError:
            return False
    return True


class Server:
    """A running Oxigraph endpoint; use as a context manager, or call stop()."""

    def __init__(self, graph: str | Path | None = None, port: int = 7878, allow_updates: bool = False,
                 store: str | Path | None = None, timeout: float = 60.0):
        source, is_store = locate_graph(graph)
        binary = oxigraph_binary()
        self.port = port or free_port()
        if not port_is_free(self.port):     # else another server could answer our readiness probe
            raise ServeError(f"port {self.port} on {HOST} is in use (choose another with --port, or 0)")
        self.allow_updates = allow_updates
        self.process: subprocess.Popen | None = None
        self._log = tempfile.TemporaryFile()           # the server's stderr (a pipe could fill up)
        self._tmp: tempfile.TemporaryDirectory | None = None
        try:
            if is_store:
                location = source
            else:
                if store is None:
                    self._tmp = tempfile.TemporaryDirectory(prefix="kg-serve-")
                    location = Path(self._tmp.name) / "store"
                else:
                    location = Path(store)
                self._load(binary, source, location)
            mode = "serve" if allow_updates else "serve-read-only"
            cmd = [binary, mode, "--location", str(location), "--bind", f"{HOST}:{self.port}",
                   "--union-default-graph"]
            self.process = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                            stderr=self._log)
            self._wait_ready(timeout)
        except BaseException:
            self.stop()
            raise

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def query_url(self) -> str:
        return self.url + "/query"

    @property
    def update_url(self) -> str:
        return self.url + "/update"

    @staticmethod
    def _load(binary: str, source: Path, location: Path) -> None:
        location.mkdir(parents=True, exist_ok=True)
        done = subprocess.run([binary, "load", "--location", str(location), "--file", str(source)],
                              stdin=subprocess.DEVNULL, capture_output=True, text=True)
        if done.returncode != 0:
            msg = (done.stderr or done.stdout).strip().splitlines()
            raise ServeError(f"{source}: oxigraph load failed: {msg[-1] if msg else done.returncode}")

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        probe = self.query_url + "?query=ASK%7B%7D"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self._log.seek(0)
                err = self._log.read().decode("utf-8", "replace").strip()
                raise ServeError(f"the Oxigraph server on {HOST}:{self.port} stopped at start: "
                                 f"{err.splitlines()[-1] if err else 'exit ' + str(self.process.returncode)}")
            try:
                with urllib.request.urlopen(probe, timeout=2) as resp:
                    if resp.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
            time.sleep(0.1)
        raise ServeError(f"the Oxigraph server on {HOST}:{self.port} did not answer within {timeout:.0f} s")

    def wait(self) -> int:
        return self.process.wait() if self.process else 0

    def stop(self) -> None:
        """Stop the server (TERM, then KILL) and remove a temporary store; safe to call twice."""
        proc, self.process = self.process, None
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        if not self._log.closed:
            self._log.close()
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
