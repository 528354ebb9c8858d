"""The programme office's contact details for `seed_demo`, so that the pages that show
them have something to show. Details staff have filled in already stay as they are."""

from programme.models import Programme
from programme.selectors import forget

OFFICE = {
    "contact_email": "programma@leercultuur.test",
    "contact_phone": "026 123 45 67",
    "contact_address": "Programmabureau Leercultuur MKB\nVoorbeeldstraat 1\n6811 AA Arnhem",
}


def seed_programme() -> None:
    programme, _created = Programme.objects.get_or_create(key=1)
    empty = [name for name, value in OFFICE.items() if not getattr(programme, name)]
    for name in empty:
        setattr(programme, name, OFFICE[name])
    if empty:
        programme.save(update_fields=[*empty, "updated_at"])
        forget()
