"""Privacy (AVG/GDPR): which personal data the portal holds, and how it is exported,
erased and purged.

``accounts`` imports no other app, so the knowledge is inverted. Each app describes its
own models in ``<app>/privacy.py``: :func:`register` per model (or per kind of row) that
holds personal data, :func:`not_personal` for fields that only look personal, and
optionally a retention purge (:func:`purge`) and a rule that keeps a dormant person
(:func:`still_needed`). The first use of this module imports those modules with
``autodiscover_modules("privacy")``; the functions below then run the export, the erasure
and the retention purge over whatever was registered. Views, the admin and the periodic
task call them through ``accounts/services.py``.

Erasing a person (anonymisation, GDPR article 17):

- their own records (e-mail addresses, authenticators, sessions, contact row, calendar
  feed) are deleted, the rest of their user and coach rows emptied, and the audit history
  about those records deleted (it holds earlier names and addresses);
- rows that record what they did (an enrolment they submitted, a session they logged)
  stay, because the programme's figures need them; they now point at a user without
  name, address or password;
- every column an app declares as free text is searched in every row for the person's
  names and e-mail addresses, including earlier ones found in the audit history, and
  those are replaced by ``[erased]``. A first name on its own cannot be told apart from
  other words, so it is not searched;
- what stays on purpose says why, in the app's declaration: above all issued invoices,
  which Dutch fiscal law requires to be kept unchanged for seven years.
"""

import datetime
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import models
from django.db.models import Q, QuerySet
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from accounts.models import User
from leercultuur.outbox.models import Mail

ERASED = "[erased]"
# Shorter strings would match inside ordinary words.
MIN_TERM_LENGTH = 3
# The reason most links to the user can stay: after erasure they point at nobody.
LINK_TO_ERASED_USER = "points at the user, who no longer has a name, address or password"

type Rows = Callable[[User], Q]
type Purge = Callable[[datetime.datetime], int]
type StillNeeded = Callable[[datetime.datetime], QuerySet[User]]


