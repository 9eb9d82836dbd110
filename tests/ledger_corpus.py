"""A small ledger of hand-written wire reports shared by the track, API and browser tests."""
from __future__ import annotations

from ledger_records import article, entity, figure, quote, record, time

WIRE_1 = (
    "Israeli Prime Minister Benjamin Netanyahu on Tuesday rejected the terms proposed by Hamas for a ceasefire in "
    "Gaza, saying the war would go on until the group was destroyed.\n\n"
    "\"Total victory is within reach, it is not a matter of years,\" Netanyahu said at a news conference in "
    "Jerusalem.\n\n"
    "The Gaza Health Ministry said 27,585 people had been killed in the territory since the war began on October 7, "
    "most of them women and children.\n\n"
    "Mediators from Qatar and Egypt were expected to continue talks in Cairo later in the week, officials said."
)
# The same wire story, updated the next morning with a new toll and one more paragraph.
WIRE_2 = (
    "Israeli Prime Minister Benjamin Netanyahu on Tuesday rejected the terms proposed by Hamas for a ceasefire in "
    "Gaza, saying the war would go on until the group was destroyed.\n\n"
    "\"Total victory is within reach, it is not a matter of years,\" Netanyahu said at a news conference in "
    "Jerusalem.\n\n"
    "The Gaza Health Ministry said 27,708 people had been killed in the territory since the war began on October 7, "
    "most of them women and children.\n\n"
    "Mediators from Qatar and Egypt were expected to continue talks in Cairo later in the week, officials said.\n\n"
    "A Hamas official said the group would study the response before deciding on its next step."
)
OTHER = (
    "Prime Minister Netanyahu faced new pressure from families of hostages on Wednesday as protesters gathered "
    "outside his office.\n\n"
    "\"We will not stop until every hostage is home & safe <script>alert(1)</script>,\" the Israeli leader said "
    "during a visit to an army base.\n\n"
    "Israeli officials said fewer than 20,000 people had been killed in Gaza, disputing Palestinian counts.\n\n"
    "His son Yair Netanyahu, who lives in Miami, posted a message in support of his father."
)


def corpus() -> list:
    a1 = article(WIRE_1, "2024-02-06", "Wire", "Netanyahu rejects Hamas ceasefire terms")
    e1 = [entity(WIRE_1, "e1", "Benjamin Netanyahu", titles=("Israeli Prime Minister",)),
          entity(WIRE_1, "e2", "Gaza Health Ministry", "ORG")]
    r1 = record(a1, e1,
                [quote(WIRE_1, "q1", "Total victory is within reach, it is not a matter of years,", e1[0],
                       "Netanyahu", mention_nth=1)],
                [figure(WIRE_1, "f1", "27,585", 27585, "killed", as_of="2024-02-06",
                        source="The Gaza Health Ministry", source_entity="e2")],
                [time(WIRE_1, "t1", "Tuesday", "2024-02-06")])

    a2 = article(WIRE_2, "2024-02-07", "Wire", "Netanyahu rejects Hamas ceasefire terms (updated)")
    e2 = [entity(WIRE_2, "e1", "Benjamin Netanyahu", titles=("Israeli Prime Minister",)),
          entity(WIRE_2, "e2", "Gaza Health Ministry", "ORG")]
    r2 = record(a2, e2,
                [quote(WIRE_2, "q1", "Total victory is within reach, it is not a matter of years,", e2[0],
                       "Netanyahu", mention_nth=1)],
                [figure(WIRE_2, "f1", "27,708", 27708, "killed", as_of="2024-02-07",
                        source="The Gaza Health Ministry", source_entity="e2")])

    a3 = article(OTHER, "2024-02-07", "Daily", "Hostage families press Netanyahu")
    e3 = [entity(OTHER, "e1", "Netanyahu", titles=("Prime Minister",)),
          entity(OTHER, "e2", "Yair Netanyahu"),
          entity(OTHER, "e3", "Israeli officials", "NORP")]
    r3 = record(a3, e3,
                [quote(OTHER, "q1", "We will not stop until every hostage is home & safe <script>alert(1)</script>,",
                       e3[0], "the Israeli leader")],
                [figure(OTHER, "f1", "fewer than 20,000", 20000, "killed", qualifier="less_than",
                        as_of="2024-02-07", source="Israeli officials", source_entity="e3")])
    return [r1, r2, r3]


def corpus_ledger(path: str) -> str:
    """A SQLite ledger at `path` holding the corpus; returns the path."""
    from newsledger import track
    from newsledger.store import Store

    with Store(path) as store:
        for r in corpus():
            store.save(r)
        track.refresh(store)  # as every ingest does: reads never refresh the ledger themselves
    return path
