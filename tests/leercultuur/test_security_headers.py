"""Every page carries the security headers; production adds HSTS and secure cookies.

The pages are the matrix's (tests/leercultuur/matrix.py): each URL that answers 200 to
some role is fetched once, as that role, over the world of tests/leercultuur/world.py.
Production settings are loaded in a subprocess with DEBUG off, as test_deployment.py does.
"""

import json

import pytest
from django.conf import settings
from django.http.response import HttpResponseBase
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.factories import PASSWORD
from tests.leercultuur.matrix import MATRIX, OBJECTS, ask, routed_rows
from tests.leercultuur.test_deployment import production_env, run_python
from tests.leercultuur.world import ROLES, World


def header_problems(response: HttpResponseBase) -> list[str]:
    """What is missing or weak in one response's security headers."""
    problems = []
    csp = response.get("Content-Security-Policy", "")
    directives = {d.split()[0]: d for d in csp.split("; ") if d}
    for directive, value in {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "object-src": "'none'",
        "frame-ancestors": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
    }.items():
        if directives.get(directive) != f"{directive} {value}":
            problems.append(f"CSP {directive} is {directives.get(directive)!r}")
    if "unsafe-inline" in csp or "unsafe-eval" in csp:
        problems.append(f"CSP allows unsafe code: {csp}")
    expected = {
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "X-Frame-Options": "DENY",
        "Cross-Origin-Opener-Policy": "same-origin",
    }
    for header, value in expected.items():
        if response.get(header) != value:
            problems.append(f"{header} is {response.get(header)!r}, not {value!r}")
    return problems


def pages(world: World) -> list[tuple[str, str, str]]:
    """(name, role, path) for every matrix URL that answers 200 to some role."""
    found = []
    for name in routed_rows():
        row = MATRIX[name]
        for role, cell in zip(ROLES, row.get, strict=True):
            cells = (cell,) if isinstance(cell, int) else cell
            if 200 in cells:
                which = cells.index(200) if row.on else 0
                side = world.sides(role)[which]
                kwargs = OBJECTS[row.on](side) if row.on else {}
                found.append((name, role, reverse(name, kwargs=kwargs)))
                break
    return found


@pytest.mark.django_db
def test_every_page_has_the_security_headers(world: World) -> None:
    found = pages(world)
    assert len(found) >= 40, "the walk found too few pages"
    clients = {role: world.client(role) for role in ROLES}
    wrong = []
    for name, role, path in found:
        answer = ask(clients[role], "GET", path)
        assert answer.response is not None, f"{name}: {answer.status}"
        if answer.status != 200:
            wrong.append(f"{name} ({role}) {path}: answered {answer.status}")
        wrong += [f"{name} ({role}) {path}: {p}" for p in header_problems(answer.response)]
    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/accounts/login/", "/beheer/", "/bedrijf/", "/inschrijvingen/not-a-uuid/", "/en/healthz"],
)
def test_redirects_and_errors_have_them_too(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code in {200, 302, 404}
    assert header_problems(response) == []


# --- Session cookies ----------------------------------------------------------------------------


def test_sessions_last_a_working_day_and_end_with_the_browser() -> None:
    assert settings.SESSION_COOKIE_AGE == 10 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_HTTPONLY is True
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"
    assert settings.ACCOUNT_SESSION_REMEMBER is False


@pytest.mark.django_db
def test_signing_in_sets_a_browser_session_cookie(contact: User) -> None:
    client = Client()
    response = client.post(reverse("account_login"), {"login": contact.email, "password": PASSWORD})
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    # No lifetime in the browser: the cookie goes when the browser closes...
    assert not cookie["max-age"]
    assert not cookie["expires"]
    # ...and the server forgets the session after SESSION_COOKIE_AGE whatever the browser does.
    assert client.session.get_expire_at_browser_close()
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE


# --- Production settings (DEBUG off), in a subprocess -------------------------------------------

PROBE = """
import json
import django
django.setup()
from django.conf import settings
from django.test import Client

names = [
    "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE", "SESSION_COOKIE_AGE", "SESSION_EXPIRE_AT_BROWSER_CLOSE",
    "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_PROXY_SSL_HEADER",
]
found = {name: getattr(settings, name, None) for name in names}
found["ALLAUTH_TRUSTED_PROXY_COUNT"] = getattr(settings, "ALLAUTH_TRUSTED_PROXY_COUNT", 0)
client = Client(HTTP_HOST="portal.example.nl")
secure = client.get("/healthz", secure=True)
plain = client.get("/accounts/login/")
found["headers"] = dict(secure.headers)
found["plain"] = [plain.status_code, plain.headers.get("Location", "")]
print(json.dumps(found))
"""


def production_probe(**env: str | None) -> dict[str, object]:
    result = run_python(["-c", PROBE], production_env(REDIS_URL=None, **env))
    assert result.returncode == 0, result.stderr[-3000:]
    data: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return data


def test_production_sends_hsts_and_keeps_cookies_on_https() -> None:
    found = production_probe()
    assert found["SESSION_COOKIE_SECURE"] is True
    assert found["CSRF_COOKIE_SECURE"] is True
    assert found["SESSION_COOKIE_HTTPONLY"] is True
    assert found["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert found["SESSION_COOKIE_AGE"] == 36000
    assert found["SESSION_EXPIRE_AT_BROWSER_CLOSE"] is True
    assert found["SECURE_SSL_REDIRECT"] is True
    assert found["SECURE_PROXY_SSL_HEADER"] is None
    assert found["ALLAUTH_TRUSTED_PROXY_COUNT"] == 0
    headers = found["headers"]
    assert isinstance(headers, dict)
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    # Plain HTTP is sent to HTTPS before any page is made.
    assert found["plain"] == [301, "https://portal.example.nl/accounts/login/"]


def test_session_age_comes_from_the_environment() -> None:
    assert production_probe(SESSION_COOKIE_AGE="28800")["SESSION_COOKIE_AGE"] == 28800


@pytest.mark.parametrize("value", ["acht uur", "60"])
def test_a_wrong_session_age_stops_the_portal(value: str) -> None:
    result = run_python(
        ["-c", "import leercultuur.settings"], production_env(SESSION_COOKIE_AGE=value)
    )
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("django.core.exceptions.ImproperlyConfigured")
    assert "SESSION_COOKIE_AGE" in last_line


def test_behind_a_tls_proxy_the_rate_limits_see_the_clients_address() -> None:
    found = production_probe(BEHIND_TLS_PROXY="1")
    assert found["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert found["ALLAUTH_TRUSTED_PROXY_COUNT"] == 1
