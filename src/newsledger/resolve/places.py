"""Toponym resolution: each place mention to one gazetteer place, offline, from the article's own context.

A name's readings are scored by a prior (how big the place is, whether the name is its own or an alternate
spelling, a capital) and then by what the article says: a containment phrase ("Rafah, in southern Gaza" is the
Gaza Rafah, "Paris, Texas" the Texan one), the feature the next noun names ("Jabalia camp", "Idlib province"), and
the article's focus: the countries its other places and its dateline lie in, and how near the reading is to them.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, replace

from .. import gazetteer
from ..extract.places import FEATURE_CUES, Toponym
from ..model import Article, Entity, Place

# Weights of the evidence, in units of log10(population): a containment phrase outweighs any size difference; the
# article's countries outweigh a tenfold size difference; an alternate spelling costs a hundredfold.
CONTAINED_BONUS = 12.0
CUE_BONUS = 4.0
FOCUS_BONUS = 3.0
NEAR_BONUS = 1.5
NEAR_KM = 400.0
# Points further apart in latitude than this are further apart than NEAR_KM on any meridian: no distance to compute.
NEAR_LATITUDE = math.degrees(NEAR_KM / gazetteer.EARTH_RADIUS_KM)
ALTERNATE_COST = 2.0
CAPITAL_BONUS = 1.5
# Only the likeliest readings of a name are weighed against the context (and any the text places it inside):
# the fortieth "Springfield" cannot win on the article's focus alone.
MAX_CONTENDERS = 8
CLEAR_MARGIN = 1.0  # a first reading this much above the next (ten times the people) is taken as read


@dataclass
class _Reading:
    place: gazetteer.Place
    prior: float


def resolve_places(toponyms: list[Toponym], article: Article) -> list[Place]:
    """One Place per toponym (unresolved ones keep their span and type, with no coordinates)."""
    gaz = gazetteer.load()
    readings = [_readings(gaz, t) for t in toponyms]
    first = [max(r, key=lambda x: x.prior).place if r else None for r in readings]
    focus = _focus(gaz, toponyms, readings, first, article)
    chosen: list[gazetteer.Place | None] = list(first)
    # Containment phrases point forward ("Rafah, in southern Gaza"): resolve the outer place first.
    for n in sorted(range(len(toponyms)), key=lambda k: toponyms[k].within is None, reverse=True):
        if readings[n]:
            outer = chosen[toponyms[n].within] if toponyms[n].within is not None else None
            contenders = sorted(readings[n], key=lambda r: -r.prior)[:MAX_CONTENDERS] + [
                r for r in readings[n] if outer is not None and gaz.contains(outer, r.place)]
            chosen[n] = max(contenders, key=lambda r: _score(gaz, r, toponyms[n], outer, focus)).place
    town = _article_town(toponyms, chosen)
    records = []
    for n, (toponym, place) in enumerate(zip(toponyms, chosen)):
        if place is None and town is not None and toponym.type == "literal":
            # "the Third Presbyterian Church", "Royal Street": a site no gazetteer has is in the article's town,
            # as far as we know (ACLED precision 2: near the named town).
            records.append(_record(gaz, n, toponym, town, precision=2))
        else:
            records.append(_record(gaz, n, toponym, place))
    return records


def _article_town(toponyms: list[Toponym], chosen: list[gazetteer.Place | None]) -> gazetteer.Place | None:
    """The town the article names most often (literal uses), if it names one at all."""
    towns = Counter(p.key for t, p in zip(toponyms, chosen) if p is not None and p.feature == "city"
                    and t.type == "literal")
    if not towns:
        return None
    key = towns.most_common(1)[0][0]
    return next(p for p in chosen if p is not None and p.key == key)


def _readings(gaz: gazetteer.Gazetteer, toponym: Toponym) -> list[_Reading]:
    if toponym.demonym:
        place = gaz.demonym(toponym.span.text)
        return [_Reading(place, _prior(gaz, place, True))] if place else []
    matches = gaz.lookup(toponym.span.text)
    name, _, last = toponym.span.text.rpartition(" ")
    if not matches and name and last.lower() in FEATURE_CUES:
        # "Oaxaca State", "Idlib Province": the name without its feature noun, that feature preferred.
        toponym.cue = FEATURE_CUES[last.lower()]
        matches = gaz.lookup(name)
    # A country's name is the country, even in a story from a town's country ("Mexico" is not Mexico, Missouri),
    # unless the text places it inside something else ("Mexico, Missouri").
    if toponym.within is None and any(m.place.feature == "country" and m.primary for m in matches):
        matches = [m for m in matches if m.place.feature != "city"]
    return [_Reading(m.place, _prior(gaz, m.place, m.primary)) for m in matches]


def _prior(gaz: gazetteer.Gazetteer, place: gazetteer.Place, primary: bool) -> float:
    prior = math.log10(place.population + 10)
    if not primary:
        prior -= ALTERNATE_COST
    if gaz.is_capital(place):
        prior += CAPITAL_BONUS
    return prior


@dataclass
class _Focus:
    countries: Counter
    points: list[tuple[float, float]]

    def __post_init__(self) -> None:
        self.total = sum(self.countries.values())


def _focus(gaz: gazetteer.Gazetteer, toponyms: list[Toponym], readings: list[list[_Reading]],
           first: list[gazetteer.Place | None], article: Article) -> _Focus:
    """The countries the article is about (its places' first readings, clear ones counting double, and its
    dateline) and the points of its clearly read places: a name with one reading, or whose first reading is
    at least ten times bigger than the next ("Seattle")."""
    countries: Counter = Counter()
    points = []
    for toponym, options, place in zip(toponyms, readings, first):
        if place is None or not place.country:
            continue
        priors = sorted((r.prior for r in options), reverse=True)
        clear = toponym.demonym or len(priors) == 1 or priors[0] - priors[1] >= CLEAR_MARGIN
        countries[place.country] += 2 if clear else 1
        if clear and place.feature not in ("country", "region", "water"):
            points.append((place.lat, place.lon))
    dateline = _dateline_place(gaz, article.dateline)
    if dateline is not None and dateline.country:
        countries[dateline.country] += 3
        points.append((dateline.lat, dateline.lon))
    # Each point once: an article naming Gaza twenty times needs one distance test, not twenty.
    return _Focus(countries, list(dict.fromkeys(points)))


def _dateline_place(gaz: gazetteer.Gazetteer, dateline: str | None) -> gazetteer.Place | None:
    """ "GAZA CITY (AP) —" -> Gaza City; "KHAN YOUNIS, Gaza Strip (Reuters) -" -> Khan Younis."""
    if not dateline:
        return None
    head = dateline.split("(")[0].split(",")[0].strip(" -—–")
    matches = gaz.lookup(head.title()) or gaz.lookup(head)
    return max(matches, key=lambda m: m.place.population).place if matches else None


def _score(gaz: gazetteer.Gazetteer, reading: _Reading, toponym: Toponym, outer: gazetteer.Place | None,
           focus: _Focus) -> float:
    place = reading.place
    score = reading.prior
    if outer is not None and (gaz.contains(outer, place) or outer.country and outer.country == place.country):
        score += CONTAINED_BONUS
    if toponym.cue and toponym.cue == place.feature:
        score += CUE_BONUS
    total = focus.total
    if total and place.country:
        score += FOCUS_BONUS * focus.countries[place.country] / total
    if place.feature not in ("country", "region", "water") and any(
            abs(place.lat - lat) <= NEAR_LATITUDE and gazetteer.km(place.lat, place.lon, lat, lon) < NEAR_KM
            for lat, lon in focus.points):
        score += NEAR_BONUS
    return score


def _record(gaz: gazetteer.Gazetteer, n: int, toponym: Toponym, place: gazetteer.Place | None,
            precision: int | None = None) -> Place:
    if place is None:
        return Place(id=f"p{n + 1}", span=toponym.span, name=None, type=toponym.type)
    chain = gaz.chain(place)
    admin1 = gaz.admin1(place)
    return Place(id=f"p{n + 1}", span=toponym.span, name=place.name, type=toponym.type, lat=place.lat,
                 lon=place.lon, geonames_id=place.geonames_id, feature=place.feature, country=place.country,
                 admin1=admin1.name if admin1 else _subdivision_name(gaz, place.subdivision),
                 admin1_code=place.subdivision, precision=precision or place.precision,
                 within=[p.name for p in chain[1:]], key=place.key)


def _subdivision_name(gaz: gazetteer.Gazetteer, code: str | None) -> str | None:
    return gaz.subdivision_name(code) if code else None


# The entity type a resolved place stands for, by its feature.
ENTITY_TYPE = {"region": "LOC", "water": "LOC", "site": "FAC", "crossing": "FAC", "hospital": "FAC"}


def retype_place_entities(entities: list[Entity], places: list[Place]) -> list[Entity]:
    """The entities, a PERSON every mention of which is a resolved place typed as that place ("Khan Younis",
    "Rafah" after "move on")."""
    located = {(p.span.start, p.span.end): p for p in places if p.name and p.type in ("literal", "modifier")}
    retyped = []
    for entity in entities:
        spans = [located.get((m.start, m.end)) for m in entity.mentions]
        if entity.type == "PERSON" and spans and all(spans):
            entity = replace(entity, type=ENTITY_TYPE.get(spans[0].feature or "", "GPE"))
        retyped.append(entity)
    return retyped
