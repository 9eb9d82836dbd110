"""The PLOVER code of an event: the manual's coding rules for the not-yet-done, on top of what the clause says
happens."""
from __future__ import annotations

from ...model import Event

COOPERATIVE = {"CONSULT", "SUPPORT", "COOPERATE", "AID"}
YIELDING = {"AGREE", "CONCEDE", "RETREAT"}
MATERIAL_CONFLICT = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"}


def plover_category(event: Event) -> str:
    """The PLOVER code of an event, with the manual's rules for acts not yet done: promised cooperation is
    AGREE, an announced retreat is CONCEDE, and announced force or pressure is THREATEN; cooperation
    withheld ("will not accept", "did not open") is REJECT."""
    if event.negated:
        return "REJECT" if event.type in COOPERATIVE | YIELDING else event.type
    if not event.planned:
        return event.type
    if event.type in COOPERATIVE:
        return "AGREE"
    if event.type == "RETREAT":
        return "CONCEDE"
    if event.type in MATERIAL_CONFLICT:
        return "THREATEN"
    return event.type
