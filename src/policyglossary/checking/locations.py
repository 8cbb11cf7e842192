"""Where each checked segment is: the engine numbers segments as they come and keeps their
file, line and id compactly, so that collectors can name a segment seen long ago."""

from __future__ import annotations

from array import array
from dataclasses import dataclass

from ..columns import SpilledArray

Exemptions = frozenset[tuple[str, str | None]]


@dataclass(frozen=True, slots=True)
class LocationsState:
    """A `--jobs` worker's locations, handed to the parent (see `Locations.absorb`)."""

    files: list[str]
    file: array[int]
    line: array[int]
    ids: bytes
    id_ends: array[int]
    exempt: dict[int, Exemptions]


class Locations:
    """Where each checked segment is, kept compactly so that consistency checks over a
    million segments stay small: file index and line in typed columns, ids (only where they
    differ from the line number) as UTF-8 in one byte column, about 20 bytes a segment
    instead of a 60-byte string object each. The columns spill to disk (`columns`), so memory
    does not grow with the number of segments."""

    def __init__(self) -> None:
        self.files: list[str] = []
        self._file_index: dict[str, int] = {}
        self._file = SpilledArray("I")
        self._line = SpilledArray("I")
        self._ids = SpilledArray("B")
        """Each id as a 1 byte followed by its UTF-8; nothing for an id equal to the line."""
        self._id_ends = SpilledArray("Q")
        self._count = 0
        self._ids_size = 0
        self.exempt: dict[int, Exemptions] = {}

    def add(self, file: str, line: int | None, segment_id: str,
            exempt: Exemptions) -> int:
        index = self._file_index.get(file)
        if index is None:
            index = self._file_index[file] = len(self.files)
            self.files.append(file)
        seq = self._count
        self._count = seq + 1
        self._file.tail.append(index)
        self._line.tail.append(line or 0)
        if line is None or segment_id != str(line):
            stored = b"\x01" + segment_id.encode("utf-8", "surrogatepass")
            self._ids.tail.frombytes(stored)
            self._ids_size += len(stored)
        self._id_ends.tail.append(self._ids_size)
        if exempt:
            self.exempt[seq] = exempt
        if len(self._line.tail) >= self._line.block:
            self._spill()
        return seq

    def _spill(self) -> None:
        for column in (self._file, self._line, self._ids, self._id_ends):
            column.spill()

    def __len__(self) -> int:
        return self._count

    def state(self) -> LocationsState:
        return LocationsState(self.files, self._file.materialize(), self._line.materialize(),
                              self._ids.materialize().tobytes(), self._id_ends.materialize(),
                              self.exempt)

    def absorb(self, state: LocationsState) -> int:
        """Append a worker's locations; returns the offset its segment numbers move by."""
        offset = self._count
        mapping = array("I")
        for name in state.files:
            index = self._file_index.get(name)
            if index is None:
                index = self._file_index[name] = len(self.files)
                self.files.append(name)
            mapping.append(index)
        self._file.extend(mapping[i] for i in state.file)
        self._line.extend(state.line)
        shift = self._ids_size
        self._ids.frombytes(state.ids)
        self._ids_size += len(state.ids)
        self._id_ends.extend(end + shift for end in state.id_ends)
        self._count += len(state.line)
        for seq, exempt in state.exempt.items():
            self.exempt[seq + offset] = exempt
        return offset

    def get(self, seq: int) -> tuple[str, int | None, str]:
        line = self._line[seq] or None
        start = self._id_ends[seq - 1] if seq else 0
        end = self._id_ends[seq]
        segment_id = self._ids.read(start + 1, end).tobytes().decode(
            "utf-8", "surrogatepass") if end > start else str(line)
        return self.files[self._file[seq]], line, segment_id
