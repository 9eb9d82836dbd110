"""Candidate sentences for the blind figure set (eval/data/figures-blind), from shared texts no project gold uses.

Prints `ID<TAB>shared path<TAB>start<TAB>end<TAB>sentence` (g* from polnear/train/text: the first two sentences per
unused document with a numeral and a reporting cue; t* from TimeBank .tml TEXT elements with
figure_check_candidates.py's count-noun filter); it never writes the texts into the project.
Run: PYTHONPATH=src .venv/bin/python scripts/figure_blind_candidates.py /work/shared/data > /tmp/blind_cands.tsv
"""
import re, sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
import figure_check_candidates as fc
from newsledger.eval.timeml import read_tml

root = Path(sys.argv[1])
used = set()
for f in [f for f in Path("src/newsledger/eval/data").rglob("*.json*") if "figures-blind" not in f.parts] + list((root / "figures-dev").rglob("*")):
    if f.is_file():
        t = f.read_text(encoding="utf-8", errors="ignore")
        used |= set(re.findall(r"[a-z\-]+_\d{4}-\d\d-\d\d_[\w\-]+", t)) | set(re.findall(r"[A-Za-z_]+\d{6,8}[\w.\-]*", t))
used |= {u.replace(".tml", "") for u in used}
NUM = re.compile(r"\b(\d[\d,.]*\s*(million|billion|percent)?|two|three|four|five|six|seven|eight|nine|dozens|hundreds|thousands)\b", re.I)
CUE = re.compile(r"\b(said|according to|reported|told|estimated|showed|poll|officials|spokes\w+)\b", re.I)


def sentences(text):
    for m in fc._SENTENCE.finditer(text):
        s = m.group(0); start = m.start() + len(s) - len(s.lstrip())
        yield start, s.strip()


n = 0
for p in sorted((root / "polnear/train/text").glob("*.txt")):
    if p.stem in used:
        continue
    k = 0
    for start, s in sentences(p.read_text(encoding="utf-8")):
        if 50 < len(s) < 280 and NUM.search(s) and CUE.search(s) and not re.search(r"\b\d+:\d+\b", s):
            n += 1; k += 1; print(f"g{n}\tpolnear/train/text/{p.name}\t{start}\t{start + len(s)}\t{s}")
            if k >= 2:
                break
n = 0
for p in sorted((root / "timebank").glob("*.tml")):
    if p.stem in used:
        continue
    for start, s in sentences(read_tml(p).text):
        if 40 < len(s) < 300 and fc._NUMERAL.search(s) and fc._NOUN.search(s) and not fc._NOT.search(s):
            n += 1; print(f"t{n}\ttimebank/{p.name}\t{start}\t{start + len(s)}\t{s}")
