"""Stage 4, relate (helper of kg.relate): a bilateral format's session holds both its parties.
A format the gazetteer lists with two ``parties``, one of them the government that issues the
document (the U.S.-ASEAN Summit: the United States and ASEAN; the U.S.-Mexico High-Level
Economic Dialogue), meets only with both sides at the table, so when one side, or one of its
people, takes part in it, the other side takes part too, in the same sentence and with the same
modality and rule ("Remarks by President Biden at the Annual U.S.-ASEAN Summit": ASEAN takes
part as well). Formats of others (the NATO-Russia Council, the Normandy Format) and groups of
more (the Quint, the P5+1) bring no one along: who sits for a side there is the gold's choice
of member states, not the body."""
from __future__ import annotations

from typing import Mapping

from .ontology import home_of
from .records import Entity

PARTICIPATES = "participatesIn"


def with_parties(found: list[tuple], parties: Mapping[str, tuple[str, ...]], entities: Mapping[str, Entity],
                 parts: Mapping[str, str], issuer: str) -> list[tuple]:
    """``found`` (rule, subject, object, modality, places) of one sentence, with the other side
    of each bilateral format of the issuer's government that one side takes part in."""
    if not parties or not any(f[0].predicate == PARTICIPATES and f[2] in parties for f in found):
        return found
    have = {(f[0].predicate, f[1], f[2], f[3]) for f in found}
    out = list(found)
    for rule, s, o, modality, places in found:
        members = parties.get(o, ()) if rule.predicate == PARTICIPATES else ()
        if len(members) != 2 or issuer not in members:
            continue
        if s not in members and home_of(s, entities, parts) not in members:
            continue        # not a party's own: an observer or a guest brings no one along
        for p in members:
            if (PARTICIPATES, p, o, modality) not in have:
                have.add((PARTICIPATES, p, o, modality))
                out.append((rule, p, o, modality, places))
    return out
