"""What an import refuses, as exceptions whose text is the message to show a person."""

from __future__ import annotations


class ImportRefused(Exception):
    """A document that cannot be imported; ``str(exc)`` is the message to show."""


class DocumentUnreadable(ImportRefused):
    """Empty, too large, binary, or a PDF with no text."""


class NotAnInspection(ImportRefused):
    pass


class CouncilUnknown(ImportRefused):
    pass


class AlreadyImported(ImportRefused):
    pass


def describe(inspection) -> str:
    """ "Sutton's ILACS inspection published 1 February 2022" (for messages)."""
    return (
        f"{inspection.council.short_name}'s {inspection.framework.code} inspection published "
        f"{inspection.published:%-d %B %Y}"
    )


class QuestionsLeft(ImportRefused):
    """Something could not be read with confidence; ``questions`` says what (an
    ``import_reading.Questions``). Nothing is saved until a person gives it."""

    def __init__(self, questions, framework: str | None):
        self.questions = questions
        self.missing = questions.messages(framework)
        super().__init__("Nothing was saved: " + "; ".join(self.missing) + ".")
