from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.decorators import role_required
from accounts.roles import Role
from coaching.selectors import running_trajectories
from networks.models import LearningNetwork
from networks.selectors import attendance_by_network


@role_required(Role.STAFF)
def staff_dashboard(request: HttpRequest) -> HttpResponse:
    """Running trajectories with their hours and pace, the ones off pace first."""
    trajectories = sorted(
        running_trajectories(), key=lambda t: t.rate is None or t.rate.pace == "on_track"
    )
    networks = attendance_by_network(LearningNetwork.objects.select_related("edition"))
    context = {"trajectories": trajectories, "networks": networks}
    return render(request, "reports/staff_dashboard.html", context)
