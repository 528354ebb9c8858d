"""The admin speaks Dutch in the Dutch interface, Django's own words included: its index,
a changelist (search, filters, actions, result count), a change form, the delete
confirmation, the history, the audit log and the words of its JavaScript."""

import re
from html.parser import HTMLParser

import pytest
from allauth.account.models import EmailAddress
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import trans_real

from accounts.audit_display import is_reverse_relation
from accounts.models import User
from coaching.models import BudgetAdjustment
from coaching.services import budget_adjustment_approve
from companies.models import Edition
from tests.conftest import client_for
from tests.factories import CompanyFactory, EditionFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db

# English that Django (or an add-on) would show where its Dutch is missing.
ENGLISH = (
    "Search",
    "Show all",
    "result",
    "Select an option",
    "Filter by",
    "Pagination",
    "selected",
    "Run",
    "Go",
    "Home",
    "Delete",
    "History",
    "Save",
    "Are you sure",
    "Yes, I’m sure",
    "No, take me back",
    "Audit log",
    "log entries",
    "Resource",
    "Public id",
    "changes",
    "system",
    "Recent actions",
    "View site",
    "Log out",
    "Add",
    "Change",
    # The audit log: django-auditlog's own words, and what it stores as Python wrote it.
    "Created",
    "Timestamp",
    "Actor",
    "Remote address",
    "Additional data",
    "Resource Type",
    "Changes",
    "Field",
    "From",
    "To",
    "Relationship",
    "Action",
    "Objects",
    "No field changes",
    "create",
    "update",
    "delete",
    "add",
    "None",
    "True",
    "False",
    "Approved by",
    "Enrolments",
    "Reports",
    "Sessions",
)

# Field names that need no translation.
SAME_IN_EVERY_LANGUAGE = {"ID"}

# Attributes whose text people see or hear (screen readers); a button's value too.
SHOWN_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder"}
BUTTON_TYPES = {"submit", "button", "reset"}


