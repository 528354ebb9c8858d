from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from accounts.demo import DEMO_PASSWORD, demo_user
from coaching.demo import seed_coaching, seed_extra_hours, seed_sessions
from companies.demo import seed_companies
from invoicing.demo import seed_invoices
from networks.demo import seed_networks
from people.demo import seed_people
from programme.demo import seed_programme
from reports.demo import seed_reports
from surveys.demo import seed_team_surveys
from website.demo import seed_website


class Command(BaseCommand):
    help = "Fill the database with demo data and a login for every role (safe to run again)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run even with DEBUG off (the demo password is public).",
        )

    def handle(self, *args: object, **options: object) -> None:
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError("seed_demo makes logins with a public password; DEBUG is off.")
        with transaction.atomic():
            seed_programme()
            staff = demo_user("staf@leercultuur.test", "Marieke Jansen", is_staff=True)
            logins = [f"staff            {staff.email}  (asked to set up TOTP at first login)"]
            coach_lines, coach = seed_coaching()
            logins += coach_lines
            logins += seed_companies(staff=staff, coach=coach)
            seed_sessions(coach)
            seed_extra_hours(coach)
            seed_invoices(staff=staff)
            seed_networks(coach=coach)
            seed_people()
            seed_team_surveys()
            seed_website(staff=staff)
            # Rendered after the commit: by a worker, or at once when Celery is eager.
            seed_reports(staff=staff)
        self.stdout.write(self.style.SUCCESS("Demo data ready. Log in at /accounts/login/ with:"))
        for line in logins:
            self.stdout.write(f"  {line}")
        self.stdout.write(f"  password for all: {DEMO_PASSWORD}")
        self.stdout.write(
            "Demo mode: staff and coaches have no authenticator yet; the portal sends them to"
            " set up TOTP (any authenticator app) before anything else."
        )
