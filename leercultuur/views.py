from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.roles import Role, role_of

HOME_BY_ROLE = {
    Role.STAFF: "staff_dashboard",
    Role.COACH: "coach_dashboard",
    Role.CONTACT: "company_dashboard",
    Role.NONE: "welcome",
}


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send every user to the dashboard of their role."""
    return redirect(HOME_BY_ROLE[role_of(request.user)])


@login_required
def bench_minimal(request: HttpRequest) -> HttpResponse:
    """The benchmark's yardstick, routed only with BENCH on: the middleware and session of
    every page, then one query. Key pages are timed against it."""
    users = get_user_model().objects.filter(email=request.user.email)  # type: ignore[union-attr]
    return HttpResponse(f"{users.count()}", content_type="text/plain")


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Report whether the database and (when configured) Redis answer."""
    checks = {"database": _check_database(), "redis": _check_redis()}
    healthy = all(state in {"ok", "not configured"} for state in checks.values())
    return JsonResponse(checks, status=200 if healthy else 503)


def _check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return "unavailable"
    return "ok"


def _check_redis() -> str:
    if not settings.REDIS_URL:
        return "not configured"
    try:
        # A round trip: the cache misses rather than fails while Redis is down.
        cache.set("healthz", "1", timeout=5)
        answered = cache.get("healthz") == "1"
    except Exception:
        return "unavailable"
    return "ok" if answered else "unavailable"
