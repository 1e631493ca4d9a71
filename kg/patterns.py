"""The pattern language of relation rules, compiled to regular expressions over a
sentence's unit string (a unit is a lower-cased word, a punctuation mark, or an entity
mention; coordinated mentions such as "Biden and Putin" form one unit):

    SUBJ, OBJ, PLACE, PAIR   a slot: an entity unit of the slot's type
                             (``OBJ:forum``; default ``actor``); ``SUBJ?`` optional;
                             ``+adj`` also "Russian", ``+pro`` also a pronoun as object,
                             ``+named`` no pronoun, ``+pronoun`` a possessive pronoun only,
                             ``+adjonly`` the adjective only ("Russian", not "Russia"),
                             ``+personal`` a personal pronoun only ("with him"),
                             ``+seat`` also a capital alone, for its state ("a visit to Paris")
    ENT, ENT:type            any entity unit, not captured
    @name, @name?            one phrase of the lexicon ``name``
    word|other, word?        literal words; ``in_the_event`` is a three-word literal
    ~N                       up to N units that are not entities
    ~~N                      up to N units of any kind
    ~N!a|b, ~~N!@name|ENT    a gap none of whose units is one of these (words, lexicon
                             phrases, entity units, as after "!")
    !'s_ENT:forum            (after "!") words, then an entity unit of the type: the next
                             units are not "'s" and a forum ("support for X's IPEF")
    ^, $                     start, end of the sentence

Patterns compile to regular expressions over the sentence's unit string, once,
at load time; a pattern that does not compile is refused with its rule id.
"""
from __future__ import annotations

import re

from .errors import OntologyError

TYPE_CODES = {"Person": "p", "State": "s", "Organization": "o", "Forum": "f", "Place": "l", "Agreement": "g"}
ADJ_CODE = "j"
PRONOUN_CODE = "r"   # a possessive pronoun ("our", "its"): gaps may skip it
PERSONAL_CODE = "n"  # a personal pronoun ("we", "they", "him"): a subject, not an object
SLOT_MODIFIERS = ("adj", "adjonly", "pro", "pronoun", "named", "personal", "seat")


def words_of(phrase: str) -> list[str]:
    return phrase.lower().replace("’", "'").split()


def alternatives(phrases) -> str:
    alts = sorted({"".join(re.escape(w) + " " for w in words_of(p)) for p in phrases}, key=len, reverse=True)
    return "(?:" + "|".join(alts) + ")"


def anchor_words(pattern: str, lexicons: dict[str, tuple[str, ...]]) -> tuple[frozenset[str], ...]:
    """For each required literal or lexicon item of a pattern, the words of which a sentence
    must hold one (the longest word of each of the item's phrases): a cheap test before the regex.
    Lexicon items (content words: verbs, nouns) come first, as they are the rarer."""
    out = []
    for item in pattern.split():
        if item.endswith("?") or item.startswith(("!", "~", "^", "$")) or \
                re.fullmatch(r"(SUBJ|OBJ|PLACE|PAIR|ENT)(:[a-z_+]+)?", item):
            continue
        words: set[str] = set()
        for alt in item.split("|"):
            phrases = lexicons.get(alt[1:], ()) if alt.startswith("@") else (alt.replace("_", " "),)
            # every word of a phrase is required: its longest is the most telling
            words.update(max(reversed(words_of(p)), key=len) for p in phrases if words_of(p))
        out.append((not item.startswith("@"), len(words), frozenset(words)))
    return tuple(words for _, _, words in sorted(out, key=lambda x: (x[0], x[1])))


def _base_type(tname: str) -> str:
    """"actor+adj+pro" -> "actor": the slot type without its modifiers."""
    return tname.split("+", 1)[0]


def slot_type_needs(pattern: str, types: dict[str, frozenset[str]], objects: str | None) -> tuple:
    """The entity types a sentence must name for the pattern to match: one set per required slot."""
    needs = []
    for item in pattern.split() + (objects.split() if objects else []):
        m = re.fullmatch(r"(SUBJ|OBJ|PLACE|PAIR|ENT)(?::([a-z_+]+))?", item)
        if m:
            tname = (m.group(2) or ("place" if m.group(1) == "PLACE" else "actor"))
            ts = types[_base_type(tname)]
            if "Place" not in ts and ts & {"Person", "State", "Organization"}:
                ts = ts | {"Place"}       # a capital stands for its government
            needs.append(frozenset(ts))
    return tuple(needs)


def opens_with_clause_subject(pattern: str) -> bool:
    """The pattern opens with SUBJ as the subject of a clause (not a possessor: "X's call")."""
    items = pattern.split()
    return items[0].rstrip("?").split(":")[0] == "SUBJ" and (len(items) < 2 or not items[1].startswith("'s"))


def required_slot(pattern: str) -> bool:
    """Whether a pattern can only match a sentence that names an entity."""
    return any(re.fullmatch(r"(SUBJ|OBJ|PLACE|PAIR|ENT)(:[a-z_+]+)?", item) for item in pattern.split())


def _not_next(alts: str, types, lexicons, file: str, record: str, item: str) -> str:
    """A lookahead: the next unit is none of the words, lexicon phrases and entity units of ``alts``."""
    words, ents = [], []
    for alt in alts.split("|"):
        m = re.fullmatch(r"(?:(.+)_)?ENT(?::([a-z_]+))?", alt)
        if m:
            # "'s_ENT:forum": words, then an entity unit ("support for President Biden's IPEF")
            tname = m.group(2) or "actor"
            if tname not in types:
                raise OntologyError(file, record, f"unknown slot type {tname!r} in {item!r}")
            ents.append((alternatives([m.group(1).replace("_", " ")]) if m.group(1) else "")
                        + r"\x01\d+:[a-z]*[" + "".join(sorted(TYPE_CODES[t] for t in types[tname])) + r"][a-z]* ")
        elif alt.startswith("@"):
            if alt[1:] not in lexicons:
                raise OntologyError(file, record, f"unknown lexicon {alt!r} in pattern")
            words.extend(lexicons[alt[1:]])
        else:
            words.append(alt.replace("_", " "))
    return "(?!" + "|".join(([alternatives(words)] if words else []) + ents) + ")"


