"""Neo4j: neo4j-admin import CSVs, a LOAD CSV script, and the same load for Kuzu.

A folder with
  nodes.csv          entities: ``id:ID(Entity),:LABEL,label,type,aliases:string[],...``
  documents.csv      documents: ``id:ID(Document),:LABEL,title,date:date,url,...``
  relationships.csv  one row per assertion, ``:START_ID(Entity),:END_ID(Entity),:TYPE,...``
                     with its quote, modality, document, offsets and CAMEO/PLOVER codes,
                     plus the ``actsFor`` links of people to their states
  load.cypher        the same load with LOAD CSV, for a running Neo4j (cypher-shell -f)
  load-kuzu.cypher   the same load for Kuzu, an embedded Cypher database
Relationship types are the predicates (``meetsWith``); node labels ``Entity`` plus the
entity type (``Person``), and ``Document``. Quotes may hold newlines: give neo4j-admin
``--multiline-fields=true``. Aliases are a ``;``-separated array.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx

from ..pipeline import write_atomic
from .store import GraphError, KgGraph
from .views import documents, entities, flat_graph

NODE_COLUMNS = [("id:ID(Entity)", "id"), (":LABEL", "labels"), ("label", "label"), ("type", "type"),
                ("aliases:string[]", "aliases"), ("wikidata", "wikidata"), ("acts_for", "acts_for"),
                ("discovered:boolean", "discovered"), ("iri", "iri")]
DOCUMENT_COLUMNS = [("id:ID(Document)", "id"), (":LABEL", "labels"), ("title", "title"),
                    ("date:date", "date"), ("url", "url"), ("category", "category"), ("path", "path"),
                    ("iri", "iri")]
REL_COLUMNS = [(":START_ID(Entity)", "source"), (":END_ID(Entity)", "target"), (":TYPE", "type"),
               ("assertion_id", "assertion_id"), ("modality", "modality"), ("quote", "quote"),
               ("speaker", "speaker"), ("speaker_role", "role"), ("reported:boolean", "reported"),
               ("in_title:boolean", "in_title"), ("rule", "rule"), ("document", "document"),
               ("date:date", "date"), ("url", "url"), ("text_start:int", "text_start"),
               ("text_end:int", "text_end"), ("source_start:int", "source_start"),
               ("source_end:int", "source_end"), ("place", "place"), ("cameo", "cameo"),
               ("plover", "plover"), ("plover_mode", "plover_mode"), ("iri", "iri")]
ACTS_FOR = "actsFor"
FILES = ("nodes.csv", "documents.csv", "relationships.csv", "load.cypher", "load-kuzu.cypher")


def _cell(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _csv(columns, rows) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([h for h, _ in columns])
    for row in rows:
        w.writerow([_cell(row.get(key)) for _, key in columns])
    return buf.getvalue().encode("utf-8")


def tables(g: KgGraph, vocab=None) -> tuple[list[dict], list[dict], list[dict]]:
    """Rows of the three CSVs: entities, documents, relationships (in a fixed order)."""
    from .vocab import load_vocabulary
    graph = flat_graph(g, vocab or load_vocabulary())
    aliases = {e.id: ";".join(e.aliases) for e in entities(g)}
    nodes = [{"id": n, "labels": ";".join(["Entity"] + ([d["type"]] if d["type"] else [])),
              **d, "aliases": aliases.get(n, "")} for n, d in graph.nodes(data=True)]
    docs = [{"labels": "Document", **vars_of(d)} for d in documents(g)]
    rels = [{"source": u, "target": v, "type": d["predicate"], "assertion_id": k, **d}
            for u, v, k, d in graph.edges(keys=True, data=True)]
    rels += [{"source": n, "target": d["acts_for"], "type": ACTS_FOR}
             for n, d in graph.nodes(data=True) if d["acts_for"] and d["acts_for"] in graph]
    return nodes, docs, rels


def vars_of(row) -> dict:
    return {name: getattr(row, name) for name in row.__slots__}


def write_neo4j(g: KgGraph, folder: str | Path, vocab=None) -> list[Path]:
    folder = Path(folder)
    nodes, docs, rels = tables(g, vocab)
    types = sorted({r["type"] for r in rels})
    labels = sorted({n["type"] for n in nodes if n["type"]})
    outputs = {"nodes.csv": _csv(NODE_COLUMNS, nodes), "documents.csv": _csv(DOCUMENT_COLUMNS, docs),
               "relationships.csv": _csv(REL_COLUMNS, rels),
               "load.cypher": neo4j_script(labels, types).encode("utf-8"),
               "load-kuzu.cypher": kuzu_script(types).encode("utf-8")}
    for name, data in outputs.items():
        write_atomic(folder / name, data)
    return [folder / name for name in outputs]


# ---------------------------------------------------------------- scripts

def _ident(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def _str(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _neo4j_value(header: str, var: str = "row") -> str:
    col = f"{var}.{_ident(header)}"
    kind = header.split(":", 1)[1] if ":" in header else "string"
    if kind == "int":
        return f"toInteger({col})"
    if kind == "boolean":
        return f"toBoolean({col})"
    if kind == "date":
        return f"CASE coalesce({col}, '') WHEN '' THEN null ELSE date({col}) END"
    if kind == "string[]":
        return f"CASE coalesce({col}, '') WHEN '' THEN [] ELSE split({col}, ';') END"
    return f"coalesce({col}, '')"


def _prop_name(header: str) -> str:
    """The property neo4j-admin makes of a header: ``text_start:int`` -> ``text_start``."""
    return header.split(":", 1)[0]


def _props(columns, skip: int, var: str) -> str:
    return ",\n    ".join(f"{var}.{_ident(_prop_name(h))} = {_neo4j_value(h)}" for h, _ in columns[skip:])


def neo4j_script(labels: list[str], types: list[str]) -> str:
    out = ["// Load `kg export --format neo4j` into Neo4j 5 with LOAD CSV.",
           "// Put nodes.csv, documents.csv and relationships.csv in the database's import",
           "// folder, then: cypher-shell -u neo4j -p PASSWORD -f load.cypher",
           "// (or, for an empty database: neo4j-admin database import full --nodes=nodes.csv",
           "//  --nodes=documents.csv --relationships=relationships.csv --multiline-fields=true)",
           "CREATE CONSTRAINT kg_entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;",
           "CREATE CONSTRAINT kg_document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE;",
           "LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row",
           f"MERGE (n:Entity {{id: row.{_ident(NODE_COLUMNS[0][0])}}})",
           "SET " + _props(NODE_COLUMNS, 2, "n") + ";"]
    for label in labels:
        out.append(f"MATCH (n:Entity) WHERE n.type = {_str(label)} SET n:{_ident(label)};")
    out += ["LOAD CSV WITH HEADERS FROM 'file:///documents.csv' AS row",
            f"MERGE (d:Document {{id: row.{_ident(DOCUMENT_COLUMNS[0][0])}}})",
            "SET " + _props(DOCUMENT_COLUMNS, 2, "d") + ";"]
    for rel in types:
        out += ["LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row",
                f"WITH row WHERE row.{_ident(':TYPE')} = {_str(rel)}",
                f"MATCH (a:Entity {{id: row.{_ident(REL_COLUMNS[0][0])}}}), "
                f"(b:Entity {{id: row.{_ident(REL_COLUMNS[1][0])}}})",
                f"CREATE (a)-[r:{_ident(rel)}]->(b)" + (";" if rel == ACTS_FOR else ""),
                *([] if rel == ACTS_FOR else ["SET " + _props(REL_COLUMNS, 3, "r") + ";"])]
    return "\n".join(out) + "\n"


_KUZU_TYPE = {"int": "INT64", "boolean": "BOOLEAN"}


def _kuzu_columns(columns, skip: int) -> str:
    return ", ".join(f"{_ident(_prop_name(h))} {_KUZU_TYPE.get(h.split(':', 1)[-1] if ':' in h else '', 'STRING')}"
                     for h, _ in columns[skip:])


def kuzu_script(types: list[str]) -> str:
    """Kuzu reads the same CSVs: one node table per kind, one relationship table per type."""
    opts = "(header=true, parallel=false)"
    out = ["// Load `kg export --format neo4j` into Kuzu (pip install kuzu); run from this folder,",
           "// one statement per line, e.g. with kg.export.neo4j.load_kuzu(folder, database).",
           f"CREATE NODE TABLE Entity(id STRING, labels STRING, {_kuzu_columns(NODE_COLUMNS, 2)}, "
           "PRIMARY KEY(id));",
           f"CREATE NODE TABLE Document(id STRING, labels STRING, {_kuzu_columns(DOCUMENT_COLUMNS, 2)}, "
           "PRIMARY KEY(id));",
           f"COPY Entity FROM 'nodes.csv' {opts};",
           f"COPY Document FROM 'documents.csv' {opts};"]
    for rel in types:
        props = [] if rel == ACTS_FOR else REL_COLUMNS[3:]
        ret = ", ".join([_ident(REL_COLUMNS[0][0]), _ident(REL_COLUMNS[1][0])]
                        + [_ident(_prop_name(h)) for h, _ in props])
        cols = f", {_kuzu_columns(props, 0)}" if props else ""
        out += [f"CREATE REL TABLE {_ident(rel)}(FROM Entity TO Entity{cols});",
                f"COPY {_ident(rel)} FROM (LOAD FROM 'relationships.csv' {opts} "
                f"WHERE {_ident(':TYPE')} = {_str(rel)} RETURN {ret});"]
    return "\n".join(out) + "\n"


def load_kuzu(folder: str | Path, database: str | Path):
    """Run load-kuzu.cypher of an export folder into a new Kuzu database; return a connection."""
    import os
    try:
        import kuzu
    except ImportError:
        from ..errors import KgError
        raise KgError("loading into Kuzu needs the kuzu package: pip install kuzu") from None
    folder = Path(folder).resolve()
    conn = kuzu.Connection(kuzu.Database(str(database)))
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        for line in (folder / "load-kuzu.cypher").read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("//"):
                conn.execute(line)
    finally:
        os.chdir(cwd)
    return conn


# ---------------------------------------------------------------- reading back

def _typed(header: str, value: str):
    kind = header.split(":", 1)[1] if ":" in header and not header.startswith(":") else ""
    if kind == "int":
        return int(value) if value else 0
    if kind == "boolean":
        return value == "true"
    return value


def read_neo4j(folder: str | Path) -> nx.MultiDiGraph:
    """The entities and assertion relationships as the flat networkx graph
    (``actsFor`` rows are the ``acts_for`` attribute again; titles come from documents.csv)."""
    folder = Path(folder)
    out = nx.MultiDiGraph()
    try:
        with open(folder / "documents.csv", encoding="utf-8", newline="") as fh:
            titles = {row[DOCUMENT_COLUMNS[0][0]]: row["title"] for row in csv.DictReader(fh)}
        with open(folder / "nodes.csv", encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                data = {key: _typed(h, row[h]) for h, key in NODE_COLUMNS}
                data.pop("labels")
                data["aliases"] = "; ".join(a for a in data["aliases"].split(";") if a)
                out.add_node(data.pop("id"), **data)
        with open(folder / "relationships.csv", encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                data = {key: _typed(h, row[h]) for h, key in REL_COLUMNS}
                if data["type"] == ACTS_FOR:
                    continue
                u, v, key = data.pop("source"), data.pop("target"), data.pop("assertion_id")
                data["predicate"] = data.pop("type")
                data["title"] = titles.get(data["document"], "")
                out.add_edge(u, v, key=key, **data)
    except (OSError, KeyError, ValueError, csv.Error) as exc:
        raise GraphError(f"{folder}: not a kg Neo4j export: {exc}") from None
    return out
