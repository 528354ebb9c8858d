"""Notes in the company file: who writes and deletes them, what they must hold, where they
go (the audit log, the privacy export, erasure), and that an internal note stays internal."""

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404

from accounts.models import User
from accounts.privacy import ERASED
from accounts.services import person_erase, person_export
from coaching.models import Coach
from companies.models import Enrolment, EnrolmentNote
from companies.notes import note_add, note_delete
from companies.selectors import get_note_for_user, shared_notes
from tests.factories import CoachFactory, running_enrolment, with_totp

pytestmark = pytest.mark.django_db

INTERNAL = EnrolmentNote.Visibility.INTERNAL
SHARED = EnrolmentNote.Visibility.SHARED


@pytest.fixture
def enrolment(contact: User, coach: User) -> Enrolment:
    return running_enrolment(contact.contact.company, coach)


def add(
    enrolment: Enrolment, author: User, text: str = "Goed gesprek.", **kwargs: str
) -> EnrolmentNote:
    return note_add(
        enrolment=enrolment, author=author, text=text, visibility=kwargs.get("visibility", INTERNAL)
    )


# --- Who writes a note ---------------------------------------------------------------------


def test_the_lead_coach_writes_an_internal_note(enrolment: Enrolment, coach: User) -> None:
    note = add(enrolment, coach, "  De directeur twijfelt nog.\r\nVolgende week bellen.  ")

    assert note.enrolment == enrolment
    assert note.author == coach
    assert note.visibility == INTERNAL
    assert note.text == "De directeur twijfelt nog.\nVolgende week bellen."


def test_another_coach_of_the_enrolment_and_staff_write_notes(
    enrolment: Enrolment, staff: User
) -> None:
    second = with_totp(CoachFactory.create().user)
    enrolment.coaches.add(second)

    assert add(enrolment, second, visibility=SHARED).is_shared
    assert add(enrolment, staff).author == staff
    assert enrolment.notes.count() == 2


@pytest.mark.parametrize("who", ["other_coach", "contact", "plain_user", "inactive_coach"])
def test_nobody_else_writes_a_note(
    request: pytest.FixtureRequest, enrolment: Enrolment, coach: User, who: str
) -> None:
    if who == "inactive_coach":
        Coach.objects.filter(user=coach).update(is_active=False)
        author = User.objects.get(pk=coach.pk)
    else:
        author = request.getfixturevalue(who)

    with pytest.raises(ValidationError, match="Alleen het programmabureau en de coaches"):
        add(enrolment, author)
    assert not EnrolmentNote.objects.exists()


# --- What a note holds ---------------------------------------------------------------------


@pytest.mark.parametrize("visibility", ["", "public", "INTERNAL"])
def test_the_writer_chooses_who_reads_it(
    enrolment: Enrolment, coach: User, visibility: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        add(enrolment, coach, visibility=visibility)

    assert "visibility" in refused.value.message_dict
    assert not EnrolmentNote.objects.exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("   ", "Schrijf de notitie."),
        ("x" * 2001, "2000"),
        ("Bel \u202eterug", "onzichtbaar"),
    ],
)
def test_the_text_is_checked(enrolment: Enrolment, coach: User, text: str, message: str) -> None:
    with pytest.raises(ValidationError) as refused:
        add(enrolment, coach, text)

    assert message in " ".join(refused.value.message_dict["text"])
    assert not EnrolmentNote.objects.exists()


def test_the_database_refuses_a_note_without_a_known_visibility(
    enrolment: Enrolment, coach: User
) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        EnrolmentNote.objects.create(enrolment=enrolment, author=coach, text="x", visibility="")


# --- Who deletes a note --------------------------------------------------------------------


def test_the_author_deletes_their_note(enrolment: Enrolment, coach: User) -> None:
    note = add(enrolment, coach)

    note_delete(note=note, by=coach)

    assert not EnrolmentNote.objects.exists()


