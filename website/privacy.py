"""Personal data on the website: the stories staff write about companies, and the record
of a company's consent to publish one.

See accounts/privacy.py for what the declarations mean. A story is the company's, not a
person's: it stays when its writer or the contact who agreed is erased (the company
withdraws it in the portal). The consent record keeps when and to what the company agreed,
for as long as the story exists; the name of who agreed goes with their erasure.
"""

from django.db.models import Q

from accounts.privacy import LINK_TO_ERASED_USER, register
from website.models import Story, StoryConsent

COMPANY_STORY = "the company's story, published only with the company's consent"

register(
    Story,
    rows=lambda user: Q(written_by=user),
    export=("title", "body", "quote", "quote_by", "created_at", "published_at"),
    kept={"written_by": LINK_TO_ERASED_USER, "body": COMPANY_STORY, "quote": COMPANY_STORY},
)
register(
    StoryConsent,
    rows=lambda user: Q(given_by=user) | Q(withdrawn_by=user),
    export=("story", "given_by_name", "given_at", "withdrawn_at", "content"),
    scrub=("given_by_name",),
    kept={
        "given_by": LINK_TO_ERASED_USER,
        "withdrawn_by": LINK_TO_ERASED_USER,
        "content": "the text the company agreed to, kept with the story",
    },
)
