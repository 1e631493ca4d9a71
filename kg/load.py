"""Stage 1, load: briefing files -> Document records.

Reads ``.txt`` and ``.md`` files from folders (recursively), single paths and
``.tar``/``.tar.gz``/``.tar.xz`` archives (see kg.sources); parses the YAML front
matter (both key sets real files use) and cleans the body, keeping a map back to
offsets in the original file.  A file that is not a briefing is refused with a
DocumentError naming it and the reason; a missing or unreadable title or date is
replaced and recorded in ``Document.warnings``.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import os
import re
from bisect import bisect_left

import yaml

from .errors import DocumentError, KgError
from .records import Document, OffsetMap
from .sources import (ARCHIVE_SUFFIXES, MAX_BYTES, SUFFIXES, Source, input_size,  # noqa: F401 (kg.load API)
                      is_archive, iter_sources, read_bytes)
from .yamlsafe import FastLoader, PythonLoader

MAX_FRONT_MATTER = 1 << 20    # a briefing's front matter is under 1 KB
# YAML nests at most one level per indicator; the C parser overflows the stack at
# ~20,000 levels, so front matter with more indicators than this is read by the
# pure-Python parser, which stops at Python's recursion limit instead
MAX_C_INDICATORS = 2000


# ---------------------------------------------------------------- parsing

def document_id(name: str) -> str:
    """The id of a document: its file name without extension (with it, when nothing or
    only dots would be left: ".md", "..md")."""
    base = name.rsplit(":", 1)[-1] if ":" in name and is_archive(name.split(":", 1)[0]) else name
    base = os.path.basename(base)
    for suffix in SUFFIXES:
        if base.lower().endswith(suffix) and base[: -len(suffix)].strip("."):
            return base[: -len(suffix)]
    return base


def read_document(source: Source) -> Document:
    """Read and parse one source; raises DocumentError naming the file and the reason."""
    return parse_document(source.name, read_bytes(source))


def parse_document(name: str, data: bytes) -> Document:
    if len(data) > MAX_BYTES:
        raise DocumentError(name, f"file too large ({len(data):,} bytes; limit {MAX_BYTES:,})")
    if not data.strip():
        raise DocumentError(name, "empty file")
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise DocumentError(name, f"{kind}, not a text briefing")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise DocumentError(name, f"binary file (a NUL byte at offset {nul}), not a text briefing")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":
            raise DocumentError(name, f"not UTF-8 (the file ends inside a character, at offset {exc.start}: "
                                      "cut short?)") from None
        raise DocumentError(
            name, f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None
    if text.startswith("\ufeff"):
        text = " " + text[1:]  # keep offsets: the BOM becomes a space
    if _is_markup(text):
        raise DocumentError(name, "HTML page, not a briefing with YAML front matter")
    meta, body_start, title_offset = _front_matter(name, text)
    if _is_markup(text[body_start:]):
        raise DocumentError(name, "the text after the front matter is an HTML page, not a briefing")
    body, offsets = clean_body(text, body_start)
    warnings: list[str] = []
    title = _scalar_text(meta.get("title"))
    if not title:
        what = "no title" if title is not None and "title" not in meta else \
            ("empty title" if title is not None else f"the title is a {_kind(meta.get('title'))}, not text")
        warnings.append(f"{what}; the file name is used as the title")
        title = document_id(name)
    raw_date = meta.get("date") or meta.get("published_time")
    date = _date_field(raw_date)
    if date is None:
        warnings.append("no date" if raw_date in (None, "") else
                        f"the date {_shown(raw_date)} is not a date (YYYY-MM-DD); the document has no date")
    return Document(
        id=document_id(name),
        path=name,
        title=" ".join(title.split()),
        date=date,
        url=_scalar_text(meta.get("source_url") or meta.get("permalink") or meta.get("url")) or None,
        category=_category(meta),
        text=body,
        offsets=offsets,
        title_offset=title_offset,
        sha1=hashlib.sha1(data).hexdigest(),
        warnings=tuple(warnings),
    )


_MAGIC = ((b"%PDF-", "PDF file"), (b"PK\x03\x04", "ZIP archive (or a Word/ODF document)"),
          (b"\x1f\x8b", "gzip file"), (b"\xfd7zXZ\x00", "xz file"), (b"BZh", "bzip2 file"),
          (b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"),
          (b"\xd0\xcf\x11\xe0", "Microsoft Office file"), (b"{\\rtf", "RTF document"),
          (b"\xff\xfe", "UTF-16 text (save it as UTF-8)"), (b"\xfe\xff", "UTF-16 text (save it as UTF-8)"))
_MARKUP = ("<!doctype", "<html", "<head", "<body", "<?xml")


def _is_markup(text: str) -> bool:
    return text[:200].lstrip()[:9].lower().startswith(_MARKUP)


_FM_OPEN = re.compile(r"\A\s*---[ \t]*\r?\n")
_FM_CLOSE = re.compile(r"^---[ \t]*\r?$", re.M)      # \r: Windows line ends


def _front_matter(name: str, text: str) -> tuple[dict, int, int]:
    opening = _FM_OPEN.match(text)
    if not opening:
        raise DocumentError(name, "no YAML front matter (the file must start with a '---' line)")
    closing = _FM_CLOSE.search(text, opening.end())
    if not closing:
        raise DocumentError(name, "front matter is not closed by a '---' line")
    raw = text[opening.end():closing.start()]
    if len(raw) > MAX_FRONT_MATTER:
        raise DocumentError(name, f"front matter too large ({len(raw):,} characters; "
                                  f"limit {MAX_FRONT_MATTER:,})")
    deep = sum(raw.count(c) for c in "[{-?:") > MAX_C_INDICATORS
    try:
        meta = yaml.load(raw, Loader=PythonLoader if deep else FastLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at front matter line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise DocumentError(name, f"bad YAML front matter{where}: {problem}") from None
    except RecursionError:
        raise DocumentError(name, "bad YAML front matter: nested too deeply") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise DocumentError(name, f"front matter is a {type(meta).__name__}, not a mapping of keys")
    title_at = re.search(r"^title:[ \t]*[\"']?", raw, re.M)
    title_offset = opening.end() + (title_at.end() if title_at else 0)
    body_start = closing.end()
    return meta, body_start, title_offset


_SCALARS = (str, int, float, _dt.date)      # bool is an int


INVISIBLE = {0x2060: None, 0x200B: None, 0x00AD: None, 0xFEFF: None}   # dropped from front-matter text


def _scalar_text(value) -> str | None:
    """The text of a scalar, or of a list of scalars (joined); "" for None; None for
    anything else (a mapping, nested lists: never turned into text, as shared YAML
    anchors could make that text exponentially long)."""
    if value is None:
        return ""
    if isinstance(value, list) and all(v is None or isinstance(v, _SCALARS) for v in value):
        value = ", ".join(str(v) for v in value if v is not None)
    elif not isinstance(value, _SCALARS):
        return None
    # invisible format characters (word joiner, zero-width space, soft hyphen) split names:
    # "Global COVID-\u206019 Summit" in a title
    return str(value).replace("\u00a0", " ").translate(INVISIBLE).strip()



def _kind(value) -> str:
    if isinstance(value, list):
        return "list of lists or mappings" if any(isinstance(v, (list, dict)) for v in value) else "list"
    return "mapping" if isinstance(value, dict) else type(value).__name__


def _shown(value) -> str:
    if not isinstance(value, _SCALARS):
        return f"(a {_kind(value)})"
    text = repr(value if isinstance(value, str) else str(value))
    return text if len(text) <= 60 else text[:57] + "..."


def _category(meta: dict) -> str | None:
    value = meta.get("category") or meta.get("tags") or meta.get("categories")
    if isinstance(value, list):
        value = value[0] if value else None
    return _scalar_text(value) or None


_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")


def _date_field(value) -> str | None:
    """ISO date or None; an unparseable date is dropped, never fatal."""
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if not isinstance(value, (str, int)):
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
# A newline alone between two words (half the tokens of a hard-wrapped file) is no
# token either: it stays in the text between tokens, which clean_body copies with
# its newlines made spaces (what the "soft" token would give, and at the same offsets).
_BODY_TOKENS = re.compile(
    r"(?=[\t\u00a0\r<\\#]| [ \t\u00a0\r\n<]|\n(?:[ \t\u00a0\r\n]|[-*\u2022] ))(?:"
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
        if begin > pos:            # the text between two tokens, copied (lone newlines as spaces)
            clean_starts.append(length)
            orig_starts.append(pos)
            out.append(text[pos:begin].replace("\n", " "))
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
        out.append(text[pos:].replace("\n", " "))
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
