"""The eligibility check: two questions in a GET form, then "you can enrol" with the way in,
or every reason why not, in plain Dutch. Bad input gets a message, never an error page."""

import datetime
import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from companies.models import MAX_MKB_EMPLOYEES, Region
from tests.factories import PASSWORD, EditionFactory, EnrolmentFactory
from website.forms import ELSEWHERE
from website.selectors import EditionOffer, Reason, eligibility

pytestmark = pytest.mark.django_db

YES = "Uw bedrijf kan meedoen"
NO = "Uw bedrijf kan niet meedoen"
TOO_BIG = "Het programma is voor het mkb: bedrijven met minder dan 250 mensen."
OUTSIDE = "Het programma is voor bedrijven die in Gelderland zijn gevestigd."
NO_EDITION = "Op dit moment is er geen editie waarvoor u zich kunt aanmelden."
SIGN_UP = 'href="/accounts/signup/?next=%2Finschrijven%2F"'


def region() -> Region:
    return Region.objects.get_or_create(name="Achterhoek")[0]


def check(client: Client, employees: int | str, where: int | str) -> str:
    """The main content of the page with the answers (the header has its own sign-up link)."""
    response = client.get(reverse("eligibility_check"), {"medewerkers": employees, "regio": where})
    assert response.status_code == 200
    return response.content.decode().split('<main id="inhoud"')[1]


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def test_without_answers_the_page_asks_the_questions(client: Client) -> None:
    region()
    page = client.get(reverse("eligibility_check")).content.decode()

    assert '<form class="form eligibility-form" method="get"' in page
    assert "Hoeveel mensen werken er bij uw bedrijf?" in page
    assert "Waar is uw bedrijf gevestigd?" in page
    assert "Achterhoek" in page
    assert "Ergens anders, buiten Gelderland" in page
    assert YES not in page
    assert NO not in page
    assert "csrfmiddlewaretoken" not in page


def test_a_small_company_in_the_province_can_enrol(client: Client) -> None:
    edition = EditionFactory.create(name="Editie 2027", places=10, enrolment_closes=days(20))
    EnrolmentFactory.create_batch(3, edition=edition, status="accepted")

    page = check(client, 40, region().pk)

    assert YES in page
    assert f"U kunt zich aanmelden voor Editie 2027 tot en met {days(20):%-d} " in page
    assert "Er zijn nog 7 plaatsen vrij." in page
    assert SIGN_UP in page


def test_the_last_mkb_size_can_enrol_and_one_more_cannot(client: Client) -> None:
    EditionFactory.create()

    assert YES in check(client, MAX_MKB_EMPLOYEES, region().pk)
    larger = check(client, MAX_MKB_EMPLOYEES + 1, region().pk)
    assert NO in larger
    assert TOO_BIG in larger
    assert SIGN_UP not in larger


def test_a_company_outside_the_province_cannot_enrol(client: Client) -> None:
    EditionFactory.create()

    page = check(client, 12, ELSEWHERE)

    assert NO in page
    assert OUTSIDE in page
    assert TOO_BIG not in page
    assert SIGN_UP not in page


def test_every_reason_is_given_not_only_the_first(client: Client) -> None:
    page = check(client, 400, ELSEWHERE)

    assert NO in page
    assert TOO_BIG in page
    assert OUTSIDE in page
    assert NO_EDITION in page


def test_without_an_edition_a_fitting_company_hears_to_come_back(client: Client) -> None:
    page = check(client, 40, region().pk)

    assert "Uw bedrijf past bij het programma, maar aanmelden kan nu niet" in page
    assert NO_EDITION in page
    assert f'href="{reverse("public_contact")}"' in page
    assert SIGN_UP not in page


def test_a_coming_edition_says_from_when(client: Client) -> None:
    EditionFactory.create(name="Editie Najaar", enrolment_opens=days(14), enrolment_closes=days(50))

    page = check(client, 40, region().pk)

    assert YES in page
    assert f"U kunt zich aanmelden voor Editie Najaar van {days(14):%-d} " in page
    assert SIGN_UP not in page  # enrolment is not open yet


def test_a_full_edition_still_takes_enrolments_on_the_waiting_list(client: Client) -> None:
    edition = EditionFactory.create(places=1)
    EnrolmentFactory.create(edition=edition, status="active")

    page = check(client, 40, region().pk)

    assert YES in page
    assert "Deze editie is vol: u komt op de wachtlijst." in page
    assert SIGN_UP in page


@pytest.mark.parametrize(
    ("employees", "where", "message"),
    [
        ("", None, "Vul in hoeveel mensen er bij uw bedrijf werken."),
        ("veel", None, "Vul een heel getal in, bijvoorbeeld 35."),
        ("0", None, "Vul een getal in van 1 of meer."),
        ("-3", None, "Vul een getal in van 1 of meer."),
        ("9" * 5000, None, "Vul een heel getal in, bijvoorbeeld 35."),
        ("40", "", "Kies waar uw bedrijf is gevestigd."),
        ("40", "99999", "Kies een van de regio’s, of ergens anders."),
        ("40", "<script>", "Kies een van de regio’s, of ergens anders."),
    ],
)
def test_bad_answers_get_a_plain_message(
    client: Client, employees: str, where: str | None, message: str
) -> None:
    EditionFactory.create()
    page = check(client, employees, region().pk if where is None else where)

    assert "Verbeter de velden die hieronder zijn gemarkeerd." in page
    assert message in page
    assert 'aria-invalid="true"' in page
    assert YES not in page
    assert NO not in page
    assert "<script>" not in page


def test_an_inactive_region_is_not_offered() -> None:
    Region.objects.create(name="Oude regio", is_active=False)
    page = Client().get(reverse("eligibility_check")).content.decode()
    assert "Oude regio" not in page


def test_the_rule_on_its_own() -> None:
    today = timezone.localdate()
    open_now = EditionOffer(EditionFactory.build(), places_left=3, open_now=True)
    later = EditionOffer(EditionFactory.build(enrolment_opens=today), places_left=3, open_now=False)
    inside = Region(name="Achterhoek")

    assert eligibility(employees=1, region=inside, editions=[later, open_now]).edition is open_now
    assert eligibility(employees=1, region=inside, editions=[later]).opens_later == today
    assert eligibility(employees=1, region=inside, editions=[open_now]).may_enrol
    assert eligibility(employees=250, region=None, editions=[]).reasons == [
        Reason.TOO_MANY_EMPLOYEES,
        Reason.OUTSIDE_PROVINCE,
        Reason.NO_EDITION,
    ]


def test_enrol_leads_through_sign_up_to_the_enrolment_form(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    EditionFactory.create()
    page = check(client, 40, region().pk)
    link = re.search(r'<a class="button" href="([^"]+)">Aanmelden</a>', page)
    assert link is not None
    signup = link[1].replace("&amp;", "&")

    form = client.get(signup).content.decode()
    assert '<input type="hidden" name="next" value="/inschrijven/">' in form
    data = {"email": "info@bakkerij.nl", "password1": PASSWORD, "password2": PASSWORD}
    with django_capture_on_commit_callbacks(execute=True):  # the outbox sends after commit
        client.post(signup, {**data, "next": "/inschrijven/"})
    confirm = re.search(r"https?://[^/\s]+(/\S+/)", str(mail.outbox[0].body))
    assert confirm is not None

    assert client.post(confirm[1])["Location"] == reverse("enrolment_start")
