from inspections.national.loaders import import_indicators

from ._national import NationalImportCommand


class Command(NationalImportCommand):
    help = (
        "Import a DfE indicator CSV (c1 re-referrals, d3 child protection plans, csww workforce, placement "
        "stability or care leavers' activity); the kind is recognised from the header."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("files", nargs="+")

    def handle(self, *args, **options):
        for path in options["files"]:
            self.run_loader(import_indicators, path, options=options)