def compile_pattern(pattern: str, types: dict[str, frozenset[str]], lexicons: dict[str, tuple[str, ...]],
                    file: str, record: str) -> tuple[re.Pattern, dict[str, tuple[frozenset[str], bool]]]:
    parts: list[str] = []
    slots: dict[str, tuple[frozenset[str], bool]] = {}
    items = pattern.split()
    if not items:
        raise OntologyError(file, record, "empty pattern")
    for item in items:
        optional = item.endswith("?") and len(item) > 1
        core = item[:-1] if optional else item
        if core == "^":
            parts.append(r"^ ")
            continue
        if core == "$":
            parts.append(r"$")
            continue
        if core.startswith("!") and len(core) > 1:
            # "!'s": the next unit is none of these words; "@name" adds a lexicon's phrases,
            # "ENT" / "ENT:type" an entity unit (of that type)
            parts.append(_not_next(core[1:], types, lexicons, file, record, item))
            continue
        gap = re.fullmatch(r"(~~?)(\d+)(?:!(.+))?", core)
        if core.startswith("~") and not gap:
            raise OntologyError(file, record, f"bad gap {item!r} (~N or ~~N, N a number, then !words if any)")
        if gap:
            # "~N" skips words and pronoun units ("published its two drafts"), not names;
            # "~N!on|about": none of the units skipped is one of these
            unit = r"[^ ]+ " if gap.group(1) == "~~" else r"(?:[^\x01 ][^ ]* |\x01\d+:[a-z]*r[a-z]* )"
            if gap.group(3):
                unit = _not_next(gap.group(3), types, lexicons, file, record, item) + "(?:" + unit + ")"
            parts.append(f"(?:{unit}){{0,{int(gap.group(2))}}}?")
            continue
        slot = re.fullmatch(r"(SUBJ|OBJ|PLACE|PAIR|ENT)(?::([a-z_+]+))?", core)
        if slot:
            name, tname = slot.group(1), slot.group(2) or ("place" if slot.group(1) == "PLACE" else "actor")
            bad = [mod for mod in tname.split("+")[1:] if mod not in SLOT_MODIFIERS]
            if bad:
                raise OntologyError(file, record, f"unknown slot modifier {'+' + bad[0]!r} in {item!r} "
                                    f"(known: {', '.join('+' + m for m in SLOT_MODIFIERS)})")
            adj_only = "+adjonly" in tname            # "the Russian proposal": an adjective only
            adj_ok = "+adj" in tname or adj_only
            # a pronoun fills a subject; as an object it must be asked for ("+pro"): "reinforce
            # their commitment" is not about them; "+named" refuses pronouns everywhere
            named = "+named" in tname
            only_pro = "+pronoun" in tname            # "its leadership": a possessive pronoun only
            personal = "+personal" in tname           # "meet with him": a personal pronoun only
            seat = "+seat" in tname                   # "a visit to Paris": a capital for its state
            pro_ok = not named and ("+pro" in tname or personal or name in ("SUBJ", "PAIR", "ENT"))
            tname = _base_type(tname)
            if tname not in types:
                raise OntologyError(file, record, f"unknown slot type {tname!r} in {item!r} "
                                    f"(known: {', '.join(sorted(types))})")
            codes = "".join(sorted(TYPE_CODES[t] for t in types[tname]))
            if seat and types[tname] & {"Person", "State", "Organization"}:
                codes += TYPE_CODES["Place"]   # a place fills it only as the seat of a state (kg.arguments)
            allowed = "pofslg" + (PRONOUN_CODE + PERSONAL_CODE if pro_ok else "") + (ADJ_CODE if adj_ok else "")
            need = PRONOUN_CODE if only_pro else PERSONAL_CODE if personal else ADJ_CODE if adj_only else ""
            body = rf"\x01{{cap}}:{'(?=[a-z]*' + need + ')' if need else ''}[{allowed}]*[{codes}][{allowed}]* "
            if name == "ENT":
                regex = body.format(cap=r"\d+")
            else:
                if name in slots:
                    raise OntologyError(file, record, f"slot {name} appears twice in the pattern")
                slots[name] = (types[tname], adj_ok)
                regex = body.format(cap=rf"(?P<{name}>\d+)")
            parts.append(f"(?:{regex})?" if optional else regex)
            continue
        phrases: list[str] = []
        for alt in core.split("|"):
            if alt.startswith("@"):
                if alt[1:] not in lexicons:
                    raise OntologyError(file, record, f"unknown lexicon {alt!r} in pattern")
                phrases.extend(lexicons[alt[1:]])
            elif not alt.strip("_"):
                raise OntologyError(file, record, f"empty alternative in {item!r}")
            elif alt != alt.lower():      # units are lower case: this could never match
                raise OntologyError(file, record, f"{alt!r} in {item!r} is neither a slot (SUBJ, OBJ, PLACE, "
                                    f"PAIR, ENT) nor a literal (literals are lower case)")
            else:
                phrases.append(alt.replace("_", " "))
        regex = alternatives(phrases)
        parts.append(f"(?:{regex})?" if optional else regex)
    source = "(?<= )" + "".join(parts) if parts[0] != "^ " else "".join(parts)
    try:
        return re.compile(source), slots
    except re.error as exc:
        raise OntologyError(file, record, f"pattern {pattern!r} does not compile: {exc}") from None
