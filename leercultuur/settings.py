"""Settings for the Leercultuur MKB portal.

One file for every environment: each deployment difference is an environment variable
(documented in .env.example and the README). With DEBUG off, a missing production
variable raises ImproperlyConfigured naming it.
"""

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from leercultuur.env import env_bool, env_int, env_list, env_str, mailers_from_url

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)
PRODUCTION = not DEBUG

SECRET_KEY = env_str(
    "SECRET_KEY", default="django-insecure-development-only-key", required=PRODUCTION
)
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"], required=PRODUCTION
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# On for `make bench` only: adds the benchmark's minimal yardstick page (bench/README).
BENCH = env_bool("BENCH", default=False)

INSTALLED_APPS = [
    "leercultuur.admin_apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "auditlog",
    "leercultuur.outbox",
    "programme",
    "accounts",
    "companies",
    "people",
    "coaching",
    "networks",
    "surveys",
    "invoicing",
    "reports",
    "website",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise (static files keep their caching), before everything else that
    # answers: every private page and download leaves as "private, no-store".
    "leercultuur.middleware.PrivateCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.RequireMFAMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
]

ROOT_URLCONF = "leercultuur.urls"
# The portal's name is the programme's, from its settings in the admin: the mail sender,
# allauth's subjects and the authenticator app read it through this path (leercultuur/portal.py).
PORTAL_NAME_FUNCTION = "programme.selectors.current_name"
WSGI_APPLICATION = "leercultuur.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.roles",
                "programme.context_processors.programme",
            ],
        },
    },
]

# --- Data -----------------------------------------------------------------------------

DATABASE_URL = env_str("DATABASE_URL", required=PRODUCTION)
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL or f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: PostgreSQL compiles any query whose estimate looks big, and with
    # ten times today's data that made the admin index spend 1.7 s compiling a 0.1 s query
    # (the invoices' balances). The portal's queries are short; interpreted, they are fast.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            # Misses rather than fails while Redis is down (leercultuur/cache.py).
            "BACKEND": "leercultuur.cache.FailSoftRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "leercultuur",
            # An unreachable Redis costs a request two seconds at most, not minutes.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

MEDIA_ROOT = Path(env_str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# In development static files come from the finders; only production serves STATIC_ROOT.
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_USE_FINDERS = DEBUG
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- Accounts (django-allauth, with MFA) ----------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# allauth's mails go through the outbox like every other mail; their subjects start with the
# programme's name, as the portal's own mails do.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
# No "remember me": a sign-in lasts until the browser closes (see SESSION_COOKIE_AGE).
ACCOUNT_SESSION_REMEMBER = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# The authenticator app names the account after the programme (its name in the settings).
MFA_ADAPTER = "accounts.adapter.MFAAdapter"
# One 30-second step either way, as RFC 6238 advises for phone clocks and typing time.
MFA_TOTP_TOLERANCE = 1
# Staff and coaches must have an authenticator; the middleware sends them to set one up.
MFA_REQUIRED_FOR_STAFF_AND_COACHES = True

# --- Interface ------------------------------------------------------------------------

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Amsterdam"

# Django's own Content Security Policy: no inline script or style anywhere.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# --- E-mail ---------------------------------------------------------------------------

# Development prints e-mail on the console; production defaults to a local mail relay.
MAILERS = mailers_from_url(
    env_str("EMAIL_URL", default="console://" if DEBUG else "smtp://localhost:25")
)
# An address alone: mails go out under the programme's name (PORTAL_NAME_FUNCTION).
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", default="noreply@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# What every mail template gets besides its own context (the programme's name, operator):
# dotted paths the outbox calls, as Django calls a template's context processors.
MAIL_CONTEXT_PROCESSORS = ["programme.context_processors.for_mail"]

# --- Celery ---------------------------------------------------------------------------

CELERY_BROKER_URL = REDIS_URL or "memory://"
# Without Redis (the embedded default) tasks run in-process, right after commit.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 120)
CELERY_TASK_TIME_LIMIT = CELERY_TASK_SOFT_TIME_LIMIT + 30
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {
    # The outbox: mails due again, lost on the way to the broker, or held by a dead worker.
    "outbox-sweep": {"task": "outbox.sweep", "schedule": 60.0},
    "requeue-stale-reports": {"task": "reports.tasks.requeue_stale_reports", "schedule": 300.0},
    "requeue-stale-invoices": {"task": "invoicing.tasks.requeue_stale_invoices", "schedule": 300.0},
    # Hourly and idempotent: each reminder is a row, made once and mailed once.
    "invoice-payment-reminders": {
        "task": "invoicing.tasks.send_payment_reminders",
        "schedule": 3600.0,
    },
    # Meeting reminders 48 hours before the start, each meeting once.
    "meeting-reminders": {"task": "networks.tasks.remind_meetings", "schedule": 900.0},
    # Nightly: erase dormant people and delete old logs and reports (PRIVACY_RETENTION_YEARS).
    "purge-personal-data": {
        "task": "accounts.tasks.purge_personal_data",
        "schedule": crontab(minute=30, hour=3),
    },
    # The public results: worked out again every quarter of an hour, read by the pages.
    "public-results": {"task": "website.tasks.refresh_results", "schedule": 900.0},
    # The 1st of the month: an overview of every running edition, mailed to staff (once).
    "monthly-edition-overviews": {
        "task": "reports.tasks.request_monthly_edition_overviews",
        "schedule": crontab(minute=0, hour=6, day_of_month="1"),
    },
}

# At most this many invitations to colleagues per company in 24 hours: nobody mails
# strangers through the portal.
INVITATIONS_PER_COMPANY_PER_DAY = env_int("INVITATIONS_PER_COMPANY_PER_DAY", 5)
if INVITATIONS_PER_COMPANY_PER_DAY < 1:
    raise ImproperlyConfigured("INVITATIONS_PER_COMPANY_PER_DAY must be at least 1.")
# How long the link in an invitation works: a link that lies around in a mailbox for months
# should not still let someone in.
INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 14)
if INVITATION_VALID_DAYS < 1:
    raise ImproperlyConfigured("INVITATION_VALID_DAYS must be at least 1.")

