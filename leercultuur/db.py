"""Database functions the ORM lacks, for PostgreSQL and the embedded SQLite alike."""

from typing import Any

from django.db.models import Func, IntegerField


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
