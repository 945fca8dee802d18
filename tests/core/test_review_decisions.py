"""The review decision contract (pure Python): stamps and the one-statement PostgreSQL write."""

from __future__ import annotations

from placelink.core.review_decisions import (
    Decision,
    Stamp,
    literal,
    postgres_decision_sql,
)


def test_stamp_reads_null_like_values_as_undecided() -> None:
    assert Stamp.of({"review_decision": None, "reviewed_by": "NULL"}).is_empty()
    stamp = Stamp.of({"review_decision": "accepted", "reviewed_by": "A", "reviewed_at": "t"})
    assert stamp == Stamp("accepted", "A", "t") and not stamp.is_empty()


def test_literals_cannot_break_out_of_the_statement() -> None:
    assert literal("O'Brien") == "'O''Brien'"
    assert literal(None) == "NULL" and literal(12) == "12" and literal(True) == "TRUE"


def test_decision_statement_checks_the_shown_stamp_and_audits() -> None:
    decision = Decision(7, 100, 200, "changed", "Officer O'Neil", "2026-01-01T10:00:00")
    sql = postgres_decision_sql(
        "public", 'odd"name', "id", Stamp(), decision, {"uprn": 200}, ("geom", "POINT(1 2)", 27700)
    )
    assert sql.startswith('WITH changed AS (UPDATE "public"."odd""name" SET "uprn" = 200')
    assert "COALESCE(\"reviewed_by\", '') = ''" in sql  # undecided when shown
    assert "ST_GeomFromText('POINT(1 2)', 27700)" in sql
    assert "'Officer O''Neil'" in sql and '"id" = 7' in sql
    assert 'INSERT INTO "public"."placelink_review_audit"' in sql and "FROM changed" in sql
    decided = postgres_decision_sql("s", "t", "id", Stamp("accepted", "B", "t1"), decision, {})
    assert "\"reviewed_by\" = 'B'" in decided and "\"reviewed_at\" = 't1'" in decided
