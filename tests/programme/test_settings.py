"""The programme's settings: today's values until staff change them, read from the cache,
and every change on the pages at once."""

from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from programme.models import Programme, Question, contrast_with_white
from programme.selectors import current, fill, forget
from programme.style import palette
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def today() -> None:
    """The row as the migration makes it (a transactional test elsewhere may have emptied
    the tables), and nothing cached."""
    import_module("programme.migrations.0002_today").create(apps, None)
    forget()


def test_the_programme_starts_as_today_with_its_questions() -> None:
    Programme.objects.all().delete()
    forget()
    unsaved = current()  # no row: today's values all the same, and nothing written
    assert unsaved.name == "Leercultuur MKB"
    assert not Programme.objects.exists()

    today()
    programme = current()

    assert programme.name == "Leercultuur MKB"
    assert programme.operator == "VNO-NCW Midden"
    assert programme.funder == "Provincie Gelderland"
    assert programme.coach_minutes == 120 * 60
    assert str(programme.contribution) == "2000.00"
    assert Question.objects.count() == 4
    today()
    assert Programme.objects.count() == 1
    assert Question.objects.count() == 4  # made once


def test_the_settings_are_read_from_the_cache_until_forgotten(
    django_assert_num_queries: pytest.FixtureRequest,
) -> None:
    today()
    current()
    Programme.objects.update(name="Leren Werkt Achterhoek")
    with django_assert_num_queries(0):  # type: ignore[operator]
        assert current().name == "Leercultuur MKB"
    forget()
    assert current().name == "Leren Werkt Achterhoek"


def test_texts_fill_in_the_amounts_and_fall_back_to_dutch() -> None:
    programme = current()
    programme.contribution, programme.coach_hours, programme.province = 1500, 80, "Overijssel"
    programme.offer_en = ""

    with translation.override("nl"):
        dutch = fill(programme.text("offer"), programme)
        terms = fill(programme.text("terms"), programme)
    with translation.override("en"):
        english = fill(programme.text("offer"), programme)
        audience = fill(programme.text("audience"), programme)

    assert "80 uur" in dutch
    assert "€\u00a01.500 (exclusief btw)" in terms
    assert english == dutch  # no English text: the Dutch one
    assert "companies in Overijssel" in audience
    assert fill("{onbekend} en {uren}", programme) == "{onbekend} en 80"


def test_a_main_colour_that_white_text_cannot_be_read_on_is_refused() -> None:
    programme = current()
    programme.primary_colour = "#f2b134"
    with pytest.raises(ValidationError) as refused:
        programme.full_clean()
    assert "primary_colour" in refused.value.message_dict
    programme.primary_colour = "#7a1f3d"
    programme.full_clean()
    assert contrast_with_white("#1b5e7b") >= 4.5
    assert contrast_with_white("#ffffff") == pytest.approx(1.0)


def test_the_colours_reach_every_page_through_a_cached_style_sheet(contact: User) -> None:
    today()
    Programme.objects.update(primary_colour="#7a1f3d", accent_colour="#00aa55")
    forget()
    shades = palette(current())

    response = client_for(contact).get(reverse("programme_css"))

    css = response.content.decode()
    assert response["Content-Type"].startswith("text/css")
    assert "public" in response["Cache-Control"]  # signed in, yet the same for everyone
    assert "--primary: #7a1f3d;" in css
    assert "--accent: #00aa55;" in css
    assert f"--primary-dark: {shades['primary-dark']};" in css
    assert shades["primary-dark"] != "#7a1f3d"


def test_a_change_in_the_admin_shows_on_the_pages_at_once(staff: User) -> None:
    client = client_for(staff)
    today()
    current()  # cached
    url = reverse("admin:programme_programme_change", args=[1])
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(name="Leren Werkt Achterhoek", operator="Ondernemers Achterhoek")
    data.update({"questions-TOTAL_FORMS": "0", "questions-INITIAL_FORMS": "0"})

    response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    page = Client().get(reverse("account_login")).content.decode()
    assert "– Leren Werkt Achterhoek</title>" in page
    assert "Ondernemers Achterhoek" in page
    assert "Leercultuur MKB</title>" not in page
    assert "Leren Werkt Achterhoek" in client.get(reverse("admin:index")).content.decode()
