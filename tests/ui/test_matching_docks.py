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


def _wait_for_search(dock) -> None:
    deadline = time.monotonic() + 60
    while dock.searcher is None and time.monotonic() < deadline:
        QgsApplication.processEvents()
        time.sleep(0.01)


def test_find_address_ranks_as_you_type_and_goes_there(make_dock, iface) -> None:
    from placelink.ui.find_address_dock import FindAddressDock
    from qgis.PyQt.QtCore import QEvent, Qt
    from qgis.PyQt.QtGui import QKeyEvent

    gazetteer = fixtures._gazetteer()
    dock = make_dock(FindAddressDock)
    dock.ui.gazetteerCombo.setLayer(gazetteer)
    dock.ui.searchEdit.setText("10a high st")  # starts the index build in the background
    assert dock.searcher is None and "Indexing" in dock.ui.statusLabel.text()
    _wait_for_search(dock)
    results = dock.ui.resultsList  # the pending search ran when the index was ready
    assert results.count() >= 1
    assert results.item(0).data(0x0100)[0] == 100000000011  # 10A, not 10
    assert "(relevance 0)" not in results.item(0).toolTip()
    assert "ms" in dock.ui.statusLabel.text() and dock.last_ms < 50
    dock.ui.searchEdit.returnPressed.emit()  # Enter goes to the best result
    assert [f["uprn"] for f in gazetteer.selectedFeatures()] == [100000000011]
    assert iface.mapCanvas().extent().width() < 500
    assert dock.highlight.band is not None  # kept, not a flash
    dock.show()
    dock.hide()  # closing the dock takes its marker off the map (no stale pick elsewhere)
    assert dock.highlight.band is None

    dock.ui.searchEdit.setText("AB1 2CE")  # a postcode alone: every address there
    assert [results.item(i).data(0x0100)[0] for i in range(results.count())] == [
        100000000020, 100000000021, 100000000022
    ]  # fmt: skip
    down = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier)
    assert dock.eventFilter(dock.ui.searchEdit, down) and results.currentRow() == 1
    dock.go_to_current()
    assert [f["uprn"] for f in gazetteer.selectedFeatures()] == [100000000021]
    assert "3 addresses share this point" not in dock.ui.statusLabel.text()  # own points here

    dock.ui.searchEdit.setText("mill lane")  # a street alone
    assert results.count() == 1 and "street MILL LANE" in results.item(0).toolTip()
    dock.ui.searchEdit.setText("100000000012")  # a UPRN
    assert results.item(0).data(0x0100)[0] == 100000000012


def test_the_locator_bar_finds_addresses(make_dock, placelink_plugin, iface) -> None:
    from placelink.ui.find_address_dock import FindAddressDock
    from placelink.ui.locator_filter import AddressLocatorFilter
    from qgis.core import QgsLocator, QgsLocatorContext, QgsLocatorResult

    gazetteer = fixtures._gazetteer()
    dock = make_dock(FindAddressDock)
    dock.ui.gazetteerCombo.setLayer(gazetteer)
    dock.search()  # the first search builds the index (shared with the locator)
    _wait_for_search(dock)
    assert dock.searcher is not None
    assert isinstance(placelink_plugin.locator_filter, AddressLocatorFilter)
    locator = QgsLocator()
    locator_filter = AddressLocatorFilter(iface, lambda: gazetteer)
    locator.registerFilter(locator_filter)
    found = []
    # the signal's result lives only while the slot runs: keep copies
    locator.foundResult.connect(lambda result: found.append(QgsLocatorResult(result)))
    locator.fetchResults("10 hgih st", QgsLocatorContext())
    deadline = time.monotonic() + 30
    while locator.isRunning() and time.monotonic() < deadline:
        QgsApplication.processEvents()
        time.sleep(0.01)
    QgsApplication.processEvents()
    assert found and found[0].displayString.startswith("10 HIGH STREET")
    assert "UPRN 100000000010" in found[0].description
    gazetteer.removeSelection()
    locator_filter.triggerResult(found[0])
    assert [f["uprn"] for f in gazetteer.selectedFeatures()] == [100000000010]
    from placelink.ui.current_address import CURRENT

    assert CURRENT.uprn == 100000000010 and CURRENT.source == "locator"  # panels follow it
    locator.deregisterFilter(locator_filter)


