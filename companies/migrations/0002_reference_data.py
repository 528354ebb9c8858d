"""Seed the regions of Gelderland and the SBI main sections; staff edit them in the admin."""

from django.db import migrations

REGIONS = [
    "Achterhoek",
    "Arnhem-Nijmegen",
    "Cleantech Regio (Stedendriehoek)",
    "FoodValley",
    "Noord-Veluwe",
    "Rivierenland",
]

# The main sections of the Standaard Bedrijfsindeling (SBI) of Statistics Netherlands.
SBI_SECTIONS = [
    ("A", "Landbouw, bosbouw en visserij"),
    ("B", "Winning van delfstoffen"),
    ("C", "Industrie"),
    ("D", "Productie en distributie van en handel in elektriciteit, aardgas, stoom en gekoelde lucht"),
    ("E", "Winning en distributie van water; afval- en afvalwaterbeheer en sanering"),
    ("F", "Bouwnijverheid"),
    ("G", "Groot- en detailhandel; reparatie van auto's"),
    ("H", "Vervoer en opslag"),
    ("I", "Logies-, maaltijd- en drankverstrekking"),
    ("J", "Informatie en communicatie"),
    ("K", "Financiële instellingen"),
    ("L", "Verhuur van en handel in onroerend goed"),
    ("M", "Advisering, onderzoek en overige specialistische zakelijke dienstverlening"),
    ("N", "Verhuur van roerende goederen en overige zakelijke dienstverlening"),
    ("O", "Openbaar bestuur, overheidsdiensten en verplichte sociale verzekeringen"),
    ("P", "Onderwijs"),
    ("Q", "Gezondheids- en welzijnszorg"),
    ("R", "Cultuur, sport en recreatie"),
    ("S", "Overige dienstverlening"),
    ("T", "Huishoudens als werkgever"),
    ("U", "Extraterritoriale organisaties en lichamen"),
]


def seed(apps, schema_editor):
    Region = apps.get_model("companies", "Region")
    Sector = apps.get_model("companies", "Sector")
    for name in REGIONS:
        Region.objects.get_or_create(name=name)
    for code, name in SBI_SECTIONS:
        Sector.objects.get_or_create(code=code, defaults={"name": name})


def unseed(apps, schema_editor):
    apps.get_model("companies", "Region").objects.filter(name__in=REGIONS).delete()
    codes = [code for code, _name in SBI_SECTIONS]
    apps.get_model("companies", "Sector").objects.filter(code__in=codes).delete()


class Migration(migrations.Migration):
    dependencies = [("companies", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
