"""The typed environment readers behind settings.py."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from leercultuur.env import env_bool, env_int, env_list, env_str, mailers_from_url


def test_required_variable_names_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)

    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        env_str("SECRET_KEY", required=True)


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("True", True), ("off", False)])
def test_booleans(monkeypatch: pytest.MonkeyPatch, raw: str, expected: bool) -> None:
    monkeypatch.setenv("FLAG", raw)

    assert env_bool("FLAG") is expected


def test_a_typo_in_a_boolean_is_an_error_not_false(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEBUG", "ja")

    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        env_bool("DEBUG")


def test_lists_and_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALLOWED_HOSTS", " portal.example.nl, ,www.example.nl ")
    monkeypatch.setenv("LIMIT", "x")

    assert env_list("ALLOWED_HOSTS") == ["portal.example.nl", "www.example.nl"]
    with pytest.raises(ImproperlyConfigured, match="LIMIT"):
        env_int("LIMIT", 1)


def test_no_email_url_prints_mail_to_the_console() -> None:
    assert mailers_from_url("")["default"]["BACKEND"] == (
        "django.core.mail.backends.console.EmailBackend"
    )


def test_smtp_url_with_starttls() -> None:
    mailer = mailers_from_url("smtp://portal%40example.nl:ge%2Fheim@mail.example.nl:587?tls=1")

    assert mailer["default"]["OPTIONS"] == {
        "host": "mail.example.nl",
        "port": 587,
        "username": "portal@example.nl",
        "password": "ge/heim",
        "use_ssl": False,
        "use_tls": True,
        "timeout": 30,
    }


def test_smtps_defaults_to_port_465() -> None:
    options = mailers_from_url("smtps://mail.example.nl")["default"]["OPTIONS"]

    assert (options["port"], options["use_ssl"], options["use_tls"]) == (465, True, False)  # type: ignore[index]


@pytest.mark.parametrize("url", ["imap://mail.example.nl", "smtp://"])
def test_unusable_email_url_is_refused(url: str) -> None:
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL"):
        mailers_from_url(url)
