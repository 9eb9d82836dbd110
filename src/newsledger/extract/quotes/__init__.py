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

The package, in the order the evidence is read: `regions` (quotation marks), `cues` (the cue lexica and the
attribution record), `speakers` (who performs a cue), `frames` (what was said, one reader per frame),
`attributions` and `transcripts` (one attribution per cue, from the parse or the layout), `assembly` (regions
joined to cues, continuations, outermost claims) and `voice` (each sentence, narrator or quoted).
"""
from .assembly import extract_quotes, quotes_and_views
from .voice import sentence_voice

__all__ = ["extract_quotes", "quotes_and_views", "sentence_voice"]
