"""What a figure counts, and what happened to it: the counted noun, its category and unit, the event in the
predicate."""
from __future__ import annotations

import re

from spacy.tokens import Token

from ...lexicon import data_lines, load_phrases, load_table
from .numerals import CURRENCY_PREFIXES, UNITS

PREDICATES = load_table("figure_predicates.tsv")
MEASURES = set(load_phrases("figure_measures.txt"))
POPULATION_SHARE_CUES = set(load_phrases("figure_population_shares.txt"))
POPULATION_WHOLES = set(load_phrases("figure_population_wholes.txt"))
NEARBY_PREPOSITIONS = set(load_phrases("figure_nearby_prepositions.txt"))
MULTIPLICATIVES = set(load_phrases("figure_multiplicatives.txt"))
GAME_STATISTICS = set(load_phrases("figure_game_statistics.txt"))
ANIMALS = set(load_phrases("figure_animals.txt"))
PRICE_WORDS = {word: set(links.split()) for word, links in load_table("figure_price_words.tsv").items()}
# Reporting verbs whose object is whom the words were for ("told News 4"): their subject is a person.
ADDRESSING_VERBS = {lemma for lemma, frames in load_table("cues_verbs.tsv").items() if "addressee" in frames.split()}
# What may stand between a label's colon and its number: "Bedrooms/bathrooms : 3 to 4 / 3 to 4", ": About 3,000".
_LABEL_FILLERS = {"NUM", "ADV", "PART", "SYM"}


def _category_table(name: str) -> dict[str, tuple[str, str]]:
    """noun lemma -> (category, unit), from a three-column tab-separated file."""
    return {fields[0].lower(): (fields[1], fields[2])
            for fields in (line.split("\t") for line in data_lines(name))}


COUNTED = _category_table("figure_counted.tsv")
OF_HEADS = _category_table("figure_of_heads.tsv")
# What the first sense of a noun is a kind of in WordNet (scripts/figure_noun_classes.py): the nouns the hand-made
# table has not met ("all three cashiers", "more than 120 exhibitors", "a total of 10 rounds").
NOUN_CLASSES = _category_table("figure_noun_classes.tsv")
CURRENCIES = set(CURRENCY_PREFIXES.values()) | {unit for category, unit in COUNTED.values() if category == "money"}
MEASURE_UNITS = set(UNITS.values()) - CURRENCIES - {"percent"}
EVENT_CATEGORIES = {"killed", "injured", "missing", "hostages", "detained", "displaced"}
PERSON_ENTITY_TYPES = {"NORP", "PERSON"}
VICTIM_ROLES = {"dobj", "nsubjpass"}
_DECIMAL = re.compile(r"[\d,]+\.\d+")


def lemma_of_word(word: str) -> str:
    lowered = word.lower()
    for suffix, replacement in (("ies", "y"), ("men", "man"), ("s", "")):
        if lowered.endswith(suffix) and lowered[: -len(suffix)] + replacement in COUNTED:
            return lowered[: -len(suffix)] + replacement
    return lowered


def counted_noun(head: Token) -> Token | None:
    """The noun the numeral counts: "23 [soldiers]", "dozens of [sightings]", "11 of the [injured]",
    and through a measure, "4,000 pounds of [nitrate]"."""
    noun = _noun_of(head)
    if noun is not None and noun.lemma_.lower() in MEASURES:
        return _of_object(noun) or noun
    return noun


def _noun_of(head: Token) -> Token | None:
    following = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
    if following is not None and following.lemma_.lower() in MULTIPLICATIVES \
            and following.head.i in (head.i, head.head.i):
        return following  # "25 times their annual expenses" is a multiple, whatever the parse hangs it on
    if following is not None and following.is_lower and following.lemma_.lower() in GAME_STATISTICS:
        return following  # "K. Hupfer 1 goal": a player's tally, whatever name the tagger hangs the number on
    if head.head.lower_ == "plus" and head.head.i == head.i + 2:
        head = head.head  # "80-plus countries"; "Half the residents" (predet) is a share of the residents
    if head.dep_ in ("nummod", "quantmod", "amod", "compound", "predet") and head.head.pos_ in ("NOUN", "PROPN", "SYM") \
            and head.head.i > head.i:
        noun = head.head
        # "six NATO service members": the number hangs on a compound inside the noun phrase.
        while noun.dep_ == "compound" and noun.head.i > noun.i and noun.head.pos_ in ("NOUN", "PROPN"):
            noun = noun.head
        return noun
    counted = _of_object(head)
    if counted is not None:
        return counted
    return _next_plural_noun(head) or _shared_noun(head) or _label_noun(head)