@dataclass
class Erasure:
    """One person being erased: the strings that identify them, and their stand-ins."""

    user: User
    names: frozenset[str]
    emails: frozenset[str]
    by: User | None
    at: datetime.datetime = field(default_factory=timezone.now)
    terms: tuple[str, ...] = field(init=False)
    _pattern: re.Pattern[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        terms = {term for term in self.names | self.emails if len(term) >= MIN_TERM_LENGTH}
        # Longest first, so a name inside an e-mail address does not break the address.
        ordered = sorted(terms, key=len, reverse=True)
        self.terms = tuple(ordered)
        self._pattern = re.compile("|".join(map(re.escape, ordered)), re.IGNORECASE)

    @property
    def placeholder_email(self) -> str:
        """Unique (the login must be) and undeliverable (.invalid is reserved, RFC 2606)."""
        return f"erased-{self.user.public_id}@invalid"

    def mentions(self, field_name: str) -> Q:
        """Rows whose column mentions the person."""
        condition = Q(pk__in=[])
        for term in self.terms:
            condition |= Q(**{f"{field_name}__icontains": term})
        return condition

    def scrub(self, value: Any) -> Any:
        """The value with every mention replaced; JSON is walked, keys included."""
        if not self.terms:
            return value
        if isinstance(value, str):
            return self._pattern.sub(ERASED, value)
        if isinstance(value, list):
            return [self.scrub(item) for item in value]
        if isinstance(value, dict):
            return {self.scrub(key): self.scrub(item) for key, item in value.items()}
        return value


@dataclass(frozen=True, kw_only=True)
class PersonalData:
    """How one model holds personal data: a person's rows, their export and erasure.

    ``rows`` finds the person's own rows: they are exported (``export`` fields) and, on
    erasure, deleted (``delete``) or given the ``clear`` values (a value, or a function of
    the :class:`Erasure`). ``scrub`` columns are free text in which mentions of the person
    are replaced in every row, theirs or not. ``kept`` names each personal field that
    erasure leaves alone, with the reason. ``forget_history`` also deletes the audit-log
    entries about the person's rows. ``erase`` is for what a lookup cannot express.
    """

    model: type[models.Model]
    label: str = ""
    rows: Rows | None = None
    export: tuple[str, ...] = ()
    not_exported: str = ""
    delete: bool = False
    clear: Mapping[str, object] = field(default_factory=dict)
    scrub: tuple[str, ...] = ()
    kept: Mapping[str, str] = field(default_factory=dict)
    forget_history: bool = False
    erase: Callable[[Erasure], None] | None = None

    @property
    def section(self) -> str:
        return self.label or self.model._meta.label_lower

    def handled_fields(self) -> set[str]:
        """The fields whose erasure this declaration covers."""
        if self.delete:
            return {f.name for f in self.model._meta.get_fields()}
        return {*self.clear, *self.scrub, *self.kept}


_entries: list[PersonalData] = []
_not_personal: dict[type[models.Model], dict[str, str]] = {}
_purges: dict[str, Purge] = {}
_still_needed: list[StillNeeded] = []


def register(
    model: type[models.Model],
    *,
    label: str = "",
    rows: Rows | None = None,
    export: tuple[str, ...] = (),
    not_exported: str = "",
    delete: bool = False,
    clear: Mapping[str, object] | None = None,
    scrub: tuple[str, ...] = (),
    kept: Mapping[str, str] | None = None,
    forget_history: bool = False,
    erase: Callable[[Erasure], None] | None = None,
) -> None:
    """Declare how ``model`` holds personal data (see :class:`PersonalData`)."""
    entry = PersonalData(
        model=model,
        label=label,
        rows=rows,
        export=export,
        not_exported=not_exported,
        delete=delete,
        clear=clear or {},
        scrub=scrub,
        kept=kept or {},
        forget_history=forget_history,
        erase=erase,
    )
    meta = model._meta
    for name in (*entry.export, *entry.clear, *entry.scrub, *entry.kept):
        meta.get_field(name)  # a typo fails at start-up, not during an erasure
    if entry.rows is not None and not entry.export and not entry.not_exported:
        raise ValueError(f"{meta.label}: export some fields or say why not (not_exported).")
    if any(not reason for reason in entry.kept.values()):
        raise ValueError(f"{meta.label}: every kept field needs a reason.")
    _entries.append(entry)


def not_personal(model: type[models.Model], **reasons: str) -> None:
    """Fields that look personal (a ``name``, free text) but hold no one's data."""
    for name in reasons:
        model._meta.get_field(name)
    _not_personal.setdefault(model, {}).update(reasons)


def purge(name: str) -> Callable[[Purge], Purge]:
    """Decorate a function ``(cutoff) -> count`` that deletes what is past retention."""

    def decorator(function: Purge) -> Purge:
        _purges[name] = function
        return function

    return decorator


def still_needed(function: StillNeeded) -> StillNeeded:
    """Decorate a function ``(cutoff) -> users`` that the retention purge must keep."""
    _still_needed.append(function)
    return function


@cache
def discover() -> None:
    autodiscover_modules("privacy")


def named(field_name: str, user: User) -> Q:
    """Rows whose ``field_name`` is the person's name (none when they gave no name)."""
    if not user.full_name.strip():
        return Q(pk__in=[])
    return Q(**{f"{field_name}__iexact": user.full_name.strip()})


def addressed(field_name: str, user: User) -> Q:
    """Rows whose ``field_name`` is the person's e-mail address."""
    return Q(**{f"{field_name}__iexact": user.email})


def entries() -> list[PersonalData]:
    discover()
    return list(_entries)


def declared_fields(model: type[models.Model]) -> dict[str, set[str]]:
    """For the coverage test: which fields are exported, erased or not personal."""
    discover()
    own = [entry for entry in _entries if entry.model is model]
    return {
        "exported": {name for entry in own for name in entry.export},
        "erased": {name for entry in own for name in entry.handled_fields()},
        "not_personal": set(_not_personal.get(model, {})),
        "export_declared": {entry.not_exported for entry in own if entry.not_exported},
    }


# --- Export ---------------------------------------------------------------------------


def export(user: User) -> dict[str, Any]:
    """Everything the registered models hold about ``user``, as JSON-ready data."""
    data: dict[str, list[dict[str, Any]]] = {}
    for entry in entries():
        if entry.rows is None or not entry.export:
            continue
        manager = entry.model._default_manager
        matching = manager.filter(entry.rows(user)).values("pk")
        rows = manager.filter(pk__in=matching).order_by("pk")
        data[entry.section] = [_exported(row, entry.export) for row in rows]
    return {
        "exported_at": timezone.now().isoformat(),
        "person": {"name": user.full_name, "email": user.email},
        "data": data,
    }


def _exported(row: models.Model, names: Iterable[str]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for name in names:
        value = getattr(row, name)
        if isinstance(value, FieldFile):
            value = value.name or None
        elif isinstance(value, models.Model):
            value = str(value)
        result[name] = value
    return result


# --- Erasure --------------------------------------------------------------------------


def erase(user: User, *, by: User | None) -> Erasure:
    """Anonymise ``user`` everywhere. The caller holds the transaction and the row lock."""
    names, emails = _identities(user)
    erasure = Erasure(user=user, names=frozenset(names), emails=frozenset(emails), by=by)
    declared = entries()
    # The erasure's own changes would put the old values into the audit log.
    with disable_auditlog():
        for entry in declared:
            if entry.forget_history and entry.rows is not None:
                pks = entry.model._base_manager.filter(entry.rows(user)).values_list("pk")
                _forget_history(entry.model, [pk for (pk,) in pks])
        for entry in declared:
            if entry.rows is not None:
                rows = entry.model._base_manager.filter(entry.rows(user))
                if entry.delete:
                    rows.delete()
                elif entry.clear:
                    rows.update(**{name: _value(v, erasure) for name, v in entry.clear.items()})
            if entry.erase is not None:
                entry.erase(erasure)
        for entry in declared:
            for name in entry.scrub:
                _scrub_column(entry.model, name, erasure)
    LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(User),
        object_pk=str(user.pk),
        object_id=user.pk,
        object_repr=erasure.placeholder_email,
        action=LogEntry.Action.UPDATE,
        changes={"erased_at": ["None", erasure.at.isoformat()]},
        actor=by,
        actor_email=by.email if by else None,
    )
    user.refresh_from_db()
    return erasure


def _value(value: object, erasure: Erasure) -> object:
    return value(erasure) if callable(value) else value


def _identities(user: User) -> tuple[set[str], set[str]]:
    """The person's names and addresses, now and before (from the user's audit history)."""
    names = {user.full_name}
    emails = {user.email, *EmailAddress.objects.filter(user=user).values_list("email", flat=True)}
    history = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_pk=str(user.pk)
    )
    for changes in history.values_list("changes", flat=True):
        if not isinstance(changes, dict):
            continue
        for name, found in (("full_name", names), ("email", emails)):
            values = changes.get(name)
            if isinstance(values, list):
                found.update(value for value in values if isinstance(value, str))
    clean = {name.strip() for name in names} - {"", "None"}
    return clean, {email.strip().lower() for email in emails} - {"", "none"}


