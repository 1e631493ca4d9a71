"""Stage 3, match (people): names the gazetteer does not know, found after a title
("Prime Minister Fumio Kishida of Japan", "Coordinating Minister for Maritime Affairs and
Investment Luhut Pandjaitan") or before one ("Luigi Mattiolo, Diplomatic Advisor to the Prime
Minister"), and the ids minted for them."""
from __future__ import annotations

import hashlib
import re
import unicodedata


# letters that Unicode does not decompose into an ASCII letter and an accent
_TRANSLIT = str.maketrans({"Ø": "O", "ø": "o", "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe", "ß": "ss",
                           "Đ": "D", "đ": "d", "Ł": "L", "ł": "l", "Þ": "Th", "þ": "th", "Ð": "D",
                           "ð": "d", "ı": "i", "Ħ": "H", "ħ": "h"})


def slug(name: str) -> str:
    """An id for a name: ASCII letters, digits and _ ("Zoë Núñez-Ørsted" -> Zoe_Nunez_Orsted).
    A name with letters that have no ASCII form keeps a short hash of itself, so that two
    such names never share an id."""
    folded = unicodedata.normalize("NFKD", name.translate(_TRANSLIT))
    ascii_name = folded.encode("ascii", "ignore").decode()
    lost = any(c.isalpha() and not unicodedata.combining(c) and not c.isascii() for c in folded)
    out = re.sub(r"[^A-Za-z0-9]+", "_", ascii_name).strip("_")
    if lost or not out:
        out = (out + "_" if out else "") + hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
    return out if out[0].isalpha() else "P_" + out


_UPPER = r"[^\W\d_a-zß-öø-ÿ]"      # a letter that is not lower case (Latin-1 aware)
# a word of a name: an initial ("R."), or a capital and letters ("Biden", "Núñez-Ørsted",
# "O’Brien": one capital before an apostrophe is enough)
# "Halbusi", "al-Halbusi", "O'Brien", "J."
_NAME_WORD = r"(?:" + _UPPER + r"\.|(?:(?:al|el|ad|ash|ibn|bin|abu)[-'’])?" + _UPPER + \
    r"(?:[^\W\d_]+|(?=['’][^\W\d_]))(?:[-'’][^\W\d_]+)*)"
_BULLETS = ("-", "*", "•", "–")
_PREFIXED = re.compile(r"(?:al|el|ad|ash|ibn|bin|abu)[-'’][A-Z]")
_PARTICLES = frozenset("bin al el de da do dos van von der den ibn la le di du".split())
_PARTICLE = "(?:" + "|".join(sorted(_PARTICLES)) + ")"
# the name after a title: two to five name words or particles ("Fumio Kishida", "Rosa Icela Rodríguez")
_NAME_AFTER = r" (?P<name>" + _NAME_WORD + r"(?: (?:" + _NAME_WORD + "|" + _PARTICLE + r")){1,4})(?![\w])"


def word_alternation(words: list[str], before: str) -> str:
    """A regex for the first of ``words`` (in the order given) that matches where the
    character before is not in the class ``before``: the same matches as
    ``(?<!before)(?:w1|w2|...)``, found several times faster (the words are grouped by
    first letter, and a pattern that opens with literals lets the regex engine skip to
    the places they occur)."""
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[0], []).append(w)
    return "(?:" + "|".join(_after_first(first, f"(?<!{before}{{}})") + "(?:" +
                            "|".join(re.escape(w[1:]) for w in ws) + ")"
                            for first, ws in groups.items()) + ")"


def _after_first(literal: str, lookbehind: str) -> str:
    """``literal`` as a regex, ``lookbehind`` (with {} for the first character) after its
    first character: the same matches as the lookbehind before the literal."""
    first = re.escape(literal[0])
    return first + lookbehind.format(first) + re.escape(literal[1:])


class PersonFinder:
    """Finds "<Title> <Given> <Family>" where the gazetteer knows nobody."""

    def __init__(self, onto):
        ctx = onto.context
        titles = sorted(ctx.person_titles, key=len, reverse=True)
        self.titles = frozenset(titles)
        self.not_names = ctx.not_names
        # "(?<![\w.])" goes after each title's first letter, and the titles are grouped by
        # that letter (word_alternation): the engine skips to the places they occur and
        # tries one group there, not every title
        title = r"(?P<title>" + word_alternation(titles, r"[\w.]") + r")"
        self.regex = re.compile(title + r"(?: of (?:the )?(?P<of>[A-Z][\w.]*\w(?: [A-Z][\w.]*\w){0,2}))?" + _NAME_AFTER)
        # where that finds no name, a longer name of the office ("Secretary of the Mongolian National
        # Security Council Jadamba Enkhbayar", "Coordinating Minister for Maritime Affairs and Investment
        # Luhut Pandjaitan", "Secretary of Finance and Public Credit Rogelio Ramírez")
        self.long_office = re.compile(
            title + r" (?:of|for) (?:the )?(?P<of>[A-Z][\w.]*\w(?: (?:and |of |the )?[A-Z][\w.]*\w){0,4})" + _NAME_AFTER)
        # "<Name>, <Title>": the ", Title" is found first (a pattern that opens with a
        # literal), then the name that ends right before it
        self.appositive = re.compile(r", (?:the )?" + title + r"(?![\w])")
        self.name_before = re.compile(
            r"(?<![\w.’'])(?P<name>" + _NAME_WORD + r"(?: (?:" + _NAME_WORD + "|" + _PARTICLE + r")){1,3})$")

    def find(self, text: str, start: int, end: int):
        """(title start, name start, name end, title, name) of each titled, unknown name."""
        yield from self._titled(text, start, end)
        # "Luigi Mattiolo, Diplomatic Advisor to the Prime Minister": a name, a comma, a title
        for t in self.appositive.finditer(text, start, end):
            m = self.name_before.search(text, max(start, t.start() - 80), t.start())
            if m is None:
                continue
            words = m.group("name").split()
            if any(w in self.not_names for w in words) or words[0] in _PARTICLES:
                continue
            line = text.rfind("\n", 0, m.start()) + 1
            if text[line:m.start()].lstrip()[:1] in _BULLETS:
                continue          # "- Chris Spear, President and CEO, ...": a list of guests, not a dignitary
            yield t.start("title"), m.start("name"), m.end("name"), t.group("title"), m.group("name"), (-1, -1)

    def _titled(self, text: str, start: int, end: int):
        found = list(self._titled_by(self.regex, text, start, end))
        yield from found
        for hit in self._titled_by(self.long_office, text, start, end):
            if not any(f[0] <= hit[2] and hit[0] <= f[2] for f in found):
                yield hit

    def _titled_by(self, regex, text: str, start: int, end: int):
        for m in regex.finditer(text, start, end):
            words = m.group("name").split()
            # "Secretary General Schmid": a longer title ("Secretary General") that has one
            # name word after it is no title before a two-word name ("General Schmid")
            if words and f"{m.group('title')} {words[0]}" in self.titles:
                continue
            # stop at the first word that is not part of a name
            for i, w in enumerate(words):
                if w in self.not_names or not (w[0].isupper() or w in _PARTICLES or _PREFIXED.match(w)):
                    words = words[:i]
                    break
            if words and re.search(r"['’]s$", words[-1]):
                words[-1] = words[-1][:-2]
            while words and (words[-1].endswith(".") or words[-1] in _PARTICLES):
                words.pop()
            if len(words) < 2 or words[0] in _PARTICLES:
                continue
            name = " ".join(words)
            n_start = m.start("name")
            yield m.start(), n_start, n_start + len(name), m.group("title"), name, m.span("of")
