"""Corpus faults: each kind of bad file is reported with its name and the reason, the
rest of the corpus is built, the summary lists them all, and --strict makes any of
them fatal without writing anything. One test per kind, named after it."""
import os
import shutil
import tarfile
import time
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import DocumentError
from kg.load import parse_document
from kg.pipeline import StrictError, build, extract_corpus
from kg.sources import MAX_BYTES, iter_sources

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
GOOD = "---\ntitle: A call\ndate: '2022-01-10'\n---\nPresident Biden spoke with President Putin.\n"


def corpus(tmp_path: Path, files: dict) -> Path:
    """A folder holding one seed (so there is something to build) and ``files``."""
    folder = tmp_path / "corpus"
    folder.mkdir(parents=True)
    shutil.copy(SEEDS[0], folder / SEEDS[0].name)
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return folder


def faults_of(folder: Path, onto, **kw) -> tuple[dict, dict, list]:
    """(refused: name -> reason, warned: name -> [reasons], skipped lines) of a corpus."""
    c = extract_corpus([folder], onto, **kw)
    refused = {Path(e.path).name: e.reason for e in c.errors}
    warned: dict = {}
    for w in c.warnings:
        warned.setdefault(Path(w.path).name, []).append(w.reason)
    assert SEEDS[0].stem in {r.document.id for r in c.results}      # the rest is built
    return refused, warned, c.skipped


def refusal(folder: Path, onto, name: str) -> str:
    refused, _, _ = faults_of(folder, onto)
    assert name in refused, refused
    return refused[name]


# ---------------------------------------------------------------- unreadable files

def unprivileged(fn):
    """Run ``fn`` as an ordinary user: in a forked child that drops root (uid nobody), as
    chmod 000 does not stop root; directly when not root. Returns what fn returns."""
    if os.geteuid() != 0:
        return fn()
    import json
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:                                    # the child: never returns to pytest
        code = 1
        try:
            os.close(read)
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            with os.fdopen(write, "w") as fh:
                json.dump(fn(), fh)
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    with os.fdopen(read) as fh:
        data = fh.read()
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    return json.loads(data)


def _reasons(paths) -> dict:
    from kg.sources import read_bytes
    errors = []
    for source in iter_sources(paths, errors):
        try:
            read_bytes(source)
        except DocumentError as exc:
            errors.append(exc)
    return {Path(e.path).name: e.reason for e in errors}


@pytest.fixture
def shared_tmp():
    """A temporary folder an unprivileged user may enter (pytest's tmp_path is 0700 for root)."""
    import tempfile
    folder = Path(tempfile.mkdtemp(prefix="kg-faults-"))
    folder.chmod(0o755)
    yield folder
    for p in folder.rglob("*"):
        p.chmod(0o755)
    shutil.rmtree(folder)


def test_unreadable_file_permission_denied(shared_tmp):
    folder = corpus(shared_tmp, {"locked.md": GOOD, "open.md": GOOD})
    folder.chmod(0o755)
    (folder / "open.md").chmod(0o644)
    (folder / "locked.md").chmod(0)
    assert unprivileged(lambda: _reasons([folder])) == {"locked.md": "cannot read (Permission denied)"}


def test_unreadable_file_io_error(tmp_path, onto):
    # a file the kernel refuses to read, whoever asks: /proc/self/mem at offset 0 gives EIO
    folder = corpus(tmp_path, {})
    (folder / "mem.md").symlink_to("/proc/self/mem")
    assert refusal(folder, onto, "mem.md") == "cannot read (Input/output error)"


def test_unreadable_folder(shared_tmp):
    folder = corpus(shared_tmp, {"locked/a.md": GOOD})
    folder.chmod(0o755)
    (folder / "locked").chmod(0)
    assert unprivileged(lambda: _reasons([folder])) == {"locked": "cannot list folder (Permission denied)"}


def test_broken_link(tmp_path, onto):
    folder = corpus(tmp_path, {})
    (folder / "gone.md").symlink_to(tmp_path / "nowhere.md")
    assert refusal(folder, onto, "gone.md") == \
        f"broken symbolic link (to {str(tmp_path / 'nowhere.md')!r}, which does not exist)"


