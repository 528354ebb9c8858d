"""The public pages' addresses: the page in each language (for the language switch and
hreflang), its canonical address and Open Graph locale, and where "Enrol" leads."""

from dataclasses import dataclass
from urllib.parse import urlencode
from weakref import WeakKeyDictionary

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.template import Context
from django.urls import reverse
from django.utils.translation import get_language, override
from django_stubs_ext import StrOrPromise

from website.pages import MENU, MENU_PARENT

register = template.Library()

# Open Graph names a language with its country.
OG_LOCALES = {"nl": "nl_NL", "en": "en_GB"}


@dataclass(frozen=True)
class Version:
    """The page in one language."""

    code: str
    path: str
    url: str  # absolute, at the portal's public address

    @property
    def og_locale(self) -> str:
        return OG_LOCALES.get(self.code, self.code)


@dataclass(frozen=True)
class Addresses:
    current: Version
    others: list[Version]
    default: Version  # hreflang x-default: the language of a visitor we know nothing of
    enrol: str

    @property
    def versions(self) -> list[Version]:
        """Every language's, in the order of settings.LANGUAGES."""
        order = [code for code, _name in settings.LANGUAGES]
        return sorted([self.current, *self.others], key=lambda version: order.index(version.code))

    @property
    def site_url(self) -> str:
        return str(settings.SITE_URL)


# Worked out once per page, however many parts of the layout (and its includes) ask.
_ADDRESSES: "WeakKeyDictionary[HttpRequest, Addresses]" = WeakKeyDictionary()


@register.simple_tag(takes_context=True)
def public_addresses(context: Context) -> Addresses:
    request = context["request"]
    if request not in _ADDRESSES:
        _ADDRESSES[request] = _addresses(request)
    return _ADDRESSES[request]


def _addresses(request: HttpRequest) -> Addresses:
    current = get_language()
    versions = {}
    for code, _name in settings.LANGUAGES:
        path = _path_in(request, code)
        versions[code] = Version(code, path, settings.SITE_URL + path)
    this = versions.pop(current, Version(current, request.path, settings.SITE_URL + request.path))
    default = this if current == settings.LANGUAGE_CODE else versions[settings.LANGUAGE_CODE]
    # Sign up, then straight on to the enrolment (signed in already: one's dashboard).
    if request.user.is_authenticated:
        enrol = reverse("home")
    else:
        enrol = f"{reverse('account_signup')}?{urlencode({'next': reverse('enrolment_start')})}"
    return Addresses(this, list(versions.values()), default, enrol)


def _path_in(request: HttpRequest, language: str) -> str:
    """This page's path in another language: its URL reversed in that language."""
    match = request.resolver_match
    if match is None:
        return request.path
    with override(language):
        return reverse(match.view_name, args=match.args, kwargs=match.kwargs)


@dataclass(frozen=True)
class MenuItem:
    url: str
    label: StrOrPromise
    current: bool


@register.simple_tag(takes_context=True)
def public_menu(context: Context) -> list[MenuItem]:
    match = context["request"].resolver_match
    name = match.url_name if match else ""
    here = MENU_PARENT.get(name, name)
    return [MenuItem(reverse(name), label, name == here) for name, label in MENU]
