"""What a sentence's form says about the rule matches in it (used by kg.relate): a
negation cue before a match, a yes-or-no question put to the one a match is about, an
unresolved pronoun that owns a match, and the objects listed after a trigger."""
from __future__ import annotations

from bisect import bisect_right

from .arguments import Context
from .rules import RuleSet
from .units import Unit

OBJECTS_WINDOW = 16   # units between the trigger (or the previous object) and the next object


def negated(rules: RuleSet, shape: str, offsets: list[int], start: int, end: int) -> bool:
    """A negation cue shortly before the match, or inside it ("China not to provide assistance")."""
    if rules.negation is None:
        return False
    first = bisect_right(offsets, start) - 1
    lo = offsets[max(0, first - rules.negation_window)] if offsets else 0
    # a plain negation (negation.clause_bound) before a dash or semicolon that precedes the match
    # negates the clause that ends there, not the match ("just in case you didn't — the President
    # spoke today with ..."); the other cues ("whether", "refused") reach across
    cut = max(shape.rfind(" — ", lo, start), shape.rfind(" ; ", lo, start))
    if cut < 0:          # no dash or semicolon before the match: the first cue settles it
        return rules.negation.search(shape, lo, end) is not None
    return any(m.start() > cut or m.group(0).strip() not in rules.clause_negations
               for m in rules.negation.finditer(shape, lo, end))


CLAUSE_BREAKS = frozenset(",:;—–")   # a yes-or-no clause may open after one of these


def questioned(rules: RuleSet, units: list[Unit], reporter: bool = True) -> tuple[frozenset[str], int]:
    """The units (as slot group values) of every subject a yes-or-no question asks about, and
    where the first asking auxiliary stands (-1 if none): an auxiliary that opens the sentence
    or a clause after a comma or colon, then a personal pronoun or a name ("Karine, when the
    President goes to Florida, does he want to meet with ...?", "And will President Biden meet
    with Prime Minister Truss?", "Is the White House or the U.S. supporting Canada ...?").
    What the question takes as given still counts ("Did President Biden discuss Huawei on his
    recent call with President Xi?": the call is not its subject's act). Outside a reporter's
    turn only a personal pronoun opening the sentence is asked about: a briefer who repeats a
    question answers it ("Where we could — did we consult with the Colombians beforehand?")."""
    if not rules.asking or not units or units[-1].word != "?":
        return frozenset(), -1
    found: set[str] = set()
    first = -1
    k = 0
    while k + 2 < len(units):
        opens = k == 0 or (reporter and units[k - 1].word in CLAUSE_BREAKS)
        while opens and k + 2 < len(units) and (units[k].word in (rules.asking_openers or rules.clause_openers) or units[k].word == ","):
            k += 1
        if opens and units[k].word in rules.asking and units[k + 1].word is None and (reporter or units[k + 1].personal) \
                and units[k + 2].word not in rules.asking_except and units[k + 2].word != "'s":
            at = k + 1
            while at < len(units) and units[at].word is None:
                found.add(str(at))
                if at + 2 < len(units) and units[at + 1].word in ("or", "and") and units[at + 2].word is None:
                    at += 2            # "the White House or the U.S."
                else:
                    break
            first = k if first < 0 else first
        k += 1
    return frozenset(found), first


def unresolved_before(units: list[Unit], offsets: list[int], start: int, ctx: Context) -> bool:
    """"we welcome their support for Ukraine": an unresolved pronoun owns the match, so
    the relation cannot be given to a default subject."""
    i = bisect_right(offsets, start) - 1
    for j in (i - 1, i):
        if 0 <= j < len(units) and units[j].word is not None and units[j].word in ctx.blockers:
            return True
    # "that it will stand with": the pronoun owns the match across auxiliaries
    j, n = i - 1, 0
    while 0 <= j < len(units) and n < 3 and units[j].word is not None and units[j].word in ctx.blocker_skips:
        j, n = j - 1, n + 1
    return n > 0 and 0 <= j < len(units) and units[j].word is not None and units[j].word in ctx.blockers \
        and units[j].word in ctx.blocker_subjects


