"""Stage 3, match (helper of kg.coref): a state's office named with the state's possessive
and no name after it ("Egypt’s foreign minister"), whose holder may be unknown."""
from __future__ import annotations

import re


def state_office(onto, text: str, h) -> tuple[str, int] | None:
    """(role, end) of a state's office named with its possessive and no name after it
    ("Egypt’s foreign minister", "Japan's Prime Minister"; not "... Prime Minister Kishida")."""
    if text[h.end:h.end + 1] not in ("'", "’") or getattr(onto.entities.get(h.target), "type", "") != "State":
        return None
    cache = onto._cache
    if "office_re" not in cache:
        titles = {t.lower(): rid for rid, r in onto.context.roles.items() if "State" in r.applies_to
                  for t in r.titles}
        alternation = "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True))
        cache["office_re"] = (re.compile(r"['’]s\s+(" + alternation + r")\b(?!\s+(?-i:[A-Z]))", re.I), titles)
    regex, titles = cache["office_re"]
    m = regex.match(text, h.end)
    return (titles[m.group(1).lower()], m.end()) if m else None
