from django.http import HttpRequest, QueryDict


def posted(request: HttpRequest) -> QueryDict | None:
    """The form data of a POST; None for a GET, so a bound form only follows a submit."""
    return request.POST if request.method == "POST" else None
