"""Stage 4, relate: participant lists. A sentence ending in a colon that a rule with
``list_items`` matches ("Participants included:", "The President spoke with:") opens a list;
each bulleted line after it, in the same turn, names items for it (objects, or with
``items_subject`` subjects: "Participants included: - President X of Y" in a forum's document,
each takes part in it)."""
from __future__ import annotations

from .arguments import Context, default_arguments, same_side, slot_entities
from .clauses import objects_after
from .modality import modality_of
from .records import Sentence
from .rules import Rule, RuleSet
from .units import Unit

BULLETS = frozenset("-*•–")
Header = tuple[Rule, list[str], str, int]     # rule, its subjects, modality, turn


def list_header(rules: RuleSet, units: list[Unit], rendered, ctx: Context, sent: Sentence) -> list[Header] | None:
    """The headers a sentence like "Participants included:" opens (one per predicate), or None."""
    if not sent.text.rstrip().endswith(":"):
        return None
    shape, offsets = rendered
    heads = []
    for rule in rules.rules:
        if rule.list_items and rule.objects is not None:
            m = rule.regex.search(shape)
            if m:
                subjects = default_arguments(rule.subject_default, rules, shape, units, offsets, m.start(), ctx, []) \
                    if not m.groupdict().get("SUBJ") else \
                    slot_entities(units[int(m.group("SUBJ"))], *rule.slot_types["SUBJ"], ctx, False)
                if subjects:
                    heads.append((rule, subjects, modality_of(rules, rule, shape, None, ctx.prev_conditional,
                                                              ctx.doc.date), sent.turn))
    # one header of each predicate: who met the host, and who took part in the document's session
    firsts = {}
    for h in heads:
        firsts.setdefault(h[0].predicate, h)
    return list(firsts.values()) or None


def bullet_items(headers: list[Header], units: list[Unit], rendered, ctx: Context) -> list[tuple]:
    """What a bulleted line under open list headers says: for each header, its subjects with
    each entity the line names (or the reverse, for ``items_subject``)."""
    found = []
    for rule, subjects, modality, _ in headers:
        objects, _ = objects_after(rule.objects, rendered[0], rendered[1], 0, window=len(units))
        for o in [e for ref in objects for e in slot_entities(units[int(ref)], *rule.slot_types["OBJ"], ctx, False)]:
            found += [(rule, o, s_, modality, []) if rule.items_subject else (rule, s_, o, modality, [])
                      for s_ in subjects if s_ != o and not same_side(ctx, s_, o, rule.predicate)]
    return found
