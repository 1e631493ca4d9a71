"""The progress bar: on a terminal only; piped output stays clean."""
import io
import subprocess
import sys
import tarfile
from pathlib import Path

from kg.load import input_size
from kg.pipeline import build
from kg.progress import Progress

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Recorder:
    def __init__(self):
        self.updates, self.phases = [], []

    def update(self, docs, text_bytes, disk_bytes):
        self.updates.append((docs, text_bytes, disk_bytes))

    def phase(self, label):
        self.phases.append(label)


def test_piped_build_prints_no_progress(tmp_path):
    run = subprocess.run([sys.executable, "-m", "kg", "build", str(SEEDS), "--out", str(tmp_path / "o"),
                          "--jobs", "2"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    for stream in (run.stdout, run.stderr):
        assert "\r" not in stream and "\x1b" not in stream and "MB/s" not in stream and "[#" not in stream
    assert run.stderr == ""
    assert run.stdout.startswith("documents read: 5\n")


def test_terminal_shows_documents_speed_bar_and_time_left(monkeypatch):
    clock = iter([0.0, 10.0, 10.0, 20.0])
    monkeypatch.setattr("kg.progress.time.monotonic", lambda: next(clock))
    out = Terminal()
    bar = Progress(total=4_000_000, stream=out)
    bar.update(1_200, 12_000_000, 1_000_000)
    line = out.getvalue()
    assert "1,200 docs" in line and "12.0 MB" in line and "1.2 MB/s" in line
    assert "[######------------------]  25%" in line and "0:30 left" in line
    bar.close()
    assert out.getvalue().endswith("\r\x1b[2K")


def test_not_a_terminal_gets_nothing():
    out = io.StringIO()
    bar = Progress(total=100, stream=out)
    bar.update(1, 10, 50)
    bar.phase("writing")
    bar.close()
    assert not bar.enabled and out.getvalue() == ""


def test_build_reports_progress_up_to_the_whole_input(tmp_path, onto):
    rec = Recorder()
    build([SEEDS], tmp_path / "o", onto, progress=rec, store=False)
    docs, text, disk = rec.updates[-1]
    assert docs == 5 and disk == input_size([SEEDS]) == text
    assert [d for d, _, _ in rec.updates] == [1, 2, 3, 4, 5]
    assert any("kg.ttl" in p for p in rec.phases)


def test_archive_progress_counts_compressed_bytes(tmp_path, onto):
    archive = tmp_path / "seeds.tar.xz"
    with tarfile.open(archive, "w:xz") as tar:
        for p in sorted(SEEDS.glob("*.txt")):
            tar.add(p, arcname=f"seeds/{p.name}")
    rec = Recorder()
    build([archive], tmp_path / "o", onto, progress=rec, store=False)
    docs, text, disk = rec.updates[-1]
    assert docs == 5 and text == input_size([SEEDS])
    assert 0 < disk <= archive.stat().st_size == input_size([archive])
