"""Places: the offline gazetteer, toponym recognition and resolution, the place of what is counted, the store's
place filters and GeoJSON, and the geoparsing scorer."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from newsledger import gazetteer, nlp
from newsledger.cli import app
from newsledger.eval import geo
from newsledger.extract.places import extract_places
from newsledger.model import Article, Record
from newsledger.pipeline import analyse
from newsledger.resolve.places import resolve_places
from newsledger.store import Store, schema
from newsledger.store import places as stored_places
from newsledger.store import queries
from newsledger.track.events import ledger_events


def _places(text: str, dateline: str | None = None):
    article = Article(id=Article.id_for(text), source_path="t.txt", text=text, dateline=dateline)
    return resolve_places(extract_places(nlp.parse(text)), article)


def _record(text: str, published: str = "2024-02-10") -> Record:
    article = Article(id=Article.id_for(text), source_path="t.txt", text=text, published=published)
    return analyse(article, nlp.parse(text))


def _by_text(places):
    return {p.span.text: p for p in places}


# -- the gazetteer ---------------------------------------------------------------------------------------------------

def test_gazetteer_contains_gaza_towns_and_west_bank_towns():
    gaz = gazetteer.load()
    gaza = next(m.place for m in gaz.lookup("Gaza Strip"))
    west_bank = next(m.place for m in gaz.lookup("West Bank"))
    for town in ("Khan Younis", "Rafah", "Jabalia camp", "al-Shifa hospital"):
        place = max((m.place for m in gaz.lookup(town)), key=lambda p: p.country == "PS")
        assert gaz.contains(gaza, place), town
    for town in ("Jenin", "Tulkarem", "Nur Shams camp"):
        place = next(m.place for m in gaz.lookup(town) if m.place.country == "PS")
        assert gaz.contains(west_bank, place) and not gaz.contains(gaza, place), town


def test_gazetteer_reads_news_spellings_abbreviations_and_demonyms():
    gaz = gazetteer.load()
    assert {m.place.name for m in gaz.lookup("U.S.")} >= {"United States"}
    assert any(m.place.name == "California" for m in gaz.lookup("Calif."))
    assert gaz.demonym("Syrians").name == "Syria"
    assert gaz.demonym("Palestinian").country == "PS"
    assert gaz.demonym("French").name == "France"
    khan_younis = next(m.place for m in gaz.lookup("Khan Yunis") if m.place.country == "PS")
    assert (khan_younis.name, khan_younis.geonames_id, khan_younis.precision) == ("Khan Younis", 281124, 1)


def test_towns_carry_their_iso_subdivision_and_admin1_name():
    records = _places("Russian shelling killed three people in Kharkiv and two in Zaporizhzhia overnight, Ukrainian "
                      "officials said. Airstrikes hit eastern Aleppo on Sunday; in Nigeria, gunmen attacked a market in "
                      "Maiduguri. Relatives gathered in Houston, and in Khan Younis.")
    found = {p.span.text: (p.admin1, p.admin1_code) for p in records}
    assert found["Kharkiv"] == ("Kharkivska oblast", "UA-63")  # GeoNames UA.07, derived from its seat
    assert found["Zaporizhzhia"] == ("Zaporizka oblast", "UA-23")  # UA.26, a curated row
    assert found["Aleppo"][1] == "SY-HL" and found["Maiduguri"] == ("Borno", "NG-BO")
    assert found["Houston"] == ("Texas", "US-TX")  # US: GeoNames codes are the ISO suffixes
    assert found["Khan Younis"] == ("Gaza Strip", None)  # the curated area; ISO 3166-2 has no such subdivision


def test_admin1_tables_name_only_real_subdivisions(tmp_path, monkeypatch):
    bad = tmp_path / "admin1_codes_curated.tsv"
    bad.write_text("country\tgeonames_admin1\tiso_3166_2\tsource\nUA\t07\tUA-99\tKharkiv\n", encoding="utf-8")
    (tmp_path / "admin1_codes.tsv").write_text("", encoding="utf-8")
    monkeypatch.setattr(gazetteer, "DATA", tmp_path)
    with pytest.raises(gazetteer.GazetteerError, match=r"admin1_codes_curated.tsv: line 2: 'UA-99'"):
        gazetteer._admin1_codes()


def test_the_built_gazetteer_reads_back_from_its_cache_file_unchanged(tmp_path, monkeypatch):
    built = gazetteer.load()
    monkeypatch.setenv(gazetteer.CACHE_DIR_ENV, str(tmp_path))
    cache = gazetteer._cache_file()
    assert cache.parent == tmp_path and gazetteer._read_cache(cache) is None
    gazetteer._write_cache(cache, built)
    again = gazetteer._read_cache(cache)
    assert again.places == built.places and again._names == built._names and again.demonyms == built.demonyms
    assert again.lookup("Khan Yunis") == built.lookup("Khan Yunis")
    cache.write_bytes(cache.read_bytes()[:1000])  # a cut-off file is built again, never half read
    assert gazetteer._read_cache(cache) is None
    monkeypatch.setenv(gazetteer.CACHE_DIR_ENV, "")
    assert gazetteer._cache_file() is None


# -- recognition and resolution ---------------------------------------------------------------------------------

def test_towns_the_small_model_types_as_people_are_places():
    places = _by_text(_places("Heavy fighting was reported in Khan Younis and Deir al-Balah on Monday, and "
                              "troops raided Jenin in the occupied West Bank."))
    assert places["Khan Younis"].country == "PS" and places["Khan Younis"].feature == "city"
    assert places["Deir al-Balah"].within[0] == "Gaza Strip"
    assert places["Jenin"].within[0] == "West Bank"


def test_containment_phrases_choose_the_town_inside():
    rafah = _by_text(_places("Israeli tanks pushed into Rafah, in southern Gaza, as talks went on."))["Rafah"]
    assert rafah.country == "PS"
    paris = _by_text(_places("The band played a sold-out show in Paris, Texas, last week."))["Paris"]
    assert (paris.country, paris.admin1) == ("US", "Texas")
    assert _by_text(_places("Crowds filled the streets of Paris on Sunday."))["Paris"].country == "FR"


def test_feature_nouns_prefer_the_camp_or_crossing():
    places = _by_text(_places("Three people were killed in an air strike on Jabalia camp, and aid trucks waited "
                              "at the Rafah crossing."))
    assert places["Jabalia camp"].feature == "camp" and places["Jabalia camp"].precision == 1
    assert places["Rafah crossing"].feature == "crossing"


def test_demonyms_metonyms_and_embedded_names_are_typed_apart():
    places = _places("Washington said it would send more aid, while Turkish forces shelled a Syrian Kurdish "
                     "enclave, the Syrian Observatory for Human Rights said.")
    types = [(p.span.text, p.type) for p in places]
    assert ("Washington", "metonymic") in types
    assert ("Turkish", "demonym") in types and ("Syrian", "demonym") in types
    assert ("Syrian", "embedded") in types
    washington = next(p for p in places if p.span.text == "Washington")
    assert washington.name == "Washington, D.C."


def test_the_dateline_and_the_article_focus_pick_the_town():
    text = ("Officials said the bridge in Hebron would reopen next month after repairs, and traffic from Bethlehem "
            "would be diverted through Beit Jala.")
    places = _by_text(_places(text))
    assert places["Hebron"].country == "PS" and places["Bethlehem"].country == "PS"


# -- the place of what is counted --------------------------------------------------------------------------------

def test_a_figure_reported_from_ramallah_is_placed_where_it_was_counted():
    record = _record("The Palestinian health ministry in Ramallah said two Palestinians were killed near Tulkarem "
                     "on Tuesday.")
    killed = next(f for f in record.figures if f.category == "killed")
    place = next(p for p in record.places if p.id == killed.place_id)
    assert (killed.place, place.name, place.within[0]) == ("Tulkarem", "Tulkarem", "West Bank")


def test_a_figure_at_a_gaza_city_hospital_is_placed_in_gaza_city():
    record = _record("A US official said between 100 and 300 were killed in the blast at a Gaza City hospital.")
    killed = next(f for f in record.figures if f.category == "killed")
    assert next(p for p in record.places if p.id == killed.place_id).name == "Gaza City"


def test_an_event_is_placed_at_its_town_not_the_dateline():
    text = ("KHAN YOUNIS, Gaza Strip (AP) — Israeli troops raided the Nur Shams camp near Tulkarem overnight, "
            "witnesses said.")
    article = Article(id=Article.id_for(text), source_path="t.txt", text=text, published="2024-02-10",
                      dateline="KHAN YOUNIS, Gaza Strip (AP) —")
    record = analyse(article, nlp.parse(text))
    raid = next(e for e in record.events if e.place_id)
    assert next(p for p in record.places if p.id == raid.place_id).name == "Nur Shams camp"


# -- the ledger: filters that include what lies inside, counts and GeoJSON -----------------------------------------

GAZA_REPORT = ("At least 12 people were killed in an Israeli strike on a house in Khan Younis on Friday, "
               "the health ministry said.\n\nSeparately, four people were killed in Rafah, medics said.")
WEST_BANK_REPORT = ("Israeli forces killed three Palestinians during a raid on Jenin on Friday, the Palestinian "
                    "health ministry said.")


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    store = Store(str(tmp_path_factory.mktemp("places") / "ledger.db"))
    for text in (GAZA_REPORT, WEST_BANK_REPORT):
        store.save(_record(text, "2024-02-09"))
    yield store
    store.close()


def test_place_filters_match_a_place_and_everything_inside_it(ledger):
    in_gaza = {f["place"] for f in queries.figures(ledger, category="killed", place="Gaza Strip")}
    assert in_gaza == {"Khan Younis", "Rafah"}
    in_west_bank = {f["place"] for f in queries.figures(ledger, category="killed", place="West Bank")}
    assert in_west_bank == {"Jenin"}
    assert {f["place"] for f in queries.figures(ledger, place="Rafah")} == {"Rafah"}
    raids = ledger_events(ledger, place="West Bank", limit=None)
    assert raids and all("Jenin" in (e["place"] or "") for e in raids)


def test_places_across_the_ledger_count_events_figures_and_articles(ledger):
    rows = {row["name"]: row for row in stored_places.ledger_places(ledger)}
    assert rows["Khan Younis"]["figures"] >= 1 and rows["Khan Younis"]["articles"] == 1
    assert rows["Jenin"]["within"][0] == "West Bank"
    assert {r["name"] for r in stored_places.ledger_places(ledger, search="Gaza Strip")} >= {"Khan Younis", "Rafah"}


def test_geojson_puts_figures_at_their_places(ledger):
    collection = stored_places.geojson(ledger, "figures")
    assert collection["type"] == "FeatureCollection"
    at = {f["properties"]["place_name"]: f["geometry"]["coordinates"] for f in collection["features"]}
    lon, lat = at["Khan Younis"]
    assert gazetteer.km(lat, lon, 31.34, 34.31) < 5
    points = stored_places.map_points(ledger, "figures", since="2024-02-09", until="2024-02-09")
    assert sum(f["properties"]["count"] for f in points["features"]) == len(collection["features"])
    assert stored_places.map_points(ledger, "figures", since="2024-03-01")["features"] == []


def test_the_places_migration_is_idempotent(ledger):
    from newsledger.store import schema

    with ledger.engine.begin() as conn:
        schema._add_places(conn)
        schema._add_places(conn)
    assert stored_places.ledger_places(ledger)


def test_stored_places_keep_their_iso_subdivision(tmp_path):
    store = Store(str(tmp_path / "ledger.db"))
    store.save(_record("Russian shelling killed three people in Kharkiv and two in Zaporizhzhia overnight, "
                       "Ukrainian officials said.", "2024-02-09"))
    with store.engine.begin() as conn:
        schema._add_place_admin1_code(conn)  # idempotent: the column is already there
        stored = dict(conn.execute(text("SELECT name, admin1_code FROM places")).all())
    store.close()
    assert (stored["Kharkiv"], stored["Zaporizhzhia"]) == ("UA-63", "UA-23")


def test_cli_places_and_geojson_export(ledger):
    runner = CliRunner()
    listed = runner.invoke(app, ["places", "--db", ledger.url, "--json"])
    assert listed.exit_code == 0 and any(r["name"] == "Rafah" for r in json.loads(listed.stdout))
    exported = runner.invoke(app, ["export", "--db", ledger.url, "--table", "events", "--format", "geojson"])
    assert exported.exit_code == 0 and json.loads(exported.stdout)["features"]
    refused = runner.invoke(app, ["export", "--db", ledger.url, "--table", "quotes", "--format", "geojson"])
    assert refused.exit_code == 2 and "places, events or figures" in refused.output


# -- the geoparsing scorer ---------------------------------------------------------------------------------------

def test_geo_scorer_matches_spans_and_measures_distance():
    gold = {"doc_id": "1", "text": "Rafah and Paris.", "toponyms": [
        {"start": 0, "end": 5, "type": "Literal", "lat": 31.29, "lon": 34.24, "geonames_id": 281102},
        {"start": 10, "end": 15, "type": "Literal", "lat": 48.85, "lon": 2.35, "geonames_id": 2988507}]}
    predicted = [{"start": 0, "end": 5, "lat": 31.30, "lon": 34.25},
                 {"start": 10, "end": 15, "lat": 33.66, "lon": -95.56},  # Paris, Texas: a miss
                 {"start": 6, "end": 9, "lat": None, "lon": None}]  # "and": a false positive
    result = geo.score([(gold, predicted)])
    assert (result["tp"], result["fp"], result["recall"]) == (2, 1, 1.0)
    assert result["acc@161"] == 0.5 and result["median_km"] > 3000


def test_geo_split_is_fixed_by_the_text():
    assert geo.split_of("one article") == geo.split_of("one article")
    assert {geo.split_of(f"article {n}") for n in range(20)} == {"tune", "check"}


def test_eval_geo_names_a_missing_file():
    result = CliRunner().invoke(app, ["eval", "geo", "no-such-file.jsonl"])
    assert result.exit_code == 2 and "no-such-file.jsonl" in result.output


@pytest.mark.shared
def test_eval_geo_on_geowebnews_check_split(shared_data):
    path = shared_data / "geowebnews" / "dev.jsonl"
    if not path.exists():
        pytest.skip("GeoWebNews dev half not present")
    result = geo.run(str(path), split="check")["check"]
    assert result["f1"] >= 0.85 and result["acc@161"] >= 0.88


def test_a_town_typed_as_a_person_becomes_a_place_entity():
    record = _record("Netanyahu said the military would soon move on Rafah, where more than a million people who "
                     "fled the north of Gaza are sheltering.")
    rafah = next(e for e in record.entities if e.name == "Rafah")
    assert rafah.type == "GPE"


def test_api_serves_places_and_map_layers_and_the_map_page_has_no_inline_script(ledger):
    from fastapi.testclient import TestClient

    from newsledger.api import create_app

    client = TestClient(create_app(ledger.url))
    assert any(p["name"] == "Jenin" for p in client.get("/api/places").json()["items"])
    inside = client.get("/api/places", params={"within": "Gaza Strip"}).json()["items"]
    assert {"Khan Younis", "Rafah"} <= {p["name"] for p in inside}
    layer = client.get("/api/map/figures", params={"since": "2024-02-09"}).json()
    assert layer["features"] and all(f["properties"]["count"] >= 1 for f in layer["features"])
    assert client.get("/api/map/quotes").status_code == 404
    page = client.get("/map", params={"layer": "figures"}).text
    assert 'data-layer="figures"' in page and "<script>" not in page
    assert "/static/vendor/leaflet/leaflet.js" in page


def test_places_page_lists_counts_links_and_the_places_map_without_inline_script(ledger):
    from fastapi.testclient import TestClient

    from newsledger.api import create_app

    client = TestClient(create_app(ledger.url))
    page = client.get("/places").text
    assert 'data-layer="places"' in page and "<script>" not in page and "/static/map.js" in page
    assert 'href="/events?place=Jenin"' in page and 'href="/figures?place=Khan+Younis"' in page
    inside = client.get("/places", params={"within": "Gaza Strip"}).text
    assert "Khan Younis" in inside and "Jenin" not in inside.split('id="places"')[1]
    hostile = client.get("/places", params={"within": "<script>alert(1)</script>"}).text
    assert "<script>alert(1)" not in hostile and "&lt;script&gt;alert(1)" in hostile
    layer = client.get("/api/map/places", params={"within": "West Bank"}).json()
    assert [f["properties"]["place"] for f in layer["features"]] == ["Jenin"]
    assert layer["features"][0]["properties"]["count"] >= 1
