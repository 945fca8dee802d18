"""Crash safety of review decisions in a GeoPackage: QGIS killed (SIGKILL) in the middle of
review writes loses no decision it had written and leaves a file that opens and checks."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from qgis.core import QgsVectorLayer

HERE = Path(__file__).resolve().parent
PLUGIN_PATH = HERE.parents[1] / "build" / "pluginpath"
ROWS = 3000


def _matches(path: Path) -> None:
    layer = QgsVectorLayer(
        "Point?crs=EPSG:27700&field=uprn:long&field=match_status:string(20)"
        "&field=match_score:double&field=review_decision:string(20)"
        "&field=reviewed_by:string(100)&field=reviewed_at:string(25)",
        "matches",
        "memory",
    )
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorFileWriter

    features = []
    for n in range(ROWS):
        feature = QgsFeature(layer.fields())
        feature.setAttributes([100000 + n, "ambiguous", 70.0, None, None, None])
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(500000 + n, 100000)))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName, options.layerName = "GPKG", "matches"
    from qgis.core import QgsCoordinateTransformContext

    error = QgsVectorFileWriter.writeAsVectorFormatV3(
        layer, str(path), QgsCoordinateTransformContext(), options
    )
    assert error[0] == QgsVectorFileWriter.NoError, error


def test_kill_during_review_writes_loses_nothing(tmp_path) -> None:
    gpkg = tmp_path / "matches.gpkg"
    _matches(gpkg)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    process = subprocess.Popen(
        [sys.executable, str(HERE / "review_writer.py"), str(PLUGIN_PATH), str(gpkg)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    written: list[int] = []
    try:
        for line in process.stdout:
            written.append(int(line))
            if len(written) >= 300:
                os.kill(process.pid, signal.SIGKILL)  # in the middle of the next write
                break
    finally:
        process.kill()
        process.wait(30)
    assert len(written) >= 300, process.stderr.read()
    assert process.returncode == -signal.SIGKILL
    with sqlite3.connect(gpkg) as db:  # the file opens and is whole
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        decided = dict(
            db.execute("SELECT fid, uprn FROM matches WHERE review_decision = 'changed'")
        )
        assert db.execute("SELECT count(*) FROM matches").fetchone() == (ROWS,)
        audited = dict(db.execute("SELECT row_key, new_uprn FROM placelink_review_audit"))
    # every decision that returned has its audit row; only the one in flight may lack it
    assert all(audited.get(fid) == decided[fid] for fid in written)
    assert len(written) <= len(audited) <= len(decided)
    assert all(decided.get(fid) is not None for fid in written)  # no written decision lost
    assert len(decided) in (len(written), len(written) + 1)  # at most the one in flight
    layer = QgsVectorLayer(f"{gpkg}|layername=matches", "reopened", "ogr")
    assert layer.isValid() and layer.featureCount() == ROWS
    reviewed = [f for f in layer.getFeatures() if f["reviewed_by"] == "Crash Test"]
    assert len(reviewed) == len(decided)
    assert all(f.geometry().asPoint().x() >= 400000 for f in reviewed)
