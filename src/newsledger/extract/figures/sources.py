"""Who reported a figure: the speaker of the quote it sits in, "according to X", "reported by X", or the subject of
the reporting verb that governs it; with the chain of sources ("an AFP tally based on official Israeli figures").
"""
from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan, Token

from ... import syntax
from ...layout import layout
from ...lexicon import load_phrases, load_table
from ...model import Quote, Span
from .numerals import UNITS

SOURCE_CUES = set(load_phrases("figure_source_cues.txt"))
RECORD_VERBS = {verb: set(nouns.split(",")) for verb, nouns in load_table("figure_record_verbs.tsv").items()}
CHAIN_LINKS = load_phrases("figure_source_chains.txt")
CLAUSE_ONLY_CUES = set(load_phrases("figure_clause_only_cues.txt"))
LEADERS = set(load_phrases("figure_source_leaders.txt"))
# What a record is ("a poll", "a census"): the nouns that "show" a figure.
RECORDS = RECORD_VERBS["show"]
TIME_MARKS = {"after", "before", "when", "while", "as", "since", "until", "once"}
# expletives, relative pronouns ("bombs that claimed") and the "All" of "All told, up to 5 million ..."
NOT_SOURCES = {"it", "there", "that", "which", "who", "all"}
# ... but "it" is a reporter where it is the subject of an active reporting verb: "It said profit fell 59 percent"
# points back to the company named before (the passive "it was reported" is no report of its)
REPORTING_IT = NOT_SOURCES - {"it"}
_DASHES = {"–", "—", "--"}


def source_of(head: Token, sentence: SpacySpan, text: str,
              quote: Quote | None) -> tuple[Span | None, list[str], str | None]:
    """The speaker of the quote the figure sits in (`quote`); else "according to X" or a reporting verb's subject.

    A participle's credit comes first: "the 27,708 reported by the ministry" is the ministry's even inside a quote.
    """
    reported_by = _reported_by(head)
    if reported_by is not None:
        quote_id = quote.id if quote is not None else None
        return Span.of(text, reported_by.start_char, reported_by.end_char), _chain(reported_by), quote_id
    if quote is not None and not _reported_in(quote, head):
        quote = None
    if quote is not None:
        according = _according_to(sentence)
        mention = quote.speaker_mention
        # "according to an AFP tally based on official Israeli figures": the whole chain, as the guide writes it
        if according is not None and mention is not None and _chain(according) \
                and according.start_char <= mention.start and mention.end <= according.end_char:
            return Span.of(text, according.start_char, according.end_char), _chain(according), quote.id
        # "Politico reveals: “Of its 76,981 registered voters, according to data from the Vigo County Voter
        # Registration Office, 30,290 are Democrats”": the quoted words credit the figures to a source of their own.
        if according is not None and any(part.start <= according.start_char and according.end_char <= part.end
                                         for part in quote.content):
            return Span.of(text, according.start_char, according.end_char), _chain(according), quote.id
        return _whole_speaker(mention, head.doc, text), [], quote.id
    phrase = _according_to(sentence) or _record_by(sentence, head) or _reporting_subject(head, sentence)
    if phrase is None:
        return None, [], None
    return Span.of(text, phrase.start_char, phrase.end_char), _chain(phrase), None


def _whole_speaker(mention: Span | None, doc, text: str) -> Span | None:
    """The quote's speaker as its whole noun phrase where the attribution cut it short: at a comma the parser took for
    an apposition's ("The British paper, packaging and publishing concern, said": a list of trades), or before the
    body that leads it ("A group of investors led by Giant Group Ltd. and its chairman, Burt Sugarman, said")."""
    speaker = doc.char_span(mention.start, mention.end, alignment_mode="expand") if mention is not None else None
    if speaker is None or speaker.root.pos_ != "NOUN":
        return mention
    beyond = [c for c in speaker.root.rights if c.i >= speaker.end and not c.is_punct]
    if not beyond or not all(_lengthens(c) for c in beyond):
        return mention
    phrase = _phrase(speaker.root)
    return Span.of(text, phrase.start_char, phrase.end_char) if phrase.end_char > mention.end else mention


