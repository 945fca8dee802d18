"""Write ``output/demo.qgz``: the demo's outputs styled, the docks' state and the print layout.

Run by ``make demo`` after the model (``scripts/demo.py``); open the result with
``qgis output/demo.qgz``. Paths in the project are relative, so the folder can be moved.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STYLES = ROOT / "resources" / "styles"
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def write_project(out: Path, sample: Path, title: str) -> Path:
    """Build and save the project; returns its path."""
    from placelink.qgis_support import styling
    from placelink.qgis_support.map_layout import build_layout
    from placelink.ui.dock_state import SCOPE
    from placelink.ui.results_folder import mark_result_set
    from qgis.core import (
        QgsCategorizedSymbolRenderer,
        QgsProject,
        QgsRectangle,
        QgsReferencedRectangle,
        QgsVectorLayer,
    )

    gpkg = out / "demo.gpkg"
    project = QgsProject.instance()
    project.clear()
    project.setTitle(f"PlaceLink demo: {title}")
    project.setCrs(QgsVectorLayer(f"{gpkg}|layername=addresses", "probe", "ogr").crs())
    root = project.layerTreeRoot()

    def add(source: str, name: str, group=None, style: str | None = None) -> QgsVectorLayer:
        layer = QgsVectorLayer(source, name, "ogr")
        if not layer.isValid():
            raise RuntimeError(f"cannot open {source}")
        if style and (STYLES / style).exists():
            layer.loadNamedStyle(str(STYLES / style))
        project.addMapLayer(layer, False)
        (group or root).addLayer(layer)
        return layer

    def table(name: str) -> str:
        return f"{gpkg}|layername={name}"

    # Reading order, top to bottom: points over lines over fills, so nothing hides the
    # gazetteer; only what an officer looks at first is switched on.
    facilities = add(
        f"{sample / 'sample_council.gpkg'}|layername=facilities|subset=\"type\" = 'primary school'",
        "Primary schools",
    )  # fmt: skip
    styling.style_facilities(facilities, "name")

    base = root.addGroup("Gazetteers")
    addresses = add(table("addresses"), "Addresses (LLPG)", base, "addresses.qml")
    streets = add(table("streets"), "Streets (NSG)", base, "streets.qml")

    match_group = root.addGroup("Matching")
    matches = add(table("matched_records"), "Matched service records", match_group)
    renderer = QgsCategorizedSymbolRenderer.convertFromRenderer(matches.renderer())
    renderer.setClassAttribute("match_status")
    matches.setRenderer(renderer)

    quality_group = root.addGroup("Data quality")
    add(table("quality_issues"), "Quality issues", quality_group, "quality_issues.qml")
    add(table("quality_summary"), "Quality summary", quality_group)

    catch_group = root.addGroup("Catchments")
    mark_result_set(catch_group)  # a Catchments dock run puts its set here, not beside it
    assignments = add(table("assignments"), "Address assignments", catch_group)
    bands = add(table("band_areas"), "Distance bands", catch_group)
    catchments = add(table("catchments"), "Catchments", catch_group)
    colours = styling.facility_colours(catchments, "facility_name")
    styling.style_catchments(catchments, "facility_name", colours, "address_count")
    catchments.setOpacity(0.55)  # the streets and addresses show through
    styling.style_band_outlines(bands, "facility_name", colours)
    styling.style_points_by_facility(assignments, "facility_name", colours)
    assignments.setMapTipTemplate(
        'UPRN [% "uprn" %]: [% "facility_name" %], [% round("distance_m") %] m'
    )

    boundary = add(f"{sample / 'sample_council.gpkg'}|layername=boundary", "Boundary")
    boundary.renderer().symbol().setColor(boundary.renderer().symbol().color().fromRgb(0, 0, 0, 0))
    for group in (match_group, quality_group):
        group.setExpanded(False)
        group.setItemVisibilityChecked(False)  # one click away, not on top of everything
    root.findLayer(assignments.id()).setItemVisibilityChecked(False)  # 1 point per address
    root.findLayer(bands.id()).setItemVisibilityChecked(False)
    # open on the council, not on a blank canvas
    council = QgsRectangle(boundary.extent())
    council.grow(max(council.width(), council.height()) * 0.03)
    project.viewSettings().setDefaultViewExtent(QgsReferencedRectangle(council, boundary.crs()))

    layout = build_layout(
        project, title, title, [facilities, bands, streets, catchments], [facilities, catchments],
        QgsRectangle(catchments.extent()), None,
    )  # fmt: skip
    project.layoutManager().addLayout(layout)

    docks = {
        "QualityDock": {"addresses": addresses.id(), "streets": streets.id(),
                        "boundary": boundary.id(), "postcodes": "", "rules": ""},
        "CatchmentsDock": {"facilities": facilities.id(), "name_field": "name",
                           "addresses": addresses.id(), "method": "1", "network": streets.id(),
                           "boundary": boundary.id(), "bands": "400,800,1600", "title": title},
        "FindAddressDock": {"gazetteer": addresses.id(), "search": ""},
        "ReviewDock": {"gazetteer": addresses.id(), "matches": matches.id(), "below": "75.0"},
    }  # fmt: skip
    # one dock open (more would crowd a laptop screen); the others keep their settings
    project.writeEntry(SCOPE, "/open_docks", ["CatchmentsDock"])
    for name, values in docks.items():
        for key, value in values.items():
            project.writeEntry(SCOPE, f"/docks/{name}/{key}", value)
    project.writeEntry("Paths", "/Absolute", False)
    target = out / "demo.qgz"
    if not project.write(str(target)):
        raise RuntimeError(f"could not write {target}: {project.error()}")
    return target


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "output"
    sample = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "resources" / "sample"
    title = sys.argv[3] if len(sys.argv) > 3 else "Catchment areas"
    link = ROOT / "build" / "pluginpath" / "placelink"
    link.parent.mkdir(parents=True, exist_ok=True)
    if not link.exists():
        link.symlink_to(ROOT, target_is_directory=True)
    sys.path.insert(0, str(link.parent))
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    print(write_project(out, sample, title))
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
