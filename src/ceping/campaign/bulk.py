"""Bulk rows in and out of the database, around the ORM's per-row cost (10⁵–10⁶ rows per
campaign)."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import connection
from django.db.models import Model, QuerySet
from psycopg.copy import QueuedLibpqWriter

BATCH = (
    2000  # rows per round trip: large enough to be fast, small enough for SQLite's variable limit
)
SLICE = 10 * BATCH  # rows per executemany or fetchmany


def insert(model: type[Model], columns: tuple[str, ...], rows: Iterable[tuple[Any, ...]]) -> None:
    """INSERT rows with executemany, in slices: the ORM's per-row cost is ~10× at 10⁵–10⁶ rows.

    JSON columns take JSON text. On PostgreSQL the rows go through COPY, sent by
    psycopg's writer thread, so the server stores them while this thread makes
    the next ones. (SQLite gets no such thread: it takes the GIL back after each
    row, and waiting for it behind a busy producer made storing slower.)
    """
    quote = connection.ops.quote_name
    table = f"{quote(model._meta.db_table)} ({', '.join(map(quote, columns))})"
    rows = iter(rows)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # COPY: one stream instead of a statement per row
            with cursor.cursor.copy(
                f"COPY {table} FROM STDIN", writer=QueuedLibpqWriter(cursor.cursor)
            ) as copy:
                for row in rows:
                    copy.write_row(row)
            return
        sql = f"INSERT INTO {table} VALUES ({', '.join('%s' for _ in columns)})"
        while chunk := list(itertools.islice(rows, SLICE)):
            cursor.executemany(sql, chunk)


def raw_rows(query: QuerySet[Any, Any]) -> Iterator[tuple[Any, ...]]:
    """The rows of a `values_list` query as the driver gives them, without Django's per-row
    converters.

    Values come as the database stores them: JSON columns as text, booleans on
    SQLite as 0/1 — read only columns whose raw form is what the caller wants.
    """
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(SLICE):
            yield from rows
