"""Attributions: who said what, from the dependency parse and the quotation marks.

The evidence, each one pass over the document:
- reporting verbs (cues_verbs.tsv) with a subject (the speaker) and a complement (what was said, written,
  thought or intended), stance adjectives after a copula (cues_adjectives.tsv: "Republicans are wary of
  the deal"), and reporting nouns (cues_nouns.tsv: "Trump's claim that ...") with their source;
- crediting phrases (cues_sources.tsv) such as "according to X" or "citing X";
- the layout of transcripts and vox pops: "PENCE: ..." turns, "Sanders: ..." headlines, quotes signed
  "― Name", and a cue closing its paragraph with a colon ("The governor added:") before the words;
- quotation-mark regions, which become direct quotes of the cue beside them, the quoted fragment of a
  reported clause (mixed), or the continuation of the previous paragraph's quote.
Unbalanced marks close at the end of their paragraph, so one stray mark never silences an article. A reported
clause with no source, or whose source is the writer ("we") or anyone ("you"), is no attribution.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..model import Quote, Span, Voice
from ..layout import layout
from ..lexicon import load_phrases, load_table

CUE_FRAMES = {lemma: set(frames.split()) for lemma, frames in load_table("cues_verbs.tsv").items()}
NARRATOR_WORDS = set(load_phrases("speaker_narrator.txt"))
LEMMA_FIXES = load_table("cues_lemma_fixes.tsv")
ADJECTIVE_FRAMES = {lemma: set(frames.split()) for lemma, frames in load_table("cues_adjectives.tsv").items()}
NOUN_FRAMES = {lemma: set(frames.split()) for lemma, frames in load_table("cues_nouns.tsv").items()}
SOURCE_CUES = load_table("cues_sources.tsv")
NOT_SPEAKERS = set(load_phrases("cues_not_speakers.tsv"))
_SOURCE_CUE_FIRST = {phrase.split()[0]: phrase.split() for phrase in SOURCE_CUES}

# Two apostrophes stand for a double mark in some newsroom systems ("''It is disqualifying,'' he said").
_OPENERS = {"“": "”", '"': '"', "''": "''", "‘": "’", "«": "»"}
_SYMMETRIC = {'"', "''"}
_MIXED_PAIRS = {("“", '"')}
_MARKS = re.compile(r"''|[“”\"‘’«»]")
# A single mark only opens or closes a quote at a word boundary; inside a word it is an apostrophe.
_SINGLE_OPEN = re.compile(r"(?:^|(?<=[\s(\[—–-]))‘(?=\w)")
_SINGLE_CLOSE = re.compile(r"(?<=[\w.,!?…])’(?=$|[\s.,;:!?)\]—–-])")
# Words that may sit between a quote and its cue: '"...," Hamas official Osama Hamdan said'.
_MAX_GAP_TOKENS = 12
# "PENCE: Well, look ...", "Sanders: Clinton needs to ...": up to four capitalised words, a colon, then the words.
# A newsletter item credits its quote after a dash: 'POLLS MISSED LATE DECIDERS - Jane Smith: “...”'.
_TURN = re.compile(r"(?m)(?:^[ \t]*[\"“”']?[ \t]*|(?P<dash>(?<=\S)[ \t]+(?:[-—–]|--)[ \t]+))"
                   r"(?P<label>(?:[A-Z][\w.’'-]*[ \t]+){0,3}[A-Z][\w.’'-]*)[ \t]*(?P<colon>:)[ \t]+(?=\S)")
# '"We deserve better." ― Maria Lopez': a quote signed with a dash and a name that ends its line.
_DASH_CREDIT = re.compile(r"[\"”’.,]*[ \t\xa0]*(?P<dash>[―—–]|--)[ \t\xa0]*"
                          r"(?P<name>[A-Z][^\n]{1,60}?)[ \t\xa0.]*(?=\n|$)")
_TRAILING = " \t\xa0\"“”"
_SPEAKER_CUT_DEPS = {"relcl", "acl", "advcl", "appos", "parataxis", "punct", "cc", "conj"}
_SUBJECT_DEPS = {"nsubj", "csubj"}
# '"...," said Leslie Wimes': how far after its cue an inverted subject may end.
_INVERTED_SUBJECT_REACH = 4
_COMPLEMENT_DEPS = {"ccomp", "xcomp", "dobj"}
# Marks that set off a parenthetical cue: '"...," he said, "..."', 'The economy — she said — is strong'.
_ASIDE_MARKS = {",", "—", "–", "--", "(", '"', "”", "’", "''"}


@dataclass
class _Region:
    """The text between a pair of quotation marks (or from an unmatched opener to the end of its paragraph)."""

    start: int
    end: int
    opens_paragraph: bool
    used: bool = False


@dataclass
class _Attribution:
    cue: Token
    cue_end: int
    kind: str
    content: list[tuple[int, int]]
    speaker: tuple[int, int] | None
    paragraph: int = 0
    regions: list[_Region] = field(default_factory=list)


def extract_quotes(doc: Doc) -> list[Quote]:
    text = layout(doc).text
    if not text.strip():
        return []
    paragraphs = _paragraph_starts(text)
    regions = _quote_regions(text)
    found = [a for tok in doc
             for a in [_verb_attribution(tok) or _noun_attribution(tok) or _source_attribution(tok)] if a]
    found += _turns(doc, text, regions) + _dash_credits(doc, text, regions)
    for attribution in found:
        attribution.paragraph = bisect.bisect_right(paragraphs, attribution.cue.idx) - 1
    _attach_regions(doc, text, found, regions)
    found = [a for a in found if not _narrator_speaks(text, a, regions)]
    _continue_quotes(text, found, regions, paragraphs)
    return _number(text, _outermost([a for a in found if a.content], regions))


def sentence_voice(doc: Doc, quotes: list[Quote]) -> list[Voice]:
    """Each body sentence as the outlet's own voice or a reported one (the quote covering most of it).

    A quote covers its content, cue and speaker: '"We will not stop," Hamdan said.' is a reported sentence.
    """
    page = layout(doc)
    text = page.text
    segments = sorted((s.start, s.end, q.id) for q in quotes
                      for s in [*q.content, q.cue, q.speaker_mention] if s is not None)
    starts = [s[0] for s in segments]
    voices = []
    for sent in page.sentences:
        sentence = Span.trimmed(text, sent.start_char, sent.end_char)
        start, end = sentence.start, sentence.end
        letters = sum(c.isalnum() for c in text[start:end])
        if not letters:
            continue
        covered: dict[str, int] = {}
        # Segments are sorted by start; only those starting before the sentence ends can overlap it.
        for seg_start, seg_end, quote_id in segments[:bisect.bisect_left(starts, end)]:
            lo, hi = max(start, seg_start), min(end, seg_end)
            if lo < hi:
                covered[quote_id] = covered.get(quote_id, 0) + sum(c.isalnum() for c in text[lo:hi])
        best = max(covered, key=covered.get, default=None)
        if best is not None and covered[best] * 2 > letters:
            voices.append(Voice(sentence, "quoted", best))
        else:
            voices.append(Voice(sentence, "narrator", None))
    return voices


def _paragraph_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"\n+", text)]


def _quote_regions(text: str) -> list[_Region]:
    regions: list[_Region] = []
    for line in re.finditer(r"[^\n]+", text):
        regions += _line_regions(text, line.start(), line.end())
    return regions


def _line_regions(text: str, start: int, end: int) -> list[_Region]:
    line = text[start:end]
    first_visible = len(line) - len(line.lstrip())
    regions = []
    opener: tuple[str, int] | None = None
    for mark in _MARKS.finditer(line):
        char, at = mark.group(), mark.start()
        if char in "‘’" and not (_SINGLE_OPEN.match(line, at) if char == "‘" else _SINGLE_CLOSE.match(line, at)):
            continue
        if opener is None:
            if char in _OPENERS and (char != "‘" or _SINGLE_OPEN.match(line, at)):
                opener = (char, at)
            elif char == "”" and at == first_visible:
                opener = ("“", at)  # a closing mark typed at the start of a quote ('”Fear. I am afraid.”')
            continue
        open_char, open_at = opener
        # A straight mark also closes a curly opener ('“Deals should not be a requirement," he said').
        if char == _OPENERS[open_char] or (open_char, char) in _MIXED_PAIRS:
            regions.append(_region(text, start + open_at + len(open_char), start + at, open_at == first_visible))
            opener = None
        elif char == open_char and char not in _SYMMETRIC:
            # A second opener before any closer: the first was never closed; start again here.
            opener = (char, at)
    if opener is not None:
        regions.append(_region(text, start + opener[1] + len(opener[0]), end, opener[1] == first_visible))
    return [r for r in regions if r.end > r.start and any(c.isalpha() for c in text[r.start:r.end])]


def _region(text: str, start: int, end: int, opens_paragraph: bool) -> _Region:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return _Region(start, end, opens_paragraph)


def _verb_attribution(tok: Token) -> _Attribution | None:
    frames = _cue_frames(tok)
    if frames is None:
        return None
    block = _block_after(tok) if "clause" in frames else None
    content = [block] if block else _complement(tok, frames)
    if content is None or (not content and tok.pos_ == "ADJ"):
        return None
    if content and not block:
        # A complement parsed across a paragraph break belongs to the cue's own paragraph only.
        first, last = _paragraph_bounds(tok)
        content = [(start, end) for start, end in content if first <= start < last]
        if not content and "clause" not in frames:
            return None  # a clause cue keeps its chance of a quote beside it
    speaker = _subject(tok)
    aside = _inverted_aside(tok) if "clause" in frames else None
    if aside is not None:
        speaker, content = aside
    if speaker is not None and not _same_paragraph(speaker, tok):
        speaker = _paragraph_subject(tok)  # spaCy ran the sentence over a paragraph break
    elif speaker is None and tok.i > 0 and tok.doc[tok.i - 1].pos_ == "PROPN" and tok.dep_ == "ROOT":
        speaker = tok.doc[tok.i - 1]  # "the editorial board of the Post Trump said ...": a name spaCy misplaced
    if "unsourced" in frames and content:
        # "Republicans seem confident": an impression the outlet reports, about its subject, not a claim by it.
        if speaker is not None:
            content = sorted(_segments(list(speaker.subtree)) + content)
        speaker = None
    elif speaker is None and content and not ("agentless" in frames and _passive(tok)):
        # Nobody makes the claim ("plans to cut taxes were dropped"): no attribution, unless a quote beside the
        # cue shows someone speaking.
        return None
    cue_end = _cue_end(tok)
    return _Attribution(tok, cue_end, "indirect", content, _mention_range(speaker) if speaker is not None else None)


def _cue_frames(tok: Token) -> set[str] | None:
    """A reporting verb's frames, or those of a stance adjective after a copula ("is wary of ...")."""
    if tok.pos_ == "VERB":
        return CUE_FRAMES.get(_lemma(tok))
    if tok.pos_ == "ADJ" and tok.dep_ == "acomp":
        return ADJECTIVE_FRAMES.get(tok.lower_)
    return None


