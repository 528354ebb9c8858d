"""Calls made at the same instant, each in its own thread with its own database connection."""

import threading
from collections.abc import Callable
from typing import Any

from django.db import connection


def at_once[T](*calls: Callable[[], T], seconds: float = 30) -> list[T | BaseException]:
    """Start every call at the same instant (a barrier); what each returned or raised, in
    the order given. The tests that use it need ``transaction=True``: each thread commits
    through its own connection, closed when it is done."""
    start = threading.Barrier(len(calls))
    outcomes: list[T | BaseException] = [TimeoutError("still running")] * len(calls)

    def run(index: int, call: Callable[[], T]) -> None:
        try:
            start.wait(timeout=10)
            outcomes[index] = call()
        except BaseException as exc:  # reported to the test's own thread
            outcomes[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds)
    return outcomes


def blind_first_look(monkeypatch: Any, owner: object, name: str, answer: object) -> None:
    """Each thread's first call of ``owner.name`` answers ``answer`` ("nothing there
    yet"), later calls are real: so every thread passes a service's check before any of
    them writes, and what the database's constraint does is what the test sees."""
    real = getattr(owner, name)
    looked = threading.local()

    def first_look_is_blind(*args: Any, **kwargs: Any) -> Any:
        if not getattr(looked, "once", False):
            looked.once = True
            return answer
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, first_look_is_blind)
