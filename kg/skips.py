"""Stage 4a, what the rules skip in spoken text: fillers between pauses ("you know", "as I
mentioned"), a word said again after a dash, and an aside between commas after a name
("the United States, together with our Allies and partners in Europe, will support ...")."""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .units import Unit


_PAUSE = frozenset({",", "—", "–", "-", "--"})


def drop_fillers(units: list[Unit], fillers: tuple[tuple[str, ...], ...], text: str = "") -> list[Unit]:
    """", you know, " and "— I mean —": the filler and the pause after it go (its pronoun
    too, when it was read as a mention: "you" in a question, "I" of the speaker)."""
    def said(u: Unit) -> str | None:
        if u.word is None and (u.personal or u.pronoun) and text:
            return text[u.start:u.end].lower()
        return u.word
    out: list[Unit] = []
    i = 0
    while i < len(units):
        if out and out[-1].word in _PAUSE:
            for f in fillers:
                k = i + len(f)
                if k < len(units) and units[k].word in _PAUSE \
                        and all(said(units[i + x]) == w for x, w in enumerate(f)):
                    i = k + 1
                    if out[-1].word == "," and i < len(units) and units[i].word is None \
                            and not (len(out) > 1 and out[-2].word is None):
                        out.pop()          # "between, you know, Sung Kim": the name follows the word
                    break
            else:
                end = _dash_aside_end(units, i, fillers, said) if out[-1].word in _DASHES else None
                if end is not None:
                    out.pop()                  # "in Saudi Arabia — I think about three weeks ago — and met"
                    i = end + 1
                else:
                    out.append(units[i])
                    i += 1
            continue
        out.append(units[i])
        i += 1
    return out


_DASHES = frozenset({"—", "–", "--"})


def _dash_aside_end(units: list[Unit], i: int, fillers, said) -> int | None:
    """Where an aside between dashes that opens with a filler ends (its closing dash), if it
    names no one and holds at most ASIDE_MOST units."""
    opens = next((f for f in fillers if i + len(f) <= len(units)
                  and all(said(units[i + x]) == w for x, w in enumerate(f))), None)
    if opens is None:
        return None
    for k in range(i + len(opens), min(len(units), i + ASIDE_MOST + 1)):
        u = units[k]
        if u.word in _DASHES:
            return k
        if u.word is None and not (u.personal or u.pronoun):
            return None
    return None


def drop_stutters(units: list[Unit]) -> list[Unit]:
    """A word said again after a dash is said once: "four Allies: France, Germany, and — and —
    and Great Britain", "travel by — by more than 50 Russian oligarchs"."""
    out: list[Unit] = []
    for u in units:
        if len(out) >= 2 and u.word is not None and u.word.isalpha() and out[-1].word in ("—", "–") \
                and out[-2].word == u.word:
            out.pop()              # the dash; the first saying of the word stays
            continue
        if len(out) >= 3 and out[-1].word in ("—", "–") and out[-2].word == "-" and out[-3].word is not None \
                and out[-3].word.isalpha() and out[-3].end == out[-2].start:
            # a word cut off and said anew after a dash is not said: "met with Presi- — Prime
            # Minister Modi", "a bli- — bilateral meeting"
            del out[-3:]
        out.append(u)
    return out


@lru_cache(maxsize=8)
def filler_re(fillers: tuple[tuple[str, ...], ...]) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(r"\s+".join(map(re.escape, f)) for f in fillers) + r")\b", re.I)


ASIDE_MOST = 12       # words an aside between commas may hold


def set_off_asides(units: list[Unit], openers: tuple[tuple[str, ...], ...], clause_openers: frozenset[str] = frozenset(),
                   coordinators: frozenset[str] = frozenset()) -> list[Unit]:
    """An aside between commas after a name, before the word that goes on with the clause
    (not a coordinator, rules.yaml verb_coordination): "the United States, together with our
    Allies and partners in Europe, will support ..." reads "the United States will support
    ..."; one that names one actor, after a name that opens a clause (after a punctuation mark
    or one of ``clause_openers``: "If Russia invades, the United States, together with Japan,
    will impose ..."), makes it a co-actor: "the United States and Japan will impose ..."."""
    if not openers:
        return units
    out: list[Unit] = []
    i, n = 0, len(units)
    while i < n:
        u = units[i]
        out.append(u)
        i += 1
        if u.word is not None or i + 1 >= n or units[i].word != ",":
            continue
        k = _opener_end(units, i + 1, openers)
        if k is None:
            continue
        j = k
        while j < n and j - k <= ASIDE_MOST and units[j].word != ",":
            j += 1
        after = units[j + 1].word if j + 1 < n else None
        if j >= n or units[j].word != "," or not after or not after.isalpha() or after in coordinators:
            continue
        named = [x for x in units[k:j] if x.word is None and not (x.pronoun or x.their)]
        if not named:
            i = j + 1                          # the aside goes, and its commas
        elif j == k + 1 and (len(out) == 1 or out[-2].word is not None and (
                not out[-2].word[:1].isalnum() or out[-2].word in clause_openers)):
            co = units[k]
            out[-1] = replace(u, end=co.end, members=u.members + tuple(m for m in co.members if m not in u.members),
                              pronoun=False, personal=False, their=False, addressee=False)
            i = j + 1
    return out


JOIN_GAP = 4          # words between a joiner and its join verb ("I'm also pleased to join")


def join_co_actors(units: list[Unit], verbs: frozenset[str], leads: frozenset[str]) -> list[Unit]:
    """The one who joins another in an act does it too: "President Biden joined President
    Zelenskyy in urging Russia to cease ..." reads "President Zelenskyy [and Biden] urging Russia
    ...": the name joined (before "in" and a gerund) takes the joiner's names as co-actors. The
    joiner is the name at most ``JOIN_GAP`` words before the verb, with no punctuation between
    and no "to" unless after one of ``leads`` ("pleased to join"; not "call on China to join ...",
    a request)."""
    if not verbs:
        return units
    out = list(units)
    n = len(units)
    for j, u in enumerate(units):
        if u.word not in verbs or j + 3 >= n:
            continue
        b, after, ger = units[j + 1], units[j + 2].word, units[j + 3].word
        if b.word is not None or not b.members or after != "in" or not ger or not ger.endswith("ing") \
                or len(ger) < 5:
            continue
        a = None
        for k in range(j - 1, max(-1, j - 2 - JOIN_GAP), -1):
            w = units[k].word
            if w is None:
                a = k
                break
            if w == "to" and (k == 0 or units[k - 1].word not in leads):
                break
            if not (w[:1].isalpha() or w[:1] == "'"):
                break
        if a is None or not units[a].members:
            continue
        extra = tuple(m for m in units[a].members if m not in out[j + 1].members)
        if extra:
            out[j + 1] = replace(out[j + 1], members=out[j + 1].members + extra,
                                 pronoun=False, personal=False, their=False, addressee=False)
    return out


def _opener_end(units: list[Unit], j: int, openers: tuple[tuple[str, ...], ...]) -> int | None:
    """Where the aside opener at ``j`` ends ("together with", "in close coordination with")."""
    for op in openers:
        k = j + len(op)
        if k < len(units) and all(units[j + x].word == w for x, w in enumerate(op)):
            return k
    return None
