"""A notice's themes and measures typed as text: each theme on a line of its own, its measures
under it on lines starting with a dash. Used wherever a notice is typed in (setting up a council,
recording a revised or replacement notice)."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms


@dataclass(frozen=True)
class Theme:
    title: str
    measures: tuple[str, ...]


def parse_themes(text: str) -> list[Theme]:
    """Themes each on a line of their own, their measures under them each starting with "-"."""
    themes: list[tuple[str, list[str]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        if line[0] in "-*•":
            if not themes:
                raise forms.ValidationError(
                    f"Line {number} is a measure (it starts with a dash) before any theme. "
                    "Write the theme's title on the line above it."
                )
            measure = line[1:].strip()
            if measure:
                themes[-1][1].append(measure)
        else:
            if any(title.lower() == line.lower() for title, _ in themes):
                raise forms.ValidationError(f"The theme “{line}” is written twice. Give each theme once.")
            themes.append((line, []))
    if not themes:
        raise forms.ValidationError("Enter the notice's themes and their measures")
    empty = [title for title, measures in themes if not measures]
    if empty:
        raise forms.ValidationError(
            f"The theme “{empty[0]}” has no measures. Write each measure under its "
            "theme on a line starting with a dash."
        )
    return [Theme(title, tuple(measures)) for title, measures in themes]
