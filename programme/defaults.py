"""Today's programme: the values a new installation starts with, until staff change them
in the admin. Texts are plain paragraphs, separated by an empty line."""

from decimal import Decimal

NAME = "Leercultuur MKB"
OPERATOR = "VNO-NCW Midden"
FUNDER = "Provincie Gelderland"
PROVINCE = "Gelderland"
PARTNERS = "Gelders Vakmanschap"
CONTRIBUTION = Decimal("2000.00")
COACH_HOURS = 120
TRAJECTORY_MONTHS = 10
MAX_EMPLOYEES = 249
PRIMARY_COLOUR = "#1b5e7b"
ACCENT_COLOUR = "#f2b134"

TEXTS = {
    "tagline": (
        "Samen werken aan leren in uw bedrijf: voor directie en medewerkers.",
        "Building a learning culture in your company, for management and staff alike.",
    ),
    "intro": (
        "{naam} helpt kleine en middelgrote bedrijven om leren een vast onderdeel "
        "van het werk te maken. {maanden} maanden lang werkt u met een arbeidsmarktcoach aan een "
        "plan dat past bij uw bedrijf en uw mensen.\n\n"
        "Het programma is er voor directie én medewerkers, en vooral voor collega's met een "
        "mbo-opleiding. U leert ook van andere bedrijven in een lerend netwerk.",
        "{naam} helps small and medium-sized companies make learning part of the "
        "daily work. For {maanden} months you work with a labour-market coach on a plan that fits "
        "your company and your people.\n\n"
        "The programme is for management and staff, above all colleagues with a vocational "
        "(mbo) education. You also learn from other companies in a learning network.",
    ),
    "audience": (
        "Het programma is voor bedrijven in {provincie} met minder dan 250 medewerkers. "
        "Directie en medewerkers doen samen mee. We richten ons vooral op medewerkers met "
        "een mbo-opleiding.\n\n"
        "U hoeft nog geen plan te hebben. De coach helpt u op weg.",
        "The programme is for companies in {provincie} with fewer than 250 employees. "
        "Management and staff take part together. We focus above all on staff with a "
        "vocational (mbo) education.\n\n"
        "You do not need a plan yet. The coach helps you get started.",
    ),
    "approach": (
        "U begint met een behoefteanalyse. Samen met de coach kijkt u waar uw bedrijf nu "
        "staat: hoe leren uw mensen, wat hebben ze nodig?\n\n"
        "Daarna maakt u een ontwikkelplan. Daarin staan cursussen bij een opleider, leren op "
        "de werkplek en leren van elkaar.\n\n"
        "Tijdens het traject komt u samen met andere bedrijven in een lerend netwerk. Aan "
        "het eind doet u de meting opnieuw en ziet u wat er veranderd is.",
        "You start with a needs analysis. With the coach you look at where your company "
        "stands now: how do your people learn, and what do they need?\n\n"
        "Then you make a development plan: courses with a training institution, learning on "
        "the job and learning from each other.\n\n"
        "During the trajectory you meet other companies in a learning network. At the end "
        "you take the measurement again and see what has changed.",
    ),
    "offer": (
        "U krijgt {uren} uur begeleiding van een arbeidsmarktcoach, een ontwikkelplan op maat "
        "en een plek in een lerend netwerk. De provincie betaalt het grootste deel.",
        "You get {uren} hours of guidance by a labour-market coach, a development plan made "
        "to measure and a place in a learning network. The province pays the largest part.",
    ),
    "terms": (
        "Door u aan te melden gaat u akkoord met deze voorwaarden.\n\n"
        "Uw bedrijf betaalt een eigen bijdrage van {bijdrage} (exclusief btw). U krijgt de "
        "factuur nadat uw aanmelding is geaccepteerd.\n\n"
        "U werkt mee aan de behoefteanalyse aan het begin en de meting aan het eind. Wij "
        "gebruiken de uitkomsten zonder naam voor de verantwoording aan de provincie.\n\n"
        "Stopt u voor het traject begint? Dan krijgt u de eigen bijdrage terug.",
        "By enrolling you accept these terms.\n\n"
        "Your company pays an own contribution of {bijdrage} (excluding VAT). You receive the "
        "invoice once your enrolment has been accepted.\n\n"
        "You take part in the needs analysis at the start and the measurement at the end. "
        "We use the results without names to account to the province.\n\n"
        "If you withdraw before the trajectory starts, the own contribution is refunded.",
    ),
    "privacy": (
        "Wij gebruiken uw gegevens alleen voor het programma: uw aanmelding, de begeleiding, "
        "de facturen en de verantwoording aan de provincie.\n\n"
        "Wie in het portaal een account heeft, kan zijn gegevens downloaden en laten "
        "verwijderen. De antwoorden op de medewerkerspeiling zijn anoniem: niemand kan zien "
        "wie wat heeft ingevuld.\n\n"
        "Facturen bewaren we zeven jaar, zoals de wet vraagt. Vragen over privacy stelt u "
        "aan het programmabureau.",
        "We use your data for the programme only: your enrolment, the coaching, the "
        "invoices and the account to the province.\n\n"
        "Anyone with an account in the portal can download their data and have it erased. "
        "Answers to the team survey are anonymous: nobody can see who answered what.\n\n"
        "Invoices are kept for seven years, as the law requires. Please ask the programme "
        "office any question about privacy.",
    ),
    "accessibility": (
        "Wij willen dat iedereen dit portaal kan gebruiken, ook op een telefoon, met alleen "
        "een toetsenbord of met een schermlezer.\n\n"
        "Wij testen elke pagina automatisch met axe-core, op een breed scherm en op een "
        "telefoon. Vindt u toch iets dat niet werkt? Laat het het programmabureau weten. "
        "Wij reageren binnen vijf werkdagen.",
        "We want everyone to be able to use this portal, also on a phone, with only a "
        "keyboard or with a screen reader.\n\n"
        "Every page is tested automatically with axe-core, on a wide screen and on a phone. "
        "Did you find something that does not work? Please tell the programme office. We "
        "answer within five working days.",
    ),
}

QUESTIONS = (
    (
        "Wat kost meedoen?",
        "De eigen bijdrage is {bijdrage} (exclusief btw). De provincie betaalt de rest.",
        "What does taking part cost?",
        "The own contribution is {bijdrage} (excluding VAT). The province pays the rest.",
    ),
    (
        "Hoeveel tijd kost het ons?",
        "Het traject duurt {maanden} maanden. Reken op een paar uur per maand voor de gesprekken "
        "met de coach, en tijd voor de bijeenkomsten van het lerend netwerk.",
        "How much time does it take?",
        "The trajectory takes {maanden} months. Count on a few hours a month for the talks with "
        "the coach, and time for the meetings of the learning network.",
    ),
    (
        "Wie doen er mee vanuit ons bedrijf?",
        "Directie en medewerkers. Vaak trekken een paar enthousiaste collega's het binnen "
        "het bedrijf: de sleutelfiguren.",
        "Who from our company takes part?",
        "Management and staff. Often a few enthusiastic colleagues lead it in the company: "
        "the key figures.",
    ),
    (
        "Zien anderen onze resultaten?",
        "Nee. Wij tonen alleen cijfers van minstens vijf bedrijven samen. Een verhaal over "
        "uw bedrijf publiceren we alleen als u daar toestemming voor geeft.",
        "Will others see our results?",
        "No. We only show figures of at least five companies together. We publish a story "
        "about your company only with your consent.",
    ),
)
