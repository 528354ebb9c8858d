"""The team survey section of the progress report: the results of each measurement's
survey, with the same protection of small groups as the results page."""

import dataclasses
from typing import Any

from companies.models import Enrolment
from surveys.models import TeamSurvey
from surveys.selectors import survey_results


def team_survey(enrolment: Enrolment) -> dict[str, Any]:
    """The baseline's survey, then the final's; baseline against final only once, last."""
    surveys = sorted(
        TeamSurvey.objects.filter(enrolment=enrolment).select_related("enrolment__company"),
        key=lambda survey: TeamSurvey.Kind.values.index(survey.kind),
    )
    results = [survey_results(survey) for survey in surveys]
    shown = [dataclasses.replace(r, comparisons=[]) for r in results[:-1]] + results[-1:]
    return {"team_surveys": shown}
