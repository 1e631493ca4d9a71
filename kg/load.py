"""Stage 1, load: briefing files -> Document records.

Reads ``.txt`` and ``.md`` files from folders (recursively), single paths and
``.tar``/``.tar.gz``/``.tar.xz`` archives; parses the YAML front matter (both key
sets real files use) and cleans the body, keeping a map back to offsets in the
original file.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import os
import re
import tarfile
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import yaml

from .errors import DocumentError, KgError
from .records import Document, OffsetMap

SUFFIXES = (".txt", ".md")
ARCHIVE_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2")
MAX_BYTES = 20 * 1024 * 1024  # a briefing is < 1 MB; anything this big is not one

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class Source:
    """One file to read: its display name and a way to get its bytes."""

    name: str
    read: Callable[[], bytes]
    size: int = -1
    disk: int = 0      # bytes of the input on disk this source accounts for (progress)


# ---------------------------------------------------------------- sources

def is_archive(path: str | os.PathLike) -> bool:
    return str(path).lower().endswith(ARCHIVE_SUFFIXES)


def iter_sources(paths: list[str | os.PathLike], errors: list[DocumentError] | None = None
                 ) -> Iterator[Source]:
    """Yield every briefing file under ``paths`` in a stable (sorted) order.

    Missing paths, unreadable folders and symlink loops are reported in ``errors``
    (or raised when ``errors`` is None) and never stop the walk.
    """

    def fail(name: str, reason: str) -> None:
        err = DocumentError(name, reason)
        if errors is None:
            raise err
        errors.append(err)

    for raw in paths:
        path = Path(raw)
        if not path.exists():
            fail(str(raw), "no such file or folder")
        elif path.is_dir():
            yield from _walk(path, fail)
        elif is_archive(path):
            yield from _archive(path, fail)
        else:
            yield _file_source(path)


def _file_source(path: Path) -> Source:
    try:
        size = path.stat().st_size
    except OSError:
        size = -1
    return Source(str(path), path.read_bytes, size, max(size, 0))


def _walk(root: Path, fail: Callable[[str, str], None]) -> Iterator[Source]:
    seen: set[tuple[int, int]] = set()

    def visit(folder: Path) -> Iterator[Source]:
        try:
            st = folder.stat()
        except OSError as exc:
            fail(str(folder), f"cannot read folder ({exc.strerror or exc})")
            return
        key = (st.st_dev, st.st_ino)
        if key in seen:
            fail(str(folder), "symlink loop: folder already visited")
            return
        seen.add(key)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            fail(str(folder), f"cannot list folder ({exc.strerror or exc})")
            return
        for entry in entries:
            path = Path(entry.path)
            try:
                if entry.is_dir():
                    yield from visit(path)
                elif entry.name.lower().endswith(SUFFIXES):
                    if not entry.is_file():
                        fail(str(path), "not a regular file (broken link?)")
                        continue
                    yield _file_source(path)
            except OSError as exc:
                fail(str(path), f"cannot read ({exc.strerror or exc})")

    yield from visit(root)


def _archive(path: Path, fail: Callable[[str, str], None]) -> Iterator[Source]:
    """Members of an archive, read one by one as the archive streams past."""
    try:
        raw = open(path, "rb")
    except OSError as exc:
        fail(str(path), f"cannot open archive ({exc.strerror or exc})")
        return
    with raw:
        try:
            tar = tarfile.open(fileobj=raw, mode="r:*")
        except (tarfile.TarError, OSError, EOFError) as exc:
            fail(str(path), f"cannot open archive ({exc})")
            return
        with tar:
            consumed = 0      # compressed bytes read so far: the progress through the archive
            try:
                for member in tar:
                    if not member.isfile() or not member.name.lower().endswith(SUFFIXES):
                        continue
                    try:
                        handle = tar.extractfile(member)
                        data = handle.read() if handle else b""
                    except (tarfile.TarError, OSError, EOFError) as exc:
                        fail(f"{path}:{member.name}", f"cannot read archive member ({exc})")
                        continue
                    position = raw.tell()
                    yield Source(f"{path}:{member.name}", (lambda d=data: d), member.size,
                                 max(0, position - consumed))
                    consumed = max(consumed, position)
            except (tarfile.TarError, OSError, EOFError) as exc:
                fail(str(path), f"archive is damaged ({exc})")


def input_size(paths: list[str | os.PathLike]) -> int:
    """Bytes on disk of everything ``paths`` holds (archives count compressed): the
    total that progress is measured against. Unreadable parts count as zero."""
    total = 0
    for raw in paths:
        path = Path(raw)
        try:
            if path.is_dir():
                for folder, _, files in os.walk(path):
                    for name in files:
                        if name.lower().endswith(SUFFIXES):
                            try:
                                total += os.stat(os.path.join(folder, name)).st_size
                            except OSError:
                                pass
            elif path.exists():
                total += path.stat().st_size
        except OSError:
            pass
    return total


# ---------------------------------------------------------------- parsing

def document_id(name: str) -> str:
    """The id of a document: its file name without extension."""
    base = name.rsplit(":", 1)[-1] if ":" in name and is_archive(name.split(":", 1)[0]) else name
    base = os.path.basename(base)
    for suffix in SUFFIXES:
        if base.lower().endswith(suffix):
            return base[: -len(suffix)]
    return base


def read_bytes(source: Source) -> bytes:
    """The bytes of one source; raises DocumentError naming the file and the reason."""
    if source.size > MAX_BYTES:
        raise DocumentError(source.name, f"file too large ({source.size:,} bytes; limit {MAX_BYTES:,})")
    try:
        return source.read()
    except OSError as exc:
        raise DocumentError(source.name, f"cannot read ({exc.strerror or exc})") from None


def read_document(source: Source) -> Document:
    """Read and parse one source; raises DocumentError naming the file and the reason."""
    return parse_document(source.name, read_bytes(source))


def parse_document(name: str, data: bytes) -> Document:
    if len(data) > MAX_BYTES:
        raise DocumentError(name, f"file too large ({len(data):,} bytes; limit {MAX_BYTES:,})")
    if not data.strip():
        raise DocumentError(name, "empty file")
    if b"\x00" in data[:8192]:
        raise DocumentError(name, "binary file (contains NUL bytes), not a text briefing")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            name, f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None
    if text.startswith("\ufeff"):
        text = " " + text[1:]  # keep offsets: the BOM becomes a space
    head = text.lstrip()
    if head[:15].lower().startswith(("<!doctype", "<html")):
        raise DocumentError(name, "HTML page, not a briefing with YAML front matter")
    meta, body_start, title_offset = _front_matter(name, text)
    body, offsets = clean_body(text, body_start)
    title = _text_field(meta.get("title"))
    if not title:
        title = document_id(name)
    return Document(
        id=document_id(name),
        path=name,
        title=" ".join(title.split()),
        date=_date_field(meta.get("date") or meta.get("published_time")),
        url=_text_field(meta.get("source_url") or meta.get("permalink") or meta.get("url")) or None,
        category=_category(meta),
        text=body,
        offsets=offsets,
        title_offset=title_offset,
        sha1=hashlib.sha1(data).hexdigest(),
    )


_FM_OPEN = re.compile(r"\A\s*---[ \t]*\r?\n")
_FM_CLOSE = re.compile(r"^---[ \t]*$", re.M)


def _front_matter(name: str, text: str) -> tuple[dict, int, int]:
    opening = _FM_OPEN.match(text)
    if not opening:
        raise DocumentError(name, "no YAML front matter (the file must start with a '---' line)")
    closing = _FM_CLOSE.search(text, opening.end())
    if not closing:
        raise DocumentError(name, "front matter is not closed by a '---' line")
    raw = text[opening.end():closing.start()]
    try:
        meta = yaml.load(raw, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at front matter line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise DocumentError(name, f"bad YAML front matter{where}: {problem}") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise DocumentError(name, f"front matter is a {type(meta).__name__}, not a mapping of keys")
    title_at = re.search(r"^title:[ \t]*[\"']?", raw, re.M)
    title_offset = opening.end() + (title_at.end() if title_at else 0)
    body_start = closing.end()
    return meta, body_start, title_offset


def _text_field(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value if v is not None)
    return str(value).replace("\u00a0", " ").strip()


def _category(meta: dict) -> str | None:
    value = meta.get("category") or meta.get("tags") or meta.get("categories")
    if isinstance(value, list):
        value = value[0] if value else None
    return _text_field(value) or None


_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def _date_field(value) -> str | None:
    """ISO date or None; an unparseable date is dropped, never fatal."""
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if value is None:
        return None
    found = _DATE.search(str(value))
    if not found:
        return None
    try:
        return _dt.date(*map(int, found.groups())).isoformat()
    except ValueError:
        return None


# ---------------------------------------------------------------- body cleaning

# Order matters: a paragraph break is tried before a hard break, before a soft wrap.
# The leading lookahead only skips positions where no alternative can match (a
# letter, or one space before a letter): same tokens, ten times faster to scan.
_BODY_TOKENS = re.compile(
    r"(?=[\t\u00a0\r\n<\\#]| [ \t\u00a0\r\n<])(?:"
    r"(?P<strike>[ \t]*<s>.*?</s>)"
    r"|(?P<endmark>\\?#{3,}[ \t]*$)"
    r"|(?P<br><br(?:\s[^<>]*)?/?>)"
    r"|(?P<tag></?(?:span|em|strong|b|i|u|a|font|sup|sub)(?:\s[^<>]*)?/?>)"
    r"|(?P<bold>\*\*)"
    r"|\\(?P<escaped>[\\`*_{}\[\]()#+\-.!|<>~\"'$&])"
    r"|(?P<para>[ \t\u00a0]*\r?\n(?:[ \t\u00a0]*\r?\n)+[ \t\u00a0]*)"
    r"|(?P<hard>(?:[ \t\u00a0]{2,}|\\)\r?\n[ \t\u00a0]*)"
    r"|(?P<bullet>[ \t\u00a0]*\r?\n[ \t\u00a0]*(?=[-*\u2022] ))"
    r"|(?P<soft>[ \t\u00a0]*\r?\n[ \t\u00a0]*)"
    r"|(?P<space>[ \t\u00a0]{2,}|[\t\u00a0]))",
    re.S | re.M,
)
_REPLACEMENT = {"strike": "", "endmark": "", "br": "\n", "tag": "", "bold": "", "para": "\n\n", "hard": "\n",
                "bullet": "\n", "soft": " ", "space": " "}


def clean_body(text: str, start: int = 0) -> tuple[str, OffsetMap]:
    """Clean ``text[start:]``; return the clean text and its offset map."""
    out: list[str] = []
    clean_starts: list[int] = []
    orig_starts: list[int] = []
    length = 0
    pos = start
    replacement = _REPLACEMENT
    for m in _BODY_TOKENS.finditer(text, start):
        begin, end = m.span()
        if begin > pos:            # the text between two tokens, copied as is
            clean_starts.append(length)
            orig_starts.append(pos)
            out.append(text[pos:begin])
            length += begin - pos
        kind = m.lastgroup
        if kind == "escaped":
            piece, orig = m.group("escaped"), begin + 1
        else:
            piece, orig = replacement[kind], begin
        if piece:
            clean_starts.append(length)
            orig_starts.append(orig)
            out.append(piece)
            length += len(piece)
        pos = end
    if pos < len(text):
        clean_starts.append(length)
        orig_starts.append(pos)
        out.append(text[pos:])
    body = "".join(out)
    # Trim, keeping the map aligned.
    lead = len(body) - len(body.lstrip())
    body = body.strip()
    if lead:
        # runs that fall entirely in the trimmed lead collapse onto offset 0
        k = bisect_left(clean_starts, lead)
        orig_starts[:k] = [o + lead - c for c, o in zip(clean_starts[:k], orig_starts[:k])]
        clean_starts = [0] * k + [c - lead for c in clean_starts[k:]]
    return body, OffsetMap(tuple(clean_starts), tuple(orig_starts))


def load_documents(paths: list[str | os.PathLike]) -> tuple[list[Document], list[KgError]]:
    """Read every document under ``paths``; return the documents and the errors."""
    errors: list[DocumentError] = []
    docs: list[Document] = []
    for source in iter_sources(paths, errors):
        try:
            docs.append(read_document(source))
        except DocumentError as exc:
            errors.append(exc)
    return docs, list(errors)