def test_special_file_is_not_read(tmp_path, onto):
    folder = corpus(tmp_path, {})
    os.mkfifo(folder / "pipe.md")           # reading it would wait forever
    assert refusal(folder, onto, "pipe.md") == "not a regular file (a device, a pipe or a socket)"
    errors = []
    assert list(iter_sources([folder / "pipe.md"], errors)) == []
    assert errors[0].reason == "not a regular file (a device, a pipe or a socket)"


def test_missing_path(tmp_path):
    errors = []
    assert list(iter_sources([tmp_path / "nope"], errors)) == []
    assert str(errors[0]) == f"{tmp_path / 'nope'}: no such file or folder"


# ---------------------------------------------------------------- front matter

def test_missing_front_matter(tmp_path, onto):
    folder = corpus(tmp_path, {"plain.md": "President Biden spoke with President Putin.\n"})
    assert refusal(folder, onto, "plain.md") == "no YAML front matter (the file must start with a '---' line)"


def test_bad_front_matter_yaml(tmp_path, onto):
    folder = corpus(tmp_path, {"bad.md": "---\ntitle: ok\ndate: [2022-01-10\n---\nText.\n"})
    reason = refusal(folder, onto, "bad.md")
    assert reason.startswith("bad YAML front matter at front matter line ") and "expected" in reason


def test_unclosed_front_matter(tmp_path, onto):
    folder = corpus(tmp_path, {"open.md": "---\ntitle: ok\nText without the closing line.\n"})
    assert refusal(folder, onto, "open.md") == "front matter is not closed by a '---' line"


def test_front_matter_not_a_mapping(tmp_path, onto):
    folder = corpus(tmp_path, {"list.md": "---\n- title\n- date\n---\nText.\n"})
    assert refusal(folder, onto, "list.md") == "front matter is a list, not a mapping of keys"


def test_hostile_front_matter_is_refused_or_read_quickly(tmp_path, onto):
    laughs = "".join(f"{k}: &{k} [{', '.join(['*' + p] * 10 if p else ['lol'] * 10)}]\n"
                     for p, k in zip([None, "a", "b", "c", "d", "e", "f"], "abcdefg"))
    folder = corpus(tmp_path, {
        "deep.md": "---\ntitle: " + "[" * 100_000 + "]" * 100_000 + "\n---\nText.\n",   # crashed the C parser
        "laughs.md": f"---\n{laughs}title: [*g]\ndate: *g\n---\nText.\n",    # 10^7 items if expanded
        "huge.md": "---\ntitle: T\nnote: " + "x" * (1 << 20) + "\n---\nText.\n",
    })
    started = time.monotonic()
    refused, warned, _ = faults_of(folder, onto)
    assert time.monotonic() - started < 20
    assert refused["deep.md"] == "bad YAML front matter: nested too deeply"
    size = len("title: T\nnote: ") + (1 << 20) + 1
    assert refused["huge.md"] == f"front matter too large ({size:,} characters; limit 1,048,576)"
    assert warned["laughs.md"] == [
        "the title is a list of lists or mappings, not text; the file name is used as the title",
        "the date (a list of lists or mappings) is not a date (YYYY-MM-DD); the document has no date"]


# ---------------------------------------------------------------- missing or bad fields

def test_missing_date(tmp_path, onto):
    folder = corpus(tmp_path, {"undated.md": "---\ntitle: A call\n---\nPresident Biden met President Putin.\n"})
    refused, warned, _ = faults_of(folder, onto)
    assert "undated.md" not in refused and warned["undated.md"] == ["no date"]
    doc = parse_document("undated.md", (folder / "undated.md").read_bytes())
    assert doc.date is None and doc.title == "A call"


@pytest.mark.parametrize("value,date", [
    ("'sometime in spring'", None), ("2022-02-30", None), ("2022-13-01", None), ("99999-01-01", None),
    ("20220110", None), ("[2022-01-10]", None), ("{on: 2022-01-10}", None), ("true", None), ("-1", None),
    ("1e400", None), ("!!binary aGVsbG8=", None), ("!!timestamp 2022-02-30", None),
    ("2022-01-10 25:00:00", "2022-01-10"), ("2022-01-10T99:00:00Z", "2022-01-10"),   # a bad time, a good day
    ("'Published 2022-01-10 by the White House'", "2022-01-10")])
