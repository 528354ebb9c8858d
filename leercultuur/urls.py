from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from django.views.i18n import set_language

from leercultuur import views

# The admin signs in through allauth, so its rate limits and MFA apply there too.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

# The error page names the programme when its settings can still be read.
handler500 = "programme.views.server_error"

urlpatterns: list[URLPattern | URLResolver] = [
    path("healthz", views.healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("", include("programme.urls")),
    path("", include("website.search_urls")),
]

# The benchmark's yardstick (`make bench`): the same stack as every page, and one query.
bench: list[URLPattern | URLResolver] = (
    [path("bench/minimal/", views.bench_minimal, name="bench_minimal")] if settings.BENCH else []
)

urlpatterns += i18n_patterns(
    *bench,
    path("accounts/", include("allauth.urls")),
    path("accounts/", include("accounts.urls")),
    path("beheer/", admin.site.urls),
    path("", include("companies.urls")),
    path("", include("people.urls")),
    path("", include("surveys.urls")),
    path("", include("coaching.urls")),
    path("", include("networks.urls")),
    path("", include("invoicing.urls")),
    path("", include("reports.urls")),
    path("", include("website.urls")),
    prefix_default_language=False,
)
