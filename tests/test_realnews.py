"""The real-article gold: anchor files to standoff and back, loading against the texts, scoring the pipeline."""
from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path

import pytest

from newsledger.clean import clean
from newsledger.eval import aeb, realnews
from newsledger.model import RawArticle

REPO = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("realnews_gold", REPO / "scripts" / "realnews_gold.py")
realnews_gold = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(realnews_gold)

KEY = "c0ffee" + "0" * 58
BODY = ("NAIROBI, Kenya — At least 14 people were killed when floods swept through two villages on Monday, "
        "the Kenya Red Cross said.\n"
        "\"We are still searching for the missing,\" spokesman John Mwangi told reporters on Tuesday.\n"
        "The county government said it had set aside KSh 20 million for the families.")
ANCHORS = f"""## c0ffee
published: 2024-05-07
published_from: url
outlet: Harbour Post
country: KE
genre: disaster
Q indirect cue="said"@118 speaker="the Kenya Red Cross"@98 content="At least 14 people"~"on Monday"@17
Q direct cue="told"@188 speaker="spokesman John Mwangi"@166 content="We are still searching for the missing,"@125
Q indirect cue="said"@237 speaker="The county government"@215 content="it had set aside KSh 20 million for the families"@242
F "At least 14 people"@17 number="14" value=14 low=14 high=None q=at_least cat=killed unit=people src="the Kenya Red Cross"@98 name=Kenya Red Cross
F "two villages"@74 number="two" value=2 low=2 high=2 q=exact cat=infrastructure unit=villages src="the Kenya Red Cross" name=Kenya Red Cross
F "KSh 20 million"@259 number="20 million" value=20000000 low=20000000 high=20000000 q=exact cat=money unit=kes src="The county government" name=county government
T "Monday"@90 DATE 2024-05-06
T "Tuesday"@206 DATE 2024-05-07
"""


@pytest.fixture()
def texts(tmp_path: Path) -> Path:
    folder = tmp_path / "aeb-dev"
    folder.mkdir()
    (folder / "ground-truth.json").write_text(json.dumps({KEY: {"articleBody": BODY, "url": "https://x.example/a"}}))
    return folder


@pytest.fixture()
def gold_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "gold"
    monkeypatch.setattr(realnews_gold, "GOLD_DIR", folder)
    monkeypatch.setattr(realnews, "GOLD_DIR", folder)
    return folder


def _build(tmp_path: Path, texts: Path, anchors: str) -> int:
    anchor_file = tmp_path / "article.ann"
    anchor_file.write_text(anchors, encoding="utf-8")
    return realnews_gold.main(["build", str(anchor_file), "--texts", str(texts)])


def test_anchor_file_becomes_standoff_without_the_text(tmp_path, texts, gold_dir):
    assert _build(tmp_path, texts, ANCHORS) == 0
    gold = json.loads((gold_dir / f"{KEY}.json").read_text())
    assert gold["split"] == realnews_gold.split_for(KEY)
    assert gold["provenance"]["annotator"] == "newsledger team" and gold["provenance"]["country"] == "KE"
    first = gold["quotes"][0]
    assert BODY[slice(*first["content"][0])] == "At least 14 people were killed when floods swept through two " \
                                                 "villages on Monday"
    assert BODY[slice(*first["speaker"])] == "the Kenya Red Cross"
    money = gold["figures"][-1]
    assert BODY[slice(*money["number"])] == "20 million" and BODY[slice(*money["source"])] == "The county government"
    assert [t["value"] for t in gold["times"]] == ["2024-05-06", "2024-05-07"]
    # Standoff only: no span text is stored, just offsets and a fingerprint of each span.
    assert "Mwangi" not in json.dumps(gold) and "searching" not in json.dumps(gold)


