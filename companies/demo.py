"""Demo editions, companies, enrolments, an analysis and a plan for `seed_demo`."""

import datetime
import random

from django.utils import timezone

from accounts.demo import demo_user
from accounts.models import User
from companies import services
from companies.models import (
    Company,
    Contact,
    Edition,
    Enrolment,
    EnrolmentNote,
    NeedsAnalysis,
    PlanAction,
    Region,
    Sector,
    TrainingInstitution,
)
from companies.questionnaire import CURRENT_VERSION, get_questionnaire
from companies.selectors import new_edition_values

Status = Enrolment.Status


def seed_companies(*, staff: User, coach: User) -> list[str]:
    """An open edition with an active, a submitted and a draft enrolment; the logins made."""
    today = timezone.localdate()
    seed_institutions()
    edition, _created = Edition.objects.get_or_create(
        name=f"Editie {today.year}",
        defaults={
            "enrolment_opens": today - datetime.timedelta(days=60),
            "enrolment_closes": today + datetime.timedelta(days=90),
            "places": 12,
            "is_open": True,
            **new_edition_values(),
        },
    )
    user = demo_user("contact@leercultuur.test", "Sanne de Vries")
    active = _enrolment(user, edition, "Bakkerij De Gelderse Korenschoof B.V.", "09123456")
    if active.status == Status.SUBMITTED:
        services.enrolment_accept(enrolment=active, by=staff)
        services.enrolment_assign_coach(enrolment=active, coach=coach, by=staff)
        active = services.enrolment_activate(
            enrolment=active, by=staff, start_date=today - datetime.timedelta(days=75)
        )
        _baseline(active, user, coach)
        _plan(active)
        _notes(active, coach=coach, staff=staff)
    waiting = demo_user("contact2@leercultuur.test", "Joost Verhoeven")
    _enrolment(waiting, edition, "Metaalbewerking Oost-Gelre B.V.", "09234567")
    busy_contact = demo_user("contact3@leercultuur.test", "Fatima Bouzid")
    busy = _enrolment(busy_contact, edition, "Zorggroep De Linde B.V.", "09345678")
    if busy.status == Status.SUBMITTED:
        services.enrolment_accept(enrolment=busy, by=staff)
        services.enrolment_assign_coach(enrolment=busy, coach=coach, by=staff)
        services.enrolment_activate(
            enrolment=busy, by=staff, start_date=today - datetime.timedelta(days=200)
        )
    return [
        f"company contact  {user.email}  ({active.company}, trajectory under way)",
        f"company contact  {waiting.email}  (enrolment waiting for a decision)",
        f"company contact  {busy_contact.email}  (coach hours nearly used up)",
    ]


def _enrolment(user: User, edition: Edition, name: str, kvk: str) -> Enrolment:
    company, _created = Company.objects.get_or_create(
        kvk_number=kvk,
        defaults={
            "legal_name": name,
            "street_address": "Marktplein 1",
            "postcode": "7001 BZ",
            "city": "Doetinchem",
            "region": Region.objects.get(name="Achterhoek"),
            "sector": Sector.objects.get(code="C"),
            "employees": 48,
            "mbo_employees": 31,
            "billing_email": "administratie@example.nl",
            "billing_contact": "Financiële administratie",
        },
    )
    Contact.objects.get_or_create(
        user=user,
        defaults={"company": company, "position": "HR-adviseur", "phone": "0314123456"},
    )
    enrolment, created = Enrolment.objects.get_or_create(company=company, edition=edition)
    if created:
        services.enrolment_submit(
            enrolment=enrolment,
            by=user,
            motivation="Wij willen dat leren en ontwikkelen gewoon wordt op de werkvloer.",
            accept_terms=True,
        )
        enrolment.refresh_from_db()
    return enrolment


