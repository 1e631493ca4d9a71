"""Stage 3, match: find entity mentions.

The gazetteer (aliases, adjectives, demonyms, "the Russian government",
"Secretary Blinken", "the President", "the President of Ukraine") is compiled
once into one Aho-Corasick automaton (ahocorasick_rs, Rust: it finds every
overlapping match of 28,000 surface forms 1.6x faster than pyahocorasick did);
matches are kept at word boundaries, longest first.  Role phrases resolve to the person holding the role on the
document's date.  People introduced with a title and a name that the gazetteer
does not know ("Prime Minister Fumio Kishida of Japan") become Person entities (found by kg.names).
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from typing import NamedTuple

import ahocorasick_rs

from .acronyms import defined_acronyms
from .names import _PARTICLES, _TRANSLIT
from .errors import OntologyError
from .records import Entity, Sentence

# payload kinds
ENTITY, ADJ, ROLE, STOP = "entity", "adjective", "role", "stop"
OPEN_TITLE = "?title"    # ROLE hit's `of`: a bare title held by someone named before, never the issuer
GUARDS_FILE = "guards.yaml"
_CAP_WORD = re.compile(r"[A-Z][a-z]+(?:[-'’][A-Za-z]+)*")


def load_guards(root) -> tuple[tuple[str, ...], frozenset[str]]:
    """``ontology/guards.yaml``: stop phrases and entity names that are also personal names."""
    from pathlib import Path

    from .ontology import check_keys, read_yaml, str_list
    path = Path(root) / GUARDS_FILE
    if not path.exists():
        return (), frozenset()
    f = str(path)
    data = check_keys(f, None, read_yaml(path), {"version": int, "stop_phrases": list, "name_like": list})
    stops = str_list(f, "stop_phrases", "stop_phrases", data.get("stop_phrases"))
    names = str_list(f, "name_like", "name_like", data.get("name_like"))
    for n in names:
        if " " in n:
            raise OntologyError(f, "name_like", f"{n!r} is not one word")
    return stops, frozenset(names)


class Hit(NamedTuple):
    """A gazetteer match (a named tuple: a page of text yields hundreds, made 3x faster
    than a frozen dataclass)."""
    start: int
    end: int
    kind: str          # entity | adjective | role
    target: str        # entity id, or role id for ROLE
    of: str | None     # ROLE: the state/organisation (None = the issuer)
    generated: bool


def _the_variants(surface: str) -> list[str]:
    if surface.startswith("the "):
        return [surface, "The " + surface[4:]]
    return [surface]


_JOINING_HYPHEN = re.compile(r"(?<=[A-Za-z.])-(?=[A-Z])")


def _dash_variants(name: str) -> list[str]:
    """A hyphen joining two capitalised parts of a name, as an en dash, spaced or not."""
    if not _JOINING_HYPHEN.search(name):
        return []
    out = [_JOINING_HYPHEN.sub(dash, name) for dash in ("\u2013", " \u2013 ", " - ")]
    # "U.S.-ASEAN Summit" is also typed "U.S-ASEAN Summit" (the abbreviation's last dot dropped)
    if ".-" in name:
        out.append(name.replace(".-", "-"))
    return out


def _fold(name: str) -> str:
    """A name without its diacritics, as English texts often spell it ("Støre" -> "Store")."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_TRANSLIT))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _possessives(name: str) -> list[str]:
    return [name + "'s", name + "\u2019s"]


