"""Stage 4b: modality. A match is conditional when its clause, or a clause before it,
sets a condition ("if", "should Russia ...", "in the event of"), or points back to a
conditional sentence ("And those costs ..."); a condition in a later conjunct is not the
match's ("affirmed their support for Ukraine, and reviewed the costs to impose should
Russia invade"). A match is planned when its clause looks ahead ("will", "plan
to", a date after the document's). Cues are patterns in rules.yaml."""
from __future__ import annotations

import re

from .rules import CLAUSE_ENDS, Rule, RuleSet

_RELATIVE = re.compile(r" (?:that|which|who) ")
_CLAUSE_END = re.compile(CLAUSE_ENDS)


def find_cue(cues: list, exceptions: list, shape: str) -> re.Match | None:
    """The first cue match that is not inside an exception ("will have seen", "wonder if")."""
    blocked = None      # the exceptions are looked for once a cue is found
    for p in cues:
        for m in p.finditer(shape):
            if blocked is None:
                blocked = [b.span() for x in exceptions for b in x.finditer(shape)]
            if not any(b0 <= m.start() < b1 for b0, b1 in blocked):
                return m
    return None


def is_conditional(rules: RuleSet, shape: str, prev_conditional: bool) -> bool:
    cues = rules.conditional_cues(shape.split())    # the cues whose words the sentence holds
    if cues and find_cue(cues, rules.conditional_exceptions, shape):
        return True
    return prev_conditional and any(p.search(shape) for p in rules.inherit_conditional)


def is_planned(rules: RuleSet, shape: str, start: int = 0, end: int | None = None,
               match: tuple[int, int] | None = None) -> bool:
    """A future cue in ``shape[start:end]`` (the clause of the match), outside the exceptions.
    A cue before the ``match``'s end followed by a look back (rules.yaml ``past``) before the
    match's end does not count: "the meeting he will have tomorrow follows his diplomacy in
    recent weeks, including at COP26"; "the Summit of the Americas, which will be the first time
    the United States hosts a summit since Bill Clinton launched the inaugural summit in Miami"."""
    blocked = None
    end = len(shape) if end is None else end
    for p in rules.planned:
        for m in p.finditer(shape, start, end):
            if blocked is None:
                blocked = [b.span() for x in rules.planned_exceptions for b in x.finditer(shape)]
            if any(b0 <= m.start() < b1 for b0, b1 in blocked):
                continue
            if match and m.end() <= match[1] and any(x.search(shape, m.end(), match[1]) for x in rules.past):
                continue
            return True
    return False


def clause_span(shape: str, start: int, end: int, ends: re.Pattern = _CLAUSE_END) -> tuple[int, int]:
    """The clause around ``shape[start:end]``: from after the last ";", ":", dash or ", and"
    before it to the next one after it, or to a relative clause that opens after it ("I spoke
    with my counterparts about the steps that we're going to take": the steps are ahead,
    the call is not). A rule set's ``ends`` also end a clause at "and" before a reporting
    verb of a readout ("reaffirmed their commitment ... and underscored ... if Russia invades")."""
    lo, hi = 0, len(shape)
    for m in ends.finditer(shape):
        if _restart(shape, m):
            continue
        if m.end() <= start + 1:
            lo = m.end() - 1
        elif m.start() >= end - 1:
            hi = m.start() + 1
            break
    rel = _RELATIVE.search(shape, end - 1, hi)
    return lo, rel.start() + 1 if rel else hi


_NO_RESTART = frozenset({"the", "a", "an", "and", "or", "but", "as", "including", "of"})


def _restart(shape: str, m: re.Match) -> bool:
    """A dash where a speaker starts over ("you will see significant G7 — significant G7
    commitment") ends no clause: the word after it is one of the three words before it."""
    if m.group().strip() not in ("—", "–"):
        return False
    after = shape[m.end():].split()[:1]
    return bool(after) and after[0].isalpha() and after[0] not in _NO_RESTART \
        and after[0] in shape[:m.start()].split()[-3:]


def modality_of(rules: RuleSet, rule: Rule, shape: str, span: tuple[int, int] | None = None,
                prev_conditional: bool = False, doc_date: str | None = None) -> str:
    """The first of :func:`modalities_of`."""
    return modalities_of(rules, rule, shape, span, prev_conditional, doc_date)[0]