def _of_object(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and objects[0].lower_ not in ("whom", "which", "them", "those", "these"):
                return objects[0]
    return None


def _next_plural_noun(head: Token) -> Token | None:
    """When the parse loses the link ("10,000 IS insurgents"), the plural noun a few words on, if nothing
    but modifiers stands between."""
    for token in head.doc[head.i + 1:head.i + 5]:
        if token.tag_ in ("NNS", "NNPS") or token.lemma_.lower() in MEASURES:
            return token
        # "with 14 named storms", "the three remaining hostages": a participle right before the noun modifies it.
        participle = token.tag_ in ("VBN", "VBG") and token.i + 1 < len(token.doc) \
            and token.doc[token.i + 1].tag_ in ("NNS", "NNPS")
        if token.is_punct or token.is_sent_start or not (token.pos_ in ("ADJ", "PROPN") or token.is_upper
                                                         or participle):
            return None
    return None


def _shared_noun(head: Token) -> Token | None:
    """A number whose noun is left to the next of two coordinated counts: "from two primary and two senior
    secondary schools" (the parse hangs the first "two" on "primary")."""
    after = head.i + 1
    while after < head.sent.end and head.doc[after].pos_ == "ADJ":
        after += 1
    if after == head.i + 1 or after + 1 >= head.sent.end or head.doc[after].pos_ != "CCONJ" \
            or not head.doc[after + 1].like_num:
        return None
    return _noun_of(head.doc[after + 1])


def _label_noun(head: Token) -> Token | None:
    """A bare number after a label and its colon counts what the label names, not persons: "Square footage :
    About 3,000" (a listing's fact box), "Death toll: 27"."""
    for token in reversed(head.doc[max(head.sent.start, head.i - 8):head.i]):
        if token.text == ":":
            label = head.doc[token.i - 1] if token.i > head.sent.start else None
            return label if label is not None and label.pos_ == "NOUN" else None
        if token.pos_ not in _LABEL_FILLERS and token.lower_ != "to":
            return None
    return None


def noun_kind(counted: Token) -> tuple[str | None, str | None]:
    """The category and unit the counted noun itself names ("hostages", "trucks"), if the tables know it; else
    what a noun compounded with it names ("180 artillery systems", "two missile batteries"), in the noun's unit.
    A building before the noun says where or what kind, not what is counted: "two apartment fires", "288 home
    runs". Animals, or what happens to them, are no persons: "18 of 24 animal deaths last year"."""
    modifiers = (child.lemma_.lower() for child in counted.children if child.dep_ in ("compound", "amod"))
    if counted.lemma_.lower() in ANIMALS or any(word in ANIMALS for word in modifiers):
        return "other", counted.lower_
    # "10,000 asylum seekers": a compound the table names as a whole ("asylum seeker") before the noun alone.
    phrases = (f"{child.lemma_.lower()} {counted.lemma_.lower()}" for child in counted.children
               if child.dep_ == "compound" and child.i >= counted.i - 2)  # "asylum-seekers"
    known = next((COUNTED[p] for p in phrases if p in COUNTED), None) \
        or COUNTED.get(counted.lemma_.lower()) or COUNTED.get(lemma_of_word(counted.text))
    if known:
        return known
    for child in counted.children:
        category, _ = COUNTED.get(child.lemma_.lower(), (None, None))
        if child.dep_ == "compound" and category not in (None, "people", "infrastructure"):
            return category, counted.lower_
    category, unit = NOUN_CLASSES.get(counted.lemma_.lower()) or NOUN_CLASSES.get(counted.lower_, (None, None))
    return category, (counted.lower_ if unit == "-" else unit)


def category_of(head: Token, counted: Token | None, unit: str | None) -> tuple[str, str | None]:
    """The category and unit: an event in the predicate wins over what a count of persons is."""
    if unit in CURRENCIES:
        return "money", unit
    if unit in MEASURE_UNITS and (counted is None or counted.lemma_.lower() not in COUNTED):
        return "other", unit  # "about 15 meters", "a 20-foot truck"
    if counted is None:
        if _priced(head):
            return "money", None  # "will cost 8.00", "has been priced at 50,000"
        if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in OF_HEADS:
            return OF_HEADS[head.head.head.lemma_.lower()]
        if unit in ("percent", "fraction"):
            return ("people" if _share_of_population(head) else "other"), unit
        if _DECIMAL.fullmatch(head.text):
            return "other", None  # "a drag coefficient of 0.24": persons come in whole numbers
        noun_category, noun_unit = "people", "people"  # "Two were killed", "another 15", "Thousands fled"
    elif unit == "percent" and counted.lemma_.lower() in MEASURES:
        return ("people" if _share_of_population(head) else "other"), unit  # "12.1 percent" with no "of" noun
    elif unit in ("percent", "fraction") and _is_population_whole(counted):
        return "people", unit  # "55.6 per cent of the total community", "41-42 percent of the labour pool"
    else:
        noun_category, noun_unit = noun_kind(counted)
        # "13 Venezuelans", "3,000 Britons", "Two of the 12": persons by name, or a part of a count already made.
        # (the tagger reads "K. Hupfer 1 goal" as one name: a player's tally counts no persons)
        persons = counted.ent_type_ in PERSON_ENTITY_TYPES and counted.lemma_.lower() not in GAME_STATISTICS \
            or counted.tag_ == "NNPS" or counted.like_num
        if noun_category is None and (persons or _tells_someone(counted)):
            noun_category, noun_unit = "people", "people"
        if noun_unit is None:
            noun_unit = counted.lower_ if counted.pos_ == "NOUN" else None
    # "11 of the injured": the counted word is itself the event (unless the table knows it as a thing: "rounds").
    names_event = counted is not None and noun_category is None and counted.lemma_.lower() in PREDICATES
    # A noun we do not know that is the victim of the verb ("killing two soliders") is a count of persons.
    victim = counted is not None and noun_category is None and counted.dep_ in VICTIM_ROLES
    if noun_unit == "people" or noun_category in EVENT_CATEGORIES or names_event or victim:
        event = next((PREDICATES[w] for w in _predicate_words(head, counted) if w in PREDICATES), None)
        if event and (noun_category not in EVENT_CATEGORIES or noun_category == "killed"):
            return event, "people"
    return noun_category or "other", noun_unit


def _priced(head: Token) -> bool:
    """A bare number a price word takes, as its complement or through its preposition (figure_price_words.tsv)."""
    if head.dep_ == "pobj":
        links = PRICE_WORDS.get(head.head.head.lemma_.lower(), ())
        return head.head.lower_ in links
    complement = head.dep_ in ("dobj", "npadvmod", "attr", "advmod")
    return complement and "object" in PRICE_WORDS.get(head.head.lemma_.lower(), ())


def _tells_someone(noun: Token) -> bool:
    """The subject of a verb that tells someone something is a person, whatever else the noun may name: "Two senior
    law enforcement sources told News 4 late Thursday that ..." (a "source" is first a place things come from)."""
    return noun.dep_ == "nsubj" and noun.head.lemma_.lower() in ADDRESSING_VERBS and noun.ent_type_ != "ORG"


def _share_of_population(head: Token) -> bool:
    """A bare share that is the subject of what persons do or are ("23.5 per cent attended school", "Two thirds
    have no training", "About 10 per cent are ethnic Russians"), or one in a sentence about polls or jobs ("came
    the SLD on 12.1 percent")."""
    share = head.head if head.head.lemma_.lower() in MEASURES else head
    if share.dep_ in ("nsubj", "nsubjpass") and share.head.pos_ in ("VERB", "AUX"):
        verb = share.head
        if verb.lemma_ != "be":
            return True
        attributes = [c for c in verb.children if c.dep_ == "attr"]
        if any(noun_kind(a)[1] == "people" or a.ent_type_ in PERSON_ENTITY_TYPES for a in attributes):
            return True
    return any(token.lemma_.lower() in POPULATION_SHARE_CUES for token in head.sent)


def _is_population_whole(noun: Token) -> bool:
    compounds = [f"{c.lower_} {noun.lemma_.lower()}" for c in noun.children if c.dep_ in ("compound", "amod")]
    return noun.lemma_.lower() in POPULATION_WHOLES or any(phrase in POPULATION_WHOLES for phrase in compounds)


def _predicate_words(head: Token, counted: Token | None) -> list[str]:
    """Lemmas around the figure, nearest first: the counted noun and its modifiers (and those of the nouns
    listed with it), then the clause's predicate."""
    anchor = counted if counted is not None else head
    group = [anchor, *(c for c in anchor.children if c.dep_ in ("conj", "appos"))]
    if anchor.dep_ in ("conj", "appos"):
        group.append(anchor.head)
    words: list[str] = []
    for token in group:
        words.append(token.lemma_.lower())
        for child in token.children:
            # A name is no predicate: the "Court" of "two Supreme Court justices" does not detain them.
            if child.dep_ in ("amod", "compound", "acl", "relcl", "nmod") and child.pos_ != "PROPN":
                words.append(child.lemma_.lower())
                words.extend(c.lemma_.lower() for c in child.children if c.dep_ in ("prep", "agent", "advmod", "dobj"))
    node = group[-1] if anchor.dep_ in ("conj", "appos") else anchor
    for _ in range(6):
        if node.head.i == node.i:
            break
        via, node = node, node.head
        words.append(node.lemma_.lower())
        if node.pos_ in ("VERB", "AUX"):
            # "swapped two Western hostages for three of its commanders": the object of the verb is another party
            # to it than a figure reached through a preposition.
            words.extend(_clause_words(node, with_object=via.dep_ != "prep"))
            break
    return words


def _clause_words(verb: Token, with_object: bool = True) -> list[str]:
    words = []
    for child in verb.children:
        if child.dep_ == "dobj" and not with_object:
            continue
        if child.dep_ in ("xcomp", "acomp", "attr", "oprd", "ccomp", "conj", "dobj"):
            words.append(child.lemma_.lower())
            words.extend(c.lemma_.lower() for c in child.children if c.dep_ in ("xcomp", "acomp", "prep", "dobj"))
        elif child.dep_ in ("prep", "agent") and child.lower_ not in NEARBY_PREPOSITIONS:
            words.extend(c.lemma_.lower() for c in child.children if c.dep_ == "pobj")
        elif child.dep_ == "nsubj":
            # "the victims were two women", "the death toll rose to 45"
            words.append(child.lemma_.lower())
            words.extend(c.lemma_.lower() for c in child.children if c.dep_ in ("compound", "amod"))
    return words
