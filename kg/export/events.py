"""Event data: one CSV row per assertion, in the layout event-data users work with.

Columns: date, source and target actor (label, id, type, and the state it acts for),
predicate with its CAMEO code and PLOVER category (from the SKOS mappings of
ontology/kg.ttl), modality and its PLOVER mode, whether a reporter said it, the
speaker, the quote, and the document, url and offsets it came from. Rows are sorted
by date, document and position, so the same graph gives the same bytes.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

from ..pipeline import write_atomic
from .store import GraphError, KgGraph
from .views import assertions, documents, entities

COLUMNS = ("date", "source_actor", "source_actor_id", "source_actor_type", "source_country",
           "target_actor", "target_actor_id", "target_actor_type", "target_country",
           "predicate", "cameo", "plover", "modality", "plover_mode", "reported", "speaker",
           "speaker_role", "quote", "document", "title", "url", "place", "rule", "in_title",
           "text_start", "text_end", "source_start", "source_end", "assertion_id")


def rows(g: KgGraph, vocab=None) -> list[dict]:
    from .vocab import load_vocabulary
    vocab = vocab or load_vocabulary()
    ents = {e.id: e for e in entities(g)}
    docs = {d.id: d for d in documents(g)}

    def actor(eid: str) -> tuple[str, str, str]:
        e = ents.get(eid)
        if e is None:
            return eid, "", ""
        country = e.id if e.type == "State" else e.acts_for
        return e.label, e.type, ents[country].label if country in ents else country

    out = []
    for a in assertions(g):
        codes = vocab.codes_for(a.predicate)
        doc = docs.get(a.document)
        s_label, s_type, s_country = actor(a.subject)
        o_label, o_type, o_country = actor(a.object)
        out.append({
            "date": a.date, "source_actor": s_label, "source_actor_id": a.subject,
            "source_actor_type": s_type, "source_country": s_country,
            "target_actor": o_label, "target_actor_id": a.object, "target_actor_type": o_type,
            "target_country": o_country, "predicate": a.predicate, "cameo": codes.cameo,
            "plover": codes.plover, "modality": a.modality, "plover_mode": vocab.mode_for(a.modality),
            "reported": "true" if a.reported else "false", "speaker": a.speaker,
            "speaker_role": a.role, "quote": a.quote, "document": a.document,
            "title": doc.title if doc else "", "url": doc.url if doc else "",
            "place": ents[a.place].label if a.place in ents else a.place, "rule": a.rule,
            "in_title": "true" if a.in_title else "false", "text_start": str(a.start),
            "text_end": str(a.end), "source_start": str(a.source_start),
            "source_end": str(a.source_end), "assertion_id": a.id})
    out.sort(key=lambda r: (r["date"], r["document"], r["in_title"] != "true", int(r["text_start"]),
                            r["predicate"], r["source_actor_id"], r["target_actor_id"], r["assertion_id"]))
    return out


def to_events(g: KgGraph, vocab=None) -> bytes:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(rows(g, vocab))
    return buf.getvalue().encode("utf-8")


def write_events(g: KgGraph, path: str | Path, vocab=None) -> list[Path]:
    write_atomic(Path(path), to_events(g, vocab))
    return [Path(path)]


def read_events(path: str | Path) -> list[dict]:
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            if tuple(reader.fieldnames or ()) != COLUMNS:
                raise GraphError(f"{path}: not a kg events file (columns {reader.fieldnames})")
            return list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise GraphError(f"{path}: cannot read: {exc}") from None
