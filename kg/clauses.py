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
    return rules.negation.search(shape, lo, end) is not None


def asked(rules: RuleSet, units: list[Unit]) -> str | None:
    """The unit (as a slot group value) of the one a yes-or-no question asks about: "Are you
    urging China to ...?", "So, do you have any plans to speak with President Putin?" state
    nothing of them (what the question takes as given still counts: "Do you have an update
    on the President's call with Zelenskyy?")."""
    if not rules.asking or not units or units[-1].word != "?":
        return None
    k = 0
    while k < len(units) and (units[k].word in rules.clause_openers or units[k].word == ","):
        k += 1
    if k + 2 < len(units) and units[k].word in rules.asking and units[k + 1].word is None \
            and units[k + 1].personal and units[k + 2].word not in rules.asking_except:
        return str(k + 1)
    return None


def unresolved_before(units: list[Unit], offsets: list[int], start: int, ctx: Context) -> bool:
    """"we welcome their support for Ukraine": an unresolved pronoun owns the match, so
    the relation cannot be given to a default subject."""
    i = bisect_right(offsets, start) - 1
    for j in (i - 1, i):
        if 0 <= j < len(units) and units[j].word is not None and units[j].word in ctx.blockers:
            return True
    return False


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
