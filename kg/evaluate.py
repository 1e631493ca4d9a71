"""Stage 8, evaluate: score extraction against gold annotations.

Format and rules: ``../shared/gold/README.md``.  Relations are reduced to unique
``(subject, predicate, object)`` keys per document (``meetsWith`` symmetric);
optional relations are neither rewarded nor penalised; modality is scored on the
true positives as the share of gold modalities the builder also gives.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import yaml

from .coref import PeopleRegistry
from .errors import DocumentError, GoldError
from .load import SUFFIXES, parse_document
from .ontology import Ontology
from .pipeline import extract_document
from .records import DocResult
from .sources import is_archive, iter_sources, read_bytes
from .rules import MODALITIES, PREDICATES

ENTITY_HOWS = ("gazetteer", "role", "discovered", "qualifier")


def _key(s: str, p: str, o: str) -> tuple[str, str, str]:
    if p == "meetsWith" and o < s:
        s, o = o, s
    return (s, p, o)


@dataclass
class GoldDoc:
    id: str
    entities: list[str]
    optional_entities: list[str]
    relations: list[dict]
    optional_relations: list[dict]


def load_gold(path: str | Path) -> list[GoldDoc]:
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GoldError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except yaml.YAMLError as exc:
        raise GoldError(f"{path}: bad YAML ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("documents"), dict):
        raise GoldError(f"{path}: expected a mapping with a 'documents' mapping")
    docs = []
    for did, rec in data["documents"].items():
        if not isinstance(rec, dict):
            raise GoldError(f"{path}: document {did}: expected a mapping")
        for i, rel in enumerate((rec.get("relations") or []) + (rec.get("optional_relations") or [])):
            if not isinstance(rel, dict) or not {"subject", "predicate", "object"} <= set(rel):
                raise GoldError(f"{path}: document {did}: relation {i} needs subject, predicate, object")
            if rel["predicate"] not in PREDICATES:
                raise GoldError(f"{path}: document {did}: unknown predicate {rel['predicate']!r}")
            for m in rel.get("modality") or []:
                if m not in MODALITIES:
                    raise GoldError(f"{path}: document {did}: unknown modality {m!r}")
        docs.append(GoldDoc(str(did), list(rec.get("entities") or []), list(rec.get("optional_entities") or []),
                            list(rec.get("relations") or []), list(rec.get("optional_relations") or [])))
    return docs


def gold_documents(corpus: Path, ids: list[str]) -> dict[str, tuple[str, bytes]]:
    """(name, bytes) of each gold document, from a folder or an archive (.tar, .tar.xz, ...)."""
    if corpus.is_dir():
        out = {}
        for doc_id in ids:
            path = find_document(corpus, doc_id)
            out[doc_id] = (str(path), path.read_bytes())
        return out
    if not (corpus.is_file() and is_archive(corpus)):
        raise GoldError(f"corpus {corpus} not found (a folder or a .tar/.tar.gz/.tar.xz archive)")
    wanted, out = set(ids), {}
    for source in iter_sources([corpus]):
        stem = PurePosixPath(source.name).name
        for suffix in SUFFIXES:
            if stem.endswith(suffix) and stem[:-len(suffix)] in wanted and stem[:-len(suffix)] not in out:
                out[stem[:-len(suffix)]] = (source.name, read_bytes(source))
        if len(out) == len(wanted):
            break
    for doc_id in ids:
        if doc_id not in out:
            raise GoldError(f"gold document {doc_id!r} not found in {corpus} (looked for {doc_id}.txt / .md)")
    return out


def find_document(corpus: Path, doc_id: str) -> Path:
    for suffix in SUFFIXES:
        p = corpus / f"{doc_id}{suffix}"
        if p.is_file():
            return p
    for p in sorted(corpus.rglob("*")):
        if p.is_file() and p.suffix.lower() in SUFFIXES and p.stem == doc_id:
            return p
    raise GoldError(f"gold document {doc_id!r} not found in {corpus} (looked for {doc_id}.txt / .md)")


class Resolver:
    """Gold names -> entity ids, through labels and aliases, case-insensitive."""

    def __init__(self, onto: Ontology, people: dict):
        self.names: dict[str, str] = {}
        for eid, ent in list(onto.entities.items()) + list(people.items()):
            extra = onto.extra.get(eid)
            names = [ent.label, *ent.aliases, *(extra.demonyms if extra else ())]
            for name in names:
                for n in (name, name[4:] if name.lower().startswith("the ") else name):
                    self.names.setdefault(n.lower(), eid)
            self.names.setdefault(eid.lower(), eid)

    def __call__(self, name: str) -> str | None:
        n = str(name).strip().lower()
        return self.names.get(n) or (self.names.get(n[4:]) if n.startswith("the ") else None)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def as_dict(self) -> dict:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Evaluation:
    relations: Score = field(default_factory=Score)
    per_predicate: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    modality_hits: int = 0
    modality_total: int = 0
    ent_tp: int = 0
    ent_fp: int = 0
    ent_fn: int = 0
    documents: int = 0
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    modality_misses: list[str] = field(default_factory=list)
    entity_misses: list[str] = field(default_factory=list)
    entity_extras: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        ep = self.ent_tp / (self.ent_tp + self.ent_fp) if self.ent_tp + self.ent_fp else 0.0
        er = self.ent_tp / (self.ent_tp + self.ent_fn) if self.ent_tp + self.ent_fn else 0.0
        return {"relations": self.relations.as_dict(),
                "per_predicate": {p: self.per_predicate[p].as_dict() for p in PREDICATES if p in self.per_predicate},
                "modality": {"agreement": round(self.modality_hits / self.modality_total, 4)
                             if self.modality_total else 0.0},
                "entities": {"precision": round(ep, 4), "recall": round(er, 4)},
                "documents": self.documents}


def evaluate(onto: Ontology, gold_path: str | Path, corpus: str | Path = "seeds") -> Evaluation:
    gold = load_gold(gold_path)
    texts = gold_documents(Path(corpus), [g.id for g in gold])
    results: dict[str, DocResult] = {}
    people: dict = {}
    for g in gold:
        try:
            doc = parse_document(*texts[g.id])
        except DocumentError as exc:
            raise GoldError(f"gold document {g.id!r}: {exc}") from None
        # each document on its own, as kg build extracts it
        results[g.id] = extract_document(onto, doc, PeopleRegistry())
        for ent in results[g.id].new_entities:
            people.setdefault(ent.id, ent)
    resolve = Resolver(onto, people)
    ev = Evaluation()
    for g in gold:
        _score_document(ev, g, results[g.id], resolve, onto, people)
    return ev


def _score_document(ev: Evaluation, g: GoldDoc, result: DocResult, resolve, onto, people) -> None:
    ev.documents += 1
    labels = {**{e: x.label for e, x in onto.entities.items()}, **{e: x.label for e, x in people.items()}}

    def res(name: str, what: str) -> str | None:
        eid = resolve(name)
        if eid is None:
            ev.unresolved.append(f"{g.id}: {what} {name!r} resolves to no entity")
        return eid

    got: dict[tuple, list] = defaultdict(list)
    for a in result.assertions:
        got[_key(a.subject, a.predicate, a.object)].append(a)
    gold_keys: dict[tuple, set] = {}
    for rel in g.relations:
        s, o = res(rel["subject"], "subject"), res(rel["object"], "object")
        key = _key(s or f"?{rel['subject']}", rel["predicate"], o or f"?{rel['object']}")
        gold_keys[key] = set(rel.get("modality") or [])
    optional = set()
    for rel in g.optional_relations:
        s, o = resolve(rel["subject"]), resolve(rel["object"])
        if s and o:
            optional.add(_key(s, rel["predicate"], o))

    def show(key) -> str:
        s, p, o = key
        return f"{labels.get(s, s)} {p} {labels.get(o, o)}"

    for key, mods in sorted(gold_keys.items()):
        pred = key[1]
        if key in got:
            ev.relations.tp += 1
            ev.per_predicate[pred].tp += 1
            given = {a.modality for a in got[key]}
            ev.modality_total += len(mods)
            ev.modality_hits += len(mods & given)
            if mods - given:
                ev.modality_misses.append(f"{g.id}: {show(key)}: gold {sorted(mods)}, built {sorted(given)}")
        else:
            ev.relations.fn += 1
            ev.per_predicate[pred].fn += 1
            hint = _candidate_sentence(result, key[0], key[2])
            ev.misses.append(f"{g.id}: {show(key)} {sorted(mods)}" + (f"\n      nearest: \u201c{hint}\u201d"
                                                                      if hint else "\n      (no sentence names both)"))
    for key, assertions in sorted(got.items()):
        if key in gold_keys or key in optional:
            continue
        ev.relations.fp += 1
        ev.per_predicate[key[1]].fp += 1
        a = assertions[0]
        ev.false_positives.append(f"{g.id}: {show(key)} [{a.modality}] rule {a.rule}\n"
                                  f"      \u201c{a.quote}\u201d")
    # entities
    found = {m.entity for m in result.mentions if m.how in ENTITY_HOWS}
    want = {e for e in (res(n, "entity") for n in g.entities) if e}
    want_missing = [n for n in g.entities if resolve(n) is None]
    allowed = want | {e for e in (resolve(n) for n in g.optional_entities) if e}
    ev.ent_tp += len(want & found)
    ev.ent_fn += len(want - found) + len(want_missing)
    ev.ent_fp += len(found - allowed)
    for e in sorted(want - found):
        ev.entity_misses.append(f"{g.id}: {labels.get(e, e)}")
    for n in want_missing:
        ev.entity_misses.append(f"{g.id}: {n} (not in the gazetteer)")
    for e in sorted(found - allowed):
        ex = next(m.text for m in result.mentions if m.entity == e and m.how in ENTITY_HOWS)
        ev.entity_extras.append(f"{g.id}: {labels.get(e, e)} (\u201c{ex}\u201d)")


def _candidate_sentence(result: DocResult, a: str, b: str) -> str | None:
    """A sentence that mentions both entities (pronouns included): where a rule should have fired."""
    by_sentence: dict[int, set[str]] = defaultdict(set)
    for m in result.mentions:
        by_sentence[m.sentence].add(m.entity)
    for s in result.sentences:
        if {a, b} <= by_sentence.get(s.index, set()):
            return s.text if len(s.text) < 400 else s.text[:400] + "\u2026"
    return None


def report(ev: Evaluation) -> str:
    d = ev.as_dict()
    r = d["relations"]
    lines = [f"documents: {d['documents']}",
             f"relations: precision {r['precision']:.3f}  recall {r['recall']:.3f}  f1 {r['f1']:.3f}"
             f"  (tp {r['tp']}, fp {r['fp']}, fn {r['fn']})",
             f"modality agreement: {d['modality']['agreement']:.3f}",
             f"entities: precision {d['entities']['precision']:.3f}  recall {d['entities']['recall']:.3f}",
             "", f"{'predicate':<16}{'P':>7}{'R':>7}{'F1':>7}{'tp':>5}{'fp':>5}{'fn':>5}"]
    for p, s in d["per_predicate"].items():
        lines.append(f"{p:<16}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}{s['tp']:>5}{s['fp']:>5}{s['fn']:>5}")
    for title, items in (("unresolved gold names", ev.unresolved), ("missed relations", ev.misses),
                         ("false positives", ev.false_positives), ("modality disagreements", ev.modality_misses),
                         ("missed entities", ev.entity_misses), ("extra entities", ev.entity_extras)):
        lines += ["", f"{title} ({len(items)}):"] + [f"  {x}" for x in items]
    return "\n".join(lines)