def modalities_of(rules: RuleSet, rule: Rule, shape: str, span: tuple[int, int] | None = None,
                  prev_conditional: bool = False, doc_date: str | None = None) -> tuple[str, ...]:
    """Conditional if the sentence sets a condition up to the end of the match's clause; planned if the match's clause looks
    ahead. A commitment (``said_now``) is made when it is said, so "we will continue to
    provide assistance" is asserted, and planned as well; so is anything that goes on
    (``ongoing``: "we will continue to apply sanctions", "would continue providing assistance",
    "the Kremlin continues to deny"; ``ongoing_after``, in the clause after the match: "we discuss
    that issue with the South Koreans on a regular basis")."""
    if rule.modality:
        return (rule.modality,)
    start, end = clause_span(shape, *span, rules.clause_end or _CLAUSE_END) if span else (0, None)
    if span:
        end = _purpose_end(rules, shape, span[1], end)
    if is_conditional(rules, shape[:end] if span else shape, prev_conditional):
        return ("conditional",)
    if span and rule.predicate in rules.offered and any(x.search(shape, start, span[1]) for x in rules.offers):
        return ("asserted",)               # an offer is made when it is said: "we're prepared to negotiate"
    ahead = is_planned(rules, shape, start, end, span) or _later_date(rules, shape, start, end, doc_date) \
        or bool(span and any(x.match(shape, span[1]) for x in rules.event_ahead))
    if span and not ahead and any(m.end() == span[0] for x in rules.prepared_for
                                  for m in x.finditer(shape, max(0, span[0] - 60), span[0])):
        ahead = True      # the event a match prepares for is ahead: "ahead of the NATO Summit in Lithuania"
    if ahead and span and rule.predicate not in rules.said_now \
            and any(x.match(shape, span[1]) for x in rules.event_past):
        ahead = False     # dated right after it as done: "Chancellor Scholz's meeting with President
                          # Zelenskyy in Paris last month" in a clause that looks ahead (a commitment
                          # made last week still looks ahead)
    if span and (any(x.search(shape, start, span[1]) for x in rules.ongoing)
                 or any(x.search(shape, span[1] - 1, len(shape) if end is None else end) for x in rules.ongoing_after)):
        return ("asserted", "planned")     # goes on now and ahead, whatever the tense before it
    if span and rule.predicate in rules.standing_for \
            and (any(x.search(shape, span[0], span[1]) for x in rules.standing)
                 or (_word_before(shape, span[0]) not in rules.prepositions   # a name after "with" is the
                     and any((m := x.match(shape, span[0])) and m.end() <= span[1]   # object, not the subject
                             for x in rules.standing_subject))):
        # the match names its subject as one of a forum's members: that holds now, whatever the
        # clause's tense ("President Biden and other G7 leaders will seek authority": a G7 leader
        # now, and the act ahead; "along with other Quad leaders")
        return ("asserted", "planned") if ahead else ("asserted",)
    if rule.predicate in rules.said_now:
        return ("asserted", "planned") if ahead else ("asserted",)
    return ("planned",) if ahead else ("asserted",)


def _word_before(shape: str, pos: int) -> str:
    """The word right before ``pos`` ("" at the start)."""
    words = shape[max(0, pos - 40):pos].split()
    return words[-1] if words else ""


def _purpose_end(rules: RuleSet, shape: str, after: int, end: int) -> int:
    """A purpose clause after the match ends its clause: "spoke today with Kim Sung-han to
    discuss the President's upcoming visit" (the call is done; the visit is ahead)."""
    starts = [m.start() + 1 for p in rules.purpose for m in [p.search(shape, after - 1, end)] if m]
    return min(starts, default=end)


def _later_date(rules: RuleSet, shape: str, start: int, end: int | None, doc_date: str | None) -> bool:
    """"on February 24th" in a document of February 18th: a scheduled event."""
    if not doc_date or rules.months is None:
        return False
    year, month, day = (int(x) for x in doc_date.split("-"))
    for m in rules.months.finditer(shape, start, len(shape) if end is None else end):
        mon = rules.month_index[m.group("month")]
        d = int(m.group("day"))
        if (mon, d) > (month, day) and mon - month < 6:
            return True
        if month >= 11 and mon <= month - 10:     # "on January 1" in a late December document
            return True
    return False