def _inverted_aside(tok: Token) -> tuple[Token, list[tuple[int, int]]] | None:
    """ "The plan, said Doyle and others, would fail": spaCy makes "The plan" the cue's subject and the speaker
    the subject of the clause after it. The speaker is the name set off right after the cue; what was said is
    the clause around the aside."""
    doc = tok.doc
    if tok.i == 0 or doc[tok.i - 1].text != "," or tok.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    fronted = next((c for c in tok.children if c.dep_ in _SUBJECT_DEPS and c.i < tok.i), None)
    if fronted is None:
        return None
    for clause in tok.children:
        if clause.dep_ != "ccomp" or clause.i < tok.i:
            continue
        named = next((c for c in clause.children if c.dep_ in _SUBJECT_DEPS and c.left_edge.i == tok.i + 1), None)
        # "..., said their stump speeches, ...": a possessive marks the clause's own subject, not a source.
        if named is None or named.pos_ not in ("PROPN", "NOUN") or any(c.dep_ == "poss" for c in named.children):
            continue
        closing = named.right_edge
        if closing.text != ",":
            closing = doc[closing.i + 1] if closing.i + 1 < len(doc) else closing
        if closing.text == ",":
            inside = range(named.left_edge.i, closing.i + 1)
            return named, _segments(list(fronted.subtree) + [t for t in clause.subtree if t.i not in inside])
    return None


