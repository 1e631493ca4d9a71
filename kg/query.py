"""kg query: SPARQL 1.1 over the built graph with the embedded Oxigraph store.

A query is a SPARQL string, a ``.rq`` file, or the name of a stored query in
``ontology/queries/`` (``threats``, ``meetings``, ``proposals``, ``commitments``,
``about``). A stored query starts with a comment header: its first line names and
describes it; ``# param NAME: description`` lines declare parameters, which are
bound as plain literals with Oxigraph's substitutions (never pasted into the text),
so a value cannot change the query. Results print as an aligned table, as SPARQL 1.1
CSV, or as SPARQL 1.1 JSON; parameter columns are inputs and are left out.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .errors import KgError
from .graph import PREFIXES
from .ontology import DEFAULT_ROOT

QUERIES_DIR = DEFAULT_ROOT / "queries"
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
_PARAM = re.compile(r"^#\s*param\s+([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.*)$")
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


class QueryError(KgError):
    """A query that cannot be found, parsed or run; names the query and the reason."""


@dataclass
class Query:
    name: str                                   # stored name, file path, or "<query>"
    text: str
    description: str = ""
    params: dict[str, str] = field(default_factory=dict)    # name -> description


@dataclass
class Result:
    kind: str                                   # select | ask | graph
    variables: list[str] = field(default_factory=list)
    rows: list[list] = field(default_factory=list)          # pyoxigraph terms or None
    boolean: bool = False
    triples: list = field(default_factory=list)


def parse_header(name: str, text: str) -> Query:
    description, params = [], {}
    for line in text.splitlines():
        line = line.strip()
        if not line.startswith("#"):
            break
        m = _PARAM.match(line)
        if m:
            params[m.group(1)] = m.group(2).strip()
        elif not line.lstrip("# ").lower().startswith("example"):
            description.append(line.lstrip("# ").strip())
    desc = " ".join(d for d in description if d)
    if desc.startswith(f"{name}:"):
        desc = desc[len(name) + 1:].strip()
    return Query(name, text, desc, params)


def stored_queries(folder: Path | None = None) -> dict[str, Query]:
    folder = folder or QUERIES_DIR
    out = {}
    for p in sorted(Path(folder).glob("*.rq")):
        out[p.stem] = parse_header(p.stem, p.read_text(encoding="utf-8"))
    return out


def resolve(query: str, folder: Path | None = None) -> Query:
    """A stored query's name, a .rq file, or SPARQL text -> Query."""
    stored = stored_queries(folder)
    if query in stored:
        return stored[query]
    path = Path(query)
    if "\n" not in query and len(query) < 1024 and (path.suffix in (".rq", ".sparql") or _is_file(path)):
        try:
            return parse_header(path.stem, path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise QueryError(f"{query}: no such query file") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"{query}: cannot read: {exc}") from None
    if _NAME.match(query):
        raise QueryError(f"no stored query named {query!r} (stored: {', '.join(stored) or 'none'})")
    return parse_header("<query>", query)


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):       # a query text is not always a possible file name
        return False


def bind(q: Query, params: dict[str, str]) -> dict:
    unknown = sorted(set(params) - set(q.params))
    if unknown:
        known = ", ".join(q.params) or "none"
        raise QueryError(f"{q.name}: unknown parameter {', '.join(unknown)} (parameters: {known})")
    missing = [p for p in q.params if p not in params]
    if missing:
        hints = "; ".join(f"{p}: {q.params[p]}" for p in missing)
        raise QueryError(f"{q.name}: missing parameter {', '.join(missing)} "
                         f"(--param {missing[0]}=VALUE; {hints})")
    return {ox.Variable(k): ox.Literal(v) for k, v in params.items()}


def run(graph, q: Query, params: dict[str, str] | None = None) -> Result:
    subs = bind(q, params or {})
    try:
        answer = graph.query(q.text, subs or None)
    except SyntaxError as exc:
        raise QueryError(f"{q.name}: not a valid SPARQL 1.1 query: {exc}") from None
    except (RuntimeError, OSError, ValueError) as exc:
        raise QueryError(f"{q.name}: {exc}") from None
    if isinstance(answer, ox.QueryBoolean):
        return Result("ask", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        names = [v.value for v in answer.variables if v.value not in q.params]
        rows = [[sol[n] for n in names] for sol in answer]
        return Result("select", names, rows)
    return Result("graph", triples=list(answer))


# ---------------------------------------------------------------- output

_BY_LENGTH = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))


def show(term) -> str:
    """A term as a person reads it: a prefixed name for an IRI, the text of a literal."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, base in _BY_LENGTH:
            if term.value.startswith(base) and len(term.value) > len(base):
                return f"{prefix}:{term.value[len(base):]}"
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def format_table(r: Result, max_width: int = 60) -> str:
    if r.kind == "ask":
        return "true" if r.boolean else "false"
    if r.kind == "graph":
        return ox.serialize(r.triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES).decode("utf-8")

    def cell(term) -> str:
        text = _UNPRINTABLE.sub(" ", show(term).replace("\n", " ").replace("\t", " "))
        return text if max_width <= 0 or len(text) <= max_width else text[:max_width - 1] + "…"

    cells = [[cell(t) for t in row] for row in r.rows]
    widths = [max([len(v)] + [len(row[i]) for row in cells]) for i, v in enumerate(r.variables)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(r.variables, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(lines)


def format_csv(r: Result) -> str:
    """SPARQL 1.1 Query Results CSV: a header of variable names, values as plain text."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    if r.kind == "ask":
        w.writerow(["boolean"])
        w.writerow(["true" if r.boolean else "false"])
    elif r.kind == "graph":
        w.writerow(["subject", "predicate", "object"])
        w.writerows([[t.subject.value, t.predicate.value, t.object.value] for t in r.triples])
    else:
        w.writerow(r.variables)
        w.writerows([["" if t is None else t.value for t in row] for row in r.rows])
    return buf.getvalue()


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype and term.datatype.value != PREFIXES["xsd"] + "string":
        out["datatype"] = term.datatype.value
    return out


def format_json(r: Result) -> str:
    """SPARQL 1.1 Query Results JSON (for ASK and SELECT); JSON-LD for CONSTRUCT/DESCRIBE."""
    if r.kind == "graph":
        return ox.serialize(r.triples, format=ox.RdfFormat.JSON_LD).decode("utf-8")
    if r.kind == "ask":
        return json.dumps({"head": {}, "boolean": r.boolean})
    bindings = [{v: _json_term(t) for v, t in zip(r.variables, row) if t is not None} for row in r.rows]
    return json.dumps({"head": {"vars": r.variables}, "results": {"bindings": bindings}},
                      ensure_ascii=False, indent=1)


FORMATTERS = {"table": format_table, "csv": format_csv, "json": format_json}
