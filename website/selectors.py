"""What the public information pages read: the coming editions with their places left, the
answer of the eligibility check, and the portal's own paths that search engines skip."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.core.cache import cache
from django.urls import LocalePrefixPattern, URLPattern, URLResolver, get_resolver
from django.utils import timezone

from companies.models import MAX_MKB_EMPLOYEES, Edition, Region
from companies.services import places_taken


@dataclass(frozen=True)
class EditionOffer:
    """An edition as a visitor sees it: until when to enrol, and how many places are left."""

    edition: Edition
    places_left: int
    open_now: bool

    @property
    def full(self) -> bool:
        return self.places_left == 0


# The public pages read the editions often and may lag a minute behind (they are cached
# downstream for minutes anyway).
EDITIONS_CACHE_SECONDS = 60


def coming_editions() -> list[EditionOffer]:
    """Editions open for enrolment now or later, the first to open first."""
    today = timezone.localdate()
    key = f"website:coming-editions:{today.isoformat()}"
    offers = cache.get(key)
    if not isinstance(offers, list):
        offers = _coming_editions(today)
        cache.set(key, offers, EDITIONS_CACHE_SECONDS)
    return offers


def _coming_editions(today: datetime.date) -> list[EditionOffer]:
    """Places left follow the rule that accepts an enrolment (enrolment_accept)."""
    editions = Edition.objects.filter(is_open=True, enrolment_closes__gte=today).order_by(
        "enrolment_opens", "enrolment_closes", "pk"
    )
    return [
        EditionOffer(
            edition=edition,
            places_left=max(edition.places - places_taken(edition), 0),
            open_now=edition.enrolment_opens <= today,
        )
        for edition in editions
    ]


class Reason(StrEnum):
    """Why a company cannot enrol (the template says it in words)."""

    TOO_MANY_EMPLOYEES = "too_many_employees"
    OUTSIDE_PROVINCE = "outside_province"
    NO_EDITION = "no_edition"


@dataclass(frozen=True)
class Verdict:
    reasons: list[Reason]
    # The edition to enrol in: open now, or else the first to open.
    edition: EditionOffer | None

    @property
    def may_enrol(self) -> bool:
        return not self.reasons

    @property
    def opens_later(self) -> datetime.date | None:
        if self.edition is None or self.edition.open_now:
            return None
        return self.edition.edition.enrolment_opens


def eligibility(
    *, employees: int, region: Region | None, editions: Iterable[EditionOffer]
) -> Verdict:
    """May a company with this many people, in this region (None: outside the province),
    enrol? Every reason it may not, not only the first."""
    offers = list(editions)
    edition = next((o for o in offers if o.open_now), offers[0] if offers else None)
    reasons = []
    if employees > MAX_MKB_EMPLOYEES:
        reasons.append(Reason.TOO_MANY_EMPLOYEES)
    if region is None:
        reasons.append(Reason.OUTSIDE_PROVINCE)
    if edition is None:
        reasons.append(Reason.NO_EDITION)
    return Verdict(reasons=reasons, edition=edition)


# --- robots.txt ---------------------------------------------------------------------------


def portal_paths(public_names: Iterable[str]) -> list[str]:
    """The first part of every path of the portal that is not a public page (in each
    language), so search engines skip them; a part a public page shares stays allowed."""
    private: set[str] = set()
    public: set[str] = set()
    per_language: set[str] = set()
    for route, name, localised in _routes(get_resolver().url_patterns):
        first = route.split("/", 1)[0]
        path = f"/{first}/" if "/" in route else f"/{first}"
        (public if name in public_names else private).add(path)
        if localised:
            per_language.add(path)
    paths = sorted(private - public)
    others = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    return paths + [f"/{code}{path}" for code in others for path in paths if path in per_language]


def _routes(
    patterns: list[URLPattern | URLResolver], prefix: str = "", per_language: bool = False
) -> Iterable[tuple[str, str, bool]]:
    """(route, URL name, whether it has a path per language) of every pattern; a whole
    included URLconf with a namespace (the admin) goes under the namespace's name."""
    for pattern in patterns:
        if isinstance(pattern.pattern, LocalePrefixPattern):
            yield from _routes(pattern.url_patterns, prefix, per_language=True)  # type: ignore[union-attr]
            continue
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver) and not (route and pattern.namespace):
            yield from _routes(pattern.url_patterns, route, per_language)
        elif route:
            name = pattern.namespace if isinstance(pattern, URLResolver) else pattern.name
            yield route, name or "", per_language