def _noun_attribution(tok: Token) -> _Attribution | None:
    """ "Trump's claim that ...", "a statement from the campaign that ...", "issued a warning that ..."."""
    frames = NOUN_FRAMES.get(_lemma(tok))
    if frames is None or tok.pos_ != "NOUN":
        return None
    content = _noun_complement(tok, frames)
    speaker = _noun_source(tok) if content else None
    if speaker is None or not _same_paragraph(speaker, tok):
        return None
    return _Attribution(tok, tok.idx + len(tok.text), "indirect", content, _mention_range(speaker))


def _noun_complement(tok: Token, frames: set[str]) -> list[tuple[int, int]] | None:
    for child in tok.children:
        if child.dep_ not in ("acl", "ccomp") or child.i < tok.i:
            continue
        marks = {c.lower_ for c in child.children if c.dep_ in ("mark", "aux")}
        if ("clause" in frames and "that" in marks) or ("infinitive" in frames and "to" in marks):
            return _segments(list(child.subtree))
    return _prepositional_complement(tok, frames)


def _noun_source(tok: Token) -> Token | None:
    """Whose claim: the possessor, a "from"/"by" phrase, or the subject of the verb that makes it."""
    for child in tok.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in ("from", "by"):
            source = next((c for c in child.children if c.dep_ == "pobj"), None)
            if source is not None:
                return source
    if tok.dep_ == "dobj" and tok.head.pos_ == "VERB":
        return _subject(tok.head)
    return None


def _lemma(tok: Token) -> str:
    return LEMMA_FIXES.get(tok.lower_, tok.lemma_.lower())


def _cue_end(tok: Token) -> int:
    """The cue's end character: phrasal particles belong to it ("pointed out")."""
    end = tok.idx + len(tok.text)
    for child in tok.rights:
        if child.dep_ == "prt":
            end = max(end, child.idx + len(child.text))
    return end


