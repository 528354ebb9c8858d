"""Nothing private in a shared cache (a proxy, a CDN) or left on a shared computer's disk."""

import functools
from collections.abc import Callable
from typing import Any

from django.http import FileResponse, HttpRequest
from django.http.response import HttpResponseBase

PRIVATE = "private, no-store"
# URL arguments that are a secret: whoever has the link sees the page (the calendar feed,
# the check-in page of a meeting, an invitation, allauth's password-reset and confirm links).
SECRET_ARGUMENTS = frozenset({"token", "key"})


class PrivateCacheMiddleware:
    """Every page of a signed-in user, every download and every page addressed by a
    secret token is ``Cache-Control: private, no-store``, whatever the view said. Other
    HTML pages get it too unless they set their own Cache-Control (a public page may
    choose to be cached). Placed after WhiteNoise, which answers static files before this
    runs, so they keep their own long caching."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if is_private(request, response) or _unset_html(response):
            response["Cache-Control"] = PRIVATE
        return response


def shared_by_all[V: Callable[..., HttpResponseBase]](view: V) -> V:
    """Mark a view's answer as the same for everyone (a style sheet made from settings):
    it keeps its own Cache-Control, also for a signed-in user."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(*args, **kwargs)
        response.shared_by_all = True  # type: ignore[attr-defined]
        return response

    return wrapper  # type: ignore[return-value]


def is_private(request: HttpRequest, response: HttpResponseBase) -> bool:
    if getattr(response, "shared_by_all", False):
        return False
    user = getattr(request, "user", None)
    match = request.resolver_match
    return (
        (user is not None and user.is_authenticated)
        or is_download(response)
        or (match is not None and not SECRET_ARGUMENTS.isdisjoint(match.kwargs))
    )


def is_download(response: HttpResponseBase) -> bool:
    return isinstance(response, FileResponse) or response.has_header("Content-Disposition")


def _unset_html(response: HttpResponseBase) -> bool:
    html = response.get("Content-Type", "").startswith("text/html")
    return html and not response.has_header("Cache-Control")
