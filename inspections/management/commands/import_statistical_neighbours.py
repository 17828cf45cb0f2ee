from inspections.national.loaders import import_statistical_neighbours

from ._national import NationalImportCommand


class Command(NationalImportCommand):
    help = "Import DfE statistical neighbour groupings (each council's ten neighbours with their closeness)."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("file")

    def handle(self, *args, **options):
        self.run_loader(import_statistical_neighbours, options["file"], options=options)