def _complement(tok: Token, frames: set[str]) -> list[tuple[int, int]] | None:
    """What was said as character segments; [] when only a quote beside the cue can supply it."""
    children = list(tok.children)
    if "clause" in frames:
        main = _main_after_aside(tok)
        clauses = [c for c in children if _same_paragraph(c, tok) and c != main
                   and (c.dep_ == "ccomp" or (c.dep_ == "parataxis" and c.i > tok.i) or _that_clause(c))]
        if clauses:
            # '"...," Blinken said, "and ..."': the clauses on both sides of the cue are what was said.
            return _segments(sorted((t for c in clauses for t in c.subtree), key=lambda t: t.i))
        aside = _parenthetical(tok, frames)
        if aside or _as_clause(tok, frames):
            # "The economy, he said, is strong", "As Reuters reported, the talks failed": the clause the
            # cue interrupts or introduces is what was said.
            inside = range((_aside_start(tok) if aside else tok.left_edge).i, tok.right_edge.i + 1)
            return _segments([t for t in tok.head.subtree if t.i not in inside])
    if "infinitive" in frames:
        for child in children:
            # "urged them to leave", and the gerund of a proposal: "proposed dropping the tax".
            if child.dep_ == "xcomp" and (child.tag_ == "VBG" or any(c.dep_ == "aux" and c.lower_ == "to"
                                                                    for c in child.children)):
                objects = [c for c in children if c.dep_ in ("dobj", "dative") and c.i < child.i]
                return _segments(list(tok.doc[(objects[0] if objects else child).left_edge.i:child.right_edge.i + 1]))
    if "predicate" in frames:
        # "Republicans seem confident they have the votes": the state the source is in.
        for child in children:
            if child.dep_ in ("acomp", "attr", "oprd"):
                return _segments(list(child.subtree))
    if "construal" in frames:
        # "sees the bill as a threat", "cast himself as a progressive": the object with what it is taken for.
        objects = [c for c in children if c.dep_ == "dobj"]
        as_phrases = [c for c in children if c.dep_ == "prep" and c.lower_ == "as" and objects and c.i > objects[0].i]
        if as_phrases:
            return _segments(list(objects[0].subtree) + list(as_phrases[0].subtree))
    if "object" in frames and tok.dep_ == "acl" and tok.tag_ == "VBN" and _agent(tok) is not None:
        # "a plan proposed by the senator": the noun phrase the participle hangs from.
        inside = range(tok.left_edge.i, tok.right_edge.i + 1)
        return _segments([t for t in tok.head.subtree if t.i not in inside])
    if "object" in frames:
        for child in children:
            if child.dep_ == "dobj" or (child.dep_ == "nsubjpass" and _agent(tok) is not None) or _free_relative(child):
                # "called him a master", "deemed the plan unworkable": the object with what it is called.
                # "accused Republicans of placing the NRA first": the object with what it is accused of.
                named = set(_prepositions(frames))
                predicates = [t for c in children
                              if c.i > child.i and (c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ in named))
                              for t in c.subtree]
                return _segments(list(child.subtree) + predicates)
    if "occasion" in frames and any(_reports_for(child) for child in children):
        # "responded to the criticism, saying ...": what was said is in the participle, not the occasion.
        return None
    prepositional = _prepositional_complement(tok, frames)
    if prepositional is not None:
        return prepositional
    # Whom a message is addressed to is no complement: '"...," she told MSNBC', 'He tells the crowd: "..."'.
    spoken_to = ("dobj",) if "addressee" in frames else ()
    if "clause" in frames and not any(c.dep_ in ("dobj", "xcomp") and c.dep_ not in spoken_to for c in children):
        return []
    if "clause" in frames and _introduces_quote(tok):
        return []
    return None


def _reports_for(child: Token) -> bool:
    """A participle that reports what its head's subject said ("..., saying the group had shown flexibility")."""
    return (child.dep_ in ("advcl", "xcomp") and child.tag_ == "VBG"
            and "clause" in CUE_FRAMES.get(_lemma(child), ()) and any(c.dep_ == "ccomp" for c in child.children))


def _free_relative(child: Token) -> bool:
    """ "condemned what he called a brazen breach": a what-clause that spaCy hangs on as a clause is an object."""
    return child.dep_ == "ccomp" and child.left_edge.lower_ in ("what", "whatever") and child.i > child.head.i


def _that_clause(child: Token) -> bool:
    """ "tweeted in the early hours that the deal was dead": spaCy may hang the clause on as an adverbial."""
    return child.dep_ == "advcl" and child.left_edge.lower_ == "that" and child.left_edge.i > child.head.i


def _as_clause(tok: Token, frames: set[str]) -> bool:
    """ "As Reuters reported, the talks failed": a cue in an as-clause with no complement of its own."""
    if tok.dep_ != "advcl" or tok.head.i == tok.i or _has_complement(tok, frames):
        return False
    return any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children)


def _parenthetical(tok: Token, frames: set[str]) -> bool:
    """A cue set into the clause it reports ("The economy, he said, is strong"), not one that reports its own
    complement ("She said leaders had agreed to a plan": "agreed" is not an aside about "She said")."""
    if tok.dep_ not in ("parataxis", "ccomp") or tok.head.i == tok.i or tok.i <= tok.head.left_edge.i:
        return False
    if _has_complement(tok, frames):
        return False
    first = _aside_start(tok)
    return first.i > 0 and tok.doc[first.i - 1].text in _ASIDE_MARKS


