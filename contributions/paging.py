"""Keyset pagination for long lists: a page starts after (or ends before) a named row.

OFFSET pagination makes the database walk past every skipped row, so page 10,000 of a
million-row list costs a thousand times page 1. Here a page is "the 50 rows after
SEC-2014-0364 in this order", which an index answers directly at any depth, and the link
stays readable: `?after=SEC-2014-0364`.
"""

from dataclasses import dataclass

from django.db.models import Q


@dataclass
class KeysetPage:
    rows: list
    ordering: list[str]
    key: str
    has_previous: bool = False
    has_next: bool = False

    @property
    def first(self):
        """The key of the page's first row: the anchor of the link to the page before."""
        return getattr(self.rows[0], self.key) if self.rows else None

    @property
    def last(self):
        return getattr(self.rows[-1], self.key) if self.rows else None


def keyset_page(queryset, ordering, *, key, after="", before="", size=50):
    """The page of `queryset` in `ordering` after the row whose `key` is `after`, or before
    the one whose key is `before` (the first page when neither names a row in the list).

    `ordering` ends with `key` (ascending or descending), which must be unique.
    """
    anchor_key = after or before
    anchor = anchor_key and queryset.filter(**{key: anchor_key}).values(*_fields(ordering)).first()
    if anchor and after:
        rows = list(queryset.filter(_beyond(ordering, anchor)).order_by(*ordering)[: size + 1])
        return KeysetPage(rows[:size], ordering, key, has_previous=True, has_next=len(rows) > size)
    if anchor:
        backwards = [_reverse(name) for name in ordering]
        rows = list(queryset.filter(_beyond(backwards, anchor)).order_by(*backwards)[: size + 1])
        if len(rows) > size:
            return KeysetPage(rows[:size][::-1], ordering, key, has_previous=True, has_next=True)
        # Back at the start with less than a page: the first page, full.
    rows = list(queryset.order_by(*ordering)[: size + 1])
    return KeysetPage(rows[:size], ordering, key, has_next=len(rows) > size)


def _fields(ordering):
    return [name.removeprefix("-") for name in ordering]


def _reverse(name):
    return name[1:] if name.startswith("-") else f"-{name}"


def _beyond(ordering, anchor):
    """Rows after `anchor` in `ordering`, written `a >= x AND (a > x OR (b >= y AND ...))` so
    that the leading column's range is a plain index condition."""
    name, *rest = ordering
    column = name.removeprefix("-")
    strictly, or_equal = ("lt", "lte") if name.startswith("-") else ("gt", "gte")
    value = anchor[column]
    if not rest:
        return Q(**{f"{column}__{strictly}": value})
    return Q(**{f"{column}__{or_equal}": value}) & (
        Q(**{f"{column}__{strictly}": value}) | _beyond(rest, anchor)
    )