def _forget_history(model: type[models.Model], pks: list[Any]) -> None:
    if not pks:
        return
    content_type = ContentType.objects.get_for_model(model)
    keys = [str(pk) for pk in pks]
    LogEntry.objects.filter(content_type=content_type, object_pk__in=keys).delete()
    AdminLogEntry.objects.filter(content_type=content_type, object_id__in=keys).delete()


def _scrub_column(model: type[models.Model], name: str, erasure: Erasure) -> None:
    """Replace the person's names and addresses in one column, in every row."""
    is_email = isinstance(model._meta.get_field(name), models.EmailField)
    manager = model._base_manager
    found = manager.filter(erasure.mentions(name)).values_list("pk", name)
    for pk, value in found.iterator():
        if is_email and value.strip().lower() in erasure.emails:
            scrubbed = ""  # an address field holding only their address
        else:
            scrubbed = erasure.scrub(value)
        if scrubbed != value:
            manager.filter(pk=pk).update(**{name: scrubbed})


def delete_sessions(erasure: Erasure) -> None:
    """Sign the person out everywhere: their rows in the session table."""
    key = str(erasure.user.pk)
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == key:
            session.delete()


def _forget_password_and_permissions(erasure: Erasure) -> None:
    user = User.objects.get(pk=erasure.user.pk)
    user.set_unusable_password()
    user.save(update_fields=["password"])
    user.groups.clear()
    user.user_permissions.clear()


# --- Retention ------------------------------------------------------------------------


def years_before(moment: datetime.datetime, years: int) -> datetime.datetime:
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year - years, day=28)


def retention_cutoff(now: datetime.datetime) -> datetime.datetime:
    return years_before(now, settings.PRIVACY_RETENTION_YEARS)


def run_purges(cutoff: datetime.datetime) -> dict[str, int]:
    discover()
    return {name: function(cutoff) for name, function in _purges.items()}


