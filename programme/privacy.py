"""The programme's settings hold nobody's personal data: its contact details are those the
programme office publishes, and its texts are the programme's own."""

from accounts.privacy import not_personal
from programme.models import TEXT_LABELS, Programme, Question

PAGE_TEXT = "a text of the public pages"

not_personal(
    Programme,
    name="the programme's name",
    partners="the names of partner organisations",
    contact_email="the programme office's published address",
    contact_phone="the programme office's published number",
    contact_address="the programme office's published address",
    **{f"{key}_{language}": PAGE_TEXT for key in TEXT_LABELS for language in ("nl", "en")},
)
not_personal(Question, answer_nl=PAGE_TEXT, answer_en=PAGE_TEXT)
