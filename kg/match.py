"""Stage 3, match: find entity mentions.

The gazetteer (aliases, adjectives, demonyms, "the Russian government",
"Secretary Blinken", "the President", "the President of Ukraine") is compiled
once into one Aho-Corasick automaton (ahocorasick_rs, Rust: it finds every
overlapping match of 28,000 surface forms 1.6x faster than pyahocorasick did);
matches are kept at word boundaries, longest first.  Role phrases resolve to the person holding the role on the
document's date.  People introduced with a title and a name that the gazetteer
does not know ("Prime Minister Fumio Kishida of Japan") become Person entities.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from bisect import bisect_right
from typing import NamedTuple

import ahocorasick_rs

from .acronyms import defined_acronyms
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
            for title in rdef.titles:
                if "State" in rdef.applies_to and (rdef.bare_titles is None or title in rdef.bare_titles):
                    # bare "the President": the issuer's
                    add_generated(f"the {title}", (ROLE, rid, None))
                elif "State" in rdef.applies_to:
                    # bare "the Amir", a title the issuer's holder does not bear: only the last
                    # person named with that title (kg.coref._fill_open_roles)
                    add_generated(f"the {title}", (ROLE, rid, OPEN_TITLE))
                for eid in holders_of:
                    ent = ents[eid]
                    if ent.type not in rdef.applies_to:
                        continue
                    names = [n for n in (ent.label,) + ent.aliases if not n.startswith("the ")]
                    prefixes = list(ent.adjectives) + ([ent.label] if ent.type == "Organization" else [])
                    for adj in prefixes:
                        add_generated(f"the {adj} {title}", (ROLE, rid, eid))
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


# ---------------------------------------------------------------- discovered people

# letters that Unicode does not decompose into an ASCII letter and an accent
_TRANSLIT = str.maketrans({"Ø": "O", "ø": "o", "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe", "ß": "ss",
                           "Đ": "D", "đ": "d", "Ł": "L", "ł": "l", "Þ": "Th", "þ": "th", "Ð": "D",
                           "ð": "d", "ı": "i", "Ħ": "H", "ħ": "h"})


def slug(name: str) -> str:
    """An id for a name: ASCII letters, digits and _ ("Zoë Núñez-Ørsted" -> Zoe_Nunez_Orsted).
    A name with letters that have no ASCII form keeps a short hash of itself, so that two
    such names never share an id."""
    folded = unicodedata.normalize("NFKD", name.translate(_TRANSLIT))
    ascii_name = folded.encode("ascii", "ignore").decode()
    lost = any(c.isalpha() and not unicodedata.combining(c) and not c.isascii() for c in folded)
    out = re.sub(r"[^A-Za-z0-9]+", "_", ascii_name).strip("_")
    if lost or not out:
        out = (out + "_" if out else "") + hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
    return out if out[0].isalpha() else "P_" + out


_UPPER = r"[^\W\d_a-zß-öø-ÿ]"      # a letter that is not lower case (Latin-1 aware)
# a word of a name: an initial ("R."), or a capital and letters ("Biden", "Núñez-Ørsted",
# "O’Brien": one capital before an apostrophe is enough)
# "Halbusi", "al-Halbusi", "O'Brien", "J."
_NAME_WORD = r"(?:" + _UPPER + r"\.|(?:(?:al|el|ad|ash|ibn|bin|abu)[-'’])?" + _UPPER + \
    r"(?:[^\W\d_]+|(?=['’][^\W\d_]))(?:[-'’][^\W\d_]+)*)"
_BULLETS = ("-", "*", "•", "–")
_PREFIXED = re.compile(r"(?:al|el|ad|ash|ibn|bin|abu)[-'’][A-Z]")
_PARTICLES = frozenset("bin al el de da do dos van von der den ibn la le di du".split())
_PARTICLE = "(?:" + "|".join(sorted(_PARTICLES)) + ")"


def word_alternation(words: list[str], before: str) -> str:
    """A regex for the first of ``words`` (in the order given) that matches where the
    character before is not in the class ``before``: the same matches as
    ``(?<!before)(?:w1|w2|...)``, found several times faster (the words are grouped by
    first letter, and a pattern that opens with literals lets the regex engine skip to
    the places they occur)."""
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[0], []).append(w)
    return "(?:" + "|".join(_after_first(first, f"(?<!{before}{{}})") + "(?:" +
                            "|".join(re.escape(w[1:]) for w in ws) + ")"
                            for first, ws in groups.items()) + ")"


def _after_first(literal: str, lookbehind: str) -> str:
    """``literal`` as a regex, ``lookbehind`` (with {} for the first character) after its
    first character: the same matches as the lookbehind before the literal."""
    first = re.escape(literal[0])
    return first + lookbehind.format(first) + re.escape(literal[1:])


class PersonFinder:
    """Finds "<Title> <Given> <Family>" where the gazetteer knows nobody."""

    def __init__(self, onto):
        ctx = onto.context
        titles = sorted(ctx.person_titles, key=len, reverse=True)
        self.titles = frozenset(titles)
        self.not_names = ctx.not_names
        # "(?<![\w.])" goes after each title's first letter, and the titles are grouped by
        # that letter (word_alternation): the engine skips to the places they occur and
        # tries one group there, not every title
        self.regex = re.compile(
            r"(?P<title>" + word_alternation(titles, r"[\w.]") + r")"
            r"(?: of (?:the )?(?P<of>[A-Z][\w.]*\w(?: [A-Z][\w.]*\w){0,2}))?"
            r" (?P<name>" + _NAME_WORD + r"(?: (?:" + _NAME_WORD + "|" + _PARTICLE + r")){1,4})(?![\w])")
        # "<Name>, <Title>": the ", Title" is found first (a pattern that opens with a
        # literal), then the name that ends right before it
        self.appositive = re.compile(r", (?:the )?(?P<title>" + word_alternation(titles, r"[\w.]") + r")(?![\w])")
        self.name_before = re.compile(
            r"(?<![\w.’'])(?P<name>" + _NAME_WORD + r"(?: (?:" + _NAME_WORD + "|" + _PARTICLE + r")){1,3})$")

    def find(self, text: str, start: int, end: int):
        """(title start, name start, name end, title, name) of each titled, unknown name."""
        yield from self._titled(text, start, end)
        # "Luigi Mattiolo, Diplomatic Advisor to the Prime Minister": a name, a comma, a title
        for t in self.appositive.finditer(text, start, end):
            m = self.name_before.search(text, max(start, t.start() - 80), t.start())
            if m is None:
                continue
            words = m.group("name").split()
            if any(w in self.not_names for w in words) or words[0] in _PARTICLES:
                continue
            line = text.rfind("\n", 0, m.start()) + 1
            if text[line:m.start()].lstrip()[:1] in _BULLETS:
                continue          # "- Chris Spear, President and CEO, ...": a list of guests, not a dignitary
            yield t.start("title"), m.start("name"), m.end("name"), t.group("title"), m.group("name"), (-1, -1)

    def _titled(self, text: str, start: int, end: int):
        for m in self.regex.finditer(text, start, end):
            words = m.group("name").split()
            # "Secretary General Schmid": a longer title ("Secretary General") that has one
            # name word after it is no title before a two-word name ("General Schmid")
            if words and f"{m.group('title')} {words[0]}" in self.titles:
                continue
            # stop at the first word that is not part of a name
            for i, w in enumerate(words):
                if w in self.not_names or not (w[0].isupper() or w in _PARTICLES or _PREFIXED.match(w)):
                    words = words[:i]
                    break
            if words and re.search(r"['’]s$", words[-1]):
                words[-1] = words[-1][:-2]
            while words and (words[-1].endswith(".") or words[-1] in _PARTICLES):
                words.pop()
            if len(words) < 2 or words[0] in _PARTICLES:
                continue
            name = " ".join(words)
            n_start = m.start("name")
            yield m.start(), n_start, n_start + len(name), m.group("title"), name, m.span("of")


def sentence_index(sentences: list[Sentence], body_starts: list[int], pos: int) -> int:
    """Index of the body sentence containing ``pos`` (-1 if none)."""
    i = bisect_right(body_starts, pos) - 1
    if i < 0:
        return -1
    s = sentences[i + (len(sentences) - len(body_starts))]
    return s.index if s.start <= pos < s.end else -1
