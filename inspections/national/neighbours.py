"""DfE statistical neighbours (April 2021 groupings): each council's ten nearest councils.

The file lists councils by old LA number with ten neighbours ``SN1``..``SN10`` (closest first),
each followed by a closeness band (``SNP``: "Extremely Close", "Very Close", "Close",
"Somewhat close", "Not Close"). Rank is the position 1-10. After the main table a line
"Old SNs:" introduces the groupings of councils abolished before 2021 (Dorset, Poole and
Bournemouth "(Pre LG)", Northamptonshire); those sets are returned with ``former=True``.

The groupings date from April 2021, before Cumbria was split (April 2023): Cumbria (909) has a
set and appears as a neighbour of others, and Cumberland (942) and Westmorland and Furness (943)
have no set. :attr:`NeighbourFile.councils_without_set` lists the current councils with no set.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from ._io import read_csv
from .councils import Council, CouncilList
from .errors import NationalDataError

MIN_SETS = 140
NEIGHBOURS_PER_SET = 10


@dataclass(frozen=True)
class Neighbour:
    rank: int  # 1 (closest) to 10
    la_number: str
    ons_code: str | None  # None: the LA number is no known council
    current: bool
    closeness: str  # as written: "Very Close"


@dataclass(frozen=True)
class NeighbourSet:
    la_number: str
    name_as_written: str
    ons_code: str | None
    current: bool
    former: bool  # from the "Old SNs" part of the file
    region_as_written: str
    neighbours: tuple[Neighbour, ...]
    source_row: int


@dataclass(frozen=True)
class NeighbourFile:
    source_file: str
    sets: tuple[NeighbourSet, ...]
    unmatched: tuple[str, ...]  # LA numbers (set owners or neighbours) that are no known council
    councils_without_set: tuple[str, ...]  # ONS codes of current councils the file has no set for

    def for_council(self, ons_code: str) -> NeighbourSet | None:
        return next((s for s in self.sets if s.ons_code == ons_code and not s.former), None)


def read_statistical_neighbours(path: str | Path, councils: CouncilList | None = None) -> NeighbourFile:
    path = Path(path)
    if councils is None:
        from .readers import load_councils

        councils = load_councils()
    header, rows = read_csv(path, ("LA num", "LA Name", "GOReg", "SN1", "SNP", "SN10"), MIN_SETS)
    # The closeness columns are all headed "SNP": pair each SNn with the column after it.
    rank_columns = []
    for rank in range(1, NEIGHBOURS_PER_SET + 1):
        try:
            index = header.index(f"SN{rank}")
        except ValueError:
            raise NationalDataError(path, f"header has no SN{rank} column") from None
        if index + 1 >= len(header) or header[index + 1] != "SNP":
            raise NationalDataError(path, f"header: SN{rank} is not followed by its SNP (closeness) column")
        rank_columns.append((rank, index))

    text = path.read_bytes().decode("utf-8-sig")
    raw_rows = list(csv.reader(io.StringIO(text, newline="")))[1:]

    sets, unmatched = [], []
    former_part = False
    for line, fields in enumerate(raw_rows, start=2):
        number = fields[0].strip() if fields else ""
        label = " ".join(f.strip() for f in fields if f.strip())
        if not number:
            if label.casefold().startswith("old sns"):
                former_part = True
            elif label:
                raise NationalDataError(path, f"line {line}: unexpected row {label!r}")
            continue
        if not number.isdigit():
            raise NationalDataError(path, f"line {line}: {number!r} is not an LA number")
        owner = councils.by_la_number(number)
        if owner is None:
            unmatched.append(f"line {line}: council {number} ({fields[1].strip()})")
        neighbours = []
        for rank, index in rank_columns:
            other = fields[index].strip()
            closeness = fields[index + 1].strip()
            if not other:
                raise NationalDataError(path, f"line {line}: council {number} has no neighbour {rank}")
            found = councils.by_la_number(other)
            if found is None:
                unmatched.append(f"line {line}: neighbour {rank} {other}")
            neighbours.append(
                Neighbour(rank, other, found.ons_code if found else None, isinstance(found, Council), closeness)
            )
        sets.append(
            NeighbourSet(
                la_number=number,
                name_as_written=fields[1].strip(),
                ons_code=owner.ons_code if owner else None,
                current=isinstance(owner, Council),
                former=former_part,
                region_as_written=fields[4].strip(),
                neighbours=tuple(neighbours),
                source_row=line,
            )
        )
    main = [s for s in sets if not s.former]
    if len(main) < MIN_SETS:
        raise NationalDataError(path, f"has only {len(main)} councils' neighbour sets (expected at least {MIN_SETS})")
    if len(unmatched) > 5:
        raise NationalDataError(path, f"{len(unmatched)} LA numbers are no known council: {'; '.join(unmatched[:10])}")
    covered = {s.ons_code for s in main}
    without = tuple(sorted(c.ons_code for c in councils if c.ons_code not in covered))
    return NeighbourFile(path.name, tuple(sets), tuple(unmatched), without)