def test_export_gives_back_anchors_that_rebuild_the_same_gold(tmp_path, texts, gold_dir):
    _build(tmp_path, texts, ANCHORS)
    built = (gold_dir / f"{KEY}.json").read_text()
    assert realnews_gold.main(["export", str(tmp_path / "out"), "--texts", str(texts)]) == 0
    exported = (tmp_path / "out" / f"{KEY[:10]}.ann").read_text()
    assert 'content="We are still searching for the missing,"@125' in exported
    assert realnews_gold.main(["build", str(tmp_path / "out" / f"{KEY[:10]}.ann"), "--texts", str(texts)]) == 0
    assert (gold_dir / f"{KEY}.json").read_text() == built


@pytest.mark.parametrize("bad_line, message", [
    ('T "Friday"@10 DATE 2024-05-10', "is not in the article body"),
    ('T "the"~"Monday" DATE 2024-05-06', "occurs"),
    ('F "two villages"@74 number="3" value=3 low=3 high=3 q=exact cat=other unit=villages src=- name=',
     "is not inside the figure's span"),
    ('F "two villages"@74 number="two" value=2 low=2 high=2 q=roughly cat=other unit=villages src=- name=',
     "unknown qualifier"),
])
def test_a_bad_anchor_line_is_one_error_naming_file_and_line(tmp_path, texts, gold_dir, capsys, bad_line, message):
    assert _build(tmp_path, texts, ANCHORS + bad_line + "\n") == 2
    error = capsys.readouterr().err
    assert f"article.ann:{len(ANCHORS.splitlines()) + 1}:" in error and message in error
    assert not gold_dir.exists() or not list(gold_dir.glob("*.json"))


def test_gold_whose_texts_changed_is_refused_by_name(tmp_path, texts, gold_dir):
    _build(tmp_path, texts, ANCHORS)
    changed = BODY.replace("14 people", "15 people")
    (texts / "ground-truth.json").write_text(json.dumps({KEY: {"articleBody": changed, "url": "u"}}))
    with pytest.raises(ValueError, match=f"{KEY}.json: span .* no longer holds the annotated text"):
        realnews.load(texts)


def test_pipeline_is_scored_against_the_standoff_gold(tmp_path, texts, gold_dir):
    _build(tmp_path, texts, ANCHORS)
    split = realnews_gold.split_for(KEY)
    results = realnews.run(str(texts), split=split)["splits"][split]
    assert results["documents"] == 1
    quotes, figures, times = results["quotes"], results["figures"], results["times"]
    assert quotes["gold"] == 3 and quotes["source"]["recall"] >= 66.7
    assert figures["gold"] == 3 and figures["matched"] >= 2
    assert times["gold"] == 2 and times["value"]["accuracy"] == 100.0
    assert "Real articles, " + split in realnews.render({"splits": {split: results}})


def test_unknown_split_is_refused(texts):
    with pytest.raises(ValueError, match="unknown split"):
        realnews.load(texts, split="dev")


@pytest.mark.shared
def test_shipped_gold_lines_up_with_the_shared_texts(shared_data):
    articles = realnews.load(shared_data / "aeb-dev")
    assert len(articles) >= 30
    assert {a.split for a in articles} == {"tune", "check"}
    # The hash decides the split, except for the figure-only articles annotated to tune on, which are all tune.
    assert all(a.split == ("tune" if a.gold.get("layers") == ["figures"] else realnews_gold.split_for(a.key))
               for a in articles)
    assert sum(a.gold.get("layers") == ["figures"] for a in articles) >= 10
    countries = {a.gold["provenance"]["country"] for a in articles}
    assert len(countries) >= 8 and {"IN", "NG"} <= countries
    for article in articles:
        for figure in article.gold["figures"]:
            assert figure["span"][0] <= figure["number"][0] < figure["number"][1] <= figure["span"][1]


