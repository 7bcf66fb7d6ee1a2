import time

from django.core.management.base import BaseCommand, CommandError

from programmes.synthetic import Size, SyntheticDataExists, national_data_generate


class Command(BaseCommand):
    help = (
        "Build a synthetic national data set (slugs starting with “sint-”) in the current "
        "database, to measure the app at scale. Refuses if one is there, unless --replace."
    )

    def add_arguments(self, parser):
        defaults = Size()
        parser.add_argument("--regions", type=int, default=defaults.regions)
        parser.add_argument(
            "--municipalities",
            type=int,
            default=defaults.municipalities,
            help="In all, shared among the regions.",
        )
        parser.add_argument("--years", type=int, default=defaults.years)
        parser.add_argument(
            "--tasks",
            type=int,
            default=defaults.tasks,
            help="Reportable actions per programme.",
        )
        parser.add_argument("--seed", type=int, default=defaults.seed)
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete the previous synthetic set first.",
        )

    def handle(self, *args, replace=False, **options):
        try:
            size = Size(
                regions=options["regions"],
                municipalities=options["municipalities"],
                years=options["years"],
                tasks=options["tasks"],
                seed=options["seed"],
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        start = time.perf_counter()
        try:
            counts = national_data_generate(size=size, replace=replace, log=self.stdout.write)
        except SyntheticDataExists as exc:
            raise CommandError(str(exc)) from exc
        for label, count in counts.items():
            self.stdout.write(f"{label}: {count}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Done: {sum(counts.values())} rows in {time.perf_counter() - start:.1f} s."
            )
        )
