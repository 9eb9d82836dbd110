"""Tables of the ledger (SQLAlchemy Core, so SQLite and PostgreSQL share one schema) and their migrations."""
from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (Boolean, Column, Connection, Float, Index, Integer, LargeBinary, MetaData, String, Table, Text,
                        inspect, text)

metadata = MetaData()

articles = Table(
    "articles", metadata,
    Column("id", String(16), primary_key=True),
    Column("source_path", Text, nullable=False),
    Column("url", Text),
    Column("headline", Text),
    Column("alt_headline", Text),
    Column("standfirst", Text),
    Column("published", String(10), index=True),
    Column("published_from", String(16)),
    Column("outlet", Text, index=True),
    Column("byline", Text),
    Column("dateline", Text),
    Column("text", Text, nullable=False),
    Column("record", Text, nullable=False),  # the whole output-contract record as JSON
    Column("ingested_at", String(32), nullable=False),
)

entities = Table(
    "entities", metadata,
    Column("article_id", String(16), primary_key=True),
    Column("local_id", String(16), primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(8), nullable=False),
    Column("titles", Text, nullable=False),  # JSON list
    Column("mention_count", Integer, nullable=False),
    Column("canonical_id", Integer, index=True),  # filled by track.entities across articles
    Index("ix_entities_name", "name"),
)