def test_aeb_split_is_stable_and_both_halves_are_reported(tmp_path):
    folder = tmp_path / "aeb"
    (folder / "html").mkdir(parents=True)
    page = ("<html><head><title>Port reopens</title></head><body><article><h1>Port reopens</h1>"
            "<p>The port of Mombasa reopened on Monday after a two-day strike by dock workers ended, the port "
            "authority said in a statement that also promised talks on pay.</p>"
            "<p>Related: Dock workers strike over pay</p></article></body></html>")
    truth = {}
    for n in range(6):
        doc_id = f"{n:064x}"
        truth[doc_id] = {"articleBody": "The port of Mombasa reopened on Monday after a two-day strike by dock "
                                        "workers ended, the port authority said in a statement that also promised "
                                        "talks on pay.", "url": "u"}
        with gzip.open(folder / "html" / f"{doc_id}.html.gz", "wt", encoding="utf-8") as stream:
            stream.write(page)
    (folder / "ground-truth.json").write_text(json.dumps(truth))
    results = aeb.run(str(folder))
    assert [aeb.split_for(d) for d in sorted(truth)] == [aeb.split_for(d) for d in sorted(truth)]
    assert sum(r["documents"] for r in results["splits"].values()) == 6
    # The "Related:" teaser line is dropped, so every page matches its body exactly.
    assert results["f1"] == 1.0 and "check" in aeb.render(results)


def test_html_body_drops_teaser_and_copyright_lines_by_the_page_copy_patterns():
    html = ("<html><body><article><h1>Europa has water vapour</h1>"
            "<p>Astronomers have confirmed water vapour above the icy crust of Jupiter's moon Europa for the first "
            "time, using the Keck Observatory in Hawaii, the team said on Monday.</p>"
            "<p>Related: Possible Water Plumes on Europa: The Discovery in Images</p>"
            "<p>The finding strengthens the case for a mission that would sample the plumes directly.</p>"
            "<p>copyright Inexhibit 2019 - ISSN: 2283-5474</p></article></body></html>")
    text = clean(RawArticle(source_path="europa.html", html=html)).text
    assert text.startswith("Astronomers have confirmed water vapour")
    assert "The finding strengthens the case" in text
    assert "Related:" not in text and "ISSN" not in text


def test_figure_only_article_on_geowebnews_is_tune_and_scores_figures_alone(tmp_path, texts, gold_dir):
    body = ("LAGOS — The police said on Thursday they had recovered 86 assorted firearms and 300 rounds of "
            "ammunition, and that the state had set aside N60 million for the amnesty.")
    (tmp_path / "geowebnews").mkdir()
    (tmp_path / "geowebnews" / "dev.jsonl").write_text(json.dumps({"doc_id": "7", "text": body, "link": "u"}) + "\n")
    anchors = ("## geowebnews:7\npublished: 2018-04-05\npublished_from: collection\noutlet: Lagos Post\ncountry: NG\n"
               "genre: crime\nlayers: figures\n"
               'F "86 assorted firearms" number="86" value=86 low=86 high=86 q=exact cat=military unit=firearms '
               'src="The police" name=Nigeria Police\n'
               'F "300 rounds" number="300" value=300 low=300 high=300 q=exact cat=military unit=rounds '
               'src="The police" name=Nigeria Police\n'
               'F "N60 million" number="60 million" value=60000000 low=60000000 high=60000000 q=exact cat=money '
               "unit=ngn src=- name=\n")
    assert _build(tmp_path, texts, anchors) == 0
    gold = json.loads((gold_dir / "figures-tune" / "geowebnews-7.json").read_text())
    assert gold["split"] == "tune" and gold["layers"] == ["figures"]
    assert gold["provenance"]["file"] == "geowebnews/dev.jsonl" and "assorted" not in json.dumps(gold)
    results = realnews.run(str(texts), split="tune")["splits"]["tune"]
    assert results["figures"]["gold"] == 3
    assert results["figures"]["matched"] == 3 and results["figures"]["category_accuracy"] == 100.0
    # Its quotes and times are not annotated, so the pipeline's quotes and times there are not counted as wrong.
    assert results["quotes"]["gold"] == 0 and results["quotes"]["predicted"] == 0 and results["times"]["system"] == 0
