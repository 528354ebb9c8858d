"""Signals the enrolment services send, so that apps above companies can follow along.

companies imports no other app (see DESIGN), yet accepting an enrolment must open its
invoice and withdrawing an accepted one must credit it. The services therefore announce
each status change here; ``invoicing`` connects a receiver that calls its own service.

``enrolment_status_changed`` is sent by ``companies.services`` inside the transaction that
changes the status, with the enrolment row locked, and with the keyword arguments
``enrolment``, ``previous`` (the old status) and ``by`` (the user). It is sent with
``send``, not ``send_robust``: a receiver that raises rolls the status change back.
"""

from django.dispatch import Signal

enrolment_status_changed = Signal()
