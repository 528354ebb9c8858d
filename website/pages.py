"""The public information pages: each one's template, title and description (for the page,
search engines and link previews). Titles and descriptions may name the programme's settings
with the page texts' placeholders ({naam}, {bijdrage}, ...), filled in when shown."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class PublicPage:
    template: str
    title: StrOrPromise
    description: StrOrPromise


# By URL name, in the order of the menu.
PAGES: dict[str, PublicPage] = {
    "home": PublicPage(
        "website/home.html",
        "{naam}",
        _(
            "{naam} helps small and medium-sized companies in {provincie} make learning part "
            "of the work: {maanden} months with a labour-market coach and a learning network."
        ),
    ),
    "public_about": PublicPage(
        "website/about.html",
        _("About the programme"),
        _("What {naam} is, for which companies, and who runs and pays for it."),
    ),
    "public_approach": PublicPage(
        "website/approach.html",
        _("How it works"),
        _(
            "The {maanden} months of {naam}: a needs analysis with a coach, a development plan "
            "and a learning network with other companies."
        ),
    ),
    "public_costs": PublicPage(
        "website/costs.html",
        _("Costs and what you get"),
        _(
            "Taking part in {naam} costs an own contribution of {bijdrage} excluding VAT. "
            "Your company gets {uren} hours of coaching and a place in a learning network."
        ),
    ),
    "public_editions": PublicPage(
        "website/editions.html",
        _("Editions"),
        _("The coming editions of {naam}: until when you can enrol and how many places are left."),
    ),
    "eligibility_check": PublicPage(
        "website/eligibility.html",
        _("Can my company take part?"),
        _("Answer two questions and see at once whether your company can enrol in {naam}."),
    ),
    "public_questions": PublicPage(
        "website/questions.html",
        _("Questions and answers"),
        _("Answers to the questions companies often ask about {naam}."),
    ),
    "public_contact": PublicPage(
        "website/contact.html",
        _("Contact"),
        _("How to reach the programme office of {naam} at {organisator}."),
    ),
    "public_terms": PublicPage(
        "website/text_page.html",
        _("Terms"),
        _("The terms of {naam}: what your company agrees to when it enrols."),
    ),
    "privacy_statement": PublicPage(
        "website/text_page.html",
        _("Privacy statement"),
        _("How {naam} uses and protects the data of companies and their people."),
    ),
    "accessibility_statement": PublicPage(
        "website/text_page.html",
        _("Accessibility statement"),
        _("How accessible the website of {naam} is, and where to report a problem."),
    ),
}

# The page text from the programme's settings that a text page shows.
TEXT_OF_PAGE = {
    "public_terms": "terms",
    "privacy_statement": "privacy",
    "accessibility_statement": "accessibility",
}

# The menu of the public side; the statements are linked in the footer.
MENU: tuple[tuple[str, StrOrPromise], ...] = (
    ("public_about", _("About the programme")),
    ("public_approach", _("How it works")),
    ("public_costs", _("Costs")),
    ("public_editions", _("Editions")),
    ("eligibility_check", _("Can I take part?")),
    ("public_results", pgettext_lazy("public menu", "Results")),
    ("story_list", _("Stories")),
    ("public_questions", _("Questions")),
    ("public_contact", _("Contact")),
)
# A page that belongs under another's menu item.
MENU_PARENT = {"story_detail": "story_list"}
