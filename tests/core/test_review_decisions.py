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


def test_the_stamp_goes_to_the_layers_own_stamp_columns() -> None:
    """Where the records had a review_decision of their own, the stamp is read from and
    written to match_review_decision… and the record's own column is never named."""
    from placelink.core.review_decisions import (
        Decision,
        Stamp,
        postgres_decision_sql,
        postgres_stamp_sql,
        stamp_columns,
    )

    names = {n: f"match_{n}" for n in ("review_decision", "reviewed_by", "reviewed_at")}
    assert stamp_columns(names) == ("match_review_decision", "match_reviewed_by",
                                    "match_reviewed_at")  # fmt: skip
    row = {"review_decision": "approved", "match_review_decision": "", "match_reviewed_by": None}
    assert Stamp.of(row, names).is_empty()  # the record's own "approved" is not the stamp
    assert Stamp.of(row).decision == "approved"
    decision = Decision(7, 1, 2, "changed", "A. Officer", "2026-01-01T00:00:00+00:00")
    sql = postgres_decision_sql("s", "t", "id", Stamp(), decision, {"uprn": 2}, None, names)
    assert "\"match_review_decision\" = 'changed'" in sql
    assert "COALESCE(\"match_reviewed_by\", '') = ''" in sql
    assert '"review_decision"' not in sql.replace('"match_review_decision"', "")
    stamp = postgres_stamp_sql("s", "t", "id", 7, names)
    assert '"match_reviewed_at"' in stamp and '"reviewed_at"' not in stamp.replace(
        '"match_reviewed_at"', ""
    )