def test_unparseable_date_crashes_nothing(value, date, onto):
    data = f"---\ntitle: A call\ndate: {value}\n---\nPresident Biden met President Putin.\n".encode()
    doc = parse_document("odd.md", data)
    assert doc.date == date
    if date is None:
        assert len(doc.warnings) == 1
        assert doc.warnings[0].endswith("is not a date (YYYY-MM-DD); the document has no date")
    from kg.pipeline import extract_document
    extract_document(onto, doc)


def test_missing_title(tmp_path, onto):
    folder = corpus(tmp_path, {"untitled.md": "---\ndate: '2022-01-10'\n---\nPresident Biden met President Putin.\n",
                               "blank.md": "---\ntitle: ''\ndate: '2022-01-10'\n---\nText.\n",
                               "mapping.md": "---\ntitle: {a: b}\ndate: '2022-01-10'\n---\nText.\n"})
    refused, warned, _ = faults_of(folder, onto)
    assert not refused
    assert warned == {"untitled.md": ["no title; the file name is used as the title"],
                      "blank.md": ["empty title; the file name is used as the title"],
                      "mapping.md": ["the title is a mapping, not text; the file name is used as the title"]}
    assert parse_document("x/untitled.md", (folder / "untitled.md").read_bytes()).title == "untitled"


# ---------------------------------------------------------------- bytes that are not a briefing

def test_non_utf8_bytes(tmp_path, onto):
    latin = "---\ntitle: Caf\xe9\n---\nText.\n".encode("latin-1")
    surrogate = b"---\ntitle: T\n---\nA lone surrogate \xed\xa0\x80 here.\n"
    folder = corpus(tmp_path, {"latin1.md": latin, "surrogate.md": surrogate})
    refused, _, _ = faults_of(folder, onto)
    assert refused["latin1.md"] == "not UTF-8 (byte 0xe9 at offset 14)"
    assert refused["surrogate.md"] == "not UTF-8 (byte 0xed at offset 34)"
    cut = GOOD.encode() + "Zelenskyy’s".encode()[:-3]            # ends inside the ’ (3 bytes)
    with pytest.raises(DocumentError, match=r"not UTF-8 \(the file ends inside a character, at offset "
                                            rf"{len(GOOD) + 9}: cut short\?\)"):
        parse_document("cut.md", cut)


def test_binary_file(tmp_path, onto):
    folder = corpus(tmp_path, {"blob.md": os.urandom(64).replace(b"\x00", b"") + b"\x00" + os.urandom(64),
                               "late-nul.md": GOOD.encode() + b"x" * 10_000 + b"\x00",
                               "report.md": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
                               "notes.md": "---\ntitle: T\n---\nText\n".encode("utf-16"),
                               "page.md": b"PK\x03\x04\x14\x00"})
    refused, _, _ = faults_of(folder, onto)
    assert refused["blob.md"].startswith("binary file (a NUL byte at offset ")
    assert refused["late-nul.md"] == f"binary file (a NUL byte at offset {len(GOOD) + 10_000}), not a text briefing"
    assert refused["report.md"] == "PDF file, not a text briefing"
    assert refused["notes.md"] == "UTF-16 text (save it as UTF-8), not a text briefing"
    assert refused["page.md"] == "ZIP archive (or a Word/ODF document), not a text briefing"


def test_windows_line_ends_and_bom(onto):
    from kg.pipeline import extract_document
    for seed in SEEDS:
        unix = extract_document(onto, parse_document("a.md", seed.read_bytes()))
        windows = extract_document(onto, parse_document("a.md", b"\xef\xbb\xbf" + seed.read_bytes().replace(
            b"\n", b"\r\n")))
        assert (windows.document.title, windows.document.date, windows.document.text) == \
            (unix.document.title, unix.document.date, unix.document.text)
        assert [(a.subject, a.predicate, a.object, a.modality, a.quote) for a in windows.assertions] == \
            [(a.subject, a.predicate, a.object, a.modality, a.quote) for a in unix.assertions]


def test_empty_file(tmp_path, onto):
    folder = corpus(tmp_path, {"empty.md": b"", "blank.md": b" \n\t\r\n"})
    refused, _, _ = faults_of(folder, onto)
    assert refused == {"empty.md": "empty file", "blank.md": "empty file"}