def test_review_steps_through_and_writes_decisions(make_dock, iface, run_alg, tmp_path) -> None:
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
    deadline = time.monotonic() + 60  # the gazetteer's index is built in the background
    while dock.ui.candidatesList.count() == 0 and time.monotonic() < deadline:
        QgsApplication.processEvents()
        time.sleep(0.01)
    first = dock.current()
    # the record text is what the matcher was given (ADDRESS_FIELDS + POSTCODE_FIELD, read
    # from the layer's provenance), not the ids around it
    assert dock.record_text(first) == f"{first['addr']}, {first['pc']}"
    assert dock.ui.candidatesList.count() >= 1
    shown = [dock.ui.candidatesList.item(i) for i in range(dock.ui.candidatesList.count())]
    # no noise: every candidate but the matcher's own choice has something in common
    assert all(i.text().startswith("✓") or not i.text().endswith("(0)") for i in shown)
    assert dock.ui.candidatesList.wordWrap()  # whole addresses, not cut at the dock's edge
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


def test_review_never_accepts_the_first_of_tied_flats_and_searches_by_hand(
    make_dock, iface, run_alg, tmp_path
) -> None:
    from placelink.ui.review_dock import ReviewDock

    gazetteer = fixtures._gazetteer()
    records = fixtures._records([("r4", "20 High Street", "AB1 2CE")])  # flat 1 or flat 2?
    out = tmp_path / "tied.gpkg"
    run_alg(
        "placelink:matchaddresses",
        {"INPUT": records, "ADDRESS_FIELDS": ["addr"], "POSTCODE_FIELD": "pc",
         "GAZETTEER": gazetteer, "OUTPUT": str(out)},
    )  # fmt: skip
    layer = QgsVectorLayer(str(out), "tied", "ogr")
    QgsProject.instance().addMapLayer(layer, False)
    dock = make_dock(ReviewDock)
    dock.ui.gazetteerCombo.setLayer(gazetteer)
    dock.ui.matchesCombo.setLayer(layer)
    assert dock.load_queue() and dock.current()["match_status"] == "ambiguous"
    assert not dock.accept()  # tied: the officer chooses, Accept does not pick the first
    assert "tied between several addresses" in dock.ui.statusLabel.text()
    assert not next(layer.getFeatures())["review_decision"]
    deadline = time.monotonic() + 60
    while dock._search() is None and time.monotonic() < deadline:
        QgsApplication.processEvents()
        time.sleep(0.01)
    dock.ui.searchEdit.setText("flat 2 20 high street")  # found by hand
    uprns = [dock.ui.candidatesList.item(i).data(0x0100)[0]
             for i in range(dock.ui.candidatesList.count())]  # fmt: skip
    assert uprns[0] == 100000000022
    dock.ui.candidatesList.setCurrentRow(0)
    assert dock.pick_selected()
    decided = next(QgsVectorLayer(str(out), "again", "ogr").getFeatures())
    assert decided["uprn"] == 100000000022 and decided["review_decision"] == "changed"


def test_review_decides_on_the_match_not_on_the_records_own_uprn(
    make_dock, iface, run_alg, tmp_path
) -> None:
    """Records that already carry a uprn of their own get the match as match_uprn (the result
    contract's names); the dock reads and writes match_uprn and never touches the input's."""
    from placelink.ui.review_dock import ReviewDock
    from qgis.core import QgsFeature

    gazetteer = fixtures._gazetteer()
    records = QgsVectorLayer(
        "None?field=ref:string&field=addr:string&field=pc:string&field=uprn:string",
        "records", "memory",
    )  # fmt: skip
    row = QgsFeature(records.fields())
    row.setAttributes(["r4", "20 High Street", "AB1 2CE", "legacy-4"])  # flat 1 or flat 2?
    records.dataProvider().addFeatures([row])
    out = tmp_path / "own_uprn.gpkg"
    run_alg(
        "placelink:matchaddresses",
        {"INPUT": records, "ADDRESS_FIELDS": ["addr"], "POSTCODE_FIELD": "pc",
         "GAZETTEER": gazetteer, "OUTPUT": str(out)},
    )  # fmt: skip
    layer = QgsVectorLayer(str(out), "own", "ogr")
    QgsProject.instance().addMapLayer(layer, False)
    dock = make_dock(ReviewDock)
    dock.ui.gazetteerCombo.setLayer(gazetteer)
    dock.ui.matchesCombo.setLayer(layer)
    assert dock.load_queue(), "the ambiguous record is in the queue"
    assert dock.names["uprn"] == "match_uprn"
    assert "ambiguous" in dock.ui.recordLabel.text()
    assert not dock.accept()  # the tie is seen through match_status
    assert dock.reject_match()
    decided = next(QgsVectorLayer(str(out), "again", "ogr").getFeatures())
    assert decided["uprn"] == "legacy-4"  # the record's own field is untouched
    assert (
        str(decided["match_uprn"]) in ("None", "NULL") and decided["review_decision"] == "rejected"
    )
