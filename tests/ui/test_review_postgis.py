"""Review by several officers at once on a match table in PostGIS.

Two Review matches docks (two QGIS layers, two database roles, so two connections) work
the same queue: a decision on a row the other officer decided since it was shown is
refused with who and when; every decision is appended to the audit table. The SQL
contract is also raced on two concurrent connections: exactly one decision wins.
"""

from __future__ import annotations

import importlib.util
import threading
from pathlib import Path

import pytest
from qgis.core import QgsProject, QgsSettings, QgsVectorLayer

pytest.importorskip("rapidfuzz")
_spec = importlib.util.spec_from_file_location(
    "match_fixtures", Path(__file__).resolve().parents[1] / "processing" / "test_match_addresses.py"
)
fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fixtures)
RECORDS = [
    ("r1", "10 High St", "AB1 2CD"),
    ("r2", "12 High Street", "AB1 2CD"),
    ("r4", "20 High Street", "AB1 2CE"),
    ("r5", "20 High St, Exampleton", "AB1 2CE"),
]


@pytest.fixture(scope="module")
def officers(postgis_server) -> dict:
    postgis_server.add_role("officer_b", "b-secret-pw")
    return {"b": ("officer_b", "b-secret-pw")}


def _match_table(run_alg, postgis_server, table: str) -> str:
    run_alg(
        "placelink:matchaddresses",
        {"INPUT": fixtures._records(RECORDS), "ADDRESS_FIELDS": ["addr"],
         "POSTCODE_FIELD": "pc", "GAZETTEER": fixtures._gazetteer(),
         "OUTPUT": "postgis:" + postgis_server.uri(table=table)},
    )  # fmt: skip
    postgis_server.sql(f"GRANT ALL ON public.{table} TO officer_b")
    postgis_server.sql("GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO officer_b")
    return table


def _dock(make_dock, gazetteer, layer):
    from placelink.ui.review_dock import ReviewDock

    QgsProject.instance().addMapLayer(layer, False)
    dock = make_dock(ReviewDock)
    dock.ui.gazetteerCombo.setLayer(gazetteer)
    dock.ui.scoreSpin.setValue(100)
    dock.ui.matchesCombo.setLayer(layer)
    return dock


def _as(name: str) -> None:
    QgsSettings().setValue("qgis/userFullName", name)


def test_two_officers_lose_no_decision(make_dock, run_alg, postgis_server, officers) -> None:
    table = _match_table(run_alg, postgis_server, "review_two_officers")
    postgis_server.sql("DROP TABLE IF EXISTS public.placelink_review_audit")  # the dock makes it
    gazetteer = fixtures._gazetteer()
    layer_a = QgsVectorLayer(postgis_server.uri(table=table), "matches A", "postgres")
    user, password = officers["b"]
    layer_b = QgsVectorLayer(
        postgis_server.uri(table=table, user=user, password=password), "matches B", "postgres"
    )
    assert layer_a.isValid() and layer_b.isValid()
    dock_a = _dock(make_dock, gazetteer, layer_a)
    dock_b = _dock(make_dock, gazetteer, layer_b)
    queue = list(dock_a.load_queue())
    assert len(queue) >= 2 and dock_b.load_queue() == queue
    row = dock_a.current()
    assert dock_b.current().id() == row.id()  # both officers look at the same record

    _as("Officer Bea")
    assert dock_b.reject_match()
    _as("Officer Al")
    assert not dock_a.accept()  # B decided it since A was shown it
    status = dock_a.ui.statusLabel.text()
    assert "Officer Bea" in status and "rejected" in status and "Not saved" in status
    when = postgis_server.sql(f"SELECT reviewed_at FROM public.{table} WHERE id = {row.id()}")
    assert when and when in status
    assert password not in status
    # B's decision stands; A moved on to the next record, which A can decide
    stored = postgis_server.sql(
        f"SELECT review_decision || '|' || reviewed_by || '|' || match_status "
        f"FROM public.{table} WHERE id = {row.id()}"
    )
    assert stored == "rejected|Officer Bea|unmatched"
    assert dock_a.current().id() != row.id()
    second = dock_a.current()
    assert dock_a.reject_match()  # (Accept would refuse a record tied between addresses)
    audit = postgis_server.sql(
        "SELECT row_key || '|' || COALESCE(old_uprn::text, '') || '|' || "
        "COALESCE(new_uprn::text, '') || '|' || decision || '|' || decided_by "
        f"FROM public.placelink_review_audit WHERE match_table = 'public.{table}' ORDER BY id"
    ).splitlines()
    assert audit == [
        f"{row.id()}|{row['uprn']}||rejected|Officer Bea",
        f"{second.id()}|{second['uprn'] or ''}||rejected|Officer Al",
    ]