def _lengthens(child: Token) -> bool:
    """An apposition without a determiner of its own (a list of trades, not "the maker of ..."), or "led by X"."""
    if child.dep_ == "appos":
        return not any(c.dep_ == "det" for c in child.children)
    return child.dep_ == "acl" and child.lower_ in LEADERS and any(c.dep_ == "agent" for c in child.children)


def _reported_by(head: Token) -> SpacySpan | None:
    """The agent of a reporting participle on the counted phrase ("the 27,708 reported by the health ministry"), or
    the subject of a reporting relative clause on it ("the $53 million figure McKinley cited")."""
    for noun in (head, head.head):
        for verb in noun.children:
            if verb.lemma_.lower() not in SOURCE_CUES:
                continue
            if verb.dep_ == "acl":
                agent = next((c for c in verb.children if c.dep_ == "agent"), None)
                source = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            elif verb.dep_ == "relcl":
                source = next((c for c in verb.children if c.dep_ == "nsubj" and c.lower_ not in NOT_SOURCES
                               and c.pos_ in ("PROPN", "NOUN")), None)
            else:
                source = None
            if source is not None:
                return _phrase(source)
    return None


def _according_to(sentence: SpacySpan) -> SpacySpan | None:
    for token in sentence:
        if token.lower_ == "according":
            to = next((c for c in token.children if c.lower_ == "to"), None)
            source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if source is not None:
                return _phrase(source)
    return None


def _record_by(sentence: SpacySpan, head: Token) -> SpacySpan | None:
    """ "Third in a recent poll by the Institute of Social and Market Research (IBRiS) came the Democratic Left
    Alliance on 12.1 percent": a record made by someone, in which the sentence's figures stand, is their source; so
    is a named one the sentence opens with ("In an NBC News/Wall Street Journal poll released Monday, 50 percent of
    respondents chose Clinton"), or one on the clause of the figure ("The former Florida governor took just 6
    percent of the national vote in a Washington Post-ABC News poll released Sunday")."""
    for token in sentence:
        if token.dep_ == "pobj" and token.head.lower_ in ("in", "from") and token.lemma_.lower() in RECORDS \
                and (_made_by(token) or (_named_record(token) and (
                    _opens_sentence(token.head, sentence) or _clause_of(token.head) == _clause_of(head)))):
            return _phrase(token)
    return None


def _clause_of(token: Token) -> Token:
    """The verb whose clause a word is in (the root where none is above it)."""
    return next((t for t in (token, *token.ancestors) if t.pos_ in ("VERB", "AUX")), token.sent.root)


def _made_by(record: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "by" and any(g.dep_ == "pobj" for g in c.children)
               for c in record.children)


def _opens_sentence(token: Token, sentence: SpacySpan) -> bool:
    """The first word of a sentence, also where the parser ran it on from an abbreviation or over a paragraph break
    ("... or Sen. Marco Rubio, R-Fla.\n\nIn an NBC News/Wall Street Journal poll released Monday, 50 percent")."""
    if token.i == sentence.start:
        return True
    before = token.doc[token.i - 1]
    return token.is_title and ("\n" in before.text or before.text.endswith("."))


def _named_record(record: Token) -> bool:
    """A record whose maker's name is written onto it: "an NBC News/Wall Street Journal poll", "a Gallup survey"."""
    return any(c.dep_ in ("compound", "nmod", "poss") and c.pos_ == "PROPN" for c in record.lefts)


def _reporting_subject(head: Token, sentence: SpacySpan) -> SpacySpan | None:
    """The subject of the reporting verb that governs the figure, or of the nearest one in its sentence."""
    cues = [t for t in sentence
            if t.lemma_.lower() in SOURCE_CUES and t.pos_ in ("VERB", "AUX") and not syntax.is_passive(t)]
    ancestors = set(head.ancestors)
    for cue in cues:
        # A trailing "..., an AFP tally shows." is often parsed as a clause joined to the one holding the figure.
        trailing = cue.dep_ in ("conj", "parataxis") and cue.head in ancestors and cue.i > head.i
        if cue not in ancestors and not trailing:
            continue
        if _addressed(cue, head) or _outside_report(cue, head):
            continue
        subject = syntax.shared_subject(cue)
        if subject is None or subject.lower_ in REPORTING_IT or _a_count(subject) \
                or (trailing and subject.i < head.i) or not _records(cue, subject):
            continue
        phrase = _phrase(subject)
        # "said the young father of two": a figure inside the speaker's own description is not reported by him.
        if not (phrase.start <= head.i < phrase.end):
            return phrase
    return None


