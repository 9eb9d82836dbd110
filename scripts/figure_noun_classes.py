"""Build extract/data/figure_noun_classes.tsv: the figure category of a counted noun from WordNet 3.0.

A counted noun the hand-made table (figure_counted.tsv) does not know gets its category from what WordNet says
its most frequent sense is a kind of: a "cashier", an "exhibitor" or a "supporter" is a person (people); a "round"
or a "grenade" is ammunition or a weapon (military); a "dormitory" is a building (infrastructure); a "shilling"
is a monetary unit (money). Only the first (most frequent) sense counts, so "head" (a body part first) and
"officer" (a person first) go where a news reader expects.

    python scripts/figure_noun_classes.py WORDNET_DICT_DIR   (the folder holding index.noun and data.noun,
                                                              e.g. /usr/share/wordnet from Debian's wordnet-base)

WordNet 3.0 Copyright 2006 by Princeton University (the WordNet licence: use, copy, modify and distribute
with this notice); the generated file carries the notice.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "newsledger" / "extract" / "data" / "figure_noun_classes.tsv"

# (lemma, sense number) of the WordNet synsets a category is the hyponyms of; the first anchor a noun's sense
# reaches, nearest first, wins ("soldier" is a serviceman before it is a person).
ANCHORS = {
    "military": [("serviceman", 1), ("military_personnel", 1), ("military_unit", 1), ("weapon", 1),
                 ("ammunition", 1), ("ammunition", 2), ("military_vehicle", 1), ("warship", 1),
                 ("warplane", 1), ("missile", 1), ("bomb", 1), ("projectile", 1)],
    "people": [("person", 1)],
    "infrastructure": [("building", 1), ("housing", 1), ("dwelling", 1), ("bridge", 1), ("road", 1)],
    "money": [("monetary_unit", 1)],
}


# Trade roles WordNet knows only as persons that news copy uses for firms as often ("three carriers", "two rival
# lenders", "the five biggest retailers"): a count of them is no count of people, so they get no class here.
FIRM_ROLES = {"bidder", "broadcaster", "broker", "buyer", "carrier", "client", "competitor", "contractor", "dealer",
              "developer", "distributor", "exporter", "importer", "insurer", "lender", "licensee", "maker",
              "manufacturer", "operator", "partner", "player", "producer", "provider", "publisher", "retailer",
              "rival", "seller", "shipper", "sponsor", "supplier", "underwriter", "vendor", "wholesaler"}


def _index(folder: Path) -> dict[str, list[str]]:
    senses = {}
    for line in (folder / "index.noun").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        fields = line.split()
        lemma, synset_count, pointer_count = fields[0], int(fields[2]), int(fields[3])
        senses[lemma] = fields[4 + pointer_count + 2:][:synset_count]
    return senses


def _hypernyms(folder: Path) -> dict[str, list[str]]:
    parents = {}
    for line in (folder / "data.noun").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        fields = line.split(" | ")[0].split()
        offset, word_count = fields[0], int(fields[3], 16)
        rest = fields[4 + 2 * word_count:]
        pointer_count = int(rest[0])
        pointers = [rest[1 + 4 * i:5 + 4 * i] for i in range(pointer_count)]
        parents[offset] = [p[1] for p in pointers if p[0] == "@" and p[2] == "n"]
    return parents


def category_of(offset: str, parents: dict[str, list[str]], anchors: dict[str, str]) -> str | None:
    """The category of the nearest anchor above a synset (breadth first)."""
    frontier, seen = [offset], set()
    while frontier:
        for synset in frontier:
            if synset in anchors:
                return anchors[synset]
        seen.update(frontier)
        frontier = [p for synset in frontier for p in parents.get(synset, []) if p not in seen]
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("wordnet", type=Path, help="WordNet 3.0 dict folder (index.noun, data.noun)")
    folder = parser.parse_args(argv).wordnet
    if not (folder / "index.noun").is_file() or not (folder / "data.noun").is_file():
        print(f"{folder}: no index.noun / data.noun (a WordNet 3.0 dict folder is needed)", file=sys.stderr)
        return 2
    senses, parents = _index(folder), _hypernyms(folder)
    anchors = {senses[lemma][number - 1]: category for category, pairs in ANCHORS.items() for lemma, number in pairs}
    persons = {senses["person"][0]: "people"}
    rows = []
    for lemma, offsets in sorted(senses.items()):
        if "_" in lemma or "-" in lemma or not lemma.isalpha() or lemma in FIRM_ROLES:
            continue  # the table is looked up by a one-word lemma
        category = category_of(offsets[0], parents, anchors)
        if category:
            person = category_of(offsets[0], parents, persons) is not None
            rows.append(f"{lemma}\t{category}\t{'people' if person else '-'}")
    header = ["# Counted noun lemma <tab> figure category <tab> unit (people for a person, - for the noun as written),",
              "# from the first (most frequent) sense of the noun in WordNet 3.0 and the category of the nearest",
              "# anchor above it (scripts/figure_noun_classes.py lists the anchors; names of individuals are left out).",
              "# Consulted only where figure_counted.tsv does not know the noun. Generated: do not edit by hand.",
              "# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. Permission to use, copy,",
              "# modify and distribute this database for any purpose and without fee is granted with this notice.",
              "# THE DATABASE IS PROVIDED \"AS IS\" AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES."]
    OUT.write_text("\n".join(header + rows) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(rows)} nouns")
    return 0


if __name__ == "__main__":
    sys.exit(main())
