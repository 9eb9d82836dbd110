"""Events (PLOVER): what happened, who did it to whom, when and where, and whether it is news at all.

A trigger is a verb from the event lexicon ("dismissed", "shelled"), a verb whose object decides its meaning
("imposed a curfew", "lifted a curfew"), a light verb carrying an event noun ("launched an attack", "held
talks"), or an event noun on its own ("the attack on 7 October"). Its actor and target are read from the
dependency parse (subject and object, passive agent and subject, the controller of an infinitive, the author of
a rejected demand); its date, place and casualty figures are the time expressions, place names and figures whose
nearest event up the parse is this one. Each event is then marked as planned (modal, intended, ordered, still to
come), negated (not, refused to), or background (recalled: a date well before publication, "followed the attack
on 7 October", past perfect in the narrator's voice).

`Event.type` is what the clause says happens ("talks would start on Thursday" is CONSULT, planned);
`plover_category` applies the PLOVER manual's coding rules for the not-yet-done on top of it.

The package: `triggers` (what happened), `arguments` (who to whom, when, where, how many), `modality` (planned,
negated, background), `plover` (the coding rules), `assembly` (each trigger made an event).
"""
from .assembly import extract_events
from .plover import plover_category

__all__ = ["extract_events", "plover_category"]
