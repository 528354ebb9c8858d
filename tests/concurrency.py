"""Work released at the same instant in threads, each on its own database connection: how
the tests prove that row locks keep the rules when people act at once (DESIGN §5)."""

import threading
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection


def race(jobs: Sequence[Callable[[], object]], *, timeout: float = 30) -> list[object]:
    """Run each job in its own thread, all released together. Returns, in the jobs' order,
    what each returned or the exception it raised (a deadlock or other database error too),
    so that the test's own thread makes the assertions."""
    start = threading.Barrier(len(jobs))
    results: list[object] = [None] * len(jobs)
    finished = [False] * len(jobs)

    def run(index: int, job: Callable[[], object]) -> None:
        try:
            start.wait(timeout=10)
            results[index] = job()
        except BaseException as error:  # reported to the test, not lost in the thread
            results[index] = error
        finally:
            finished[index] = True
            connection.close()  # or the test database cannot be dropped

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    assert all(finished), "a thread did not finish in time"
    return results


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
