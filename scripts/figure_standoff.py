"""Standoff figure-source gold from a hand table (shared by figure_check_annotations.py and
figure_blind_annotations.py): sentence id -> [(numeral as written, source phrase or None, canonical body or None)],
located in the candidate sentences (id, shared path, start, end, sentence) and written as docs.jsonl + figures.jsonl.
The texts stay in ../shared: only paths, hashes and offsets are written."""
import hashlib, json, re, sys
from pathlib import Path

sys.path.insert(0, "src")
from newsledger.eval.figures import shared_text
from newsledger.eval.timeml import read_tml


def write_standoff(annotations, candidates_tsv, shared, out, provenance):
    """`provenance` is a format string over the shared path, e.g. "hand-annotated from {path}"."""
    rows = {l.split("\t")[0]: l.rstrip("\n").split("\t", 4) for l in open(candidates_tsv, encoding="utf-8")}
    docs, records = {}, []
    for cid, figs in annotations.items():
        _, path, s, e, sent = rows[cid]; s, e = int(s), int(e)
        # "collection#key" names one article of a collection file (a GeoWebNews line, an AEB body)
        path, _, key = path.partition("#")
        raw = shared_text(Path(shared) / path, key or None)
        # TimeBank offsets index the text of the .tml document, not its markup
        text = read_tml(Path(shared) / path).text if path.endswith(".tml") else raw
        assert text[s:e] == sent, cid
        doc_id = f"{Path(path).parts[0]}-{key[:16]}" if key else Path(path).stem
        d = docs.setdefault(doc_id, {"doc_id": doc_id, "shared_path": path, **({"shared_key": key} if key else {}),
                                      "sha256": hashlib.sha256(raw.encode()).hexdigest(), "scored": []})
        d["scored"].append([s, e])
        pos = 0
        for number, source, body in figs:
            m = re.search(rf"(?<![\w,]){re.escape(number)}(?![\w,])", sent[pos:]) or re.search(rf"(?<![\w]){re.escape(number)}(?!\w)", sent[pos:])
            assert m, (cid, number)
            fs = s + pos + m.start(); pos = pos + m.end()
            rec = {"doc_id": doc_id, "sentence": cid, "text": number, "start": fs, "end": fs + len(number), "number": number,
                   "source": source, "source_start": None, "source_end": None, "source_body": body,
                   "provenance": provenance.format(path=path)}
            if source:
                # a whole-word match first: a pronoun source "it" is not the "it" inside "with"; any run of white space
                # (a no-break space in some polnear texts) matches a space of the table, and the text's own is kept
                spaced = r"\s+".join(map(re.escape, source.split()))
                found = re.search(rf"(?<!\w){spaced}(?!\w)", sent) or re.search(spaced, sent); assert found, (cid, source)
                rec["source"], rec["source_start"], rec["source_end"] = found.group(0), s + found.start(), s + found.end()
            records.append(rec)
    out = Path(out)
    (out / "docs.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs.values()))
    (out / "figures.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    print(len(annotations), "sentences", len(records), "figures", len(docs), "docs",
          sum(1 for r in records if r["source"]), "sourced")
