"""List candidate figure sentences from held-out shared texts, for hand annotation of the check split.

Prints one sentence per line as `ID<TAB>shared path<TAB>start<TAB>end<TAB>sentence`; it never writes the texts into
the project. Sentences are those with a numeral and a casualty or count noun, taken in file order.
Usage: PYTHONPATH=src .venv/bin/python scripts/figure_check_candidates.py ../shared/data polnear/train/text 120
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?](?=\s|$)|$)")
_NUMERAL = re.compile(r"\b(?:\d[\d,.]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
                      r"dozens|hundreds|thousands|million|billion)\b", re.IGNORECASE)
_NOUN = re.compile(r"\b(?:killed|dead|died|deaths|injured|wounded|arrested|detained|people|troops|soldiers|refugees|"
                   r"migrants|civilians|victims|casualties|fighters|militants|prisoners|hostages|police|protesters)\b",
                   re.IGNORECASE)
_NOT = re.compile(r"\b(?:19|20)\d\d\b|\d+:\d+|%")


def candidates(root: Path, folder: str, limit: int):
    found = 0
    for path in sorted((root / folder).glob("*")):
        if path.suffix not in (".txt", ".tml", ".html", ""):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in _SENTENCE.finditer(text):
            sentence = match.group(0).strip()
            if 40 < len(sentence) < 260 and _NUMERAL.search(sentence) and _NOUN.search(sentence) \
                    and not _NOT.search(sentence):
                start = text.index(sentence, match.start())
                yield f"{path.relative_to(root)}\t{start}\t{start + len(sentence)}\t{sentence}"
                found += 1
                if found >= limit:
                    return


if __name__ == "__main__":
    shared, folder, limit = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    for n, line in enumerate(candidates(shared, folder, limit), 1):
        print(f"c{n}\t{line}")