def test_staff_delete_anyones_note(enrolment: Enrolment, coach: User, staff: User) -> None:
    note_delete(note=add(enrolment, coach), by=staff)

    assert not EnrolmentNote.objects.exists()


def test_another_coach_of_the_enrolment_does_not_delete_it(
    enrolment: Enrolment, coach: User
) -> None:
    second = with_totp(CoachFactory.create().user)
    enrolment.coaches.add(second)
    note = add(enrolment, coach)

    with pytest.raises(ValidationError, match="Alleen wie deze notitie schreef"):
        note_delete(note=note, by=second)
    assert EnrolmentNote.objects.filter(pk=note.pk).exists()


# --- Reading -------------------------------------------------------------------------------


def test_the_company_reads_only_shared_notes(enrolment: Enrolment, coach: User) -> None:
    add(enrolment, coach, "Alleen voor ons.", visibility=INTERNAL)
    shared = add(enrolment, coach, "Voor het bedrijf.", visibility=SHARED)

    assert list(shared_notes(enrolment)) == [shared]


def test_a_note_is_reached_by_staff_and_its_coaches_only(
    enrolment: Enrolment, coach: User, other_coach: User, contact: User, staff: User
) -> None:
    note = add(enrolment, coach, visibility=SHARED)

    assert get_note_for_user(coach, note.public_id) == note
    assert get_note_for_user(staff, note.public_id) == note
    for outsider in (other_coach, contact):  # the company's contact too: not this way
        with pytest.raises(Http404):
            get_note_for_user(outsider, note.public_id)
    with pytest.raises(Http404):
        get_note_for_user(coach, "not-a-uuid")


# --- The audit log -------------------------------------------------------------------------


def test_adding_and_deleting_are_in_the_audit_log(
    enrolment: Enrolment, coach: User, staff: User
) -> None:
    with set_actor(coach):
        note = add(enrolment, coach, "Eerste indruk: veel enthousiasme.")
    pk = note.pk
    with set_actor(staff):
        note_delete(note=note, by=staff)

    entries = LogEntry.objects.filter(object_pk=str(pk), content_type__model="enrolmentnote")
    created, deleted = entries.order_by("timestamp", "pk")
    assert (created.action, created.actor) == (LogEntry.Action.CREATE, coach)
    assert created.changes_dict["visibility"] == ["None", "internal"]
    assert (deleted.action, deleted.actor) == (LogEntry.Action.DELETE, staff)


# --- Privacy -------------------------------------------------------------------------------


def test_a_writers_export_holds_their_notes(enrolment: Enrolment, coach: User) -> None:
    add(enrolment, coach, "Mijn notitie.", visibility=SHARED)

    [exported] = person_export(user=coach)["data"]["companies.enrolmentnote"]

    assert exported["text"] == "Mijn notitie."
    assert exported["visibility"] == "shared"


def test_a_contacts_export_never_holds_notes_about_their_company(
    enrolment: Enrolment, coach: User, contact: User
) -> None:
    add(enrolment, coach, "GEHEIM: twijfels over de directie.", visibility=INTERNAL)
    add(enrolment, coach, "Gedeeld: mooi resultaat.", visibility=SHARED)

    export = person_export(user=contact)

    assert export["data"]["companies.enrolmentnote"] == []
    assert "GEHEIM" not in str(export)


def test_erasing_the_author_keeps_the_note_without_their_name(
    enrolment: Enrolment, coach: User, staff: User
) -> None:
    User.objects.filter(pk=coach.pk).update(full_name="Gerrit Hofstede")
    coach.refresh_from_db()
    note = add(enrolment, coach, "Gerrit Hofstede belt de directeur (coach@geldersvakmanschap.nl).")

    person_erase(user=coach, by=staff)

    note.refresh_from_db()
    assert note.author_id == coach.pk  # points at the erased user, nameless
    assert note.text == f"{ERASED} belt de directeur ({ERASED})."
