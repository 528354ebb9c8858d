from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from bench import data


class Command(BaseCommand):
    help = (
        "Fill an empty PostgreSQL database with the benchmark's data set (bench/data.py): "
        "2,000 enrolments, 100,000 sessions, 3,000 invoices and more at --scale 1 (up to 10)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale", type=float, default=1.0, help="Share of the full set (0.1 is a tenth)."
        )
        parser.add_argument("--seed", type=int, default=2026, help="Seed of the random choices.")
        parser.add_argument(
            "--reset", action="store_true", help="Delete every row it would make first."
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run even with DEBUG off (the bench's own database only: its logins share "
            "one public password).",
        )

    def handle(self, *args: object, **options: object) -> None:
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError("bench_data fills a database with test logins; DEBUG is off.")
        scale = float(options["scale"])  # type: ignore[arg-type]
        if not 0 < scale <= 10:
            raise CommandError("--scale must lie between 0 and 10.")
        if not data.is_empty():
            if not options["reset"]:
                raise CommandError("The database holds data; add --reset to replace it.")
            data.reset()
        counts = data.build(scale=scale, seed=int(options["seed"]), log=self.stdout.write)  # type: ignore[call-overload]
        self.stdout.write(
            self.style.SUCCESS(f"Bench data at scale {scale}: {sum(counts.values())} rows.")
        )
        for label, count in sorted(counts.items()):
            self.stdout.write(f"  {label:36} {count:>8}")