def test_50_mb_file(tmp_path, onto, monkeypatch):
    folder = corpus(tmp_path, {})
    with open(folder / "huge.md", "wb") as fh:     # sparse: no 50 MB written to disk
        fh.truncate(50 * 1024 * 1024)

    def never(path):
        raise AssertionError(f"{path} was read")
    monkeypatch.setattr("kg.sources._read_file", never)
    with pytest.raises(AssertionError):            # the seed is read, so the patch is in force
        faults_of(folder, onto)
    monkeypatch.undo()
    monkeypatch.setattr("kg.sources._read_file", lambda p: never(p) if p.name == "huge.md" else p.read_bytes())
    assert refusal(folder, onto, "huge.md") == f"file too large (52,428,800 bytes; limit {MAX_BYTES:,})"


def test_50_mb_archive_member_is_not_read_into_memory(tmp_path, onto):
    big = tmp_path / "big.md"
    with open(big, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    archive = tmp_path / "corpus.tar.gz"
    with tarfile.open(archive, "w:gz", compresslevel=1) as tar:
        tar.add(SEEDS[0], arcname=f"c/{SEEDS[0].name}")
        tar.add(big, arcname="c/big.md")
    tracemalloc.start()
    try:
        c = extract_corpus([archive], onto)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [str(e) for e in c.errors] == [
        f"{archive}:c/big.md: file too large (52,428,800 bytes; limit {MAX_BYTES:,})"]
    assert len(c.results) == 1 and peak < 20 * 1024 * 1024


def test_html_instead_of_text(tmp_path, onto):
    folder = corpus(tmp_path, {
        "page.md": "\n<!DOCTYPE html>\n<html><head><title>Briefing</title></head><body>Text</body></html>\n",
        "bare.md": "<html><body><p>President Biden met President Putin.</p></body></html>",
        "wrapped.md": "---\ntitle: Saved page\n---\n<html>\n<body>President Biden met Putin.</body></html>\n"})
    refused, _, _ = faults_of(folder, onto)
    assert refused == {"page.md": "HTML page, not a briefing with YAML front matter",
                       "bare.md": "HTML page, not a briefing with YAML front matter",
                       "wrapped.md": "the text after the front matter is an HTML page, not a briefing"}


# ---------------------------------------------------------------- duplicates and loops

def test_same_document_twice_under_two_names(tmp_path, onto):
    folder = corpus(tmp_path, {})
    shutil.copy(SEEDS[0], folder / "copy-of-the-seed.md")
    refused, warned, skipped = faults_of(folder, onto)
    assert not refused and not warned
    assert skipped == [f"{folder / 'copy-of-the-seed.md'}: same content as {folder / SEEDS[0].name}"]
    report = build([folder], tmp_path / "out", onto, store=False)
    assert report.documents == 1 and report.skipped == skipped


def test_same_name_in_two_folders(tmp_path, onto):
    # two different documents with one file name (the corpus has 47): both built, one renamed,
    # not a fault (--strict accepts it)
    folder = corpus(tmp_path, {"a/call.md": GOOD, "b/call.md": GOOD.replace("spoke with", "called")})
    c = extract_corpus([folder], onto)
    ids = sorted(r.document.id for r in c.results)
    assert len(ids) == 3 and "call" in ids and any(i.startswith("call_") for i in ids)
    [renamed] = [i for i in ids if i.startswith("call_")]
    assert not c.errors and not c.warnings and not c.skipped
    assert c.renamed == [f"{folder / 'b' / 'call.md'}: the id 'call' is taken by {folder / 'a' / 'call.md'}; "
                         f"this document is {renamed}"]
    assert build([folder], tmp_path / "out", onto, strict=True).renamed == c.renamed


def test_symlink_loop(tmp_path, onto):
    folder = corpus(tmp_path, {"sub/a.md": GOOD})
    (folder / "sub" / "back").symlink_to(folder)          # a folder that contains itself
    (folder / "one.md").symlink_to(folder / "two.md")     # two links that lead to each other
    (folder / "two.md").symlink_to(folder / "one.md")
    refused, _, _ = faults_of(folder, onto)
    assert refused == {"back": "symlink loop: this folder was already read (through another link)",
                       "one.md": "symlink loop (the link leads back to itself)",
                       "two.md": "symlink loop (the link leads back to itself)"}


# ---------------------------------------------------------------- the summary and --strict

ALL_FAULTS = {"empty.md": "", "plain.md": "no front matter\n", "latin1.md": "---\ntitle: caf\xe9\n---\nx\n",
              "undated.md": "---\ntitle: T\n---\nText.\n", "page.md": "<!doctype html><html></html>"}


def _fault_corpus(tmp_path):
    files = {k: (v.encode("latin-1") if k == "latin1.md" else v) for k, v in ALL_FAULTS.items()}
    folder = corpus(tmp_path, files)
    shutil.copy(SEEDS[1], folder / "dup.md")
    shutil.copy(SEEDS[1], folder / SEEDS[1].name)
    return folder


def test_cli_summary_lists_every_fault_and_exits_non_zero(tmp_path):
    folder = _fault_corpus(tmp_path)
    result = CliRunner().invoke(main, ["build", str(folder), "--out", str(tmp_path / "out"), "--jobs", "1"])
    assert result.exit_code == 1, result.output
    out = result.output
    assert "documents read: 3" in out
    assert "could not read 4 file(s):" in out
    for line in (f"{folder / 'empty.md'}: empty file",
                 f"{folder / 'plain.md'}: no YAML front matter",
                 f"{folder / 'latin1.md'}: not UTF-8 (byte 0xe9 at offset 14)",
                 f"{folder / 'page.md'}: HTML page, not a briefing",
                 f"built 1 file(s) with warnings:\n  {folder / 'undated.md'}: no date",
                 f"skipped {folder / 'dup.md'}: same content as {folder / SEEDS[1].name}"):
        assert line in out
    assert (tmp_path / "out" / "kg.ttl").exists() and (tmp_path / "out" / "kg.html").exists()


def test_strict_makes_any_fault_fatal_and_writes_nothing(tmp_path, onto):
    for name, data in list(ALL_FAULTS.items()) + [("dup", None)]:
        folder = corpus(tmp_path / name, {} if data is None else {name: data.encode("latin-1")})
        if data is None:
            shutil.copy(SEEDS[0], folder / "dup.md")
        out = tmp_path / name / "out"
        with pytest.raises(StrictError) as info:
            build([folder], out, onto, strict=True)
        assert len(info.value.faults) == 1 and str(folder) in info.value.faults[0]
        assert not out.exists()                                   # not even the cache
    # a clean corpus builds as usual with strict
    assert build([ROOT / "seeds"], tmp_path / "clean", onto, strict=True).documents == 5


def test_strict_leaves_the_previous_build_intact(tmp_path, onto):
    out = tmp_path / "out"
    build([ROOT / "seeds"], out, onto)
    before = {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    folder = _fault_corpus(tmp_path)
    result = CliRunner().invoke(main, ["build", str(folder), "--out", str(out), "--strict", "--jobs", "1"])
    assert result.exit_code == 2
    assert "kg: error: --strict: 6 corpus fault(s), nothing written:" in result.output
    for name in ("empty.md: empty file", "undated.md: no date", "same content as"):
        assert name in result.output
    after = {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    assert after == before


def test_strict_with_two_jobs(tmp_path, onto, monkeypatch):
    monkeypatch.setattr("kg.parallel.BATCH_DOCS", 1)   # one document per batch: the pool is used
    folder = corpus(tmp_path, {"empty.md": "", "undated.md": "---\ntitle: T\n---\nText.\n"})
    for seed in SEEDS[1:]:
        shutil.copy(seed, folder / seed.name)
    with pytest.raises(StrictError) as info:
        build([folder], tmp_path / "out", onto, jobs=2, strict=True)
    assert info.value.faults == [f"{folder / 'empty.md'}: empty file", f"{folder / 'undated.md'}: no date"]
    assert not (tmp_path / "out").exists()
    report = build([folder], tmp_path / "out", onto, jobs=2)
    assert report.documents == 6 and [str(e) for e in report.errors] == [f"{folder / 'empty.md'}: empty file"]


def test_document_error_names_file_and_reason():
    with pytest.raises(DocumentError) as info:
        parse_document("dir/x.md", b"")
    assert (info.value.path, info.value.reason, str(info.value)) == ("dir/x.md", "empty file", "dir/x.md: empty file")
