"""The match result contract: what matching adds to every input row, in one place.

``placelink:matchaddresses``, the Review and Find address docks and ``placelink-batch``
all read these names, types and order from here, and all say "the address the matcher was
given" with ``record_text``. Pure Python and light (no numpy, no rapidfuzz): a dock can
read the contract on a QGIS without the matcher's packages.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..review_decisions import STAMP_FIELDS
from ..schema import INT, REAL, TEXT, Field

MATCHED = "matched"
AMBIGUOUS = "ambiguous"
UNMATCHED = "unmatched"
STATUSES = (MATCHED, AMBIGUOUS, UNMATCHED)

#: Fields every match adds to an input row, in this order (``MatchResult``'s attributes).
RESULT_FIELDS: tuple[Field, ...] = (
    Field("uprn", INT),
    Field("match_score", REAL),
    Field("match_status", TEXT, 12),
    Field("matched_address", TEXT, 500),
    Field("match_reason", TEXT, 500),
    Field("runner_up_uprn", INT),
    Field("margin", REAL),
)

_REVIEW_LENGTHS = {"review_decision": 20, "reviewed_by": 100, "reviewed_at": 25}
#: A person's decision on the row (who and when), written by the Review matches dock.
REVIEW_FIELDS: tuple[Field, ...] = tuple(Field(n, TEXT, _REVIEW_LENGTHS[n]) for n in STAMP_FIELDS)

#: Fields the Match addresses algorithm adds to every input row: the result, then the review.
OUTPUT_FIELDS: tuple[Field, ...] = RESULT_FIELDS + REVIEW_FIELDS

#: Every name the contract adds, for telling a record's own fields from the match's.
OUTPUT_NAMES = frozenset(f.name for f in OUTPUT_FIELDS)

#: The algorithm's parameters that say which input fields hold the record's address.
ADDRESS_PARAMETER, POSTCODE_PARAMETER = "ADDRESS_FIELDS", "POSTCODE_FIELD"


def output_names(columns: Sequence[str], fields: Sequence[Field] = OUTPUT_FIELDS) -> list[str]:
    """The names *fields* get beside an input with *columns*: ``match_<name>`` where the
    input already has the name (nothing of the input is overwritten)."""
    taken = set(columns)
    return [f.name if f.name not in taken else f"match_{f.name}" for f in fields]


def names_in(columns: Sequence[str], fields: Sequence[Field] = RESULT_FIELDS) -> dict[str, str]:
    """Each of *fields*' name in a match output with *columns*: ``match_<name>`` where the
    input had ``<name>`` of its own (both are then there), else ``<name>``. A dock reads and
    writes a result through these, never the input's own ``uprn``."""
    present = set(columns)
    return {
        f.name: f"match_{f.name}" if f.name in present and f"match_{f.name}" in present else f.name
        for f in fields
    }


def is_match_field(name: str) -> bool:
    """True for a field the match added (``uprn``, ``match_uprn``, ``reviewed_by``…)."""
    return name in OUTPUT_NAMES or name.startswith("match_")


def _part(value: object) -> str:
    if value is None:
        return ""
    text = " ".join(str(value).split())
    return "" if text.upper() in ("NULL", "NONE", "NAN") else text


def join_fields(row: Mapping[str, object], fields: Sequence[str]) -> str:
    """Several address fields of an input row joined in order with ``, `` (empties skipped)."""
    return ", ".join(part for part in (_part(row.get(name)) for name in fields) if part)


def joined_rows(columns: Sequence[Sequence[object]]) -> list[str]:
    """``join_fields`` of every row of *columns* (one sequence of values per address
    field, in order): the same texts, without a dictionary per row."""
    if len(columns) == 1:
        return [_part(value) for value in columns[0]]
    return [", ".join(p for p in map(_part, values) if p) for values in zip(*columns)]


def record_text(
    row: Mapping[str, object], address_fields: Sequence[str], postcode_field: str | None = None
) -> str:
    """The address the matcher was given for *row*, as one line: the address fields joined
    in order, then the postcode field unless the text already holds it."""
    text = join_fields(row, address_fields)
    postcode = _part(row.get(postcode_field)) if postcode_field else ""
    if postcode and postcode.replace(" ", "").upper() not in text.replace(" ", "").upper():
        text = f"{text}, {postcode}" if text else postcode
    return text


def run_fields(parameters: Mapping[str, object]) -> tuple[list[str], str | None]:
    """The address fields and the postcode field of a Match addresses run's *parameters*."""
    chosen = parameters.get(ADDRESS_PARAMETER) or []
    fields = [str(chosen)] if isinstance(chosen, str) else [str(name) for name in chosen]  # type: ignore[union-attr]
    postcode = parameters.get(POSTCODE_PARAMETER)
    return fields, (str(postcode) if postcode else None)