def _a_count(token: Token) -> bool:
    """ "47 percent said ...", "2.1 percent declared support": a share of those polled is a count, not a reporter."""
    return token.like_num or token.lower_ in UNITS or token.text == "%"


def _records(cue: Token, subject: Token) -> bool:
    """Whether the subject can report through this verb: only a record "shows" a figure (figure_record_verbs.tsv)."""
    nouns = RECORD_VERBS.get(cue.lemma_.lower())
    # the word as written too: the tagger lemmatises "Data show" to "Data" or "datum"
    return nouns is None or subject.lemma_.lower() in nouns or subject.lower_ in nouns


def _addressed(cue: Token, head: Token) -> bool:
    """ "Trump tells 3,000 in Reno the NFL has gone soft", "he told the 195 cadets, who had ...": the figure counts
    whom the speaker addressed (the object of "tell" is whom it was told)."""
    branch = next((t for t in (head, *head.ancestors) if t.head.i == cue.i and t.i != cue.i), None)
    if branch is None:
        return False
    return branch.dep_ == "dative" or (branch.dep_ == "dobj" and (cue.lemma_.lower() == "tell" or any(
        c.dep_ == "ccomp" for c in cue.children)))


def _outside_report(cue: Token, head: Token) -> bool:
    """Whether the figure sits in what the outlet adds around a report rather than in the report itself:
    - a relative clause on the way up ("Trump called the assault that killed five Dallas police officers ...",
      "Emanuel said he meets families in a city that has recorded more than 400 homicides", "In Kosovo, where ...
      NATO-led troops, including 4,000 U.S. soldiers, Albright insisted");
    - a clause of time on a reporting verb whose report is a clause of its own ("'As we mourn the victims ...,'
      Romney tweeted the day after a man gunned down 49 people");
    - a clause with its own subject joined to the reported one ("three were stabbed ..., he said, and these methods
      seem to indicate that the eight cases are not related");
    - the object of a verb that reports only through a clause ("the bombings claimed at least 217 lives").
    A parenthetical cue (", he said,") reports the clause it hangs from.
    """
    path = [head, *head.ancestors]
    top = cue if cue in path else cue.head if cue.dep_ in ("parataxis", "conj") and cue.head in path else None
    if top is None:
        return False
    below = path[:path.index(top)]
    if any(t.dep_ == "relcl" and not _subset_clause(t) for t in below):
        return True
    branch = below[-1] if below else None
    if branch is None:
        return False
    if branch.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in branch.children):
        return True
    if top is not cue:
        return False
    # ... but "the authority reported its third case after two other cases were revealed last week" is the report.
    reports_a_clause = any(c.dep_ == "ccomp" for c in cue.children)
    if branch.dep_ == "advcl" and reports_a_clause \
            and any(c.dep_ == "mark" and c.lower_ in TIME_MARKS for c in branch.children):
        return True
    return branch.dep_ == "dobj" and cue.lemma_.lower() in CLAUSE_ONLY_CUES


def _subset_clause(clause: Token) -> bool:
    """ "Israel says 132 remain in Gaza, of whom 29 are believed to have died": a subset goes on with the report."""
    return any(t.lower_ in ("whom", "which") and t.head.lower_ == "of" for t in clause.subtree)


