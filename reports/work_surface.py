"""The programme office's work surface (``/staf/``): every queue with its count, and one
queue's rows, narrowed by edition, region, coach or a company's name, a page at a time."""

import datetime
import functools
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.decorators import role_required
from accounts.models import User
from accounts.roles import Role
from coaching.selectors import Pace
from companies.models import Edition, Region
from leercultuur.db import CountStatement, count_all_statement
from leercultuur.widgets import DirectSelect, PlainChoices
from reports.queues import FILTER_NAMES, QUEUE_BY_KEY, QUEUES, Filters, Queue

ROWS_PER_PAGE = 25


_id_choice = functools.partial(
    forms.TypedChoiceField, coerce=int, empty_value=None, required=False, widget=DirectSelect
)


class FilterForm(forms.Form):
    """The filters, in the address so a narrowed view can be bookmarked or shared. The
    choices are plain (id, name) pairs from the cache: with hundreds of coaches, reading
    them and a model per option cost more than the rest of the page."""

    editie = _id_choice(label=_("Edition"))
    regio = _id_choice(label=_("Region"))
    coach = _id_choice(label=_("Coach"))
    bedrijf = forms.CharField(label=_("Company"), max_length=100, required=False)
    tempo = forms.ChoiceField(
        choices=[("", "")] + [(p.value, p.value) for p in (Pace.BEHIND, Pace.AHEAD)],
        required=False,
        widget=forms.HiddenInput,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, options in _filter_choices().items():
            self.fields[name].choices = PlainChoices([("", "---------"), *options])  # type: ignore[attr-defined]

    def filters(self) -> Filters:
        if not self.is_valid():
            return Filters()
        data = self.cleaned_data
        return Filters(
            edition=data["editie"],
            region=data["regio"],
            coach=data["coach"],
            company=data["bedrijf"].strip(),
            pace=data["tempo"],
        )


FILTER_CHOICES_SECONDS = 60


def _filter_choices() -> dict[str, list[tuple[int, str]]]:
    """The editions, regions and coaches to filter by: the same lists on every visit, so
    kept in the cache for a minute (a new coach is in the list a minute later at most)."""
    return cache.get_or_set(  # type: ignore[return-value]
        "work-surface:filter-choices", _read_filter_choices, FILTER_CHOICES_SECONDS
    )


def _read_filter_choices() -> dict[str, list[tuple[int, str]]]:
    coaches = User.objects.filter(coach__isnull=False).order_by("full_name", "email")
    return {
        "editie": [(e.pk, str(e)) for e in Edition.objects.order_by("-enrolment_opens")],
        "regio": [(r.pk, str(r)) for r in Region.objects.all()],
        "coach": [(pk, n or e) for pk, n, e in coaches.values_list("pk", "full_name", "email")],
    }


@dataclass(frozen=True)
class Counted:
    queue: Queue
    count: int
    ignores_filters: bool  # the queue has no edition, region or coach to narrow by


@role_required(Role.STAFF)
def staff_dashboard(request: HttpRequest) -> HttpResponse:
    """The queues with their counts; the chosen one (or the first with work) in pages."""
    form = FilterForm(request.GET)
    filters = form.filters()
    counted = _counted(filters)
    chosen = QUEUE_BY_KEY.get(request.GET.get("wachtrij", "")) or next(
        (c.queue for c in counted if c.count), QUEUES[0]
    )
    count = next(c.count for c in counted if c.queue is chosen)
    in_address = _filters_in_address(request)
    context = {
        "form": form,
        "filtered": bool(filters),
        "counted": counted,
        "queue": chosen,
        "page": _page(request, chosen, filters, count),
        "filter_query": in_address,
        "page_query": f"{in_address}&wachtrij={chosen.key}&",
    }
    return render(request, "reports/staff_dashboard.html", context)


def _counted(filters: Filters) -> list[Counted]:
    """Every queue with its count (one query for all), and whether a filter passes it by."""
    counts = _count_statement(filters, timezone.localdate()).run()
    chosen = [name for name in FILTER_NAMES if getattr(filters, name)]
    return [
        Counted(queue, count, any(name not in queue.filtered_by for name in chosen))
        for queue, count in zip(QUEUES, counts, strict=True)
    ]


@functools.lru_cache(maxsize=64)
def _count_statement(filters: Filters, today: datetime.date) -> CountStatement:
    """The statement that counts every queue, built once a day per set of filters: a queue's
    rows depend on its filters and the date only (the time, where it counts, is the
    database's), and building ten querysets' SQL costs more than running it."""
    return count_all_statement([queue.rows(filters) for queue in QUEUES])


def _page(request: HttpRequest, queue: Queue, filters: Filters, count: int) -> Page[Any]:
    paginator = Paginator(queue.rows(filters), ROWS_PER_PAGE)
    paginator.count = count  # counted already, with the same filters
    return paginator.get_page(request.GET.get("pagina"))


def _filters_in_address(request: HttpRequest) -> str:
    """The address's filters, for the links to another list or page of this one."""
    query = request.GET.copy()
    for name in ("wachtrij", "pagina"):
        query.pop(name, None)
    return query.urlencode()
