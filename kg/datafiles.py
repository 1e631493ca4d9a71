"""Reading and checking the YAML data files of ``ontology/``: every refusal names the
file, the record and the value at fault."""
from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path
from typing import Any

import yaml

from .errors import OntologyError
from .yamlsafe import DataLoader

ENTITY_TYPES = ("Person", "State", "Organization", "Forum", "Place", "Agreement")
ID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


def read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise OntologyError(str(path), None, f"cannot read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise OntologyError(str(path), None, "not UTF-8") from None
    try:
        return yaml.load(text, Loader=DataLoader)    # refuses a key given twice
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise OntologyError(str(path), None, f"bad YAML{where}: {getattr(exc, 'problem', exc)}") from None
    except (ValueError, OverflowError, RecursionError) as exc:     # e.g. "!!float abc"
        raise OntologyError(str(path), None, f"bad YAML: {type(exc).__name__}: {exc}") from None


def check_keys(file: str, record: str | None, data: Any, allowed: dict[str, type | tuple],
               required: tuple[str, ...] = ()) -> dict:
    """Check a mapping's keys and value types; return it."""
    if not isinstance(data, dict):
        raise OntologyError(file, record, f"expected a mapping, got {type(data).__name__}: {data!r}")
    for key in data:
        if key not in allowed:
            raise OntologyError(file, record, f"unknown key {key!r} (allowed: {', '.join(sorted(allowed))})")
    for key in required:
        if data.get(key) in (None, "", []):
            raise OntologyError(file, record, f"missing required key {key!r}")
    for key, value in data.items():
        expected = allowed[key]
        if value is not None and not isinstance(value, expected):
            names = " or ".join(t.__name__ for t in (expected if isinstance(expected, tuple) else (expected,)))
            raise OntologyError(file, record, f"key {key!r} must be {names}, got {type(value).__name__}: {value!r}")
    return data


def str_list(file: str, record: str | None, key: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise OntologyError(file, record, f"key {key!r} must be a list, got {type(value).__name__}: {value!r}")
    out = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise OntologyError(file, record, f"key {key!r} has an item that is not a non-empty string: {item!r}")
        out.append(item.strip())
    return tuple(out)


def iso_date(file: str, record: str | None, key: str, value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise OntologyError(file, record, f"key {key!r} must be a date YYYY-MM-DD, got {value!r}")
