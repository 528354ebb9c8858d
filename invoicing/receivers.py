"""Invoicing follows the enrolment lifecycle without companies importing invoicing.

``companies.services`` sends ``enrolment_status_changed`` inside its transaction (see
companies/signals.py); these receivers only call the invoicing services.
"""

from typing import Any

from accounts.models import User
from companies.models import Enrolment
from invoicing import services


def on_enrolment_status_changed(
    sender: type[Enrolment],
    *,
    enrolment: Enrolment,
    previous: str,
    by: User | None,
    **kwargs: Any,
) -> None:
    if enrolment.status == Enrolment.Status.ACCEPTED:
        services.invoice_create_draft(enrolment=enrolment)
    elif enrolment.status == Enrolment.Status.WITHDRAWN and previous in Enrolment.HOLDS_PLACE:
        services.invoice_withdrawal_settle(enrolment=enrolment, by=by)
