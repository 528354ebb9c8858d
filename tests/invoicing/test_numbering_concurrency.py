"""Invoices issued at the same instant get exactly 1..N; a rolled-back number is reused."""

import threading
import time
from functools import partial

import pytest
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import User
from invoicing import services
from invoicing.models import Invoice
from tests.concurrency import race
from tests.factories import DraftInvoiceFactory, IssuerDetailsFactory, StaffFactory

THREADS = 8


@pytest.mark.django_db(transaction=True)
def test_parallel_issuers_get_exactly_one_to_n() -> None:
    assert connection.vendor == "postgresql", "row locks are what this test proves"
    IssuerDetailsFactory.create()
    drafts = DraftInvoiceFactory.create_batch(THREADS)
    staff: User = StaffFactory.create()

    results = race(
        [partial(services.invoice_issue, invoice=draft, by=staff) for draft in drafts], timeout=60
    )

    assert not [r for r in results if isinstance(r, BaseException)], results
    year = timezone.localdate().year
    sequences = sorted(n or 0 for n in Invoice.objects.values_list("sequence", flat=True))
    assert sequences == list(range(1, THREADS + 1))
    numbers = set(Invoice.objects.values_list("number", flat=True))
    assert numbers == {f"{year}-{n:04d}" for n in range(1, THREADS + 1)}


@pytest.mark.django_db(transaction=True)
def test_a_number_taken_then_rolled_back_goes_to_the_next_issuer() -> None:
    """A holds number 1 while B waits for the lock; A rolls back, so B gets number 1."""
    IssuerDetailsFactory.create()
    first, second = DraftInvoiceFactory.create_batch(2)
    staff: User = StaffFactory.create()
    a_has_number = threading.Event()
    b_is_waiting = threading.Event()
    results: dict[str, object] = {}

    class Abort(Exception):
        pass

    def a() -> None:
        try:
            with transaction.atomic():
                results["a"] = services.invoice_issue(invoice=first, by=staff).number
                a_has_number.set()
                b_is_waiting.wait(timeout=10)
                time.sleep(0.5)  # B is now blocked on the counter row
                raise Abort
        except Abort:
            pass
        except BaseException as exc:
            results["a_error"] = exc
        finally:
            connection.close()

    def b() -> None:
        try:
            a_has_number.wait(timeout=10)
            b_is_waiting.set()  # B now blocks on the counter row until A rolls back
            results["b"] = services.invoice_issue(invoice=second, by=staff).number
        except BaseException as exc:
            results["b_error"] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=a), threading.Thread(target=b)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    year = timezone.localdate().year
    assert "a_error" not in results, results
    assert "b_error" not in results, results
    assert results["a"] == results["b"] == f"{year}-0001"
    first.refresh_from_db()
    assert first.number is None
    assert list(Invoice.objects.issued().values_list("number", flat=True)) == [f"{year}-0001"]
