"""The record's vocabularies: the words a decision, a relation and an action's status may
take. The models store them and every dialect reads minutes into them, so both import them
from here and cannot drift apart (tests/meetings/minutes/test_vocabularies.py).
"""

from django.db import models


class Outcome(models.TextChoices):
    """The class of a decision, for badges, charts and "what did meeting N agree"."""

    OPEN = "open", "Not decided"
    POSITIVE = "positive", "Agreed"
    NEUTRAL = "neutral", "Noted"
    SUPERSEDED = "superseded", "Superseded"
    NEGATIVE = "negative", "Withdrawn or rejected"
    CARRIED = "carried", "Carried over"


class Decision(models.TextChoices):
    """The words minutes and Tdoc lists use for what happened to a revision."""

    NONE = "", "No decision yet"
    RESERVED = "reserved", "Reserved"
    AVAILABLE = "available", "Available"
    AGREED = "agreed", "Agreed"
    APPROVED = "approved", "Approved"
    ENDORSED = "endorsed", "Endorsed"
    TECHNICALLY_ENDORSED = "technically_endorsed", "Technically endorsed"
    PARTIALLY_APPROVED = "partially_approved", "Partially approved"
    NOTED = "noted", "Noted"
    REPLIED_TO = "replied_to", "Replied to"
    TREATED = "treated", "Treated"
    NOT_PURSUED = "not_pursued", "Not pursued"
    NOT_TREATED = "not_treated", "Not treated"
    REVISED = "revised", "Revised"
    MERGED = "merged", "Merged"
    WITHDRAWN = "withdrawn", "Withdrawn"
    REJECTED = "rejected", "Rejected"
    POSTPONED = "postponed", "Postponed"

    @property
    def outcome(self):
        return DECISION_OUTCOMES[self]


DECISION_OUTCOMES = {
    Decision.NONE: Outcome.OPEN,
    Decision.RESERVED: Outcome.OPEN,
    Decision.AVAILABLE: Outcome.OPEN,
    Decision.AGREED: Outcome.POSITIVE,
    Decision.APPROVED: Outcome.POSITIVE,
    Decision.ENDORSED: Outcome.POSITIVE,
    Decision.TECHNICALLY_ENDORSED: Outcome.POSITIVE,
    Decision.PARTIALLY_APPROVED: Outcome.POSITIVE,
    Decision.NOTED: Outcome.NEUTRAL,
    Decision.REPLIED_TO: Outcome.NEUTRAL,
    Decision.TREATED: Outcome.NEUTRAL,
    Decision.NOT_PURSUED: Outcome.NEUTRAL,
    Decision.NOT_TREATED: Outcome.NEUTRAL,
    Decision.REVISED: Outcome.SUPERSEDED,
    Decision.MERGED: Outcome.SUPERSEDED,
    Decision.WITHDRAWN: Outcome.NEGATIVE,
    Decision.REJECTED: Outcome.NEGATIVE,
    Decision.POSTPONED: Outcome.CARRIED,
}


class RelationKind(models.TextChoices):
    REVISION_OF = "revision_of", "Revision of"
    REVISED_TO = "revised_to", "Revised to"
    INTEGRATED_INTO = "integrated_into", "Integrated into"
    HANDLED_IN = "handled_in", "Handled in"
    REPLIES_TO = "replies_to", "Replies to"
    REFERENCES = "references", "References"
    RELATED_TO = "related_to", "Related to"


class Status(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    CLOSED = "closed", "Closed"
    DROPPED = "dropped", "Dropped"
    POSTPONED = "postponed", "Postponed"
