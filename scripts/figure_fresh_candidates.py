"""Candidate sentences for the fresh figure-source set (eval/data/figures-fresh), from shared texts no project gold uses.

Prints `ID<TAB>shared path<TAB>start<TAB>end<TAB>sentence`: t* from TimeBank .tml TEXT elements (offsets into the
TEXT, as `eval figures` reads a .tml), p* from polnear/train/text; at most two sentences per unused document, in
file order, each with a numeral and a cue that a body or person reports it (a reporting verb, "according to", a
poll, an office or its officials). Documents any gold under src/newsledger/eval/data or ../shared/data/figures-dev
names are skipped (the figure-source golds; the category set scored no sources), and a text seen before under another name (polnear holds some twice) is taken once.
It never writes the texts into the project. Run:
    PYTHONPATH=src .venv/bin/python scripts/figure_fresh_candidates.py ../shared/data > /tmp/fresh_cands.tsv
"""
import hashlib, re, sys
from pathlib import Path
from newsledger.eval.timeml import read_tml

# the figure-source golds: figures-check, figures-blind, realnews (and its figures-tune), figures-dev(-bodies); the
# category set (figure-categories) scored no sources, so its TimeBank documents are still cold for sources
DATA = Path("src/newsledger/eval/data")


def used_names(root, keep_out=("figures-fresh",)):
    """Document names (TimeBank, polnear, wikievents ids) any figure-source gold names, but those of `keep_out`."""
    used = set()
    for f in [*DATA.glob("figures-*/*.jsonl"), DATA / "figures-dev-bodies.jsonl", *(DATA / "realnews").rglob("*.json"),
              *(root / "figures-dev").rglob("*")]:
        if f.is_file() and not set(keep_out) & set(f.parts):
            t = f.read_text(encoding="utf-8", errors="ignore")
            used |= set(re.findall(r"[a-z\-]+_\d{4}-\d\d-\d\d_[\w\-]+", t)) | set(re.findall(r"[A-Za-z_]+\d{6,8}[\w.\-]*|wsj_\d{4}", t))
    return used | {u.replace(".tml", "") for u in used}


NUM = re.compile(r"\b(\d[\d,.]*\s*(million|billion|percent)?|two|three|four|five|six|seven|eight|nine|ten|dozens|"
                 r"hundreds|thousands)\b", re.I)
CUE = re.compile(r"\b(said|says|according to|reported|told|estimated|announced|showed|poll|survey|officials|"
                 r"spokes\w+|ministry|police|agency|department|bureau|office|court|hospital|company)\b", re.I)
NOT = re.compile(r"\b\d+:\d+\b")


# A sentence ends at . ! ? (and closing quotes) before a space and a capital or an opening quote, unless the word
# before the stop is an abbreviation ("Corp.", "Oct.", "U.S.", an initial): figure_check_candidates's splitter cut
# "$15.5 million" and "Inc. said" into fragments.
END = re.compile(r"[.!?]['\"\u201d\u2019`]*(?=\s+[A-Z\"\u201c`'(])")
ABBR = set("Mr Mrs Ms Dr St Inc Corp Co Ltd Jr Sr Gen Rep Sen Gov Lt Col Sgt Capt Prof Ft Mt No vs Jan Feb Mar Apr Aug "
           "Sept Sep Oct Nov Dec Calif Mass Fla Ill Va Pa Wash Mich Tex Conn Ore Ariz Colo Minn Md Mo Ky La Ala Ga Tenn "
           "Wis Okla Ind Del Neb Nev Kan Miss".split())


def sentences(text):
    for line in re.finditer(r"[^\n]+", text):
        begin = line.start()
        for stop in END.finditer(line.group(0)):
            word = re.search(r"([\w.]+)[.!?]['\"\u201d\u2019`]*$", line.group(0)[:stop.end()])
            if word and (word.group(1) in ABBR or re.fullmatch(r"[A-Z]|(?:[A-Za-z]\.)+[A-Za-z]", word.group(1))):
                continue
            end = line.start() + stop.end()
            yield from _trimmed(text, begin, end)
            begin = end
        yield from _trimmed(text, begin, line.end())


def _trimmed(text, begin, end):
    s = text[begin:end]
    if s.strip():
        yield begin + len(s) - len(s.lstrip()), s.strip()


def cue_sentences(text, low, high, num=NUM, cue=CUE):
    """(start, sentence) of the sentences with a numeral and a reporting cue, `low` < length < `high`."""
    return [(start, s) for start, s in sentences(text)
            if low < len(s) < high and num.search(s) and cue.search(s) and not NOT.search(s)]


def emit(prefix, docs, low, high, used_sentences=frozenset(), per_doc=2, n=0, **patterns):
    """Print the candidates of (name, text) documents; a document seen before, or repeating a used sentence, is
    skipped. Returns the last candidate number."""
    seen = set()
    for name, text in docs:
        key = hashlib.sha1(text[:2000].encode()).hexdigest()
        if key in seen:
            continue
        seen.add(key)
        if any(len(s) > 60 and s in used_sentences for _, s in sentences(text)):
            continue  # polnear holds some articles twice under other names: a copy of a used one is not cold
        for start, s in cue_sentences(text, low, high, **patterns)[:per_doc]:
            n += 1
            print(f"{prefix}{n}\t{name}\t{start}\t{start + len(s)}\t{s}")
    return n


def polnear_sentences(root, used):
    """The sentences of the polnear train texts a gold uses (to spot their copies under other names)."""
    return {s for p in (root / "polnear/train/text").glob("*.txt") if p.stem in used
            for _, s in sentences(p.read_text(encoding="utf-8"))}


def files(root, paths, read, used):
    return ((str(p.relative_to(root)), read(p)) for p in paths if p.stem not in used)


if __name__ == "__main__":
    root = Path(sys.argv[1])
    used = used_names(root)
    emit("t", files(root, sorted((root / "timebank").glob("*.tml")), lambda p: read_tml(p).text, used), 40, 300)
    emit("p", files(root, sorted((root / "polnear/train/text").glob("*.txt")), lambda p: p.read_text(encoding="utf-8"),
                    used), 50, 280, polnear_sentences(root, used))
