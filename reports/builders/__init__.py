"""One builder per kind of report: it reads what the report shows and returns the
template context for ``templates/pdf/report_<kind>.html``.

Each builder runs a fixed number of queries, whatever the number of companies or
sessions: it reads rows in bulk and groups them in Python.
"""

from collections.abc import Callable
from typing import Any

from reports.builders import edition_overview, progress, province
from reports.models import Report

type Builder = Callable[[Report], dict[str, Any]]

BUILDERS: dict[str, Builder] = {
    Report.Kind.PROGRESS: progress.build,
    Report.Kind.EDITION_OVERVIEW: edition_overview.build,
    Report.Kind.PROVINCE: province.build,
}


def report_context(report: Report) -> dict[str, Any]:
    """The context of the report's PDF template; ``export`` holds its data, if any."""
    return {"report": report, **BUILDERS[report.kind](report)}


def template_name(report: Report) -> str:
    return f"pdf/report_{report.kind}.html"
