from inspections.national import fixture_path
from inspections.national.loaders import import_councils

from ._national import NationalImportCommand


class Command(NationalImportCommand):
    help = (
        "Import the councils of England (current and former) from Ofsted's inspection outcomes release and a "
        "DfE children in need CSV (c1); defaults to the vendored files."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "ofsted_2025",
            nargs="?",
            default=str(fixture_path("ofsted_2025")),
            help="LA_Inspection_Outcomes_as_at_31_March_YYYY.ods",
        )
        parser.add_argument(
            "dfe_csv",
            nargs="?",
            default=str(fixture_path("referrals")),
            help="c1_children_in_need_referrals_and_rereferrals CSV",
        )
        parser.add_argument("--history-2023", default=None, help="optional: the 2023 Ofsted underlying data ODS")

    def handle(self, *args, **options):
        self.run_loader(
            import_councils, options["ofsted_2025"], options["dfe_csv"], options["history_2023"], options=options
        )