def _aside_start(tok: Token) -> Token:
    """Where a parenthetical cue's aside begins: its subject ("he said"), or the cue itself when the subject
    follows it ("The real problem, said Doyle, is ...": spaCy may also make "The real problem" a subject)."""
    if any(c.dep_ in _SUBJECT_DEPS and tok.i < c.i <= tok.i + _INVERTED_SUBJECT_REACH for c in tok.children):
        return tok
    subject = next((c for c in tok.children if c.dep_ in _SUBJECT_DEPS and c.i < tok.i), tok)
    return subject.left_edge


def _has_complement(tok: Token, frames: set[str]) -> bool:
    """Whether the cue reports something of its own; whom it was told to is no complement ("as she told AP")."""
    spoken_to = "dobj" if "addressee" in frames else None
    return any(c.dep_ in _COMPLEMENT_DEPS and c.dep_ != spoken_to for c in tok.children)


def _introduces_quote(tok: Token) -> bool:
    """'Trump said: "..."': spaCy hangs the quote on the cue as an object; the quote region supplies it."""
    after = tok.doc[tok.i + 1:tok.i + 3]
    return bool(len(after)) and after[0].text in (":", ",") and any(_MARKS.fullmatch(t.text) for t in after)


def _block_after(tok: Token) -> tuple[int, int] | None:
    """ "The governor added:" closing its paragraph introduces the next paragraph as what was said."""
    after = tok.doc[tok.i + 1:tok.i + 3]
    if len(after) < 2 or after[0].text != ":" or not _paragraph_break(after[1]):
        return None
    text = layout(tok.doc).text
    start = after[1].idx + len(after[1].text)
    end = text.find("\n", start) % (len(text) + 1)
    start, end = _trimmed(text, start, end)
    while start < end and text[start] in _TRAILING:
        start += 1
    return (start, end) if end > start else None


def _segments(tokens: list[Token]) -> list[tuple[int, int]]:
    """Contiguous runs of the given tokens as character ranges, without punctuation at their edges."""
    runs: list[list[Token]] = []
    for t in tokens:
        if _paragraph_break(t):
            runs.append([])
        elif runs and runs[-1] and t.i == runs[-1][-1].i + 1:
            runs[-1].append(t)
        else:
            runs.append([t])
    segments = []
    for run in runs:
        words = [i for i, t in enumerate(run) if not (t.is_punct or t.is_space)]
        if words:
            first, last = run[words[0]], run[words[-1]]
            segments.append((first.idx, last.idx + len(last.text)))
    return segments


def _prepositional_complement(tok: Token, frames: set[str]) -> list[tuple[int, int]] | None:
    """The object of a listed preposition: "complained about the delays", "criticism of the plan"."""
    for preposition in _prepositions(frames):
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == preposition:
                # "spoke on Tuesday": a date is when, not what about.
                objects = [c for c in child.children
                           if c.dep_ in ("pobj", "pcomp") and c.ent_type_ not in ("DATE", "TIME")]
                if objects:
                    return _segments(list(objects[0].subtree))
            if child.dep_ == "advcl" and child.left_edge.lower_ == preposition and child.left_edge.i > tok.i:
                # "is calling for the United States to step up": spaCy reads "for ... to" as a clause.
                return _segments(list(child.subtree)[1:])
    return None


def _prepositions(frames: set[str]) -> list[str]:
    return [word for frame in frames if frame.startswith("prep:") for word in frame[5:].split(",")]


def _agent(tok: Token) -> Token | None:
    """The speaker of a passive cue: "endorsed by the Times"."""
    for child in tok.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _subject(tok: Token) -> Token | None:
    """Who performs the cue: its subject, the agent of a passive, or that of the verb it hangs from."""
    for _ in range(6):
        if _main_after_aside(tok) is not None:
            return None  # "Clinton, asked what she would do, said ...": asked by someone unnamed
        subjects = [c for c in tok.children if c.dep_ in _SUBJECT_DEPS]
        if subjects:
            # '"Full panic mode," said Leslie Wimes': spaCy may also take a quoted word for a subject.
            # A relative pronoun stays the mention ("officials who said"); resolution finds its antecedent.
            subject = next((c for c in subjects if tok.i < c.i <= tok.i + _INVERTED_SUBJECT_REACH), subjects[-1])
            # "a plan that promises ...": a relative "that" stands for a thing, rarely for a source.
            return None if tok.dep_ == "relcl" and subject.lower_ == "that" else subject
        if _passive(tok):
            return _agent(tok)
        if tok.dep_ == "ccomp" and _main_after_aside(tok.head) == tok:
            return next(c for c in tok.head.children if c.dep_ in _SUBJECT_DEPS)
        if tok.dep_ == "compound" and tok.head.pos_ == "PROPN" and tok.i == layout(tok.doc).sentence(tok).start:
            return tok.head  # 'Said Ellis: "..."', which spaCy reads as a name
        if tok.dep_ == "relcl" or (tok.dep_ == "acl" and tok.tag_ == "VBG"):
            return tok.head  # "a statement saying ...", "Trump, insisting that ..."
        if tok.dep_ == "pcomp" and tok.head.head.i != tok.head.i:
            tok = tok.head.head  # "responded by saying ...": whoever responded
            continue
        if tok.dep_ in ("conj", "xcomp", "advcl", "acomp") and tok.head.i != tok.i:
            tok = tok.head
            continue
        return None
    return None