def _reported_in(quote: Quote, head: Token) -> bool:
    """Whether a quote's speaker reports the figure: always inside a direct quote; in an indirect one only where its
    reporting verb governs the figure (`_outside_report`) and its speaker can report through it ("All told, up to 5
    million"; not the object of a preposition; only a record "shows")."""
    if quote.kind == "direct" or quote.cue is None:
        return True
    mention = quote.speaker_mention
    if mention is not None and mention.text.lower() in NOT_SOURCES:
        return False
    speaker = head.doc.char_span(mention.start, mention.end, alignment_mode="expand") if mention else None
    # "Taylor Swift posted on Twitter accusing ...": the object of "on" is where she posted, not who reports.
    if speaker is not None and speaker.root.dep_ == "pobj" and speaker.root.head.lower_ not in ("to", "by"):
        return False
    if speaker is not None and _a_count(speaker.root):
        return False
    cue = head.doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand")
    if cue is None:
        return True
    # "as the government showed no willingness to back down and following the slaying of seven more demonstrators":
    # only a record shows a figure, as for a reporting verb's subject.
    return (speaker is None or _records(cue.root, speaker.root)) and not _outside_report(cue.root, head) \
        and not _undertaken(cue.root, head) and not _addressed(cue.root, head)


def _undertaken(cue: Token, head: Token) -> bool:
    """Whether the figure is what a cue that is no reporting verb does rather than reports: what it commits its
    subject to ("Coincheck ... has agreed to be acquired by Monex Group for 3.6 billion yen", "Modi's election pledge
    to create around 20 million jobs") or its object ("The government also offered a reward of one million pesetas",
    "The minister spoke today on the status of two diseases"). Only what such a cue reports as a clause is the
    speaker's ("accusing the label of blocking her first six albums")."""
    path = [head, *head.ancestors]
    if cue.lemma_.lower() in SOURCE_CUES or cue not in path or path.index(cue) == 0:
        return False
    at = path.index(cue)
    below = path[at - 1]
    if below.dep_ in ("xcomp", "acl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in below.children):
        return True
    if below.dep_ == "prep":
        return at >= 2 and path[at - 2].dep_ == "pobj"
    # "Sanders named five people to the committee, while Clinton named six": the parser may take the object for an
    # object predicate ("oprd").
    return below.dep_ in ("dobj", "npadvmod", "dative", "oprd")


def _phrase(token: Token) -> SpacySpan:
    """The token's whole noun phrase, without trailing punctuation or a relative clause."""
    doc = token.doc
    left = token.left_edge.i
    right = syntax.phrase_end(token, _relative_clause)
    # "MACAU (Reuters) – Top Republican donor Sheldon Adelson": a dateline before a dash is not the source.
    dash = max((t.i for t in doc[left:token.i] if _is_dash(t)), default=None)
    if dash is not None:
        left = dash + 1
    while left < right and (doc[left].is_punct or doc[left].is_space):
        left += 1
    return doc[left:right + 1]


def _relative_clause(child: Token) -> bool:
    """ "the ministry, which said": a finite clause ends the phrase ("figures compiled by ..." does not)."""
    return child.dep_ in ("relcl", "acl") and child.pos_ == "VERB" and child.tag_ != "VBN"


def _is_dash(token: Token) -> bool:
    """A dash between words, not the hyphen of "anti-war"."""
    spaced = token.i > 0 and bool(token.whitespace_) and bool(token.doc[token.i - 1].whitespace_)
    return token.text in _DASHES or (token.text == "-" and spaced)


def _chain(phrase: SpacySpan) -> list[str]:
    """ "an AFP tally based on official Israeli figures" -> ["AFP", "official Israeli figures"]."""
    lowered = phrase.text.lower()
    for link in CHAIN_LINKS:
        at = re.search(rf"\b{re.escape(link)}\b", lowered)
        if at is None:
            continue
        first = phrase.doc.char_span(phrase.start_char, phrase.start_char + at.start(), alignment_mode="contract")
        rest = phrase.text[at.end():].strip()
        named = [e.text for e in layout(phrase.doc).entities_in(first)] if first is not None else []
        head = named[0] if named else re.sub(r"^(?:the|an?)\s+", "", phrase.text[:at.start()].strip(), flags=re.I)
        return [head, re.sub(r"^(?:the|an?)\s+", "", rest, flags=re.I)]
    return []
