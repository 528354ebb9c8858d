from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase

from accounts.roles import Role, role_of

View = Callable[..., HttpResponseBase]


def role_required(*roles: Role) -> Callable[[View], View]:
    """Signed in and of one of these roles; anyone else gets a 404, not a hint."""

    def decorator(view: View) -> View:
        @wraps(view)
        @login_required
        def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
            if role_of(request.user) not in roles:
                raise Http404
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
