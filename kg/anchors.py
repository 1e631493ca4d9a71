"""Which rules (or cues) a sentence's words allow, by bit masks (see kg.patterns.anchor_words)."""
from __future__ import annotations


class AnchorIndex:
    """Which of several items (rules, cues) a sentence's words allow: item i needs a word
    of each of its anchors (sets of words), ``anchors[i]``, in the order of the items.

    Each item is filed under one anchor: the one whose shortest word is the longest
    ("summit" rather than "in" or ","), so that few sentences make it a candidate. Its
    other anchors are bits of a mask; the sentence's words set the bits of the anchors
    that hold them, and a candidate is allowed when its bits are all set."""

    def __init__(self, anchors: list[tuple[frozenset[str], ...]]):
        filed: dict[str, int] = {}      # word -> items filed under an anchor that holds it
        others: dict[str, int] = {}     # word -> other anchors (bits) that hold it
        self._always = 0                # items without anchors
        self._needs: list[int] = []     # per item: its other anchors
        n = 0
        for i, item in enumerate(anchors):
            need = 0
            if not item:
                self._always |= 1 << i
            else:
                best = max(range(len(item)), key=lambda k: (min(map(len, item[k]), default=0), -k))
                for w in item[best]:
                    filed[w] = filed.get(w, 0) | (1 << i)
                for k, anchor in enumerate(item):
                    if k != best:
                        for w in anchor:
                            others[w] = others.get(w, 0) | (1 << n)
                        need |= 1 << n
                        n += 1
            self._needs.append(need)
        self._filed, self._filed_keys = filed, frozenset(filed)
        self._others, self._other_keys = others, frozenset(others)

    def allowed(self, words) -> list[int]:
        """The indexes of the items ``words`` (a set of words) allows, in order."""
        found = self._always
        filed = self._filed
        for w in self._filed_keys.intersection(words):
            found |= filed[w]
        if not found:
            return []
        held = 0
        others = self._others
        for w in self._other_keys.intersection(words):
            held |= others[w]
        out = []
        needs = self._needs
        while found:                   # the set bits, lowest (first item) first
            low = found & -found
            found ^= low
            i = low.bit_length() - 1
            if needs[i] & held == needs[i]:
                out.append(i)
        return out
