"""What loaders yield: canonical records, rejected rows and the run's accounting."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Reject:
    """A source row that could not be loaded, with the plain-words reason."""

    file: str
    line: int
    raw: str
    reason: str


@dataclass
class LoadStats:
    """Counts that let the log account for every data row read."""

    files: int = 0
    data_rows: int = 0
    accepted: int = 0
    rejected: int = 0
    blank_lines: int = 0
    non_utf8_lines: int = 0
    detected: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def accounting_line(self) -> str:
        """One line saying where every data row went."""
        ok = "" if self.accepted + self.rejected == self.data_rows else " (MISMATCH)"
        return (
            f"{self.data_rows:,} data rows read from {self.files:,} file(s): "
            f"{self.accepted:,} to OUTPUT + {self.rejected:,} to REJECTED"
            f" = {self.accepted + self.rejected:,}{ok}"
        )
