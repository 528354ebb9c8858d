from django.http import HttpRequest

from accounts.roles import role_of


def roles(request: HttpRequest) -> dict[str, str]:
    """The current user's role, for the navigation in base.html."""
    return {"role": role_of(request.user)}
