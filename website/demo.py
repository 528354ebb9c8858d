"""The website's demo content for `seed_demo`: a story that a demo company agreed to, a
shared experience in the library, and the results worked out once."""

from accounts.models import User
from companies.models import Enrolment
from networks.models import Experience
from networks.services import experience_moderate, experience_post, experience_share
from website.models import Story
from website.results import results_refresh
from website.services import story_consent_give, story_publish, story_save

STORY: dict[str, object] = {
    "title": "Een maatje voor elke nieuwe collega",
    "body": (
        "Bij het bedrijf leerden nieuwe medewerkers vooral door mee te kijken. Met de coach "
        "maakte de directie een plan: elke nieuwe collega krijgt een ervaren maatje, en elke "
        "maand is er een korte leeravond.\n\n"
        "Twee monteurs volgen nu een mbo-opleiding op niveau 3. De leeravond is een vast "
        "moment geworden waar iedereen iets laat zien van zijn werk."
    ),
    "quote": "We leren nu echt van elkaar, niet alleen als er iets misgaat.",
    "quote_by": "Ilse, leidinggevende productie",
}


EXPERIENCE = (
    "Wij laten elke nieuwe collega de eerste maand meelopen met een vast maatje. Dat "
    "werkt beter dan een map met instructies: vragen stellen mag, en het maatje leert zelf "
    "ook van het uitleggen."
)


def seed_website(*, staff: User) -> None:
    # The bakery of companies.demo, whose trajectory is under way.
    enrolment = Enrolment.objects.filter(
        status=Enrolment.Status.ACTIVE, company__kvk_number="09123456"
    ).first()
    contact = enrolment.company.contacts.select_related("user").first() if enrolment else None
    if enrolment is None or contact is None:
        return
    if not Story.objects.filter(enrolment=enrolment).exists():
        story = story_save(story=None, enrolment=enrolment, by=staff, **STORY)
        story_consent_give(story=story, by=contact.user)
        story_publish(story=story)
    network = enrolment.networks.first()
    if network is not None and not Experience.objects.filter(author=contact.user).exists():
        experience = experience_post(
            network=network, author=contact.user, enrolment=enrolment, body=EXPERIENCE
        )
        experience_share(experience=experience, by=contact.user, shared=True)
        experience_moderate(experience=experience, by=staff, approve=True)
    results_refresh()