def _passive(tok: Token) -> bool:
    """A passive cue, finite or a participle ("Asked about the plan, Trump said ...": the asker is not Trump)."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children) or _main_after_aside(tok) is not None:
        return True
    return tok.tag_ == "VBN" and tok.dep_ in ("acl", "advcl") and not any(c.dep_ == "aux" for c in tok.children)


def _main_after_aside(tok: Token) -> Token | None:
    """ "Mrs. Clinton, asked what she would do, said she would review ...": spaCy reads the participle set off
    by commas as the main verb and the real one as its clause. The real main verb, when this is that misparse."""
    doc = tok.doc
    if tok.tag_ not in ("VBD", "VBN") or tok.i == 0 or doc[tok.i - 1].text != ",":
        return None
    if not any(c.dep_ in _SUBJECT_DEPS and c.i < tok.i for c in tok.children):
        return None
    for clause in tok.children:
        if (clause.dep_ == "ccomp" and clause.i > tok.i and doc[clause.i - 1].text == ","
                and clause.tag_ in ("VBD", "VBZ", "VBP") and _lemma(clause) in CUE_FRAMES
                and not any(c.dep_ in _SUBJECT_DEPS for c in clause.children)):
            return clause
    return None


def _mention_range(head: Token) -> tuple[int, int]:
    """The noun phrase naming the speaker: the head with its modifiers, without clauses hung on it."""
    left = head.left_edge.i
    right = head.i
    for child in head.rights:
        if child.dep_ in _SPEAKER_CUT_DEPS:
            break
        right = child.right_edge.i
    doc = head.doc
    while right > head.i and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    # spaCy can run a sentence over a paragraph break ("5:45 p.m.\n\nTrump says"); the name is after it.
    for i in range(head.i - 1, left - 1, -1):
        if _paragraph_break(doc[i]):
            left = i + 1
            break
    return doc[left].idx, doc[right].idx + len(doc[right].text)


def _paragraph_subject(tok: Token) -> Token | None:
    """The noun phrase that opens the cue's paragraph right before it ("12:15 p.m.\n\nDonald Trump says ...")."""
    before = []
    for t in reversed(tok.doc[max(0, tok.i - 8):tok.i]):
        if _paragraph_break(t):
            break
        before.append(t)
    else:
        return None
    nouns = [t for t in before if t.pos_ in ("PROPN", "NOUN", "PRON")]
    if not nouns or any(t.pos_ == "VERB" or (t.pos_ == "AUX" and t.head != tok) or t.is_punct for t in before):
        return None
    return nouns[0]


def _same_paragraph(a: Token, b: Token) -> bool:
    low, high = sorted((a.i, b.i))
    return not any(_paragraph_break(t) for t in a.doc[low:high])


def _paragraph_break(tok: Token) -> bool:
    return tok.is_space and "\n" in tok.text


def _source_attribution(tok: Token) -> _Attribution | None:
    words = _SOURCE_CUE_FIRST.get(tok.lower_)
    if words is None:
        return None
    doc = tok.doc
    last = tok.i + len(words) - 1
    if last >= len(doc) or [t.lower_ for t in doc[tok.i:last + 1]] != words:
        return None
    named = [t for t in doc[last].subtree if t.dep_ in ("pobj", "dobj")] or [t for t in doc[last + 1:last + 4] if t.pos_ in ("PROPN", "NOUN")]
    if not named:
        return None
    source = named[0]
    phrase_start, phrase_end = tok.i, max(source.right_edge.i, last)
    sent = layout(doc).sentence(tok)
    before = [t for t in sent if t.i < phrase_start]
    after = [t for t in sent if t.i > phrase_end]
    # "According to X, the toll rose" credits what follows; "the toll rose, according to X" what precedes.
    side = before if len(before) >= len(after) else after
    if not any(t.is_alpha for t in side):
        return None
    cue_end = doc[last].idx + len(doc[last].text)
    return _Attribution(tok, cue_end, SOURCE_CUES[" ".join(words)], _segments(side), _mention_range(source))


