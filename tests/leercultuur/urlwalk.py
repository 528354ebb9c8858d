"""Every named URL of the project with sample arguments, for tests that walk them all."""

import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import NoReverseMatch, Resolver404

# Tried in turn for each argument until the URL resolves (admin routes use regexes).
_SAMPLE_VALUES = ("1", str(uuid.UUID(int=1)), "accounts", "user", "x", "MQ", "a-b")


@dataclass(frozen=True)
class Route:
    name: str
    path: str


def _named(resolver: URLResolver, namespace: str = "") -> Iterator[tuple[str, list[str]]]:
    """(full name, parameter names) for every named pattern, namespaces included."""
    for key, entries in resolver.reverse_dict.lists():
        if isinstance(key, str):
            for possibilities, *_rest in entries:
                for _format, params in possibilities:
                    yield f"{namespace}{key}", params
    for name, (_prefix, sub) in resolver.namespace_dict.items():
        yield from _named(sub, f"{namespace}{name}:")


def _sample_path(name: str, params: list[str]) -> str | None:
    for value in _SAMPLE_VALUES:
        try:
            path = reverse(name, kwargs=dict.fromkeys(params, value))
            resolve(path)
        except (NoReverseMatch, Resolver404):
            continue
        return path
    return None


def all_routes() -> list[Route]:
    """One route per distinct URL, in the active language (Dutch: no prefix)."""
    routes: dict[str, Route] = {}
    for name, params in _named(get_resolver()):
        if path := _sample_path(name, params):
            routes.setdefault(path, Route(name=name, path=path))
    return sorted(routes.values(), key=lambda route: route.path)
