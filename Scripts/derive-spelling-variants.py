#!/usr/bin/env python3
"""Derives British → American spelling pairs from SCOWL's word lists (Debian package `scowl`).

SCOWL lists each word once, in the spelling category where it belongs: `british-words.N` holds the
words only British English spells that way, `american-words.N` the American-only ones,
`english-words.N` the words both share. A British-only word is paired with the American word its
spelling family gives (-our/-or, -ise/-ize, -re/-er, ae/e, oe/e, ph/f, doubled consonants, ...),
and failing that with the one American-only word a letter or two away. The result is written to
`Vocabularies/spelling-variants.tsv` with its source and licence; `Scripts/generate-vocabularies.py`
turns it into Swift. Run it when SCOWL changes; `--check` fails when the file is out of date.
"""
import os
import re
import sys

SCOWL = "/usr/share/dict/scowl"
SIZES = (10, 20, 35, 40, 50, 55, 60, 70)  # up to "large": common and specialist words, not obscure ones
OUTPUT = os.path.join(os.path.dirname(__file__), "..", "Vocabularies", "spelling-variants.tsv")

# Spelling families: (name, British pattern, American replacement). Applied once or twice.
FAMILIES = [
    ("our/or", r"our", "or"),
    ("ise/ize", r"is(e|ed|es|ing|er|ers|ation|ations|able)$", r"iz\1"),
    ("isation/ization", r"isation", "ization"),
    ("yse/yze", r"ys(e|ed|es|ing|er|ers)$", r"yz\1"),
    ("re/er", r"([bcdghtv])re(s)?$", r"\1er\2"),
    ("re/er", r"([bcdghtv])red$", r"\1ered"),
    ("re/er", r"([bcdghtv])ring$", r"\1ering"),
    ("ae/e", r"ae", "e"),
    ("oe/e", r"oe", "e"),
    ("ph/f", r"ph", "f"),
    ("ogue/og", r"ogue(s)?$", r"og\1"),
    ("ence/ense", r"ence(s)?$", r"ense\1"),
    ("doubled/single", r"([lpmtgs])\1", r"\1"),
    ("single/doubled", r"([aeiou])l(s|ed|ing|ment|ments|ful|fully|ness)?$", r"\1ll\2"),
    ("single/doubled", r"([aeiou])lment", r"\1llment"),
    ("ement/ment", r"([dg])ement", r"\1ment"),
    ("eing/ing", r"eing$", "ing"),
    ("mme/m", r"mme(s|d)?$", r"m\1"),
    ("ou/o", r"ould", "old"),
    ("ough/ow", r"ough", "ow"),
    ("aught/aft", r"aught", "aft"),
    ("sc/sk", r"^sc", "sk"),
    ("que/ck", r"que(s)?$", r"ck\1"),
    ("yre/ire", r"yre(s|d)?$", r"ire\1"),
    ("ey/y", r"ey(s)?$", r"y\1"),
    ("ce/se", r"ce$", "se"),
    ("xe/x", r"xe(s)?$", r"x\1"),
    ("ette/et", r"ette(s)?$", r"et\1"),
    ("our/or", r"ourite", "orite"),
]


def read(category):
    words = set()
    for size in SIZES:
        path = os.path.join(SCOWL, f"{category}.{size}")
        if not os.path.exists(path):
            continue
        with open(path, encoding="latin-1") as handle:
            for line in handle:
                word = line.strip()
                if re.fullmatch(r"[a-z]+", word):
                    words.add(word)
    return words


def candidates(word):
    """American forms one or two family changes away, with the families used."""
    found = {}
    frontier = {word: ()}
    for _ in range(2):
        following = {}
        for form, used in frontier.items():
            for name, pattern, replacement in FAMILIES:
                changed = re.sub(pattern, replacement, form, count=1)
                if changed != form and changed not in found:
                    found[changed] = used + (name,)
                    following[changed] = used + (name,)
        frontier = following
    return found


def distance(a, b, limit=2):
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def skeleton(word):
    """Consonants in order, doubles collapsed and z, k, q read as s, c, c: what a respelling keeps."""
    word = word.replace("ph", "f").translate(str.maketrans("zkq", "scc"))
    consonants = re.sub(r"[aeiouy]", "", word)
    return re.sub(r"(.)\1+", r"\1", consonants)


def respelt(british, american):
    """Two letters apart and read alike. Two letters swapped only as -re- becoming -er- inside a
    compound (centreboard, lustreless): other swaps are different words (preformative/performative)."""
    if skeleton(british) != skeleton(american):
        return False
    if sorted(british) == sorted(american):
        return re.search(r"[bcdghtv]re[^aeiouy]", british) is not None
    return True


def derive():
    british, american, shared = read("british-words"), read("american-words"), read("english-words")
    american_variants = read("variant_1-words")
    american_side = american | american_variants
    pairs = []
    for word in sorted(british):
        if word in american_side or word in shared:
            continue
        options = candidates(word)
        # Prefer an American-only form; a shared word only through a family (tyre/tire, cheque/check).
        ruled = sorted((len(used), form, used) for form, used in options.items() if form in american_side)
        ruled = ruled or sorted((len(used), form, used) for form, used in options.items() if form in shared)
        if ruled:
            _, form, used = ruled[0]
            pairs.append((word, form, "+".join(dict.fromkeys(used))))
            continue
        if len(word) < 5:
            continue
        near = sorted((distance(word, other), other) for other in american if other[0] == word[0])
        near = [(d, other) for d, other in near if d == 1 or (d == 2 and respelt(word, other))]
        if near and (len(near) == 1 or near[0][0] < near[1][0]):
            pairs.append((word, near[0][1], f"nearest:{near[0][0]}"))
    return pairs


def render(pairs):
    lines = [
        "# British -> American spelling pairs, derived by Scripts/derive-spelling-variants.py.",
        "# Source: SCOWL (Spell Checker Oriented Word Lists) 2020.12.07 by Kevin Atkinson, Debian package",
        "# `scowl` 2020.12.07-2, /usr/share/dict/scowl/{british,american,english,variant_1}-words.{10..70}.",
        "# Licence: SCOWL's permissive licence (copyright Kevin Atkinson and contributors; use, modify and",
        "# distribute with the copyright notice kept): see /usr/share/doc/scowl/copyright. Only derived pairs",
        "# are kept here, not the lists.",
        "british\tamerican\thow",
    ]
    lines += [f"{b}\t{a}\t{how}" for b, a, how in pairs]
    return "\n".join(lines) + "\n"


def main():
    text = render(derive())
    if "--check" in sys.argv:
        with open(OUTPUT, encoding="utf-8") as handle:
            if handle.read() != text:
                sys.exit("Vocabularies/spelling-variants.tsv is out of date: run Scripts/derive-spelling-variants.py")
        return
    with open(OUTPUT, "w", encoding="utf-8") as handle:
        handle.write(text)
    print(f"{text.count(chr(10)) - 7} pairs")


if __name__ == "__main__":
    main()
