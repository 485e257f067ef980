"""Full-text search on PostgreSQL: the newest matches of one kind, at a bounded cost.

The search page lists the newest matches of each kind. Left to itself, PostgreSQL picks
between two plans by its estimate of how many rows match: walk a recency index and test each
row until enough match, or collect every match through the GIN index and sort them. Either is
fast when the estimate is right and slow when it is wrong, and full-text estimates are often
wrong: words that go together ("access control") are taken as independent, and a word missing
from the statistics is given a fixed share of the rows. At 1 million revisions, the walk for a
word that matches nothing took 4 s, sorting a common pair of words 0.3 s, a phrase 2 s.

So the query fixes the order of work instead of leaving it to the estimate:

1. Walk the kind's newest `window` rows in order and keep the first matches. A common word is
   done after a few hundred rows.
2. Only if that found too few: every match outside the window, found through the GIN index
   (the MATERIALIZED CTE keeps PostgreSQL from walking instead), sorted. A word that is rare
   among the newest rows is seldom common further back.

UNION ALL under a LIMIT runs step 2 only when step 1 came up short. The cost is at most the
window's rows tested, plus the matches of a word that is rare among them.
"""

from dataclasses import dataclass

from django.db.models import F

_MEETING = "JOIN meetings_meeting m ON m.id = t.meeting_id"
_MEETING_KEYS = (
    ("m.start_date", "DESC NULLS LAST"),
    ("m.number_key", "DESC NULLS LAST"),
    ("t.meeting_id", "DESC NULLS LAST"),
)
LATEST_MEETINGS = (
    F("meeting__start_date").desc(nulls_last=True),
    F("meeting__number_key").desc(nulls_last=True),
    F("meeting_id").desc(nulls_last=True),
)


@dataclass(frozen=True)
class Kind:
    """One searched table: its text columns and its order, newest first.

    `keys` are (SQL expression, direction) pairs over the table as `t` and its meeting as `m`,
    in the order of `order_by`, which sorts the fetched rows (and everything on SQLite). A
    btree index serves the keys (contributions 0003, meetings 0006), so that the window is an
    index walk. `window` is sized so that testing it costs about 20 ms at 1 million
    revisions: to_tsvector() takes about 3 µs a word.
    """

    table: str
    columns: tuple
    keys: tuple
    order_by: tuple
    window: int
    join: str = ""

    def vector(self, alias):
        """The expression of the GIN index in meetings 0003, over `alias`."""
        text = " || ' ' || ".join(f"COALESCE({alias}.{name}, ''::text)" for name in self.columns)
        return f"to_tsvector('english'::regconfig, {text})"


CONTRIBUTIONS = Kind(
    "contributions_contribution",
    ("title",),
    (("t.year", "DESC"), ("t.serial", "DESC"), ("t.id", "DESC")),
    ("-year", "-serial", "-pk"),
    window=2000,
)
NOTES = Kind(
    "contributions_handling",
    ("notes",),
    (*_MEETING_KEYS, ("t.position", "ASC"), ("t.id", "ASC")),
    (*LATEST_MEETINGS, "position", "pk"),
    window=3000,  # most handlings have no notes, which costs nothing to test
    join=_MEETING,
)
# Actions and resolutions are few (25,000 and 8,000 at 1 million revisions) and long: sorting
# their matches mostly beats testing rows one by one. A small window still settles the words
# that nearly every row matches, "-security" for one (0.6 s without it). Actions raised at no
# known meeting come last, so the window, which joins the meeting, is the start of the order.
ACTIONS = Kind(
    "actions_actionitem",
    ("description", "owners", "reference"),
    (*_MEETING_KEYS, ("t.reference", "ASC"), ("t.occurrence", "ASC"), ("t.id", "ASC")),
    (*LATEST_MEETINGS, "reference", "occurrence", "pk"),
    window=100,
    join=_MEETING,
)
RESOLUTIONS = Kind(
    "meetings_resolution",
    ("text",),
    (*_MEETING_KEYS, ("t.position", "ASC"), ("t.id", "ASC")),
    (*LATEST_MEETINGS, "position", "pk"),
    window=100,
    join=_MEETING,
)
KINDS = {
    "contributions": CONTRIBUTIONS,
    "notes": NOTES,
    "actions": ACTIONS,
    "resolutions": RESOLUTIONS,
}


def newest_matches(kind, query, limit):
    """SQL and parameters for the ids of the `limit` newest rows of `kind` that match `query`
    (websearch syntax), for `pk__in=RawSQL(...)`."""
    terms = "websearch_to_tsquery('english'::regconfig, %s)"
    keys = [expression for expression, _ in kind.keys]
    order = ", ".join(f"{expression} {direction}" for expression, direction in kind.keys)
    # The window's columns keep the keys' names, so its rows are ordered by the same names.
    by_name = ", ".join(f"{key.split('.')[1]} {direction}" for key, direction in kind.keys)
    window_columns = ", ".join(dict.fromkeys([*keys, *(f"t.{c}" for c in kind.columns)]))
    match_columns = ", ".join(dict.fromkeys(["t.id", *(k for k in keys if k.startswith("t."))]))
    window = f"FROM {kind.table} t {kind.join} ORDER BY {order} LIMIT {kind.window}"
    later = kind.join.replace("JOIN", "LEFT JOIN", 1)
    sql = f"""
        WITH matches AS MATERIALIZED (
            SELECT {match_columns} FROM {kind.table} t WHERE {kind.vector("t")} @@ {terms}
        )
        SELECT id FROM (
            (SELECT id FROM (SELECT {window_columns} {window}) recent
            WHERE {kind.vector("recent")} @@ {terms}
            ORDER BY {by_name} LIMIT {limit})
            UNION ALL
            (SELECT t.id FROM matches t {later}
            WHERE t.id NOT IN (SELECT t.id {window})
            ORDER BY {order} LIMIT {limit})
        ) found
        LIMIT {limit}
    """
    return sql, [query, query]
