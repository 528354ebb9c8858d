"""The admin's list of enrolments stays quick with tens of thousands of them and useful to
staff: 25 a page, a lead-coach filter of a few choices (or one coach, by the address),
the rows' checkboxes and the action list as Django writes them."""

import re

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from accounts.models import User
from companies.models import Enrolment
from tests.conftest import client_for
from tests.factories import CoachFactory, CompanyFactory, EditionFactory, EnrolmentFactory

CHANGELIST = reverse("admin:companies_enrolment_changelist")


def listed(staff: User, query: str = "") -> set[int]:
    response = client_for(staff).get(CHANGELIST + query)
    assert response.status_code == 200
    return {enrolment.pk for enrolment in response.context["cl"].result_list}


def test_the_lead_coach_filter_offers_none_any_or_one_coach(staff: User, coach: User) -> None:
    others = [CoachFactory.create(user__full_name=f"Coach {n}").user for n in range(3)]
    led = EnrolmentFactory.create(status=Enrolment.Status.ACCEPTED, lead_coach=coach)
    by_another = EnrolmentFactory.create(status=Enrolment.Status.ACCEPTED, lead_coach=others[0])
    without = EnrolmentFactory.create()

    assert listed(staff, "?lead_coach=none") == {without.pk}
    assert listed(staff, "?lead_coach=any") == {led.pk, by_another.pk}
    assert listed(staff, f"?lead_coach={coach.pk}") == {led.pk}


def test_the_filter_lists_no_coach_by_name_until_one_is_chosen(staff: User, coach: User) -> None:
    coach.full_name = "Mila Hoofdcoach"
    coach.save()
    EnrolmentFactory.create(status=Enrolment.Status.ACCEPTED, lead_coach=coach)
    client = client_for(staff)

    def coach_filter(query: str) -> str:
        html = client.get(CHANGELIST + query).content.decode()
        start = html.index('<search id="changelist-filter"')
        return html[start : html.index("</search>", start)]

    everyone = coach_filter("")
    assert "Nog geen hoofdcoach" in everyone
    assert "Met een hoofdcoach" in everyone
    assert "Mila Hoofdcoach" not in everyone
    chosen = coach_filter(f"?lead_coach={coach.pk}")
    assert re.search(r'class="selected">\s*<a[^>]*>Mila Hoofdcoach</a>', chosen)


def test_25_enrolments_a_page_and_all_on_request(staff: User) -> None:
    edition = EditionFactory.create()
    for n in range(26):
        EnrolmentFactory.create(
            edition=edition, company=CompanyFactory.create(kvk_number=f"{n:08d}")
        )

    assert len(listed(staff)) == 25
    assert len(listed(staff, "?all=")) == 26


def test_each_row_has_its_checkbox_and_the_actions_still_run(staff: User) -> None:
    enrolment = EnrolmentFactory.create(company__legal_name="Bakkerij Jansen B.V.")
    client = client_for(staff)

    html = client.get(CHANGELIST).content.decode()

    checkbox = (
        f'<input type="checkbox" name="{ACTION_CHECKBOX_NAME}" value="{enrolment.pk}" '
        f'class="action-select" aria-label="Kies voor een actie: {enrolment}">'
    )
    assert checkbox in html
    assert '<select name="action" required>' in html
    assert '<option value="waitlist">Op de wachtlijst zetten</option>' in html
    assert '<input type="hidden" name="select_across" value="0" class="select-across">' in html
    data = {"action": "waitlist", ACTION_CHECKBOX_NAME: [enrolment.pk], "select_across": "0"}
    client.post(CHANGELIST, data)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.WAITLISTED


def test_the_list_shows_company_edition_status_and_coach(staff: User, coach: User) -> None:
    coach.full_name = "Mila Hoofdcoach"
    coach.save()
    EnrolmentFactory.create(
        company__legal_name="Bakkerij Jansen B.V.",
        edition__name="Editie Achterhoek",
        status=Enrolment.Status.ACCEPTED,
        lead_coach=coach,
    )

    html = client_for(staff).get(CHANGELIST).content.decode()
    rows = html[html.index('id="result_list"') :]

    for shown in ("Bakkerij Jansen B.V.", "Editie Achterhoek", "Geaccepteerd", "Mila Hoofdcoach"):
        assert shown in rows


def test_admin_pages_have_no_sidebar_and_the_index_lists_the_models(staff: User) -> None:
    client = client_for(staff)

    assert 'id="nav-sidebar"' not in client.get(CHANGELIST).content.decode()
    index = client.get(reverse("admin:index")).content.decode()
    assert f'href="{CHANGELIST}"' in index
