"""A second blind figure-source set (eval/data/figures-blind), annotated cold by hand before the system ran on it:
sentence id -> every figure of the sentence as (numeral as written, source phrase or None, canonical body or None).
Candidates: polnear train texts and TimeBank documents that no other gold in the project uses (see the README there).
Writes the standoff gold; never the texts. Run:
    PYTHONPATH=src .venv/bin/python scripts/figure_blind_candidates.py /work/shared/data > /tmp/blind_cands.tsv
    .venv/bin/python scripts/figure_blind_annotations.py /tmp/blind_cands.tsv"""
import hashlib, json, re, sys
from pathlib import Path
sys.path.insert(0, "src")
from newsledger.eval.timeml import read_tml
N = None
A = {
"g2": [("100,000", "Kerry", "John Kerry")],
"g6": [("108,000", "Politico", "Politico")],
"g7": [("76,981", "data from the Vigo County Voter Registration Office", "Vigo County Voter Registration Office"),
       ("30,290", "data from the Vigo County Voter Registration Office", "Vigo County Voter Registration Office"),
       ("10,280", "data from the Vigo County Voter Registration Office", "Vigo County Voter Registration Office")],
"g11": [("Twenty-four", N, N), ("9", N, N)],
"g12": [("50", "an NBC News/Wall Street Journal poll", "NBC News/Wall Street Journal"),
        ("40", "an NBC News/Wall Street Journal poll", "NBC News/Wall Street Journal")],
"g13": [("72", "The New York Times", "New York Times")],
"g15": [("six", "CNN", "CNN")],
"g16": [("12", "a just-released poll from Florida Atlantic University broadcast on MSNBC", "Florida Atlantic University"),
        ("32", "a just-released poll from Florida Atlantic University broadcast on MSNBC", "Florida Atlantic University")],
"g23": [("47", "A\xa0Fox News poll, conducted jointly with\xa0Anderson Robbins Research (D) and\xa0Shaw & Company Research (R)", "Fox News"), ("44", "A\xa0Fox News poll, conducted jointly with\xa0Anderson Robbins Research (D) and\xa0Shaw & Company Research (R)", "Fox News")],
"g24": [("75", N, N), ("55", N, N)],
"g26": [("723", "a count by The Associated Press", "Associated Press")],
"g32": [("4 million", "Florida elections officials", "Florida elections officials")],
"g34": [("1,237", "Graham", "Lindsey Graham")],
"g36": [("46", "A Qunnipiac University poll", "Quinnipiac University"), ("40", "A Qunnipiac University poll", "Quinnipiac University"),
        ("52", "A Qunnipiac University poll", "Quinnipiac University"), ("38", "A Qunnipiac University poll", "Quinnipiac University")],
"g38": [("thousands", "Sanders campaign manager Jeff Weaver", "Jeff Weaver")],
"g44": [("758", "a CNN tally", "CNN"), ("538", "a CNN tally", "CNN"), ("145", "a CNN tally", "CNN")],
"g45": [("100", "Manafort", "Paul Manafort")],
"g49": [("600", "Nabisco", "Nabisco")],
"g50": [("5,000", "Trump", "Donald Trump"), ("15,000", "Trump", "Donald Trump")],
"g51": [("271", "a count by The Associated Press", "Associated Press")],
"g56": [("1,076", "Breitbart News’ Michael Patrick Leahy", "Michael Patrick Leahy")],
"g57": [("1,100", "Bloomberg", "Bloomberg")],
"g59": [("51", "a Washington Post-ABC News survey", "Washington Post-ABC News"),
        ("39", "a Washington Post-ABC News survey", "Washington Post-ABC News")],
"g60": [("46", "A Wall Street Journal/NBC News poll", "Wall Street Journal/NBC News"),
        ("41", "A Wall Street Journal/NBC News poll", "Wall Street Journal/NBC News")],
"g64": [("100,000", "He", "Tim Canova")],
"g65": [("4 million", "His campaign chairman Paul Manafort", "Paul Manafort")],
"g74": [("77 million", "Kantar Media’s political ad tracker", "Kantar Media")],
"g80": [("two", "Clinton", "Hillary Clinton")],
"g81": [("204,202", "the Center for Responsive Politics", "Center for Responsive Politics")],
"g83": [("two", "Sanders campaign manager Jeff Weaver", "Jeff Weaver")],
"g86": [("24", "a CNN national poll", "CNN")],
"g97": [("hundreds", "Calabrese", "Calabrese")],
"g100": [("345,430", "the Brennan Center", "Brennan Center")],
"g108": [("two", "Algerian foreign affairs ministry spokesman Benali Cherif Abdelaziz", "Algerian Foreign Affairs Ministry")],
"g112": [("4", "HuffPost Pollster’s polling average", "HuffPost Pollster")],
"g113": [("81", "HuffPost Pollster", "HuffPost Pollster")],
"g119": [("14", "recent polls", N), ("76", "recent polls", N)],
"g120": [("20", "a June poll", N), ("68", "a June poll", N)],
"g122": [("30,000", "Trump", "Donald Trump")],
"g130": [("29,715", "FEC records", "Federal Election Commission"), ("35,845", "FEC records", "Federal Election Commission"),
         ("125,080", "FEC records", "Federal Election Commission")],
"g136": [("33", "a New York Times/CBS News survey released on Thursday", "New York Times/CBS News")],
"g137": [("33", "the poll", "New York Times/CBS News")],
"g138": [("five", "a spokeswoman, Anna Richardson White", "Facebook")],
"g139": [("one million", "A Twitter spokesman, Christopher Abboud", "Twitter")],
"g140": [("79", "a New York Times/CBS News survey released last Thursday", "New York Times/CBS News")],
"g142": [("four million", "the National Golf Foundation", "National Golf Foundation")],
"g143": [("120", N, N)],
"g157": [("600 million", "public filings", N), ("35", N, N)],
"g158": [("130 million", "Bloomberg", "Bloomberg")],
"g160": [("150", "Darran Whiting of Liberty Baptist Church in Marion", "Darran Whiting")],
"g162": [("44", "A new Gallup poll", "Gallup"), ("54", "A new Gallup poll", "Gallup")],
"g166": [("500", N, N)],
"g167": [("28", "A Des Moines Register/Bloomberg Politics poll released Saturday", "Des Moines Register/Bloomberg Politics")],
"g171": [("125,000", "The company", "Twitter")],
"g172": [("125,000", "the social media company", "Twitter")],
"g173": [("50", "Gedrich", "Gedrich")],
"g175": [("1,000", N, N)],
"g181": [("five", "Charlie King, a former executive director of the New York Democratic Party", "Charlie King")],
"g187": [("473 million", N, N)],
"g190": [("9 million", "Trump", "Donald Trump")],
"g196": [("60", "a recent report from Bloomberg New Energy Finance", "Bloomberg New Energy Finance")],
"g205": [("Forty-three", "an analysis of Federal Election Commission data by Crowdpac, a political crowdfunding website", "Crowdpac")],
"g206": [("70 million", "Crowdpac", "Crowdpac")],
"g213": [("nine million", "the department", "Labor Department")],
"g214": [("46", "The poll by the Public Policy Institute of California", "Public Policy Institute of California"),
         ("44", "The poll by the Public Policy Institute of California", "Public Policy Institute of California")],
"g215": [("49", "the institute", "Public Policy Institute of California"), ("41", "the institute", "Public Policy Institute of California")],
"g230": [("4", "David Friedman, president of Wealth-X", "David Friedman")],
"g231": [("100", "Hurun", "Hurun"), ("568", "Hurun", "Hurun"), ("535", "Hurun", "Hurun")],
"g237": [("28", N, N)],
"g248": [("3 million", "Gabriel Sherman", "Gabriel Sherman")],
"t1": [("247", N, N), ("5,000", N, N)],
"t2": [("10", N, N)], "t3": [("Hundreds", N, N)], "t4": [("10", N, N)], "t6": [("31", N, N)],
"t7": [("10", N, N)], "t8": [("Thousands", N, N)], "t9": [("hundreds", N, N)],
}
shared = Path("/work/shared/data")
rows = {l.split("\t")[0]: l.rstrip("\n").split("\t", 4) for l in open(sys.argv[1], encoding="utf-8")}
docs, records = {}, []
for cid, figs in A.items():
    _, path, s, e, sent = rows[cid]; s, e = int(s), int(e)
    raw = (shared / path).read_text(encoding="utf-8")
    text = read_tml(shared / path).text if path.endswith(".tml") else raw
    assert text[s:e] == sent, cid
    doc_id = Path(path).stem
    d = docs.setdefault(doc_id, {"doc_id": doc_id, "shared_path": path,
                                  "sha256": hashlib.sha256(raw.encode()).hexdigest(), "scored": []})
    d["scored"].append([s, e])
    pos = 0
    for number, source, body in figs:
        m = re.search(rf"(?<![\w,]){re.escape(number)}(?![\w,])", sent[pos:]) or re.search(rf"(?<![\w]){re.escape(number)}(?!\w)", sent[pos:])
        assert m, (cid, number)
        fs = s + pos + m.start(); pos = pos + m.end()
        rec = {"doc_id": doc_id, "sentence": cid, "text": number, "start": fs, "end": fs + len(number), "number": number,
               "source": source, "source_start": None, "source_end": None, "source_body": body,
               "provenance": f"hand-annotated cold from {path} (never tuned on; figures-blind)"}
        if source:
            at = sent.find(source); assert at >= 0, (cid, source)
            rec["source_start"], rec["source_end"] = s + at, s + at + len(source)
        records.append(rec)
out = Path("src/newsledger/eval/data/figures-blind")
(out / "docs.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs.values()))
(out / "figures.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
print(len(A), "sentences", len(records), "figures", len(docs), "docs", sum(1 for r in records if r["source"]), "sourced")