def _turns(doc: Doc, text: str, regions: list[_Region]) -> list[_Attribution]:
    """Transcript turns and headline credits: a line that opens with a name and a colon ("PENCE: Well, ...",
    "Sanders: Clinton needs to ...") is that speaker's."""
    found = []
    for line in _TURN.finditer(text):
        label, colon = line.span("label"), line.start("colon")
        name = " ".join(text[label[0]:label[1]].split())
        if any(ch.isdigit() for ch in name) or name.lower() in NOT_SPEAKERS or not _names(doc, *label):
            continue
        if line.group("dash") and text[line.end():line.end() + 1] not in _OPENERS:
            continue  # after a dash, only a name that opens a quotation credits it
        content = (line.end(), text.find("\n", line.end()) % (len(text) + 1))
        for region in regions:
            # '"PENCE: ...' in a transcript set in quotation marks: the quote is what follows the colon.
            if region.start <= label[0] < region.end:
                region.start, region.used = content[0], True
        cue = _token_at(doc, colon)
        found.append(_Attribution(cue, colon + 1, "direct", [_trimmed(text, *content)], label))
    return found


def _names(doc: Doc, start: int, end: int) -> bool:
    """Whether the words before a colon name someone ("Rush Limbaugh", "PENCE") rather than head a section
    ("The Gap Goes On")."""
    tokens = [t for t in doc[_token_at(doc, start).i:_token_at(doc, end - 1).i + 1] if not t.is_punct]
    return bool(tokens) and all(t.pos_ in ("PROPN", "NOUN") for t in tokens)


def _dash_credits(doc: Doc, text: str, regions: list[_Region]) -> list[_Attribution]:
    """A quote signed at the end of its line: '"We deserve better." ― Maria Lopez'."""
    found = []
    for region in regions:
        signature = _DASH_CREDIT.match(text, region.end)
        if signature is None or region.used:
            continue
        region.used = True
        cue = _token_at(doc, signature.start("dash"))
        found.append(_Attribution(cue, signature.end("dash"), "direct", [(region.start, region.end)],
                                  signature.span("name"), regions=[region]))
    return found


def _token_at(doc: Doc, char: int) -> Token:
    """The token holding a character offset (binary search; building every token would cost the document)."""
    low, high = 0, len(doc) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if doc[middle].idx <= char:
            low = middle
        else:
            high = middle - 1
    return doc[low]


def _paragraph_bounds(tok: Token) -> tuple[int, int]:
    """Character range of the paragraph a token sits in."""
    doc = tok.doc
    left = tok.i
    while left > 0 and not _paragraph_break(doc[left - 1]):
        left -= 1
    right = tok.i
    while right + 1 < len(doc) and not _paragraph_break(doc[right + 1]):
        right += 1
    return doc[left].idx, doc[right].idx + len(doc[right].text)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    return start, end


def _narrator_speaks(text: str, attribution: _Attribution, regions: list[_Region]) -> bool:
    """ "You never know", "we examine the record": the writer's own voice, unless someone is quoted saying it."""
    if attribution.kind != "indirect" or attribution.speaker is None:
        return False
    if text[slice(*attribution.speaker)].lower() not in NARRATOR_WORDS:
        return False
    return not any(r.start <= attribution.cue.idx < r.end for r in regions)


def _attach_regions(doc: Doc, text: str, found: list[_Attribution], regions: list[_Region]) -> None:
    """Quoted text becomes the content of the cue beside it, or marks a reported clause as mixed."""
    by_cue = sorted(found, key=lambda a: a.cue.idx)
    cue_starts = [a.cue.idx for a in by_cue]
    for region in regions:
        if region.used:
            continue
        owner = _mixed_owner(region, by_cue, cue_starts)
        if owner is not None:
            owner.kind = "mixed" if owner.kind == "indirect" else owner.kind
            region.used = True
            continue
        owner = _adjacent_cue(text, region, by_cue, cue_starts)
        if owner is not None:
            owner.regions.append(region)
            region.used = True
    for attribution in found:
        if attribution.regions:
            attribution.kind = "direct"
            attribution.content = [(r.start, r.end) for r in attribution.regions]
            if attribution.speaker and any(r.start <= attribution.speaker[0] < r.end for r in attribution.regions):
                # spaCy took a word of the quote for the subject: '"... We will ...," Chief Jordan said'.
                attribution.speaker = _speaker_between(doc, attribution)


def _speaker_between(doc: Doc, attribution: _Attribution) -> tuple[int, int] | None:
    """The noun phrase between a quote and its cue ('"...," police Chief Chuck Jordan said')."""
    quote_end = max((r.end for r in attribution.regions if r.end <= attribution.cue.idx), default=None)
    if quote_end is None:
        return None
    gap = [t for t in doc[_token_at(doc, quote_end).i:attribution.cue.i] if t.idx >= quote_end]
    heads = [t for t in gap if t.pos_ in ("PROPN", "NOUN", "PRON") and not any(t.head.i == g.i for g in gap)]
    return _mention_range(heads[0]) if heads else None


def _mixed_owner(region: _Region, by_cue: list[_Attribution], cue_starts: list[int]) -> _Attribution | None:
    """The reported clause that holds this quoted fragment along with words of its own."""
    index = bisect.bisect_left(cue_starts, region.start)
    for attribution in by_cue[max(0, index - 3):index]:
        if attribution.regions or not attribution.content:
            continue
        start, end = attribution.content[0][0], attribution.content[-1][1]
        if start <= region.start and region.end <= end + 1 and (region.start - start) + (end - region.end) > 3:
            return attribution
    return None


