"""The figure-source gold sets annotated cold (eval/data/figures-blind, wave 5; eval/data/figures-fresh, wave 8;
eval/data/figures-fresh2, wave 9) load
and are well formed: every record has the fields the scorer reads, and its offsets point at the numeral and source
phrase it names inside a scored sentence."""
import json
from importlib import resources

import pytest

from newsledger.eval import figures as scorer

FIELDS = {"doc_id", "sentence", "text", "start", "end", "number", "source", "source_start", "source_end",
          "source_body", "provenance"}
# (gold folder, at least this many figures, sentences, documents): what each set was annotated to hold
SETS = [("figures-blind", 100, 70, 60), ("figures-fresh", 300, 100, 50), ("figures-fresh2", 200, 150, 100)]


def _gold(folder_name: str, name: str) -> list[dict]:
    folder = resources.files("newsledger.eval").joinpath("data", folder_name)
    return [json.loads(line) for line in folder.joinpath(name).read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("folder, figure_count, sentence_count, document_count", SETS)
def test_every_figure_has_the_fields_and_a_document(folder, figure_count, sentence_count, document_count):
    docs = {d["doc_id"] for d in _gold(folder, "docs.jsonl")}
    figures = _gold(folder, "figures.jsonl")
    assert len(figures) >= figure_count and len({r["sentence"] for r in figures}) >= sentence_count
    assert len(docs) >= document_count
    for record in figures:
        assert set(record) == FIELDS, record
        assert record["doc_id"] in docs
        assert (record["source"] is None) == (record["source_start"] is None) == (record["source_end"] is None)
        assert record["source_body"] is None or record["source"] is not None


@pytest.mark.parametrize("folder", [s[0] for s in SETS])
def test_documents_are_standoff_and_never_carry_text(folder):
    for doc in _gold(folder, "docs.jsonl"):
        assert "text" not in doc and doc["shared_path"] and len(doc["sha256"]) == 64 and doc["scored"]


@pytest.mark.parametrize("folder", [s[0] for s in SETS])
def test_offsets_point_at_the_numeral_and_source_inside_a_scored_sentence(folder):
    docs = {d["doc_id"]: d for d in _gold(folder, "docs.jsonl")}
    if not (scorer.SHARED_DATA / next(iter(docs.values()))["shared_path"]).exists():
        pytest.skip("the shared texts are not on this machine")
    texts = {doc_id: scorer._with_text(doc, scorer.SHARED_DATA)["text"] for doc_id, doc in docs.items()}
    for record in _gold(folder, "figures.jsonl"):
        text, scored = texts[record["doc_id"]], docs[record["doc_id"]]["scored"]
        assert text[record["start"]:record["end"]] == record["text"]
        assert any(s <= record["start"] < e for s, e in scored)
        if record["source"]:
            assert text[record["source_start"]:record["source_end"]] == record["source"]
            assert any(s <= record["source_start"] < e for s, e in scored)


def test_an_article_a_collection_file_lacks_is_one_clear_error_naming_the_file(tmp_path):
    pages = tmp_path / "pages.jsonl"
    pages.write_text('{"doc_id": "a1", "text": "Police said 3 were hurt."}\n', encoding="utf-8")
    assert scorer.shared_text(pages, "a1") == "Police said 3 were hurt."
    bodies = tmp_path / "ground-truth.json"
    bodies.write_text('{"h1": {"articleBody": "Two were killed."}}', encoding="utf-8")
    assert scorer.shared_text(bodies, "h1") == "Two were killed."
    for collection in (pages, bodies):
        with pytest.raises(FileNotFoundError, match=f"{collection.name}: holds no article missing"):
            scorer.shared_text(collection, "missing")
