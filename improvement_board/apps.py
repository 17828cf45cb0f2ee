from django.apps import AppConfig


class ImprovementBoardConfig(AppConfig):
    name = "improvement_board"
    verbose_name = "Improvement boards"
