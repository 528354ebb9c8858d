"""Who did it: the audit log's actor, in requests (middleware) and in Celery tasks."""

from collections.abc import Iterator
from contextlib import contextmanager

from auditlog.context import set_actor

from accounts.models import User


@contextmanager
def acting_as(user: User | None) -> Iterator[None]:
    """Attribute every audited change inside the block to ``user`` (None: the system)."""
    if user is None:
        yield
        return
    with set_actor(user):
        yield
