"""/sitemap.xml: the public pages only, in Dutch and English, at the portal's public address
(SITE_URL), whichever host name a request came in on."""

from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

if TYPE_CHECKING:
    from django.contrib.sites.models import Site
    from django.contrib.sites.requests import RequestSite

from website.pages import PAGES

# The public side's other pages (results, stories, good practice).
SHOWCASE_NAMES = ("public_results", "story_list", "library")
PUBLIC_NAMES = (*PAGES, *SHOWCASE_NAMES)


class PublicPagesSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"

    def __init__(self) -> None:
        address = urlsplit(settings.SITE_URL)
        self.protocol = address.scheme
        self.domain = address.netloc

    def items(self) -> list[str]:
        return list(PUBLIC_NAMES)

    def location(self, item: str) -> str:
        return reverse(item)

    def priority(self, item: str) -> float:
        return 1.0 if item == "home" else 0.5

    def get_domain(self, site: "Site | RequestSite | None" = None) -> str:
        return self.domain


SITEMAPS: "dict[str, type[Sitemap[Any]] | Sitemap[Any]]" = {"pages": PublicPagesSitemap}
