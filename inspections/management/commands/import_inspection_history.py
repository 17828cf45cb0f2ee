from django.core.management.base import CommandError

from inspections.national.history_import import import_inspection_history

from ._national import NationalImportCommand


class Command(NationalImportCommand):
    help = (
        "Import Ofsted's inspection history: --history-2023 (Children's social care data 2023 underlying data, "
        "sheet LA_inspections_2009-2023) and/or --ilacs (Local authority inspection outcomes, sheet "
        "ILACS_inspection_history). Run import_councils first."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--history-2023", default=None)
        parser.add_argument("--ilacs", default=None)

    def handle(self, *args, **options):
        if not options["history_2023"] and not options["ilacs"]:
            raise CommandError("give --history-2023 FILE, --ilacs FILE or both")
        self.run_loader(import_inspection_history, options["history_2023"], options["ilacs"], options=options)
