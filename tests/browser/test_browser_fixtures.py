"""The browser helpers themselves: they must notice what they exist to catch."""

import pytest

from tests.fixtures.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_axe_violations_fail_the_test(page, live_server) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.evaluate(
        """() => {
          document.querySelector("label[for=id_login]").remove();
          document.querySelector("#id_login").removeAttribute("placeholder");
        }"""
    )
    with pytest.raises(pytest.fail.Exception) as failure:
        assert_accessible(page)
    assert "label" in str(failure.value)
    assert "#id_login" in str(failure.value)


def test_csp_violations_are_recorded(page, live_server) -> None:
    """An inline script is refused by the policy, and the refusal is reported."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.inlineRan = true";
          document.body.append(script);
        }"""
    )
    page.wait_for_function("() => true")
    assert page.evaluate("() => window.inlineRan === undefined")
    page.wait_for_timeout(200)
    problems = page.problems.take()
    assert any("CSP violation: script-src" in problem for problem in problems), problems
