"""Candidate sentences for the second fresh figure-source set (eval/data/figures-fresh2, wave 9): real news with
reporting bodies from shared texts no figure-source gold uses, with figure_fresh_candidates's splitter and filters.

Prints `ID<TAB>shared path<TAB>start<TAB>end<TAB>sentence`, the path `collection#key` for one article of a
collection file: g* GeoWebNews dev texts realnews does not use, a* aeb-dev bodies realnews does not use (at most
four sentences each), d* polnear/dev and p* polnear/train texts no gold uses, figures-fresh included (at most two),
each with a numeral that is not a year and a reporting cue.
WikiEvents is left out: figures-dev annotates all twenty of its dev documents. It never writes the texts. Run:
    PYTHONPATH=src:scripts .venv/bin/python scripts/figure_fresh2_candidates.py ../shared/data > /tmp/fresh2_cands.tsv
"""
import json, re, sys
from pathlib import Path
from figure_fresh_candidates import DATA, emit, files, polnear_sentences, used_names

# stricter than figure_fresh_candidates's cues (its "company", "office" and years let in sentences with no figure):
# a numeral that is not a year, and a reporting verb, "according to", a poll or survey, officials or a spokesman
FIGURE = re.compile(r"(?<![\w.])(?!(?:19|20)\d\d\b)\d[\d,.]*\b|\b(?:two|three|four|five|six|seven|eight|nine|ten|"
                    r"dozens|hundreds|thousands|millions?|billions?|percent)\b", re.I)
REPORTED = re.compile(r"\b(?:said|says|say|according to|reported|reports|told|estimated?|announced|showed|shows|"
                      r"poll|survey|officials|spokes\w+|confirmed|found)\b", re.I)


def realnews_keys():
    """The aeb-dev hashes and "geowebnews:<id>" keys the realnews gold points into."""
    text = " ".join(f.read_text(encoding="utf-8") for f in (DATA / "realnews").rglob("*.json"))
    return set(re.findall(r"\b[0-9a-f]{64}\b", text)) | set(re.findall(r"geowebnews:\w+", text))


def geowebnews(root, used):
    for line in (root / "geowebnews/dev.jsonl").read_text(encoding="utf-8").splitlines():
        page = json.loads(line)
        if f"geowebnews:{page['doc_id']}" not in used:
            yield f"geowebnews/dev.jsonl#{page['doc_id']}", page["text"]


def aeb(root, used):
    truth = json.loads((root / "aeb-dev/ground-truth.json").read_text(encoding="utf-8"))
    return ((f"aeb-dev/ground-truth.json#{key}", page["articleBody"]) for key, page in sorted(truth.items())
            if key not in used)


if __name__ == "__main__":
    root = Path(sys.argv[1])
    used, keys = used_names(root, keep_out=()), realnews_keys()
    read = lambda p: p.read_text(encoding="utf-8")
    strict = {"num": FIGURE, "cue": REPORTED}
    emit("g", geowebnews(root, keys), 40, 300, per_doc=4, **strict)
    emit("a", aeb(root, keys), 40, 300, per_doc=4, **strict)
    copies = polnear_sentences(root, used)
    emit("d", files(root, sorted((root / "polnear/dev/text").glob("*.txt")), read, used), 50, 280, copies, **strict)
    emit("p", files(root, sorted((root / "polnear/train/text").glob("*.txt")), read, used), 50, 280, copies, **strict)
