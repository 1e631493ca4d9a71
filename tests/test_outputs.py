"""Outputs are written whole, and readable like any file the user writes."""
import os
import stat
from pathlib import Path

import pytest

from kg.pipeline import write_atomic


def test_outputs_get_the_usual_permissions(tmp_path):
    mask = os.umask(0o022)
    os.umask(mask)
    write_atomic(tmp_path / "kg.ttl", b"data")
    assert stat.S_IMODE((tmp_path / "kg.ttl").stat().st_mode) == 0o666 & ~mask


def test_a_failing_writer_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "kg.ttl"
    write_atomic(target, "old")

    def broken(fh):
        fh.write(b"half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_atomic(target, broken)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["kg.ttl"]


def test_a_writer_function_streams_and_returns_its_value(tmp_path):
    assert write_atomic(tmp_path / "x.bin", lambda fh: fh.write(b"abc") and 7) == 7
    assert Path(tmp_path / "x.bin").read_bytes() == b"abc"
