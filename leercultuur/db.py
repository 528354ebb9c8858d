"""Database functions the ORM lacks, for PostgreSQL and the embedded SQLite alike."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Func, IntegerField, QuerySet


class DaysBetween(Func):
    """Whole days from the second date to the first (``later - earlier``)."""

    arity = 2
    arg_joiner = " - "
    template = "(%(expressions)s)"
    output_field = IntegerField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        template = "CAST(julianday(%(expressions)s) AS INTEGER)"
        return self.as_sql(
            compiler, connection, template=template, arg_joiner=") - julianday(", **extra
        )


def count_all(querysets: Sequence[QuerySet[Any]]) -> list[int]:
    """The number of rows of each queryset, asked of the database in one query: a page that
    shows many counts pays one round trip, not one per count."""
    if not querysets:
        return []
    return count_all_statement(querysets).run()


@dataclass(frozen=True)
class CountStatement:
    """The SQL that counts several querysets at once, to run now or keep and run again."""

    db: str
    sql: str
    params: tuple[Any, ...]

    def run(self) -> list[int]:
        with connections[self.db].cursor() as cursor:
            cursor.execute(self.sql, self.params)
            return [int(count) for count in cursor.fetchone()]


def count_all_statement(querysets: Sequence[QuerySet[Any]]) -> CountStatement:
    """The statement ``count_all`` runs (Django's SQL for each queryset, values kept apart
    as parameters): a page that counts the same querysets on every visit may build it once."""
    selects: list[str] = []
    params: list[Any] = []
    for queryset in querysets:
        try:
            sql, args = queryset.order_by().values("pk").query.sql_with_params()
        except EmptyResultSet:  # .none(), or a filter on an empty list
            selects.append("0")
            continue
        # Django's own SQL for the queryset; every value stays a parameter.
        selects.append(f"(SELECT COUNT(*) FROM ({sql}) AS counted)")  # noqa: S608
        params.extend(args)
    return CountStatement(querysets[0].db, "SELECT " + ", ".join(selects), tuple(params))