class Gazetteer:
    """Every surface form of every entity and role, compiled into one automaton."""

    def __init__(self, onto):
        self.onto = onto
        self.surfaces: dict[str, tuple] = {}      # surface -> payload
        explicit_owner: dict[str, str] = {}
        generated: dict[str, tuple | None] = {}
        ents = onto.entities
        ctx = onto.context

        def add_explicit(surface: str, payload: tuple, eid: str, source: str) -> None:
            for s in _the_variants(surface):
                owner = explicit_owner.get(s)
                if owner is not None and owner != eid:
                    raise OntologyError(source, eid, f"alias {s!r} is already claimed by entity {owner!r}")
                if owner == eid and self.surfaces[s] != payload and payload[0] == ADJ:
                    continue  # "U.S." as alias and as adjective: the alias wins
                explicit_owner[s] = eid
                self.surfaces[s] = payload

        def add_generated(surface: str, payload: tuple) -> None:
            for s in _the_variants(surface):
                if s in explicit_owner:
                    continue
                if s in generated and generated[s] != payload:
                    generated[s] = None   # ambiguous: two different targets
                else:
                    generated[s] = payload

        for eid, ent in ents.items():
            extra = onto.extra[eid]
            add_explicit(ent.label, (ENTITY, eid), eid, ent.source)
            for alias in ent.aliases:
                add_explicit(alias, (ENTITY, eid), eid, ent.source)
            for demonym in extra.demonyms:
                add_explicit("the " + demonym, (ENTITY, eid), eid, ent.source)
                add_explicit(demonym, (ENTITY, eid), eid, ent.source)
            for adj in ent.adjectives:
                add_explicit(adj, (ADJ, eid), eid, ent.source)
        for eid, ent in ents.items():
            # "U.S.-Africa Leaders Summit" is also typed "U.S. – Africa Leaders Summit"
            for name in (ent.label, *ent.aliases):
                for variant in _dash_variants(name):
                    add_generated(variant, (ENTITY, eid))
                for straight, curly in (("'", "\u2019"), ("\u2019", "'")):   # "People's", "People’s"
                    if straight in name:
                        add_generated(name.replace(straight, curly), (ENTITY, eid))
                # "Ingrida Simonyte" for "Ingrida Šimonytė" (a name of two words or more: a
                # folded single word may be a common one, "Store" for "Støre")
                if " " in name and _fold(name) != name:
                    add_generated(_fold(name), (ENTITY, eid))
            for adj in ent.adjectives:
                for noun in ctx.government_nouns:
                    add_generated(f"the {adj} {noun}", (ENTITY, eid))
            if ent.type == "Person":
                surnames = dict.fromkeys(x for w in self._surnames(ent) for x in (w, _fold(w)))
                # a name that opens with the surname ("Yoon Suk Yeol", "Xi Jinping") also follows
                # the title whole: "President Yoon Suk Yeol" is one mention, not "President Yoon"
                whole = [n for n in (ent.label, *ent.aliases) if " " in n and n.split()[0] in surnames]
                for surname in (*surnames, *whole):
                    for role in ent.roles:
                        rdef = ctx.roles[role.title]
                        for title in rdef.titles + rdef.short_titles:
                            add_generated(f"{title} {surname}", (ENTITY, eid))
        # role phrases: "the President", "the Russian President", "the President of Ukraine";
        # qualified by a state or organisation only where someone in the gazetteer holds
        # that role of it (with ~200 states, the rest would be most of the automaton)
        held: dict[str, set[str]] = {}
        for ent in ents.values():
            for r in ent.roles:
                held.setdefault(r.title, set()).add(r.of)
        for rid, rdef in ctx.roles.items():
            holders_of = sorted(held.get(rid, ()))
            # a title is also written in lower case ("the president will travel", "the Russian
            # president", "the president of Egypt": reporters' questions, and the White House's
            # own style from 2024); "the president of" anything else is no one's title here
            # ("the president of this university"), not the issuer's President
            for title in dict.fromkeys(t for t0 in rdef.titles for t in (t0, t0.lower())):
                if title.islower():
                    add_generated(f"the {title} of", (STOP,))
                if "State" in rdef.applies_to and (rdef.bare_titles is None or title in rdef.bare_titles
                                                   or title in map(str.lower, rdef.bare_titles)):
                    # bare "the President": the issuer's
                    add_generated(f"the {title}", (ROLE, rid, None))
                elif "State" in rdef.applies_to:
                    # bare "the Amir", a title the issuer's holder does not bear: only the last
                    # person named with that title (kg.offices.fill_open_roles)
                    add_generated(f"the {title}", (ROLE, rid, OPEN_TITLE))
                for eid in holders_of:
                    ent = ents[eid]
                    if ent.type not in rdef.applies_to:
                        continue
                    names = [n for n in (ent.label,) + ent.aliases if not n.startswith("the ")]
                    prefixes = list(ent.adjectives) + ([ent.label] if ent.type == "Organization" else [])
                    for adj in prefixes:
                        add_generated(f"the {adj} {title}", (ROLE, rid, eid))
                        if not title.islower():     # not "every American president since"
                            add_generated(f"{adj} {title}", (ROLE, rid, eid))
                    for name in names + [n for n in ent.aliases if n.startswith("the ")]:
                        add_generated(f"the {title} of {name}", (ROLE, rid, eid))
                        add_generated(f"{title} of {name}", (ROLE, rid, eid))
                    for name in names:
                        for poss in _possessives(name):
                            add_generated(f"{poss} {title}", (ROLE, rid, eid))
        for s, payload in generated.items():
            if payload is not None:
                self.surfaces[s] = payload
        # guards: phrases that hold an entity's name but are not the entity ("European Quad")
        stops, self.name_like = load_guards(onto.root)
        self.not_names = ctx.not_names
        for s in stops:
            if s in explicit_owner:
                raise OntologyError(str(onto.root / GUARDS_FILE), "stop_phrases",
                                    f"{s!r} is an alias of entity {explicit_owner[s]!r}")
            self.surfaces[s] = (STOP,)
        self._generated = {s for s in generated if s in self.surfaces and s not in explicit_owner}
        self._compile()

    def _compile(self) -> None:
        """The automaton over every surface; pattern i is ``self._patterns[i]``:
        (surface, payload, generated)."""
        self._patterns = [(s, payload, s in self._generated) for s, payload in self.surfaces.items()]
        # a contiguous NFA: as fast to build as to use on a corpus (a DFA scans 1.7x faster
        # but takes 0.7 s to build, in every worker)
        self.automaton = ahocorasick_rs.AhoCorasick([p[0] for p in self._patterns],
                                                    implementation=ahocorasick_rs.Implementation.ContiguousNFA)

    def __getstate__(self) -> dict:
        # the automaton cannot be pickled: workers compile it again (0.1 s)
        return {k: v for k, v in self.__dict__.items() if k not in ("automaton", "_patterns")}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._compile()

    def _surnames(self, ent: Entity) -> list[str]:
        """One-word aliases that can follow a title: not acronyms ("JFK"), not suffixes ("Jr.")."""
        fragments = self.onto.context.alias_fragments
        words = [a for a in ent.aliases if " " not in a and a[:1].isupper() and not a.isupper()
                 and a not in fragments]
        if not words:
            label = ent.label.split()
            # "Mohammed bin Salman" is not "Crown Prince Salman": no family name to take
            if any(w.lower() in _PARTICLES for w in label):
                return []
            words = [label[-1]] if label[-1][:1].isupper() else []
        return words

    def find(self, text: str) -> list[Hit]:
        """All gazetteer hits at word boundaries, longest first, no overlaps."""
        found = []
        n = len(text)
        patterns = self._patterns
        for i, start, end in self.automaton.find_matches_as_indexes(text, overlapping=True):
            if start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
                continue
            if end < n and (text[end].isalnum() or text[end] == "_"):
                continue
            _, payload, generated = patterns[i]
            found.append((start - end, generated and payload[0] != STOP, start, end, payload))
        # longest first, then explicit before generated, then leftmost (a start and a
        # length give one surface, hence one payload: the tuples never tie)
        found.sort()
        taken = []
        occupied = bytearray(n + 1)
        make = Hit._make          # a ready tuple: no argument parsing per hit
        for _, generated, start, end, payload in found:
            if occupied.find(1, start, end) >= 0:
                continue
            occupied[start:end] = b"\x01" * (end - start)
            kind = payload[0]
            if kind != STOP:
                taken.append(make((start, end, kind, payload[1], payload[2] if kind == ROLE else None, generated)))
        taken.sort()              # by start: hits do not overlap, so no two share one
        taken = defined_acronyms(self.onto.entities, self.surfaces, text, taken, occupied,
                                 lambda start, end, target: Hit(start, end, ENTITY, target, None, True))
        if not self.name_like:
            return taken
        return [h for h in taken if not (text[h.start:h.end] in self.name_like and self._in_name(text, h))]

    def _in_name(self, text: str, h: Hit) -> bool:
        """"Chad Maisel", "Jim Jordan": a name-like entity name next to a capitalised word."""
        after = _CAP_WORD.match(text, h.end + 1) if text[h.end:h.end + 1] == " " else None
        if after and after.group() not in self.not_names:
            return True
        if h.start >= 2 and text[h.start - 1] == " ":
            before = re.search(r"([A-Za-z][a-z]+(?:[-'’][A-Za-z]+)*)\Z", text[max(0, h.start - 40):h.start - 1])
            if before and before.group(1)[0].isupper() and before.group(1) not in self.not_names:
                return True
        return False


def holder(onto, role: str, of: str, date: str | None) -> str | None:
    """The person holding ``role`` of ``of`` on ``date`` (None if unknown or ambiguous)."""
    index = onto._cache.get("role_index")
    if index is None:
        index = {}
        for eid, ent in onto.entities.items():
            for r in ent.roles:
                index.setdefault((r.title, r.of), []).append((eid, r))
        onto._cache["role_index"] = index
    people = sorted({eid for eid, r in index.get((role, of), ()) if r.holds_on(date)})
    return people[0] if len(people) == 1 else None


def sentence_index(sentences: list[Sentence], body_starts: list[int], pos: int) -> int:
    """Index of the body sentence containing ``pos`` (-1 if none)."""
    i = bisect_right(body_starts, pos) - 1
    if i < 0:
        return -1
    s = sentences[i + (len(sentences) - len(body_starts))]
    return s.index if s.start <= pos < s.end else -1
