"""The account's privacy page: what the portal keeps, and a download of all of it."""

import json

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.services import person_export


@login_required
@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    context = {"retention_years": settings.PRIVACY_RETENTION_YEARS}
    return render(request, "accounts/privacy.html", context)


@never_cache
@login_required
@require_GET
def privacy_download(request: HttpRequest) -> HttpResponse:
    """The signed-in person's own data as a JSON attachment; no one else's can be asked for."""
    data = person_export(user=request.user)  # type: ignore[arg-type]
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"mijn-gegevens-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