quotes = Table(
    "quotes", metadata,
    Column("article_id", String(16), primary_key=True),
    Column("local_id", String(16), primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("content", Text, nullable=False),  # the content segments joined by " … "
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("cue", Text),
    Column("speaker_mention", Text),
    Column("speaker_entity", String(16)),
    Column("speaker_name", Text, index=True),
    Column("speaker_description", Text),
    Column("published", String(10), index=True),
)

figures = Table(
    "figures", metadata,
    Column("article_id", String(16), primary_key=True),
    Column("local_id", String(16), primary_key=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("number", Text, nullable=False),
    Column("value", Float),
    Column("low", Float),
    Column("high", Float),
    Column("qualifier", String(16), nullable=False),
    Column("category", String(16), nullable=False),
    Column("unit", Text),
    Column("source", Text),
    Column("source_entity", String(16)),
    Column("source_name", Text),
    Column("source_chain", Text),  # JSON list
    Column("quote", String(16)),
    Column("as_of", String(10)),
    Column("place", Text),
    Column("scope", String(16)),  # cumulative | incident | period | null; added by migration 4
    *(Column(name, Text) for name in ("source_body", "source_kind", "source_jurisdiction", "source_affiliation",
                                      "source_note", "source_body_chain", "disputes")),  # _add_reporting_bodies
    Column("source_body_id", Integer),  # the reporting_bodies row, set by the track pass
    Column("place_id", String(16)),  # the places row of what is counted; added by _add_places
    Column("period_start", String(10)),  # a period toll's first and last day; added by _add_figure_period
    Column("period_end", String(10)),
    Index("ix_figures_series", "category", "place", "as_of"),
)

times = Table(
    "times", metadata,
    Column("article_id", String(16), primary_key=True),
    Column("local_id", String(16), primary_key=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("type", String(10), nullable=False),
    Column("value", Text, nullable=False),
)

events = Table(
    "events", metadata,
    Column("article_id", String(16), primary_key=True),
    Column("local_id", String(16), primary_key=True),
    Column("type", String(16), nullable=False, index=True),
    Column("mode", Text),
    Column("trigger", Text, nullable=False),
    Column("start", Integer, nullable=False),  # the sentence's span
    Column("end", Integer, nullable=False),
    Column("trigger_start", Integer),  # the trigger's span; added by migration 6, null in rows stored before it
    Column("trigger_end", Integer),
    Column("actor", String(16)),
    Column("actor_name", Text),
    Column("target", String(16)),
    Column("target_name", Text),
    Column("date", Text),
    Column("place", Text),
    Column("background", Boolean, nullable=False),
    Column("planned", Boolean, nullable=False),
    Column("negated", Boolean, nullable=False),
    Column("hypothetical", Boolean),  # a condition ("if it is attacked"); added by a migration, null before it
    Column("place_id", String(16)),  # the places row of where it happened; added by _add_places
)

places = Table(
    "places", metadata,
    Column("article_id", String(16), primary_key=True),
    Column("local_id", String(16), primary_key=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),  # the mention as written
    Column("type", String(16), nullable=False),  # literal | modifier | demonym | metonymic | embedded
    Column("name", Text, index=True),  # the gazetteer's name; null when unresolved
    Column("key", Text, index=True),  # the gazetteer key, stable across articles ("gn:281124")
    Column("lat", Float),
    Column("lon", Float),
    Column("geonames_id", Integer),
    Column("feature", String(16)),
    Column("country", String(2)),
    Column("admin1", Text),
    Column("admin1_code", String(8)),  # ISO 3166-2 ("US-TX", "UA-63"); added by _add_place_admin1_code
    Column("precision", Integer),
    Column("path", Text),  # "|Khan Younis|Gaza Strip|Palestinian Territory|": itself and every place containing it
)

schema_version = Table("schema_version", metadata, Column("version", Integer, primary_key=True))

CHILD_TABLES = (entities, quotes, figures, times, events, places)


def _create_base(conn: Connection) -> None:
    metadata.create_all(conn, tables=[articles, entities, quotes, figures, times, events])


def _create_search(conn: Connection) -> None:
    """Full-text search over article bodies and quote contents, in each database's own engine."""
    if conn.dialect.name == "sqlite":
        conn.execute(text("CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5("
                          "article_id UNINDEXED, headline, text, tokenize='unicode61')"))
        conn.execute(text("CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5("
                          "article_id UNINDEXED, local_id UNINDEXED, content, speaker, tokenize='unicode61')"))
    else:
        conn.execute(text("ALTER TABLE articles ADD COLUMN IF NOT EXISTS search tsvector GENERATED ALWAYS AS "
                          "(to_tsvector('english', coalesce(headline, '') || ' ' || text)) STORED"))
        conn.execute(text("CREATE INDEX IF NOT EXISTS ix_articles_search ON articles USING GIN (search)"))
        conn.execute(text("ALTER TABLE quotes ADD COLUMN IF NOT EXISTS search tsvector GENERATED ALWAYS AS "
                          "(to_tsvector('english', content || ' ' || coalesce(speaker_name, ''))) STORED"))
        conn.execute(text("CREATE INDEX IF NOT EXISTS ix_quotes_search ON quotes USING GIN (search)"))


# -- the ledger across articles (track/): canonical entities, reference series, stories, repeated quotes -------------

canonical_entities = Table(
    "canonical_entities", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False),
    Column("type", String(8), nullable=False),
    Column("key", Text, nullable=False, index=True),  # the normalised name it is found by
    Column("titles", Text, nullable=False),  # JSON list
    Column("aliases", Text, nullable=False),  # JSON list of every name variant seen
    Column("articles", Integer, nullable=False),
    Column("first_seen", String(10)),
)

reference_points = Table(
    "reference_points", metadata,
    Column("series", Text, primary_key=True),  # "Gaza Health Ministry (TFP)"
    Column("category", String(16), primary_key=True),
    Column("place", Text, primary_key=True),
    Column("date", String(10), primary_key=True),
    Column("value", Float, nullable=False),
)

article_signatures = Table(
    "article_signatures", metadata,
    Column("article_id", String(16), primary_key=True),
    Column("signature", LargeBinary, nullable=False),  # MinHash hash values of the article's shingles
)

story_members = Table(
    "story_members", metadata,
    Column("article_id", String(16), primary_key=True),
    Column("story_id", String(16), nullable=False, index=True),  # the earliest article of the cluster
)

quote_groups = Table(
    "quote_groups", metadata,
    Column("article_id", String(16), primary_key=True),
    Column("local_id", String(16), primary_key=True),
    Column("group_article", String(16), nullable=False),  # the first-seen copy of a repeated quote
    Column("group_local", String(16), nullable=False),
    Index("ix_quote_groups_group", "group_article", "group_local"),
)

# One row per canonical reporting body (resolve/bodies.py names them), so every figure of one body shares an id.
reporting_bodies = Table(
    "reporting_bodies", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False, unique=True),
    Column("kind", Text),
    Column("jurisdiction", Text),
    Column("affiliation", Text),
)

LEDGER_TABLES = (canonical_entities, reference_points, article_signatures, story_members, quote_groups)


def _create_ledger(conn: Connection) -> None:
    metadata.create_all(conn, tables=list(LEDGER_TABLES))
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_figures_source_name ON figures (source_name)"))
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_figures_category_as_of ON figures (category, as_of)"))


def _add_figure_scope(conn: Connection) -> None:
    """Whether a figure is a running total or one incident's count, so conflicts compare like with like.

    A database created after the column joined the table definition already has it from `_create_base`.
    """
    if "scope" not in {col["name"] for col in inspect(conn).get_columns("figures")}:
        conn.execute(text("ALTER TABLE figures ADD COLUMN scope VARCHAR(16)"))


def _index_series_by_source(conn: Connection) -> None:
    """A series by source looks its figures up by category and source name, not through every figure of the
    category or every figure of the name."""
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_figures_category_source ON figures (category, source_name)"))


def _add_event_trigger_span(conn: Connection) -> None:
    """Where an event's trigger sits, so that pages mark it exactly rather than the first match of its words.

    A database created after the columns joined the table definition already has them from `_create_base`.
    """
    present = {col["name"] for col in inspect(conn).get_columns("events")}
    for name in ("trigger_start", "trigger_end"):
        if name not in present:
            conn.execute(text(f"ALTER TABLE events ADD COLUMN {name} INTEGER"))


FIGURE_BODY_COLUMNS = {"source_body": "TEXT", "source_kind": "TEXT", "source_jurisdiction": "TEXT",
                       "source_affiliation": "TEXT", "source_note": "TEXT", "source_body_chain": "TEXT",
                       "disputes": "TEXT",
                       "source_body_id": "INTEGER"}


def _add_reporting_bodies(conn: Connection) -> None:
    """The canonical body behind each figure's source, and the table of bodies (issue 13).

    Idempotent: a database created after the columns joined the table definition already has them.
    """
    present = {col["name"] for col in inspect(conn).get_columns("figures")}
    for name, kind in FIGURE_BODY_COLUMNS.items():
        if name not in present:
            conn.execute(text(f"ALTER TABLE figures ADD COLUMN {name} {kind}"))
    reporting_bodies.create(conn, checkfirst=True)
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_figures_source_body_id ON figures (source_body_id)"))
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_figures_source_body ON figures (source_body)"))


def _add_event_hypothetical(conn: Connection) -> None:
    """Whether an event is only a condition ("unless Israel ends the war and withdraws its forces"), so the ledger
    keeps it apart from what happened (issue 19). Idempotent: a database created after the column joined the table
    definition already has it; rows stored before it read as not hypothetical."""
    if "hypothetical" not in {col["name"] for col in inspect(conn).get_columns("events")}:
        conn.execute(text("ALTER TABLE events ADD COLUMN hypothetical BOOLEAN"))


def _unique_canonical_keys(conn: Connection) -> None:
    """One canonical entity per normalised name and kind (person or not), enforced by the database.

    Two ingests run at once into one file each created "Benjamin Netanyahu" once before writes took the lock first;
    duplicates left by such runs are merged into the oldest row (its entity links repointed) before the index is
    built. Empty keys (a name of punctuation only) are never looked up, so they stay out of the index.
    """
    if not inspect(conn).has_table("canonical_entities"):
        return
    person = "CASE WHEN type = 'PERSON' THEN 1 ELSE 0 END"
    duplicates = conn.execute(text(
        f"SELECT c.id, keep.id FROM canonical_entities c JOIN (SELECT min(id) AS id, key, {person} AS person "
        f"FROM canonical_entities WHERE key <> '' GROUP BY key, {person} HAVING count(*) > 1) keep "
        f"ON c.key = keep.key AND (CASE WHEN c.type = 'PERSON' THEN 1 ELSE 0 END) = keep.person "
        "WHERE c.id <> keep.id")).all()
    for duplicate, kept in duplicates:
        conn.execute(text("UPDATE entities SET canonical_id = :kept WHERE canonical_id = :duplicate"),
                     {"kept": kept, "duplicate": duplicate})
        conn.execute(text("DELETE FROM canonical_entities WHERE id = :duplicate"), {"duplicate": duplicate})
    conn.execute(text(f"CREATE UNIQUE INDEX IF NOT EXISTS ux_canonical_entities_key ON canonical_entities "
                      f"(key, ({person})) WHERE key <> ''"))

# -- following outlets (issue 15): the feeds `watch` polls, what they listed, article versions, saved alerts ---------

feeds = Table(
    "feeds", metadata,
    Column("url", Text, primary_key=True),
    Column("outlet", Text),  # the name given with `feeds add --outlet`; the page's own site name otherwise
    Column("title", Text),  # the feed's own title, from its last successful poll
    Column("interval_s", Integer, nullable=False),
    Column("etag", Text),  # validators for the next conditional GET
    Column("last_modified", Text),
    Column("added_at", String(32), nullable=False),
    Column("last_polled", String(32)),
    Column("last_success", String(32)),
    Column("failures", Integer, nullable=False),  # consecutive failed polls; each doubles the wait before the next
    Column("last_error", Text),
    Column("next_due", String(32), nullable=False, index=True),
)

feed_items = Table(
    "feed_items", metadata,
    Column("url", Text, primary_key=True),  # the article page, as a feed lists it
    Column("feed_url", Text, nullable=False),
    Column("signature", Text, nullable=False),  # the item's date stamps and title: a change means fetch it again
    Column("etag", Text),
    Column("last_modified", Text),
    Column("article_id", String(16)),  # the version stored from it, if any
    Column("outcome", Text, nullable=False),  # "stored", "unchanged", or the one-line reason it was skipped
    Column("first_seen", String(32), nullable=False),
    Column("last_fetched", String(32), nullable=False),
)

article_versions = Table(
    "article_versions", metadata,
    Column("article_id", String(16), primary_key=True),
    Column("url", Text, nullable=False, index=True),
    Column("feed_url", Text),
    Column("previous_id", String(16)),  # the version stored before this one at the same URL; both are kept
    Column("fetched_at", String(32), nullable=False),
)

alerts = Table(
    "alerts", metadata,
    Column("name", Text, primary_key=True),
    Column("kind", String(16), nullable=False),  # figures | quotes | conflicts | revision
    Column("params", Text, nullable=False),  # JSON object of the alert's filters
    Column("targets", Text, nullable=False),  # JSON list: "stdout", "jsonl:PATH", "webhook:URL", "email:ADDRESS"
    Column("created_at", String(32), nullable=False),
)

alert_hits = Table(
    "alert_hits", metadata,
    Column("alert", Text, primary_key=True),
    Column("key", Text, primary_key=True),  # what the hit is about, so the same hit is recorded (and sent) once
    Column("article_id", String(16), nullable=False),
    Column("hit", Text, nullable=False),  # JSON, what is delivered
    Column("found_at", String(32), nullable=False, index=True),
    Column("delivered_at", String(32)),  # null until every target of the alert took it
)

WATCH_TABLES = (feeds, feed_items, article_versions, alerts, alert_hits)


def _create_watch(conn: Connection) -> None:
    """The tables of `feeds`, `watch` and `alerts`; create_all checks each table first, so this is idempotent."""
    metadata.create_all(conn, tables=list(WATCH_TABLES))

# -- review (issue 16): reviewers' corrections, kept apart from what the engines extracted --------------------------

corrections = Table(
    "corrections", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    # The stable identity: the article's content hash, what is corrected, and the span and text it applied to.
    # Local ids ("q3") are not part of it: a new engine version numbers its records anew.
    Column("article_id", String(16), index=True),  # null for corrections of canonical entities (merge, move-alias)
    Column("action", String(16), nullable=False),  # accept | reject | change | add | merge | move-alias
    Column("target", String(16), nullable=False),  # quote | figure | time | event | entity
    Column("span_start", Integer),
    Column("span_end", Integer),
    Column("span_text", Text, nullable=False),  # the text it applied to (an entity correction: the name)
    Column("field", String(32)),
    Column("before", Text),  # JSON
    Column("after", Text),  # JSON
    Column("who", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("why", Text, nullable=False),
)

review_audit = Table(
    "review_audit", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", String(32), nullable=False),
    Column("who", Text, nullable=False),
    Column("action", String(32), nullable=False),
    Column("detail", Text, nullable=False),  # JSON: what was written, and through which door (cli, api, web)
)

reviewed_records = Table(
    "reviewed_records", metadata,
    Column("article_id", String(16), primary_key=True),
    Column("record", Text, nullable=False),  # the record as corrected, with its corrections' provenance
    Column("marks", Text, nullable=False),  # JSON {"quote:q1": "corrected by ... on ...: why"} for the listings
    Column("built_from", String(64), nullable=False),  # digest of the extraction and corrections it was built from
)

REVIEW_TABLES = (corrections, review_audit, reviewed_records)


def _create_review(conn: Connection) -> None:
    metadata.create_all(conn, tables=list(REVIEW_TABLES))


def _add_places(conn: Connection) -> None:
    """Resolved place mentions, and the place each figure and event points to. Idempotent: a database created
    after the columns joined the table definitions already has them."""
    places.create(conn, checkfirst=True)
    for table in ("figures", "events"):
        if "place_id" not in {col["name"] for col in inspect(conn).get_columns(table)}:
            conn.execute(text(f"ALTER TABLE {table} ADD COLUMN place_id VARCHAR(16)"))
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_places_path ON places (path)"))



def _add_figure_period(conn: Connection) -> None:
    """A period toll's first and last day ("since Saturday": that Saturday to the figure's date), so tolls of one
    period are compared. Idempotent: a database created after the columns joined the table already has them."""
    present = {col["name"] for col in inspect(conn).get_columns("figures")}
    for name in ("period_start", "period_end"):
        if name not in present:
            conn.execute(text(f"ALTER TABLE figures ADD COLUMN {name} VARCHAR(10)"))


def _add_place_admin1_code(conn: Connection) -> None:
    """Each place's first-level area as an ISO 3166-2 code, so places can be grouped by region across spellings of
    its name ("Kharkivska oblast", "Kharkiv Oblast" are both UA-63). Idempotent, as above."""
    if "admin1_code" not in {col["name"] for col in inspect(conn).get_columns("places")}:
        conn.execute(text("ALTER TABLE places ADD COLUMN admin1_code VARCHAR(8)"))


# Each migration brings the schema from version n-1 to n; never edit one that has shipped, add a new one.
MIGRATIONS: list[Callable[[Connection], None]] = [_create_base, _create_search, _create_ledger, _add_figure_scope,
                                                  _index_series_by_source, _add_event_trigger_span,
                                                  _unique_canonical_keys, _create_watch, _create_review,
                                                  _add_reporting_bodies, _add_event_hypothetical, _add_places,
                                                  _add_figure_period, _add_place_admin1_code]


class SchemaMismatch(Exception):
    """The database's schema is not the one this code reads; the message says what to do."""


def current_version(conn: Connection) -> int:
    if not inspect(conn).has_table("schema_version"):
        return 0
    return conn.execute(text("SELECT coalesce(max(version), 0) FROM schema_version")).scalar_one()


def _refuse_newer(version: int) -> None:
    if version > len(MIGRATIONS):
        raise SchemaMismatch(f"schema version {version} is newer than this newsledger knows ({len(MIGRATIONS)}); "
                             "upgrade newsledger to read it")


def check_version(conn: Connection) -> int:
    """The version of a database opened for reading, which must be exactly the one this code knows."""
    version = current_version(conn)
    _refuse_newer(version)
    if version == 0:
        raise SchemaMismatch("not a newsledger database (no schema_version table)")
    if version < len(MIGRATIONS):
        raise SchemaMismatch(f"schema version {version} is older than this newsledger's ({len(MIGRATIONS)}); "
                             "run `newsledger migrate` once to upgrade it")
    return version


def migrate(conn: Connection) -> int:
    """Apply the migrations this database lacks; returns the version it is at."""
    schema_version.create(conn, checkfirst=True)
    version = current_version(conn)
    _refuse_newer(version)
    for number, step in enumerate(MIGRATIONS[version:], start=version + 1):
        step(conn)
        conn.execute(schema_version.insert().values(version=number))
    return len(MIGRATIONS)
