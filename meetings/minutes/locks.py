"""Imports and undos exclude each other: an import of a meeting waits for any other import of
the same meeting and for any undo; an undo waits for every import and undo in progress.

Both take their lock first, before they read what they will change, and hold it until their
transaction ends. An undo excludes every import, not only its meeting's, because it may remove
a group, organisation or person that another meeting's import is about to refer to.

On PostgreSQL the locks are transaction-scoped advisory locks: a meeting's first import has no
row to lock yet. SQLite needs none: every write transaction holds its single write lock from
its first statement (settings: IMMEDIATE), so imports and undos already run one at a time.
"""

import zlib

from django.db import connections, router, transaction

from meetings.models import SourceFile

# The two 32-bit halves of an advisory lock key: a namespace, then what is locked.
_NAMESPACE = zlib.crc32(b"plenary.imports") - 2**31
_EVERY_IMPORT = 0


def for_import(group, number):
    """Wait until no undo runs and no other import of meeting `group`#`number` does."""
    key = zlib.crc32(f"{group.upper()}#{number}".encode()) - 2**31 or 1
    _lock(_EVERY_IMPORT, shared=True)
    _lock(key)


def for_undo():
    """Wait until no import and no other undo runs."""
    _lock(_EVERY_IMPORT)


def _lock(key, shared=False):
    connection = connections[router.db_for_write(SourceFile)]
    if connection.vendor != "postgresql":
        return
    if not connection.in_atomic_block:
        raise transaction.TransactionManagementError("an import lock needs a transaction")
    function = "pg_advisory_xact_lock_shared" if shared else "pg_advisory_xact_lock"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {function}(%s, %s)", [_NAMESPACE, key])
