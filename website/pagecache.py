"""Whole pages kept for visitors who are not signed in: the same for each of them, so
made once a minute (per language) rather than on every visit. Signed-in users, whose
pages carry their name and menu, always get theirs made afresh."""

import functools
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language


def _key(name: str, language: str) -> str:
    return f"website:page:{name}:{language}"


def kept_for_visitors(
    name: str, seconds: int
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Keep the view's page under ``name`` for ``seconds``, for visitors only; a page that
    sets a cookie (it would carry someone's token) is never kept."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.user.is_authenticated:
                return view(request, *args, **kwargs)
            key = _key(name, get_language())
            kept = cache.get(key)
            if kept is not None:
                content, headers = kept
                return HttpResponse(content, headers=headers)
            response: HttpResponse = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.cookies:
                headers = {
                    h: response[h] for h in ("Content-Type", "Cache-Control") if h in response
                }
                cache.set(key, (response.content, headers), seconds)
            return response

        return wrapper

    return decorate


def forget_pages(name: str) -> None:
    """Drop the kept page in every language (its content changed)."""
    cache.delete_many([_key(name, code) for code, _label in settings.LANGUAGES])