class ShownText(HTMLParser):
    """The text of a page that a person sees or hears: no scripts, styles or hidden values."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style"}:
            self._skipping += 1
        attributes = dict(attrs)
        self.parts += [v for k, v in attributes.items() if k in SHOWN_ATTRIBUTES and v]
        if tag == "input" and attributes.get("type") in BUTTON_TYPES:
            self.parts.append(attributes.get("value") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self._skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def shown_text(html: bytes) -> str:
    parser = ShownText()
    parser.feed(html.decode())
    return " ".join(" ".join(parser.parts).split())


def english_in(text: str) -> list[str]:
    return [phrase for phrase in ENGLISH if re.search(rf"\b{re.escape(phrase)}\b", text)]


def page(client: Client, url: str, **post: object) -> str:
    response = client.post(url, post) if post else client.get(url)
    assert response.status_code == 200, url
    return shown_text(response.content)


@pytest.fixture
def edition() -> Edition:
    edition = EditionFactory.create(name="Editie Achterhoek")
    for name in ("Bakkerij Jansen", "Metaal Oost", "Zorg West"):
        EnrolmentFactory.create(edition=edition, company=CompanyFactory.create(legal_name=name))
    return edition


def test_index_is_dutch(staff: User, edition: Edition) -> None:
    text = page(client_for(staff), reverse("admin:index"))

    assert english_in(text) == []
    assert "Logboek" in text


def test_changelist_with_search_filters_and_actions_is_dutch(staff: User, edition: Edition) -> None:
    url = reverse("admin:companies_enrolment_changelist") + "?q=Bakkerij"

    text = page(client_for(staff), url)

    assert english_in(text) == []
    assert "Zoeken" in text  # the button and the icon's text
    assert "1 resultaat" in text
    assert "Inschrijvingen zoeken" in text or "inschrijvingen zoeken" in text
    assert "Uitvoeren" in text


def test_change_form_delete_and_history_are_dutch(staff: User, edition: Edition) -> None:
    client = client_for(staff)
    empty = EditionFactory.create(name="Editie Rivierenland")

    change = page(client, reverse("admin:companies_edition_change", args=[edition.pk]))
    delete = page(client, reverse("admin:companies_edition_delete", args=[empty.pk]))
    history = page(client, reverse("admin:companies_edition_history", args=[edition.pk]))

    for text in (change, delete, history):
        assert english_in(text) == []
    assert "Opslaan" in change
    assert "Weet u zeker" in delete
    assert "Geschiedenis" in history


def test_bulk_delete_confirmation_is_dutch(staff: User) -> None:
    editions = EditionFactory.create_batch(2)
    data = {"action": "delete_selected", ACTION_CHECKBOX_NAME: [e.pk for e in editions]}

    text = page(client_for(staff), reverse("admin:companies_edition_changelist"), **data)

    assert english_in(text) == []
    assert "Weet u zeker" in text


@pytest.fixture
def audit_trail(staff: User, coach: User) -> list[LogEntry]:
    """Entries of every kind: created (with its empty reverse relations), changed (a yes/no,
    a relation to many), deleted, and one with a field named after its attribute."""
    enrolment = EnrolmentFactory.create(company__legal_name="Bakkerij Jansen")
    enrolment.coaches.add(coach)
    edition = EditionFactory.create(name="Editie Rivierenland", is_open=True)
    edition.is_open = False
    edition.save()
    EditionFactory.create(name="Editie Weg").delete()
    adjustment = BudgetAdjustment.objects.create(enrolment=enrolment, minutes=120, reason="Extra")
    budget_adjustment_approve(adjustment=adjustment, by=staff)
    LogEntry.objects.update(remote_addr="127.0.0.1", additional_data={"bron": "test"})
    return list(LogEntry.objects.all())


def test_audit_log_is_dutch_and_searchable(staff: User, audit_trail: list[LogEntry]) -> None:
    client = client_for(staff)
    changelist = reverse("admin:auditlog_logentry_changelist")
    entry = LogEntry.objects.get_for_object(staff).first()
    assert entry is not None

    text = page(client, changelist)
    found = page(client, changelist + "?q=staf")
    detail = page(client, reverse("admin:auditlog_logentry_change", args=[entry.pk]))

    for shown in (text, found, detail):
        assert english_in(shown) == []
    assert "Logboek" in text
    assert "wijzigingen: " in text
    assert "Op Soort object" in text
    assert "Inschrijving" in text  # the kinds of object by their Dutch names
    assert "E-mailadres" in detail  # the changed fields, by their Dutch names


def test_every_audit_log_entry_page_is_dutch(staff: User, audit_trail: list[LogEntry]) -> None:
    client = client_for(staff)
    kinds = {entry.content_type_id for entry in audit_trail}

    pages = {
        entry.pk: page(client, reverse("admin:auditlog_logentry_change", args=[entry.pk]))
        for entry in audit_trail
    }
    for kind in kinds:
        url = reverse("admin:auditlog_logentry_changelist") + f"?resource_type={kind}"
        pages[f"list of {kind}"] = page(client, url)

    assert {key: english_in(text) for key, text in pages.items() if english_in(text)} == {}
    texts = " ".join(pages.values())
    assert "Veld Van Aan" in texts  # the changes table's headers
    assert "Open voor inschrijving ja nee" in texts  # yes/no, not True/False
    assert "Relatie Actie Objecten" in texts
    assert "Andere coaches toegevoegd" in texts  # a relation to many, added to
    assert "Goedgekeurd door –" in texts  # a field named after its attribute, and empty
    assert "Actie: verwijderen" in texts


def test_every_audited_field_has_a_dutch_name() -> None:
    """A field added to an audited model without a translated name fails here first."""
    catalogue = trans_real.translation("nl")._catalog  # type: ignore[attr-defined]
    missing = []
    for model in auditlog.get_models():
        for field in model._meta.get_fields():
            if is_reverse_relation(field):
                continue
            with translation.override(None):
                name = str(field.verbose_name)
            if name not in catalogue and name not in SAME_IN_EVERY_LANGUAGE:
                missing.append(f"{model.__name__}.{field.name}: {name}")

    assert missing == []


def test_the_admins_javascript_words_are_dutch(staff: User) -> None:
    """Calendar, clock and the time-zone note come from the admin's JavaScript catalogue."""
    catalogue = client_for(staff).get(reverse("admin:jsi18n")).content.decode()

    assert "Let op: voer tijden in in de tijdzone %(timezone)s. (U loopt %(offset)s uur voor.)" in (
        catalogue
    )
    assert "U loopt %(offset)s uur achter." in catalogue
    assert "Vandaag (%(date)s)" in catalogue
    assert "%s (huidige selectie)" in catalogue


def test_one_accounts_section_on_the_index(staff: User) -> None:
    response = client_for(staff).get(reverse("admin:index"))

    sections = [app["name"] for app in response.context["app_list"]]
    assert sections.count("Accounts") == 1
    models = next(
        app["models"] for app in response.context["app_list"] if app["name"] == "Accounts"
    )
    assert [model["object_name"] for model in models] == ["User"]


def test_a_persons_e_mail_addresses_are_on_their_page(staff: User) -> None:
    EmailAddress.objects.create(user=staff, email="tweede@vnoncwmidden.nl", verified=True)

    response = client_for(staff).get(reverse("admin:accounts_user_change", args=[staff.pk]))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Bekende e-mailadressen" in content
    assert "tweede@vnoncwmidden.nl (geverifieerd)" in content
