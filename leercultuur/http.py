from django.http import HttpRequest, HttpResponseRedirect, QueryDict
from django.urls import reverse


def posted(request: HttpRequest) -> QueryDict | None:
    """The form data of a POST; None for a GET, so a bound form only follows a submit."""
    return request.POST if request.method == "POST" else None


def declared_length(request: HttpRequest) -> int:
    """The body's length as the client declared it (Content-Length), without reading it.

    Django reads no more than this, so it bounds what an upload costs; 0 when absent or
    malformed (then Django reads nothing).
    """
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


def to_queue(key: str) -> HttpResponseRedirect:
    """Back to one of the work surface's lists (``/staf/?wachtrij=<key>``), after its action."""
    return HttpResponseRedirect(reverse("staff_dashboard") + f"?wachtrij={key}")