def test_racing_decisions_on_two_connections_one_wins(run_alg, postgis_server, officers) -> None:
    from placelink.core.review_decisions import (
        Decision,
        Stamp,
        audit_table_sql,
        postgres_decision_sql,
    )

    table = _match_table(run_alg, postgis_server, "review_race")
    postgis_server.sql(audit_table_sql("public"))
    key = int(postgis_server.sql(f"SELECT min(id) FROM public.{table}"))

    def sql(who: str) -> str:
        decision = Decision(key, None, None, "rejected", who, f"2026-01-01T00:00:0{len(who)}")
        return postgres_decision_sql("public", table, "id", Stamp(), decision, {})

    user, password = officers["b"]
    with postgis_server.connect() as first, postgis_server.connect(user, password) as second:
        assert first.execute(sql("Officer A")).fetchall() == [(key,)]  # holds the row lock
        outcome: dict = {}

        def race() -> None:
            outcome["rows"] = second.execute(sql("Officer Bee")).fetchall()
            second.commit()

        worker = threading.Thread(target=race)
        worker.start()
        worker.join(1.0)
        assert worker.is_alive()  # B waits for A's transaction
        first.commit()
        worker.join(30)
    assert outcome["rows"] == []  # the row's stamp changed under B: refused
    assert postgis_server.sql(f"SELECT reviewed_by FROM public.{table} WHERE id = {key}") == (
        "Officer A"
    )
    assert (
        postgis_server.sql(
            "SELECT string_agg(decided_by, ',') FROM public.placelink_review_audit "
            f"WHERE match_table = 'public.{table}' AND row_key = {key}"
        )
        == "Officer A"
    )


def test_a_tables_own_review_fields_are_not_clobbered(make_dock, run_alg, postgis_server) -> None:
    """A records table with review_decision/reviewed_by of its own keeps them: the match
    adds match_review_decision… and the one-statement PostGIS write stamps those."""
    from qgis.core import QgsFeature

    records = QgsVectorLayer(
        "None?field=ref:string&field=addr:string&field=pc:string"
        "&field=review_decision:string&field=reviewed_by:string",
        "records", "memory",
    )  # fmt: skip
    rows = []
    for ref, addr, pc in RECORDS:
        row = QgsFeature(records.fields())
        row.setAttributes([ref, addr, pc, "approved", "Housing team"])
        rows.append(row)
    records.dataProvider().addFeatures(rows)
    table = "review_own_stamp"
    output = "postgis:" + postgis_server.uri(table=table)
    run_alg(
        "placelink:matchaddresses",
        {"INPUT": records, "ADDRESS_FIELDS": ["addr"], "POSTCODE_FIELD": "pc",
         "GAZETTEER": fixtures._gazetteer(), "OUTPUT": output},
    )  # fmt: skip
    layer = QgsVectorLayer(postgis_server.uri(table=table), "own stamp", "postgres")
    assert layer.isValid()
    dock = _dock(make_dock, fixtures._gazetteer(), layer)
    assert dock.load_queue()  # the records' own "approved" does not hide them from review
    row = dock.current()
    _as("Officer Cy")
    assert dock.reject_match()
    stored = postgis_server.sql(
        "SELECT review_decision || '|' || reviewed_by || '|' || match_review_decision || '|' "
        f"|| match_reviewed_by FROM public.{table} WHERE id = {row.id()}"
    )
    assert stored == "approved|Housing team|rejected|Officer Cy"