# --- Coaching -------------------------------------------------------------------------

# The most hours of sessions one coach logs on one day, over all their companies.
COACH_MAX_HOURS_PER_DAY = env_int("COACH_MAX_HOURS_PER_DAY", 12)
if not 1 <= COACH_MAX_HOURS_PER_DAY <= 24:
    raise ImproperlyConfigured("COACH_MAX_HOURS_PER_DAY must lie between 1 and 24.")

# --- Team survey ----------------------------------------------------------------------

# Results of a group (management, employees, not stated) show only from this many
# responses. Never fewer than 5: below that, answers can be traced to a person.
SURVEY_MIN_GROUP_SIZE = env_int("SURVEY_MIN_GROUP_SIZE", 5)
if SURVEY_MIN_GROUP_SIZE < 5:
    raise ImproperlyConfigured(
        f"SURVEY_MIN_GROUP_SIZE must be at least 5 (it is {SURVEY_MIN_GROUP_SIZE}): "
        "smaller groups would make answers traceable to a person."
    )
# The most responses a company's shared link (the QR poster) takes, so a link that got
# out cannot flood the results. Personal links come on top.
SURVEY_COMPANY_LINK_CAP = env_int("SURVEY_COMPANY_LINK_CAP", 250)
if SURVEY_COMPANY_LINK_CAP < 1:
    raise ImproperlyConfigured("SURVEY_COMPANY_LINK_CAP must be at least 1.")
# The public survey pages: at most this many requests from one address for one link in
# SURVEY_RATE_WINDOW seconds, then "too many attempts" (429). Colleagues on the company's
# Wi-Fi share an address, so it stops floods, not people.
SURVEY_RATE_LIMIT = env_int("SURVEY_RATE_LIMIT", 200)
if SURVEY_RATE_LIMIT < 1:
    raise ImproperlyConfigured("SURVEY_RATE_LIMIT must be at least 1.")
SURVEY_RATE_WINDOW = 10 * 60

# --- Privacy --------------------------------------------------------------------------

# Years after which a person who has not logged in, and whose trajectory ended, is erased,
# and audit-log entries and finished reports are deleted (accounts/privacy.py). Two years
# cover the province's final report and the subsidy settlement after an edition; the
# programme's figures survive erasure, only names go. Issued invoices follow the fiscal
# seven years instead, whatever this says.
PRIVACY_RETENTION_YEARS = env_int("PRIVACY_RETENTION_YEARS", 2)
if PRIVACY_RETENTION_YEARS < 1:
    raise ImproperlyConfigured("PRIVACY_RETENTION_YEARS must be at least 1.")

# --- Security -------------------------------------------------------------------------

# A sign-in lasts a working day at most, and ends sooner when the browser closes: contacts
# and coaches often share a computer in the workshop or office.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 10 * 60 * 60)
if SESSION_COOKIE_AGE < 300:
    raise ImproperlyConfigured("SESSION_COOKIE_AGE must be at least 300 seconds.")
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=PRODUCTION)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if env_bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Behind the proxy every request comes from the proxy's address: the login rate limits
    # per IP address take the client's from the last X-Forwarded-For entry, the one the
    # proxy added, or all users would share one limit.
    ALLAUTH_TRUSTED_PROXY_COUNT = 1

# The public check-in page of a meeting (networks): at most this many requests from one
# address for one meeting in CHECKIN_RATE_WINDOW seconds, then "too many attempts" (429).
# Generous, as a whole group may check in over the venue's Wi-Fi from one address: it
# stops floods and guessing, not people. Counted in Redis; not counted while it is down.
CHECKIN_RATE_LIMIT = 100
CHECKIN_RATE_WINDOW = 10 * 60

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", default="INFO")},
}
