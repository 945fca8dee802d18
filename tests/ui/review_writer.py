"""A QGIS process that writes review decisions into a GeoPackage until it is killed.

``python review_writer.py PLUGIN_PATH GPKG``: decides every undecided row in turn through
the Review matches dock's own write path and prints each row's id once its write returned
(the test kills this process with SIGKILL in the middle of the writes).
"""

from __future__ import annotations

import sys

from qgis.core import QgsApplication, QgsGeometry, QgsPointXY, QgsVectorLayer


def main(plugin_path: str, gpkg: str) -> None:
    sys.path.insert(0, plugin_path)
    app = QgsApplication([], False)
    app.initQgis()
    from placelink.core.review_decisions import Decision
    from placelink.ui.review_store import stamp_of, write_decision

    layer = QgsVectorLayer(f"{gpkg}|layername=matches", "matches", "ogr")
    assert layer.isValid()
    for n, feature in enumerate(list(layer.getFeatures())):
        decision = Decision(feature.id(), feature["uprn"], 900000 + n, "changed", "Crash Test",
                            f"2026-01-01T00:00:{n % 60:02d}")  # fmt: skip
        changes = {"uprn": 900000 + n, "match_status": "matched"}
        point = QgsGeometry.fromPointXY(QgsPointXY(400000 + n, 200000))
        write_decision(layer, feature, stamp_of(feature), decision, changes, point)
        print(feature.id(), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
