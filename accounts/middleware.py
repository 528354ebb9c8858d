from collections.abc import Callable

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from accounts.roles import mfa_required

# Pages a staff member or coach may open before their authenticator is set up.
_MFA_SETUP_URL_NAMES = (
    "mfa_index",
    "mfa_activate_totp",
    "account_logout",
    "account_reauthenticate",
    "set_language",
    # The programme's colours and logo, which the setup page itself shows.
    "programme_css",
    "programme_logo",
)
_ALWAYS_ALLOWED_PREFIXES = ("/healthz", "/static/")


class RequireMFAMiddleware:
    """Send staff and coaches to set up two-factor authentication before anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._must_set_up_mfa(request):
            return HttpResponseRedirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    def _must_set_up_mfa(self, request: HttpRequest) -> bool:
        if not settings.MFA_REQUIRED_FOR_STAFF_AND_COACHES:
            return False
        if request.path.startswith(_ALWAYS_ALLOWED_PREFIXES):
            return False
        if not mfa_required(request.user):
            return False
        allowed = tuple(reverse(name) for name in _MFA_SETUP_URL_NAMES)
        if request.path.startswith(allowed):
            return False
        return not is_mfa_enabled(request.user)
