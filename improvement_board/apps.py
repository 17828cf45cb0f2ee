from django.apps import AppConfig


class ImprovementBoardConfig(AppConfig):
    name = "improvement_board"
    verbose_name = "Improvement boards"

    def ready(self) -> None:
        # The plan (actions) asks when boards meet without importing them: tell it here.
        from actions import meetings

        from .boards.calendar import BoardCalendar

        meetings.register(BoardCalendar())
        # Sign-in records (accounts/signals.py) and the deployment's own system checks
        # (ops/checks.py): registered on import.
        from .accounts import signals  # noqa: F401
        from .ops import checks  # noqa: F401
