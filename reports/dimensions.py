"""What the programme changed in the companies' learning culture: per dimension of the
needs analysis, the baseline and final means and the change, over the companies measured
twice (the province report and the public results)."""

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from companies import questionnaire as q
from companies.models import NeedsAnalysis
from reports.builders.common import mean


def dimension_changes(
    enrolment_ids: Iterable[int],
) -> tuple[list[dict[str, Any]], dict[int, dict[str, Decimal | None]]]:
    """Per dimension the mean baseline, final and change over the companies measured twice;
    and per such company its change per dimension."""
    analyses = NeedsAnalysis.objects.filter(
        enrolment__in=list(enrolment_ids), status__in=NeedsAnalysis.SCORED
    ).only("enrolment_id", "kind", "questionnaire_version", "answers")
    pairs: dict[int, dict[str, NeedsAnalysis]] = defaultdict(dict)
    for analysis in analyses:
        pairs[analysis.enrolment_id][analysis.kind] = analysis
    labels = {d.key: d.text for d in q.get_questionnaire().dimensions}
    collected: dict[str, dict[str, list[Decimal]]] = {
        key: {"baseline": [], "final": [], "change": []} for key in labels
    }
    per_company: dict[int, dict[str, Decimal | None]] = {}
    for enrolment_id, pair in pairs.items():
        baseline, final = pair.get(NeedsAnalysis.Kind.BASELINE), pair.get(NeedsAnalysis.Kind.FINAL)
        if baseline is None or final is None:
            continue
        questionnaire = q.get_questionnaire(baseline.questionnaire_version)
        changes = q.score_changes(questionnaire, baseline.answers, final.answers)
        per_company[enrolment_id] = {}
        for dimension, before, after, change in changes:
            labels.setdefault(dimension.key, dimension.text)
            values = collected.setdefault(
                dimension.key, {"baseline": [], "final": [], "change": []}
            )
            per_company[enrolment_id][dimension.key] = change
            if change is not None and before is not None and after is not None:
                values["baseline"].append(before)
                values["final"].append(after)
                values["change"].append(change)
    dimensions = [
        {
            "key": key,
            "label": labels[key],
            "companies": len(values["change"]),
            "baseline": mean(values["baseline"]),
            "final": mean(values["final"]),
            "change": mean(values["change"]),
        }
        for key, values in collected.items()
    ]
    return dimensions, per_company
