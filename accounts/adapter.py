"""allauth's mails (verification, password reset, notices) go through the portal's outbox."""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site

from leercultuur.outbox.services import mail_queue_message


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """Render as allauth does, then queue: a mail server that is away delays the mail
        instead of failing the sign-up. Confidential: it may hold a sign-in link."""
        request = allauth_context.request
        defaults = {"request": request, "email": email, "current_site": get_current_site(request)}
        message = self.render_mail(template_prefix, email, {**defaults, **context})
        mail_queue_message(kind=template_prefix, message=message, confidential=True)