def dormant_users(cutoff: datetime.datetime) -> QuerySet[User]:
    """People to erase: not seen since the cutoff, and no app still needs them.

    Staff accounts are left to the programme office, which closes them by hand.
    """
    discover()
    users = User.objects.filter(erased_at__isnull=True, is_staff=False).filter(
        Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff)
    )
    for needed in _still_needed:
        users = users.exclude(pk__in=needed(cutoff).values("pk"))
    return users.order_by("pk")


# --- The accounts app's own models, Django's, allauth's and the outbox's ---------------


def _about_user(key: str) -> Rows:
    """Audit-log rows about the user record itself (``key``: the column of its pk)."""

    def rows(user: User) -> Q:
        content_type = ContentType.objects.get_for_model(User)
        return Q(content_type=content_type, **{key: str(user.pk)})

    return rows


register(
    User,
    rows=lambda user: Q(pk=user.pk),
    export=("email", "full_name", "date_joined", "last_login", "is_staff"),
    clear={
        "full_name": "",
        "email": lambda erasure: erasure.placeholder_email,
        "is_active": False,
        "is_staff": False,
        "is_superuser": False,
        "erased_at": lambda erasure: erasure.at,
    },
    kept={
        "groups": "emptied, with the permissions, together with the password",
        "user_permissions": "emptied, with the groups, together with the password",
    },
    forget_history=True,
    erase=_forget_password_and_permissions,
)
register(
    EmailAddress,
    rows=lambda user: Q(user=user),
    export=("email", "verified", "primary"),
    delete=True,
)
register(
    Authenticator,
    rows=lambda user: Q(user=user),
    export=("type", "created_at", "last_used_at"),  # not the secrets in ``data``
    delete=True,
)
register(
    Session,
    not_exported="a session holds a secret key and the login state, nothing of the person",
    delete=True,
    erase=delete_sessions,
)
register(
    LogEntry,
    label="audit_log.account_history",
    rows=_about_user("object_pk"),
    export=("timestamp", "action", "changes"),
    delete=True,  # their history holds earlier names and addresses (collected first)
)
register(
    LogEntry,
    label="audit_log.changes_made",
    rows=lambda user: Q(actor=user),
    not_exported="changes they made to programme records are about those records",
    clear={"actor_email": lambda erasure: erasure.placeholder_email, "remote_addr": None},
    scrub=("object_repr", "changes_text", "changes", "serialized_data", "additional_data"),
    kept={"actor": LINK_TO_ERASED_USER},
)
register(
    AdminLogEntry,
    label="admin_log.account_history",
    rows=_about_user("object_id"),
    export=("action_time", "action_flag", "change_message"),
    delete=True,
)
register(
    AdminLogEntry,
    label="admin_log.changes_made",
    rows=lambda user: Q(user=user),
    not_exported="changes a staff member made in the admin are about other records",
    scrub=("object_repr", "change_message"),
    kept={"user": LINK_TO_ERASED_USER},
)
register(
    Mail,
    label="outbox.mail",
    rows=lambda user: addressed("to", user),
    export=("kind", "subject", "status", "created_at", "sent_at"),
    # Their own mails go, attachments and all; mails to others lose every mention of them.
    delete=True,
)
register(Mail, label="outbox.mail_mentions", scrub=("subject", "body", "html_body"))
not_personal(AdminLogEntry, object_id="the primary key of the changed record")
not_personal(Group, name="the name of a group of permissions")
not_personal(Permission, name="the name of a permission")


@purge("audit-log entries")
def _old_audit_log(cutoff: datetime.datetime) -> int:
    _total, by_model = LogEntry.objects.filter(timestamp__lt=cutoff).delete()
    return by_model.get(LogEntry._meta.label, 0)


@purge("admin-log entries")
def _old_admin_log(cutoff: datetime.datetime) -> int:
    _total, by_model = AdminLogEntry.objects.filter(action_time__lt=cutoff).delete()
    return by_model.get(AdminLogEntry._meta.label, 0)


@purge("e-mails")
def _old_mails(cutoff: datetime.datetime) -> int:
    """Mails made before the cutoff, sent or not, with their attachments."""
    _total, by_model = Mail.objects.filter(created_at__lt=cutoff).delete()
    return by_model.get(Mail._meta.label, 0)


@purge("expired sessions")
def _expired_sessions(cutoff: datetime.datetime) -> int:
    """What ``manage.py clearsessions`` does: a session past its expiry date is useless."""
    _total, by_model = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return by_model.get(Session._meta.label, 0)
