"""Docks run algorithms through ui.runner: in a background task, with results and cancel."""

from __future__ import annotations

import time
from pathlib import Path

from qgis.core import QgsApplication, QgsProject

OPEN_UPRN = "UPRN,X_COORDINATE,Y_COORDINATE,LATITUDE,LONGITUDE\n" + "".join(
    f"{100000000000 + i},{450000 + i},{210000 + i},51.5,-1.3\n" for i in range(2000)
)


def wait_for(run, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while run.ok is None and time.monotonic() < deadline:
        QgsApplication.processEvents()
        time.sleep(0.01)
    assert run.ok is not None, "the run did not finish in time"


def test_background_run_loads_outputs_into_the_project(placelink_plugin, tmp_path: Path) -> None:
    from placelink.ui.runner import AlgorithmRun, layer_output

    source = tmp_path / "uprn.csv"
    source.write_text(OPEN_UPRN, encoding="utf-8")
    seen = []
    before = set(QgsProject.instance().mapLayers())
    run = AlgorithmRun(
        "placelink:loadaddresses",
        {"INPUT": [str(source)], "OUTPUT": layer_output(), "REJECTED": layer_output()},
    )
    run.finished.connect(lambda ok, results: seen.append((ok, results)))
    run.start()
    assert run.task is not None  # it really ran as a task
    wait_for(run)
    assert run.ok and seen and seen[0][0]
    assert seen[0][1]["LOADED"] == 2000
    added = [
        QgsProject.instance().mapLayer(i) for i in set(QgsProject.instance().mapLayers()) - before
    ]
    assert sorted(layer.featureCount() for layer in added) == [0, 2000]


def test_bad_parameters_finish_unsuccessfully_with_a_message(placelink_plugin) -> None:
    from placelink.ui.runner import AlgorithmRun, layer_output

    run = AlgorithmRun(
        "placelink:loadaddresses",
        {"INPUT": [], "OUTPUT": layer_output(), "REJECTED": layer_output()},
    )
    messages = []
    run.message.connect(messages.append)
    run.start()
    assert run.ok is False and messages and "INPUT" in messages[0]


def test_cancel_stops_a_long_run(placelink_plugin, tmp_path: Path) -> None:
    from placelink.ui.runner import AlgorithmRun, layer_output

    source = tmp_path / "big.csv"
    rows = "".join(
        f"{200000000000 + i},{400000 + i % 1000},{200000},51,-1\n" for i in range(300_000)
    )
    source.write_text(
        "UPRN,X_COORDINATE,Y_COORDINATE,LATITUDE,LONGITUDE\n" + rows, encoding="utf-8"
    )
    run = AlgorithmRun(
        "placelink:loadaddresses",
        {"INPUT": [str(source)], "OUTPUT": layer_output(), "REJECTED": layer_output()},
    )
    run.start()
    run.cancel()
    wait_for(run)
    assert run.results.get("LOADED", 0) < 300_000


def test_outputs_that_cannot_be_loaded_are_reported_not_hidden(
    placelink_plugin,
    iface,
    tmp_path: Path,
    monkeypatch,
) -> None:
    """QGIS 3.44's result loading raised on the old iface stub and the runner hid it."""
    from placelink.ui.runner import AlgorithmRun, layer_output
    from qgis.core import Qgis

    from processing.gui import Postprocessing

    def broken_loading(*args, **kwargs):
        raise RuntimeError("layer tree unavailable")

    monkeypatch.setattr(Postprocessing, "handleAlgorithmResults", broken_loading)
    source = tmp_path / "uprn.csv"
    source.write_text(OPEN_UPRN, encoding="utf-8")
    bar = iface.messageBar()
    bar.clear_messages()
    messages = []
    run = AlgorithmRun(
        "placelink:loadaddresses",
        {"INPUT": [str(source)], "OUTPUT": layer_output(), "REJECTED": layer_output()},
    )
    run.message.connect(messages.append)
    run.start()
    wait_for(run)
    assert run.ok  # the algorithm itself succeeded
    assert run.load_error and "layer tree unavailable" in run.load_error
    assert run.load_error in messages
    assert any("layer tree unavailable" in m for m in bar.get_messages(Qgis.MessageLevel.Critical))


def test_the_iface_has_a_real_layer_tree_view(iface) -> None:
    from qgis.gui import QgsLayerTreeView

    assert isinstance(iface.layerTreeView(), QgsLayerTreeView)


def test_run_and_load_results_with_only_the_main_output(placelink_plugin, tmp_path: Path) -> None:
    """Secondary outputs are optional: runAndLoadResults naming only OUTPUT loads it."""
    import processing

    source = tmp_path / "uprn.csv"
    source.write_text(OPEN_UPRN, encoding="utf-8")
    before = set(QgsProject.instance().mapLayers())
    results = processing.runAndLoadResults(
        "placelink:loadaddresses", {"INPUT": [str(source)], "OUTPUT": "TEMPORARY_OUTPUT"}
    )
    assert results["LOADED"] == 2000 and not results.get("REJECTED")
    added = [
        QgsProject.instance().mapLayer(i) for i in set(QgsProject.instance().mapLayers()) - before
    ]
    assert [layer.featureCount() for layer in added] == [2000]
