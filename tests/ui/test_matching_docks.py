"""Find address and Review matches docks, driven headless on a real match output."""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path

import pytest
from qgis.core import QgsApplication, QgsProject, QgsVectorLayer

pytest.importorskip("rapidfuzz")
_spec = importlib.util.spec_from_file_location(
    "match_fixtures", Path(__file__).resolve().parents[1] / "processing" / "test_match_addresses.py"
)
fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fixtures)


def test_find_address_ranks_as_you_type_and_goes_there(make_dock, iface) -> None:  # noqa: ANN001
    from placelink.ui.find_address_dock import FindAddressDock

    gazetteer = fixtures._gazetteer()
    dock = make_dock(FindAddressDock)
    dock.ui.gazetteerCombo.setLayer(gazetteer)
    assert dock.search("10") == []  # too short to search
    dock.ui.searchEdit.setText("10a high st")  # starts the index build in the background
    assert dock.matcher is None and "Indexing" in dock.ui.statusLabel.text()
    deadline = time.monotonic() + 60
    while dock.matcher is None and time.monotonic() < deadline:
        QgsApplication.processEvents()
        time.sleep(0.01)
    results = dock.ui.resultsList  # the pending search ran when the index was ready
    assert results.count() >= 1
    assert results.item(0).data(0x0100)[0] == 100000000011  # 10A, not 10
    assert "ms" in dock.ui.statusLabel.text() and dock.last_ms < 50
    dock.go_to(results.item(0))
    assert [f["uprn"] for f in gazetteer.selectedFeatures()] == [100000000011]
    assert iface.mapCanvas().extent().width() < 500


def test_review_steps_through_and_writes_decisions(make_dock, iface, run_alg, tmp_path) -> None:  # noqa: ANN001
    from placelink.ui.review_dock import ReviewDock

    gazetteer = fixtures._gazetteer()
    records = fixtures._records(
        [("r1", "10 High St", "AB1 2CD"), ("r4", "20 High Street", "AB1 2CE"),
         ("r5", "20 High St, Exampleton", "AB1 2CE")]
    )  # fmt: skip
    out = tmp_path / "matches.gpkg"
    run_alg(
        "placelink:matchaddresses",
        {"INPUT": records, "ADDRESS_FIELDS": ["addr"], "POSTCODE_FIELD": "pc",
         "GAZETTEER": gazetteer, "OUTPUT": str(out)},
    )  # fmt: skip
    layer = QgsVectorLayer(str(out), "matches", "ogr")
    QgsProject.instance().addMapLayer(layer, False)
    dock = make_dock(ReviewDock)
    dock.ui.gazetteerCombo.setLayer(gazetteer)
    dock.ui.scoreSpin.setValue(100)  # review everything short of a perfect score
    dock.ui.matchesCombo.setLayer(layer)
    queue = list(dock.load_queue())
    assert len(queue) >= 2
    first = dock.current()
    # the record text is what the matcher was given (ADDRESS_FIELDS + POSTCODE_FIELD, read
    # from the layer's provenance), not the ids around it
    assert dock.record_text(first) == f"{first['addr']}, {first['pc']}"
    assert dock.ui.candidatesList.count() >= 1
    dock.ui.candidatesList.setCurrentRow(0)
    chosen = dock.ui.candidatesList.item(0).data(0x0100)[0]
    assert dock.pick_selected()
    assert dock.reject_match()
    # the decisions are in the file itself, with who and when
    reread = {f.id(): f for f in QgsVectorLayer(str(out), "again", "ogr").getFeatures()}
    decided = [f for f in reread.values() if f["review_decision"]]
    assert len(decided) == 2
    assert reread[first.id()]["uprn"] == chosen and reread[first.id()]["reviewed_by"]
    assert all(f["reviewed_at"] for f in decided)
    rejected = [f for f in decided if f["review_decision"] == "rejected"]
    assert len(rejected) == 1 and str(rejected[0]["uprn"]) in ("None", "NULL")
    assert rejected[0]["match_status"] == "unmatched" and rejected[0].geometry().isEmpty()
    assert len(dock.load_queue()) == len(queue) - 2  # decided rows leave the queue
    audit = QgsVectorLayer(f"{out}|layername=placelink_review_audit", "audit", "ogr")
    rows = sorted((f["decision"], f["row_key"]) for f in audit.getFeatures())
    assert len(rows) == 2 and rows[1][0] == "rejected"  # one audit row per decision
    assert rows[0][0] in ("accepted", "changed")
    assert first.id() in {key for _, key in rows}