def _adjacent_cue(text: str, region: _Region, by_cue: list[_Attribution], cue_starts: list[int]) -> _Attribution | None:
    """The cue just after the quote ('"...," she said') or just before it ('she said: "..."')."""
    index = bisect.bisect_left(cue_starts, region.end)
    if index < len(by_cue):
        after = by_cue[index]
        gap = text[region.end:after.cue.idx]
        if "\n" not in gap and _short_gap(gap) and not _MARKS.search(gap[1:]) and _fits(after, region):
            return after
    index = bisect.bisect_left(cue_starts, region.start)  # cues inside the quote are the speaker's own words
    if index > 0:
        before = by_cue[index - 1]
        gap = text[before.cue_end:region.start]
        on_line = "\n" not in gap or (region.opens_paragraph and re.fullmatch(r"\s*:\s*", gap))
        if before.cue.idx < region.start and on_line and re.fullmatch(r"[^\w]*", _strip_speaker(gap, before)):
            if _fits(before, region):
                return before
    return None


def _short_gap(gap: str) -> bool:
    return len(gap.split()) <= _MAX_GAP_TOKENS and bool(re.match(r"[\s,.?!—–-]*[\"”’»]?[\s,.?!—–-]*", gap))


def _strip_speaker(gap: str, attribution: _Attribution) -> str:
    """The gap between a cue and its quote may hold the speaker ("said Netanyahu:") or time words."""
    return re.sub(r"[\w’'.-]+", "", gap) if len(gap.split()) <= 4 else gap


def _fits(attribution: _Attribution, region: _Region) -> bool:
    """A cue whose parsed content lies outside the quote belongs to another claim."""
    if not attribution.content or attribution.regions:
        return True
    return any(start < region.end and region.start < end for start, end in attribution.content)


def _continue_quotes(text: str, found: list[_Attribution], regions: list[_Region], paragraphs: list[int]) -> None:
    """A quote with no cue of its own continues the speaker's quote before it: a paragraph that opens with a
    quote continues the previous paragraph's, and '"...," the minister told reporters. "..."' is one quote."""
    direct = sorted((a for a in found if a.kind == "direct"), key=lambda a: a.cue.idx)
    direct_by_paragraph = {a.paragraph: a for a in direct}
    cue_starts = [a.cue.idx for a in direct]
    for region in regions:
        if region.used:
            continue
        paragraph = bisect.bisect_right(paragraphs, region.start) - 1
        if region.opens_paragraph:
            previous = direct_by_paragraph.get(paragraph - 1)
        else:
            index = bisect.bisect_left(cue_starts, region.start)
            previous = direct[index - 1] if index else None
            if previous is not None and not _next_sentence(text[previous.cue_end:region.start]):
                previous = None
        if previous is None:
            continue
        previous.content.append((region.start, region.end))
        region.used = True
        direct_by_paragraph[paragraph] = previous


def _next_sentence(gap: str) -> bool:
    """The rest of a cue's sentence, then a new sentence opening with the quote: ' told reporters. "'."""
    before_mark = gap.rstrip("\"“'‘« \t\xa0")
    return "\n" not in gap and len(gap.split()) <= _MAX_GAP_TOKENS and before_mark.endswith((".", "!", "?"))


def _outermost(found: list[_Attribution], regions: list[_Region]) -> list[_Attribution]:
    """Drop attributions reported inside another one ('"I think we won," he said' is one claim, his).

    The widest claims are kept first, so two cues that each parse into the other's content keep the outer one.
    """
    quoted = sorted((r.start, r.end) for r in regions)
    quoted_starts = [start for start, _ in quoted]
    kept: list[_Attribution] = []
    claimed: list[tuple[int, int]] = []
    for a in sorted(found, key=lambda a: -sum(end - start for start, end in a.content)):
        own = set(a.content)
        index = bisect.bisect_right(quoted_starts, a.cue.idx)
        in_quote = any(start <= a.cue.idx < end and (start, end) not in own
                       for start, end in quoted[max(0, index - 40):index])
        if in_quote or any(start <= a.cue.idx < end for start, end in claimed):
            continue
        kept.append(a)
        # "Most voters say X, according to the poll" is the poll's claim: one source per claim, the outermost.
        claimed.extend(a.content)
    return kept


def _number(text: str, found: list[_Attribution]) -> list[Quote]:
    found = [a for a in found if any(end > start for start, end in a.content)]
    found.sort(key=lambda a: min(start for start, end in a.content if end > start))
    quotes = []
    for n, a in enumerate(found, 1):
        content = [Span.of(text, s, e) for s, e in sorted(set(a.content)) if e > s]
        speaker = Span.of(text, *a.speaker) if a.speaker else None
        quotes.append(Quote(id=f"q{n}", kind=a.kind, content=content, cue=Span.of(text, a.cue.idx, a.cue_end),
                            speaker_mention=speaker))
    return quotes
