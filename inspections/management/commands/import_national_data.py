import time

from inspections.national import FILES
from inspections.national.history_import import import_inspection_history
from inspections.national.loaders import import_councils, import_indicators, import_statistical_neighbours
from inspections.national.readers import INDICATOR_FILES, fixture_path

from ._national import NationalImportCommand


class Command(NationalImportCommand):
    help = (
        "Import every vendored national release (fixtures/national/): councils, Ofsted inspection history, "
        "DfE indicators, statistical neighbours. One transaction per file; safe to run again."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--directory", default=None, help=f"a folder holding the same files ({', '.join(FILES.values())})"
        )

    def handle(self, *args, **options):
        d = options["directory"]
        start = time.monotonic()
        self.run_loader(
            import_councils,
            fixture_path("ofsted_2025", d),
            fixture_path("referrals", d),
            fixture_path("ofsted_2023", d),
            options=options,
        )
        self.run_loader(
            import_inspection_history, fixture_path("ofsted_2023", d), fixture_path("ofsted_2025", d), options=options
        )
        for key in INDICATOR_FILES:
            self.run_loader(import_indicators, fixture_path(key, d), options=options)
        self.run_loader(import_statistical_neighbours, fixture_path("neighbours", d), options=options)
        if options["verbosity"] >= 1:
            self.stdout.write(f"national data imported in {time.monotonic() - start:.1f} s")
