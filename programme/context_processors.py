from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from programme.selectors import current


def programme(request: HttpRequest) -> dict[str, object]:
    """``{{ programme }}`` on every page: its name, operator, colours and texts."""
    return {"programme": SimpleLazyObject(current)}


def for_mail() -> dict[str, object]:
    """``{{ programme }}`` in every mail (``MAIL_CONTEXT_PROCESSORS``): its name in the
    subject, its name and operator under the text."""
    return {"programme": current()}
