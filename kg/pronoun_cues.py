"""Stage 3, match (helper of kg.pronouns): cues that widen what a pronoun stands for, from
the word lists of ontology/context.yaml: a leader's "we" that is both leaders of joint remarks
("we both", "together we", "we're going to be meeting"), "each Ally's" in a readout of calls
with a group, and a pronoun early in an answer that stands for the state the question named."""
from __future__ import annotations

import re


def asked_state(ctx, cls, speaker, spk, sent, turn_start, asked, actor, last_plural,
                 group) -> tuple[str, bool] | None:
    """In the first `question_carry` sentences of an answer to a reporter's question, a plural
    or thing pronoun when the answer has named no other state, body or group yet (a group of
    that state's, "the Ukrainian officials, leaders", is no other): the one state (other than
    the answerer's own government) the question named, and whether the answer itself named it
    (or a group of it) before the pronoun, not by a pronoun; else None. ``last_plural`` is what "they" was,
    unless that came from the question too."""
    if cls not in ("plural", "thing") or speaker is None or speaker.role == "reporter" or sent.turn <= 0 \
            or sent.index - turn_start[sent.turn] >= ctx.question_carry:
        return None
    asker = spk[sent.turn - 1]
    if asker is None or asker.role != "reporter":
        return None
    start = turn_start[sent.turn]
    states = [x for x in dict.fromkeys(asked.get(sent.turn - 1, ())) if x != speaker.government]
    if len(states) != 1:
        return None
    named = ((actor[0],) if actor and actor[1] >= start else ()) + ((group[1],) if group and group[0] >= start else ())
    if any(x != states[0] for x in named + (tuple(last_plural[0]) if last_plural and last_plural[1] >= start else ())):
        return None       # the answer names another antecedent ("our Allies ... to speak with them")
    return states[0], bool(named)


def joint_we(ctx, text: str, span: re.Match, start: int) -> bool:
    """"we both", "we're both", "together, we": a word of `joint_we` right after or before "we"."""
    if not ctx.joint_we:
        return False
    words = lambda: "|".join(re.escape(w) for w in ctx.joint_we)      # noqa: E731 (joined once, when compiled)
    after = _cached(("joint_we_after", ctx.joint_we), lambda: re.compile(rf"(?:['’]\w+)?\s+(?:{words()})\b"))
    before = _cached(("joint_we_before", ctx.joint_we), lambda: re.compile(rf"\b(?:{words()})\s*,?\s*$"))
    return after.match(text, span.end()) is not None or \
        before.search(text[max(start, span.start() - 20):span.start()]) is not None or \
        _joint_verb(ctx, text, span)


def _joint_verb(ctx, text: str, span: re.Match) -> bool:
    """"we met", "we're going to be meeting", "we've spent a lot of time at ...": "we" as the
    subject of a verb of `joint_we_verbs` (after a contraction and at most four words of
    `joint_we_aux`) that no one else follows as its object (`joint_we_not_before`, a name)."""
    if not ctx.joint_we_verbs:
        return False
    key = ("joint_we_verbs", ctx.joint_we_verbs, ctx.joint_we_aux, ctx.joint_we_not_before)

    def build() -> re.Pattern:
        alt = lambda ws: "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(ws, key=len, reverse=True))  # noqa: E731
        aux = rf"(?:\s+(?:{alt(ctx.joint_we_aux)})\b){{0,4}}" if ctx.joint_we_aux else ""
        stop = rf"(?!\s+(?:(?:{alt(ctx.joint_we_not_before)})\b|[A-Z]))" if ctx.joint_we_not_before else r"(?!\s+[A-Z])"
        return re.compile(rf"(?:['’]\w+)?{aux}\s+(?:{alt(ctx.joint_we_verbs)})\b{stop}")
    return _cached(key, build).match(text, span.end()) is not None


_PATTERNS: dict[tuple, re.Pattern] = {}     # regexes built from context.yaml word lists, once each


def _cached(key: tuple, build) -> re.Pattern:
    if key not in _PATTERNS:
        _PATTERNS[key] = build()
    return _PATTERNS[key]


def distributive_cue(ctx) -> re.Pattern | None:
    """"each ", "each of her ", "every one of the " right before a group word."""
    words = "|".join(re.escape(w) for w in ctx.distributives)
    return _cached(("distributives", ctx.distributives), lambda: re.compile(
        rf"\b(?:{words})(?:\s+one)?(?:\s+of\s+\w+)?\s+$", re.I)) if ctx.distributives else None