def objects_after(pattern, shape: str, offsets: list[int], pos: int, window: int = OBJECTS_WINDOW,
                   first: int | None = None) -> tuple[list[str], int]:
    """Objects that follow a trigger, each within ``window`` units of the last (the first
    within ``first``), and where the first one ends."""
    refs: list[str] = []
    first_end = pos
    for o in pattern.finditer(shape, pos):
        if bisect_right(offsets, o.start()) - bisect_right(offsets, pos) > (window if refs or first is None else first):
            break
        if not refs:
            first_end = o.end()
        refs.append(o.group("OBJ"))
        pos = o.end()
    return refs, first_end


def possessor_of_noun_to(units: list[Unit], at: int, most: int = 3) -> bool:
    """"support for ASEAN's efforts to hold ...", "indicative of the President's long-term
    commitment to Ukraine": the possessor of a noun (with its modifiers) and its "to"."""
    if at + 3 >= len(units) or units[at + 1].word != "'s":
        return False
    for k in range(at + 2, min(at + 2 + most, len(units) - 1)):
        if units[k].word is None or not units[k].word[:1].isalnum():
            return False
        if units[k + 1].word == "to":
            return True
    return False


def asked_span(rules: RuleSet, units: list[Unit], shape: str, offsets: list[int],
               reporter: bool) -> tuple[frozenset[str], int, int, bool]:
    """What a yes-or-no question asks about (kg.clauses.questioned), where it asks, up to where
    in ``shape`` a match with no subject of its own is asked too ("Has the U.S. imposed
    sanctions on Iran ...?"; not in a request: "Can you tell us ...?"), and whether it asks
    what was said ("will President Biden discuss Line 5 with Prime Minister Trudeau?" takes
    the meeting as given)."""
    asked, at = questioned(rules, units, reporter)
    topical = at >= 0 and any(u.word in rules.asking_topic for u in units[at:])
    end = -1
    if reporter and at >= 0 and units[at].word not in rules.asking_request:
        last = max(int(q) for q in asked) + 1 + rules.negation_window
        end = offsets[last] if last < len(offsets) else len(shape)
    return asked, at, end, topical


def adjective_off_head(rules: RuleSet, predicate: str, units: list[Unit], ref) -> bool:
    """The object slot is filled by a state's adjective alone ("Cuban", "Afghan") before a noun
    that is not its people, government or forces ("the Libyan ceasefire agreement", "the
    Cuban-American community", "the Ethiopian crisis"): for the predicates of `adjective_heads` the
    adjective does not stand for the state. The noun must open with a phrase of the lexicon."""
    lexicon = rules.adjective_heads.get(predicate)
    if lexicon is None or not isinstance(ref, str):
        return False
    at = int(ref)
    unit = units[at]
    if unit.word is not None or not unit.members or not all(adj for _, adj in unit.members):
        return False
    after = [u.word or "" for u in units[at + 1:at + 5]]
    return not any(after[:len(p)] == p for p in _phrases(rules, lexicon))


def urged(rules: RuleSet, units: list[Unit], at: int) -> bool:
    """The unit at ``at`` is the one an urging verb addresses ("we call on China to ...")."""
    words = [u.word or "" for u in units[max(0, at - 3):at]]
    return any(words[len(words) - len(p):] == p for p in _phrases(rules, "urging_verb"))


def _phrases(rules: RuleSet, lexicon: str) -> list[list[str]]:
    """A lexicon's phrases as lists of words (computed once per rule set)."""
    cached = rules.phrase_cache.get(lexicon)
    if cached is None:
        cached = rules.phrase_cache[lexicon] = [p.lower().split() for p in rules.lexicons.get(lexicon, ())]
    return cached