def _baseline(enrolment: Enrolment, contact: User, coach: User) -> None:
    analysis = services.analysis_start(enrolment=enrolment, kind=NeedsAnalysis.Kind.BASELINE)
    questionnaire = get_questionnaire(CURRENT_VERSION)
    pick = random.Random(enrolment.pk)  # noqa: S311 - demo answers, the same every time
    for section in questionnaire.sections:
        raw: dict[str, object] = {}
        for question in section.questions:
            if question.kind == "likert":
                raw[question.key] = pick.randint(2, 4)
            elif question.kind == "choice":
                raw[question.key] = question.choices[0].key
            elif question.kind == "multi":
                raw[question.key] = [choice.key for choice in question.choices[:2]]
            else:
                raw[question.key] = "Meer structuur in het inwerken van nieuwe collega's."
        services.analysis_save_section(analysis=analysis, section_key=section.key, raw=raw)
    analysis = services.analysis_submit(analysis=analysis, by=contact)
    services.analysis_review(
        analysis=analysis,
        by=coach,
        learning_question="Hoe maken we leren op de werkvloer vanzelfsprekend voor onze mbo'ers?",
        coach_summary="Veel bereidheid, weinig structuur; begin bij inwerken en teamleiders.",
    )


# (name, kind, place) of schools and trainers in Gelderland, and one made-up trainer with
# a contact person.
INSTITUTIONS = (
    ("Graafschap College", TrainingInstitution.Kind.ROC, "Doetinchem"),
    ("Rijn IJssel", TrainingInstitution.Kind.ROC, "Arnhem"),
    ("Aeres MBO Barneveld", TrainingInstitution.Kind.AOC, "Barneveld"),
    ("Hogeschool van Arnhem en Nijmegen (HAN)", TrainingInstitution.Kind.HBO, "Arnhem"),
    ("Trainingsbureau De Werkplaats", TrainingInstitution.Kind.PRIVATE, "Zutphen"),
)


def seed_institutions() -> dict[str, TrainingInstitution]:
    """The list the plan suggests, by name (safe to run again)."""
    found = {}
    for name, kind, place in INSTITUTIONS:
        institution, _created = TrainingInstitution.objects.get_or_create(
            name=name, defaults={"kind": kind, "place": place}
        )
        found[name] = institution
    TrainingInstitution.objects.filter(
        name="Trainingsbureau De Werkplaats", contact_name=""
    ).update(contact_name="Karin Smit", contact_email="karin.smit@werkplaats.test")
    return found


def _plan(enrolment: Enrolment) -> None:
    today = timezone.localdate()
    institutions = seed_institutions()
    actions = [
        ("Werkplekleren voor nieuwe bakkers", PlanAction.Kind.INFORMAL, PlanAction.Status.DONE, ""),
        (
            "Training coachend leidinggeven",
            PlanAction.Kind.FORMAL,
            PlanAction.Status.IN_PROGRESS,
            "Trainingsbureau De Werkplaats",
        ),
        (
            "Mbo-4 opleiding (BBL) voor twee teamleiders",
            PlanAction.Kind.WORK_BASED,
            PlanAction.Status.IN_PROGRESS,
            "Graafschap College",
        ),
    ]
    for index, (title, kind, status, institution) in enumerate(actions):
        services.plan_action_save(
            enrolment=enrolment,
            fields={
                "title": title,
                "kind": kind,
                "status": status,
                "target_group": PlanAction.TargetGroup.MBO_STAFF,
                "owner": "Sanne de Vries",
                "institution": institutions.get(institution),
                "planned_date": today + datetime.timedelta(days=30 * (index - 2)),
            },
        )


def _notes(enrolment: Enrolment, *, coach: User, staff: User) -> None:
    """Two notes in the company file: one for staff and coaches only, one the company sees."""
    from companies.notes import note_add

    note_add(
        enrolment=enrolment,
        author=coach,
        text="De directeur twijfelt nog over BBL-plekken; eerst de teamleiders meekrijgen.",
        visibility=EnrolmentNote.Visibility.INTERNAL,
    )
    note_add(
        enrolment=enrolment,
        author=staff,
        text="De tweede termijn van de eigen bijdrage is ontvangen. Dank u wel!",
        visibility=EnrolmentNote.Visibility.SHARED,
    )
