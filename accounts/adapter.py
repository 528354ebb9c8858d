"""allauth as the programme runs it: its mails go through the portal's outbox and carry the
programme's name, as does the account in an authenticator app."""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter
from django.contrib.sites.shortcuts import get_current_site
from django.utils.encoding import force_str

from leercultuur.outbox.services import mail_context, mail_queue_message
from leercultuur.portal import portal_name


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """Render as allauth does, then queue: a mail server that is away delays the mail
        instead of failing the sign-up. Confidential: it may hold a sign-in link."""
        request = allauth_context.request
        defaults = {"request": request, "email": email, "current_site": get_current_site(request)}
        message = self.render_mail(
            template_prefix, email, {**mail_context(), **defaults, **context}
        )
        mail_queue_message(kind=template_prefix, message=message, confidential=True)

    def format_email_subject(self, subject: str) -> str:
        """The programme's name in brackets before the subject, as in the portal's own mails."""
        return f"[{portal_name()}] {force_str(subject)}"


class MFAAdapter(DefaultMFAAdapter):
    def get_totp_issuer(self) -> str:
        """The name an authenticator app shows above the code: the programme's."""
        return portal_name()
