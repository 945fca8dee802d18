"""The review decision contract: a decision is written only if the row is as it was shown.

Several officers may review one match table at once. Each row carries its decision stamp
(``review_decision``, ``reviewed_by``, ``reviewed_at``); a decision names the stamp the
officer saw, and is refused when the row's stamp has changed since (someone else decided
it), naming who and when. Every decision is also appended to an audit table (row, old and
new UPRN, decision, who, when).

For PostgreSQL the check, the write and the audit row are one SQL statement (one
transaction): two officers racing for a row cannot both win, and a crash writes nothing
half-way. Pure Python: the SQL is built here and run through QGIS's own connection.
"""

from __future__ import annotations

from dataclasses import dataclass

AUDIT_TABLE = "placelink_review_audit"
STAMP_FIELDS = ("review_decision", "reviewed_by", "reviewed_at")


@dataclass(frozen=True)
class Stamp:
    """A row's decision stamp: empty strings when nobody has decided it."""

    decision: str = ""
    by: str = ""
    at: str = ""

    @classmethod
    def of(cls, values: dict) -> Stamp:
        """The stamp in a row's values (NULL-like values read as empty)."""

        def text(name: str) -> str:
            value = values.get(name)
            return "" if value is None or str(value) == "NULL" else str(value)

        return cls(*(text(name) for name in STAMP_FIELDS))

    def is_empty(self) -> bool:
        return not (self.decision or self.by or self.at)


@dataclass(frozen=True)
class Decision:
    """One officer's decision on one row."""

    key: int
    old_uprn: int | None
    new_uprn: int | None
    decision: str
    by: str
    at: str


def literal(value: object) -> str:
    """An SQL literal (standard-conforming strings)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


def identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _same(column: str, value: str) -> str:
    """*column* holds *value*, an empty stamp part matching NULL or ''."""
    if value:
        return f"{identifier(column)} = {literal(value)}"
    return f"COALESCE({identifier(column)}, '') = ''"


def audit_table_sql(schema: str) -> str:
    """CREATE the audit table beside the match table (if it is not there yet)."""
    return (
        f"CREATE TABLE IF NOT EXISTS {identifier(schema)}.{identifier(AUDIT_TABLE)} ("
        "id bigserial PRIMARY KEY, match_table text NOT NULL, row_key bigint NOT NULL, "
        "old_uprn bigint, new_uprn bigint, decision text NOT NULL, decided_by text NOT NULL, "
        "decided_at text NOT NULL, logged_at timestamptz NOT NULL DEFAULT now())"
    )


def postgres_decision_sql(
    schema: str,
    table: str,
    key_column: str,
    shown: Stamp,
    decision: Decision,
    values: dict,
    geometry: tuple[str, str, int] | None = None,
) -> str:
    """One statement: update the row if its stamp is still *shown*, append the audit row.

    It returns one row (the key) when the decision was written, none when it was refused.
    *values* are the other columns to set; *geometry* is ``(column, WKT or "", srid)``.
    """
    target = f"{identifier(schema)}.{identifier(table)}"
    assignments = dict(values)
    assignments.update(
        review_decision=decision.decision, reviewed_by=decision.by, reviewed_at=decision.at
    )
    sets = [f"{identifier(k)} = {literal(v)}" for k, v in assignments.items()]
    if geometry is not None:
        column, wkt, srid = geometry
        shape = f"ST_GeomFromText({literal(wkt)}, {int(srid)})" if wkt else "NULL"
        sets.append(f"{identifier(column)} = {shape}")
    conditions = [f"{identifier(key_column)} = {int(decision.key)}"]
    conditions += [
        _same("review_decision", shown.decision),
        _same("reviewed_by", shown.by),
        _same("reviewed_at", shown.at),
    ]
    audit = f"{identifier(schema)}.{identifier(AUDIT_TABLE)}"
    return (
        f"WITH changed AS (UPDATE {target} SET {', '.join(sets)} "  # nosec B608 - quoted by identifier()/literal()
        f"WHERE {' AND '.join(conditions)} RETURNING {identifier(key_column)} AS row_key), "
        f"logged AS (INSERT INTO {audit} (match_table, row_key, old_uprn, new_uprn, decision, "
        f"decided_by, decided_at) SELECT {literal(f'{schema}.{table}')}, row_key, "
        f"{literal(decision.old_uprn)}, {literal(decision.new_uprn)}, "
        f"{literal(decision.decision)}, {literal(decision.by)}, {literal(decision.at)} "
        "FROM changed RETURNING row_key) SELECT row_key FROM logged"
    )


def postgres_stamp_sql(schema: str, table: str, key_column: str, key: int) -> str:
    """The row's current stamp (to say who decided it when a decision is refused)."""
    columns = ", ".join(f"COALESCE({identifier(c)}, '')" for c in STAMP_FIELDS)
    return (
        f"SELECT {columns} FROM {identifier(schema)}.{identifier(table)} "  # nosec B608 - quoted by identifier()
        f"WHERE {identifier(key_column)} = {int(key)}"
    )
