from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    """The anonymous team survey (medewerkerspeiling) beside the contact's needs analysis.

    Its models are deliberately not in the audit log: an audit entry has an exact time and
    would order the responses against the use of the links.
    """

    name = "surveys"
    verbose_name = _("Team surveys")
