"""Stage 3, match (coreference): definite descriptions of a forum's session ("the summit",
"this conference") resolved to the forum the text or its title has named (context.yaml
`forum_descriptions`). "The President will travel to Madrid for the NATO Summit. At the
summit, he will ...": "the summit" is NATO, a mention with ``how == "definite"`` that the
rules read as a named one. Its span is the determiner alone (its text the whole description):
the head noun stays a session word after it, so "join the summit" reads as "join the NATO
summit" does."""
from __future__ import annotations

import re

from .records import Mention
from .titles import session_forum

DEFINITE = "definite"
FORUM_TYPES = ("Forum", "Organization")
_AFTER = 3          # words after a mention that may name its session ("G20 Leaders' Summit")
_WORDS = re.compile(r"[\w'’-]+")


def _regex(cfg) -> re.Pattern:
    dets = "|".join(re.escape(d) for d in sorted(cfg.determiners, key=len, reverse=True))
    heads = "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in sorted(cfg.heads, key=len, reverse=True))
    return re.compile(rf"(?<![\w’'-])({dets})\s+({heads})(?![\w’'-])", re.I)


def _norm(s: str) -> str:
    return s.lower().replace("’", "'")


def _after(text: str, end: int, limit: int, stop: frozenset[str]) -> list[re.Match]:
    """The word matches right after a mention (at most ``_AFTER``), up to ``limit`` or a word
    of ``stop`` (a determiner or a preposition: "NATO at the summit" names no NATO summit)."""
    out = []
    for m in _WORDS.finditer(text, end, limit):
        if len(out) >= _AFTER or _norm(m.group()) in stop:
            break
        out.append(m)
    return out


def _words_after(text: str, end: int, limit: int, stop: frozenset[str] = frozenset()) -> list[str]:
    """The words of :func:`_after`, lower-cased; a possessive "'s" is a word."""
    return ["'s" if w.startswith("'s") or w == "'" else w
            for w in (_norm(m.group()) for m in _after(text, end, limit, stop))]


def _fits_name(ent, fits: tuple[str, ...]) -> bool:
    """The forum's own name says what its sessions are ("Summit of the Americas", "COP26" of
    the UN Climate Change Conference)."""
    names = [_norm(n) for n in (ent.label, *ent.aliases)]
    return ent.type == "Forum" and any(f in _WORDS.findall(n) for n in names for f in fits)


def resolve_descriptions(onto, doc, turns, sentences, mentions: list[Mention], ents) -> list[Mention]:
    """The mentions of the definite descriptions of ``doc`` (none when context.yaml has no
    `forum_descriptions`)."""
    cfg = onto.context.forum_descriptions
    if cfg is None or not cfg.heads:
        return []
    regex = onto._cache.get("forum_descriptions_re")
    if regex is None:
        regex = onto._cache["forum_descriptions_re"] = _regex(cfg)
    lowered = doc.text.lower()
    if not any(h in lowered for h in cfg.heads):
        return []
    by_index = {s.index: s for s in sentences}
    forum_ms = [m for m in mentions if getattr(ents.get(m.entity), "type", "") in FORUM_TYPES and not m.adjective]
    if not forum_ms:
        return []

    def text_of(m: Mention) -> tuple[str, int]:
        s = by_index.get(m.sentence)
        if s is None:
            return doc.text, len(doc.text)
        return (doc.title, len(doc.title)) if s.turn == -1 else (doc.text, s.end)

    stop = frozenset(_norm(d) for d in cfg.determiners) | onto.rules.prepositions
    after: dict[tuple[int, int, str], list[str]] = {}
    for m in forum_ms:
        text, limit = text_of(m)
        after[(m.sentence, m.start, m.entity)] = _words_after(text, m.end, limit, stop)

    def session_of(m: Mention, fits: tuple[str, ...]) -> bool:
        """A mention of a forum's session that the head fits: a forum whose name fits ("the
        Summit of the Americas", "COP26"), or a forum or body with a fitting session word
        right after it ("the G20 Leaders' Summit", "the NATO foreign ministerial")."""
        return _fits_name(ents[m.entity], fits) or any(w in fits for w in after[(m.sentence, m.start, m.entity)])

    fitting: dict[tuple, frozenset[str]] = {}

    def fitting_forums(fits: tuple[str, ...]) -> frozenset[str]:
        """The forums the document names a session of that the head fits."""
        if fits not in fitting:
            fitting[fits] = frozenset(m.entity for m in forum_ms if session_of(m, fits))
        return fitting[fits]

    titled = {s.index for s in sentences if s.turn == -1}
    title_ms = [m for m in mentions if m.sentence in titled]
    doc_forum = session_forum(onto.rules, doc.title, title_ms, ents) if doc.title else None
    unknown = {fits for fits in cfg.heads.values() if _unknown_session(doc.title, title_ms, ents, fits, stop)}
    body = [s for s in sentences if s.turn >= 0 and turns[s.turn].role not in cfg.unresolved_in]
    taken = sorted((m.sentence, m.start, m.end) for m in mentions)
    out: list[Mention] = []
    for sent in body:
        for d in regex.finditer(doc.text, sent.start, sent.end):
            if any(si == sent.index and s < d.end() and d.start() < e for si, s, e in taken):
                continue            # part of a name ("the Summit of the Americas")
            nxt = _words_after(doc.text, d.end(), sent.end)[:1]
            if nxt and nxt[0] in cfg.not_before:
                continue            # "the summit between the two presidents", "the conference call"
            fits = cfg.heads[re.sub(r"\s+", " ", d.group(2).lower())]
            if fits in unknown:
                continue            # "... at Global Nutrition Summit": the title's summit is none we know
            forums = fitting_forums(fits)
            window = [m for m in forum_ms if m.entity in forums and m.sentence not in titled
                      and sent.index - cfg.window <= m.sentence and (m.sentence, m.start) < (sent.index, d.start())]
            # a forum, or a body named with a fitting session word ("the NATO Summit"); a body
            # named alone ("NATO's eastern flank") is an actor, not a session, but it may be
            # the one meant ("the G7 leaders' communiqué ... at the summit")
            found = {m.entity for m in window if ents[m.entity].type == "Forum" or session_of(m, fits)}
            if len(found | {m.entity for m in window}) > 1:
                continue            # two forums it may be ("the G7 leaders' communiqué ... at the summit")
            if not found and doc_forum and forums == {doc_forum}:
                found = {doc_forum}   # the title's, the only one the document names
            if len(found) == 1:
                # the determiner stands for the forum's name, the head stays a session word:
                # "join the summit" reads as "join the NATO summit"
                out.append(Mention(found.pop(), d.start(), d.end(1), sent.index, d.group(), DEFINITE))
    return out


def _unknown_session(title: str, title_ms: list[Mention], ents, fits: tuple[str, ...],
                     stop: frozenset[str] = frozenset()) -> bool:
    """The title names a session no forum of the gazetteer is ("Fact Sheet: ... at Global
    Nutrition Summit"): a fitting word in it that is neither part of a forum's name nor right
    after one ("the NATO Summit", "GCC+3 Summit")."""
    covered: list[tuple[int, int]] = []
    for m in title_ms:
        if getattr(ents.get(m.entity), "type", "") in FORUM_TYPES:
            words = _after(title, m.end, len(title), stop)
            covered.append((m.start, words[-1].end() if words else m.end))
    for w in _WORDS.finditer(title):
        if _norm(w.group()) in fits and not any(s <= w.start() < e for s, e in covered):
            return True
    return False
