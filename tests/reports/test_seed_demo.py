"""seed_demo shows the whole portal and can run again without changing anything."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pytest_django import Settings

from accounts.models import User
from companies.models import Enrolment, NeedsAnalysis, PlanAction


def counts() -> tuple[int, ...]:
    return (
        User.objects.count(),
        Enrolment.objects.count(),
        NeedsAnalysis.objects.count(),
        PlanAction.objects.count(),
    )


@pytest.mark.django_db
def test_seed_demo_is_complete_and_idempotent(settings: Settings) -> None:
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    first = counts()
    call_command("seed_demo", stdout=io.StringIO())

    assert counts() == first
    active = Enrolment.objects.get(status=Enrolment.Status.ACTIVE)
    assert active.lead_coach is not None
    baseline = active.analyses.get(kind=NeedsAnalysis.Kind.BASELINE)
    assert baseline.status == NeedsAnalysis.Status.REVIEWED
    assert active.development_plan.actions.count() == 3
    assert Enrolment.objects.filter(status=Enrolment.Status.SUBMITTED).exists()
    for email in ("staf@leercultuur.test", "coach@leercultuur.test", "contact@leercultuur.test"):
        assert User.objects.get(email=email).check_password("demo-leercultuur-2026")


@pytest.mark.django_db
def test_seed_demo_refuses_without_debug(settings: Settings) -> None:
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
