"""Personal data in invoicing, and why issued invoices keep theirs.

See accounts/privacy.py for what the declarations mean.

Dutch fiscal law (Algemene wet inzake rijksbelastingen, article 52) requires the
programme office to keep its invoices, unchanged, for seven years from the end of the
year they belong to; the GDPR allows this (article 17(3)(b): a legal obligation). So an
erasure leaves an issued invoice's customer details alone: the billing contact's name
and address, and the UBL e-invoice and PDF that carry them. Nor does the retention purge
delete invoices once the seven years are over: an issued invoice is never deleted (the
database refuses it), and throwing away a closed book year is a decision for the
programme office and its accountant, not for a nightly task.
"""

from django.db.models import Q

from accounts.privacy import LINK_TO_ERASED_USER, addressed, named, not_personal, register
from invoicing.models import Invoice, IssuerDetails, Payment

FISCAL_RETENTION = "fiscal retention: an issued invoice is kept unchanged for seven years"

register(
    Invoice,
    # Invoices of their own company that name them as its billing contact.
    rows=lambda user: (
        Q(enrolment__company__contacts__user=user)
        & (named("buyer_contact", user) | addressed("buyer_email", user))
    ),
    export=("number", "issue_date", "buyer_legal_name", "buyer_contact", "buyer_email"),
    scrub=("pdf_error",),
    kept={
        "buyer_contact": FISCAL_RETENTION,
        "buyer_email": FISCAL_RETENTION,
        "ubl_xml": FISCAL_RETENTION,
        "reason": FISCAL_RETENTION,
    },
)
register(
    Invoice,
    label="invoicing.invoice.issued",
    rows=lambda user: Q(issued_by=user),
    export=("number", "issue_date"),
    kept={"issued_by": f"{LINK_TO_ERASED_USER}; {FISCAL_RETENTION}"},
)
register(
    Payment,
    rows=lambda user: Q(recorded_by=user),
    export=("invoice", "amount", "paid_on", "recorded_at"),
    kept={"recorded_by": LINK_TO_ERASED_USER},
)
not_personal(
    Invoice,
    seller_legal_name="the programme office's name",
    seller_email="the programme office's address",
    buyer_legal_name="the company's name",
)
not_personal(
    IssuerDetails,
    legal_name="the programme office's name",
    email="the programme office's invoicing address",
)
